#include "alsmeds/adherence/adherence.hpp"

#include <algorithm>
#include <map>

#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"

namespace alsmeds {
namespace {

using date::days;

std::optional<double> pct(int part, int whole, bool cap) {
  if (whole <= 0) return std::nullopt;
  const double v = 100.0 * part / whole;
  return cap ? std::min(v, 100.0) : v;
}

// One planned dose: its stable key, when it is due, and the day it belongs to.
struct PlannedDose {
  PlannedRef ref;
  Instant due;
  Day day;
  int on_time_days = 0;  // a dose due on a day: given up to this many days after it is on time
};

// The last day the therapy counts in the period (never after a stop).
Day last_counted_day(const Therapy& t, const Period& p) {
  return t.stop ? std::min(*t.stop, p.to) : p.to;
}

}  // namespace

Result<Period> report_period(Day from, Day to, Day today, Instant now, DaysToCome to_come,
                             std::string_view from_name, std::string_view to_name) {
  const std::string f(from_name), t(to_name);
  if (to < from) return fail(t + ": " + format_day(to) + " is before the first day, " + format_day(from));
  if (from > today)
    return fail(f + ": " + format_day(from) + " is in the future (today is " + format_day(today) +
                "): there is nothing to count yet");
  if (to > today && to_come == DaysToCome::refused)
    return fail(t + ": " + format_day(to) + " is in the future (today is " + format_day(today) +
                "): end the period today at the latest");
  Period period{from, to};
  if (to >= today) period.due_by = now;
  return period;
}

std::optional<double> DoseAdherence::taking_pct() const {
  return pct(taken, scheduled, true);
}
std::optional<double> DoseAdherence::timing_pct() const {
  return pct(on_time, scheduled, true);
}
std::optional<double> DoseAdherence::correct_days_pct() const {
  return pct(correct_days, days, true);
}
std::optional<int> DoseAdherence::start_delay_days() const {
  if (cycles.empty()) return std::nullopt;
  int most = 0;
  for (const EdaravoneCycleAdherence& c : cycles) most = std::max(most, c.start_delay_days);
  return most;
}

DoseAdherence dose_adherence(const PatientFacts& facts, const Therapy& therapy, const Period& period) {
  return dose_adherence(facts, current_doses(facts.log), therapy, period);
}

DoseAdherence dose_adherence(const PatientFacts& facts, const std::vector<DoseRecord>& doses,
                             const Therapy& therapy, const Period& period) {
  DoseAdherence out;
  const Day first = std::max(period.from, therapy.start);
  const Day last = last_counted_day(therapy, period);
  if (last < first) return out;
  const Drug drug = therapy.drug;
  LocalDayFinder day_of(facts.zone);
  const auto index_of = [&](Day d) { return static_cast<std::size_t>((d - first).count()); };
  std::vector<int> prescribed_per_day(index_of(last) + 1, 0);  // other therapy days expect none

  std::vector<PlannedDose> planned;
  EdaravonePlan eda_plan;
  switch (drug) {
    case Drug::riluzole: {
      const RiluzoleRegimen r = riluzole_regimen_for(therapy, facts.zone, facts.earlier_zones, first);
      auto plan = plan_riluzole(r, static_cast<int>((last - first).count()) + 1);
      if (plan)
        for (const RiluzoleDose& d : *plan) {
          if (paused_on(therapy, d.local_day)) continue;  // a pause: neither prescribed nor missed
          planned.push_back({planned_ref(therapy, d), d.instant, d.local_day});
          ++prescribed_per_day[index_of(d.local_day)];
        }
      break;
    }
    case Drug::edaravone: {
      std::vector<Day> missed;
      for (const DoseRecord& d : doses)
        if (d.drug == Drug::edaravone && d.status != DoseStatus::taken) missed.push_back(day_of(d.at));
      eda_plan = edaravone_plan_for(therapy, facts.closed, std::move(missed), last);
      for (const InfusionCycle& c : eda_plan.cycles) {
        for (const EdaravoneDose& d : c.doses)
          if (d.day >= first && d.day <= last) {
            planned.push_back({planned_ref(therapy, d), Instant{d.day}, d.day});
            ++prescribed_per_day[index_of(d.day)];
          }
        // A missed day with no make-up left is still a scheduled dose that was not given (and matches
        // nothing).
        for (Day m : c.missed)
          if (m >= first && m <= last) {
            planned.push_back({PlannedRef{}, Instant{m}, m});
            ++prescribed_per_day[index_of(m)];
          }
      }
      std::sort(planned.begin(), planned.end(),
                [](const PlannedDose& a, const PlannedDose& b) { return a.due < b.due; });
      break;
    }
    default: {
      // A regimen planned by the day (tofersen; a registered drug): its plan anchored on the doses given (a
      // late dose moves the later ones); each dose counts on the day it was due, given on time within its
      // regimen's days after it (tofersen: kTofersenOnTimeDays, docs/domain.md, our default).
      const Regimen& r = regimen(drug);
      if (!r.plan_days) break;
      std::vector<Day> given;
      for (const DoseRecord& d : doses)
        if (d.drug == drug && d.status == DoseStatus::taken) given.push_back(day_of(d.at));
      for (const PlannedDay& d : r.plan_days(course_days(therapy, std::move(given)), last))
        if (d.due >= first && d.due <= last) {
          planned.push_back(
              {PlannedRef{therapy.id, d.first, d.second}, Instant{d.due}, d.due, d.on_time_days});
          ++prescribed_per_day[index_of(d.due)];
        }
      break;
    }
  }
  out.scheduled = static_cast<int>(planned.size());
  // Doses due at a clock time (riluzole) are on time within a window of it; the others on their day.
  const bool timed = regimen(drug).timed_doses;

  // Taken doses of this drug in the period: per local day, and by the planned dose they answer. A planned
  // dose logged taken twice counts once, at its earliest logged time.
  std::vector<int> taken_per_day(prescribed_per_day.size(), 0);
  std::vector<std::pair<PlannedRef, Instant>> taken;
  std::vector<Instant> taken_times;  // every taken dose of the drug in the period
  for (const DoseRecord& e : doses) {
    if (e.drug != drug || e.status != DoseStatus::taken) continue;
    const Day d = day_of(e.at);
    if (d < first || d > last) continue;
    ++taken_per_day[index_of(d)];
    taken_times.push_back(e.at);
    if (e.planned.empty()) {
      ++out.unplanned_doses;
      continue;
    }
    taken.emplace_back(e.planned, e.at);
  }
  if (timed) {
    std::sort(taken_times.begin(), taken_times.end());
    for (std::size_t i = 1; i < taken_times.size(); ++i)
      if (taken_times[i] - taken_times[i - 1] < kDoubledDoseGap)
        out.deviations.push_back("doubled dose on " + format_day(day_of(taken_times[i])) + ": two doses " +
                                 std::to_string(std::chrono::duration_cast<std::chrono::minutes>(
                                                    taken_times[i] - taken_times[i - 1])
                                                    .count()) +
                                 " min apart");
  }
  std::sort(taken.begin(), taken.end());
  const auto taken_at = [&](const PlannedRef& ref) -> const Instant* {
    if (ref.empty()) return nullptr;
    auto it = std::lower_bound(
        taken.begin(), taken.end(), ref,
        [](const std::pair<PlannedRef, Instant>& t, const PlannedRef& r) { return t.first < r; });
    return it != taken.end() && it->first == ref ? &it->second : nullptr;
  };

  if (period.due_by) {
    // Not due yet (later today): neither scheduled nor missed, unless already taken.
    const Day today = day_of(*period.due_by);
    const auto not_due = [&](const PlannedDose& p) {
      // (An edaravone day logged missed, with no make-up left, has no planned ref: it stays missed.)
      const bool later = timed ? p.due > *period.due_by : p.day >= today && !p.ref.empty();
      if (!later || taken_at(p.ref)) return false;
      --prescribed_per_day[index_of(p.day)];
      return true;
    };
    planned.erase(std::remove_if(planned.begin(), planned.end(), not_due), planned.end());
    out.scheduled = static_cast<int>(planned.size());
  }

  const auto window = timed ? kRiluzoleOnTimeWindow : std::chrono::seconds{0};
  int run = 0;
  std::vector<int> on_time_per_day(prescribed_per_day.size(), 0), late_per_day(prescribed_per_day.size(), 0);
  for (const PlannedDose& p : planned) {
    const Instant* at = taken_at(p.ref);
    if (!at) {
      out.longest_missed_run = std::max(out.longest_missed_run, ++run);
      continue;
    }
    run = 0;
    ++out.taken;
    const bool on_time = timed ? (*at >= p.due - window && *at <= p.due + window)
                               : day_of(*at) >= p.day && day_of(*at) <= p.day + days{p.on_time_days};
    out.on_time += on_time;
    ++(on_time ? on_time_per_day : late_per_day)[index_of(p.day)];
  }

  out.first_day = first;
  for (std::size_t i = 0; i < prescribed_per_day.size(); ++i) {
    ++out.days;
    out.correct_days += prescribed_per_day[i] == taken_per_day[i];
    const int want = prescribed_per_day[i], got = on_time_per_day[i] + late_per_day[i];
    out.by_day.push_back(want == 0                    ? DoseDay::drug_free
                         : on_time_per_day[i] == want ? DoseDay::taken
                         : got == want                ? DoseDay::late
                         : got == 0                   ? DoseDay::missed
                                                      : DoseDay::partly_missed);
  }

  if (drug == Drug::edaravone) {
    // Deviations by day, each counted against the cycle the day falls in.
    const auto cycle_of = [&](Day d) -> const InfusionCycle* {
      for (const InfusionCycle& c : eda_plan.cycles)
        if (d >= c.start && d < c.next_start) return &c;
      return nullptr;
    };
    std::map<int, int> per_cycle;  // cycle number -> deviations
    const auto deviation = [&](Day d, const std::string& text) {
      const InfusionCycle* c = cycle_of(d);
      if (c) ++per_cycle[c->number];
      out.deviations.push_back(text);
    };
    for (std::size_t i = 0; i < taken_per_day.size(); ++i) {
      const int n = taken_per_day[i];
      if (n == 0) continue;
      const Day d = first + days{static_cast<int>(i)};
      const InfusionCycle* c = cycle_of(d);
      if (!c)
        deviation(d, "dose on " + format_day(d) + " outside every cycle");
      else if (d > c->window_last)
        deviation(
            d, "dose on " + format_day(d) + " in cycle " + std::to_string(c->number) + "'s drug-free period");
      if (n > 1) deviation(d, std::to_string(n) + " doses on " + format_day(d));
    }
    for (const InfusionCycle& c : eda_plan.cycles) {
      if (c.next_start <= first || c.start > last) continue;
      EdaravoneCycleAdherence ca;
      ca.cycle = c.number;
      ca.start_delay_days =
          static_cast<int>((c.start - (therapy.start + days{kCycleLengthDays * (c.number - 1)})).count());
      int given_in_window = 0;
      // Only the cycle's days inside the period count, planned and given alike.
      for (const EdaravoneDose& d : c.doses)
        if (d.day >= first && d.day <= last) {
          ++ca.planned;
          if (taken_at(planned_ref(therapy, d))) ++ca.given;
        }
      for (Day m : c.missed) ca.planned += m >= first && m <= last ? 1 : 0;
      for (Day d = std::max(c.start, first); d <= std::min(c.window_last, last); d += days{1})
        given_in_window += taken_per_day[index_of(d)];
      if (given_in_window > c.doses_required) {
        ++per_cycle[c.number];
        out.deviations.push_back("cycle " + std::to_string(c.number) + ": " +
                                 std::to_string(given_in_window) + " doses in its window (at most " +
                                 std::to_string(c.doses_required) + ")");
      }
      ca.deviations = per_cycle[c.number];
      out.cycles.push_back(ca);
    }
  }
  return out;
}

RefillAdherence refill_adherence(const std::vector<LogEntry>& all, Drug drug, const Period& period) {
  RefillAdherence out;
  std::vector<std::pair<Day, int>> fills;
  for (const LogEntry& e : current_entries(all))
    if (e.kind == LogKind::dispensing && e.drug == drug && e.day && *e.day <= period.to)
      fills.emplace_back(*e.day, e.days_supply);
  std::sort(fills.begin(), fills.end());
  if (fills.empty()) return out;

  // Lay the supply out from the first fill: an early refill starts when the previous supply ends, so the
  // days covered are runs one after another; the days of the period each run covers are counted.
  const Day index = std::max(period.from, fills.front().first);
  const int denominator = static_cast<int>((period.to - index).count()) + 1;
  int covered_days = 0;
  Day next_free = fills.front().first;
  int supply_in_period = 0;
  for (const auto& [day, supply] : fills) {
    const Day begin = std::max(day, next_free);
    const Day first = std::max(begin, index), last = std::min(begin + days{supply - 1}, period.to);
    if (supply > 0 && first <= last) covered_days += static_cast<int>((last - first).count()) + 1;
    next_free = begin + days{supply};
    if (day >= period.from) supply_in_period += supply;
  }
  out.pdc_pct = pct(covered_days, denominator, true);
  out.gap_days = denominator - covered_days;
  out.mpr_pct = pct(supply_in_period, period.days(), false);
  return out;
}

}  // namespace alsmeds
