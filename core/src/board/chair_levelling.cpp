// Why choosing each window's days alone is exact. Fix a start. Cycle 1 is its 14 consecutive days (no
// choice). The doses of later cycles fall in disjoint 14-day windows, at most one a day, on days the unit
// opens (and the patient's preference allows), so a choice is one set of days per window, and the score terms
// react to a dose on a day of load l (others') and capacity c as follows:
//   over-capacity days: +1 exactly when l == c (a day already over stays one day);
//   the peak: max(l + 1, the rest);
//   the sum of squares above the mean: f(l + 1) - f(l) with f(x) = max(0, x - m)^2, convex and increasing,
//   so the increment grows with l (m is the same for every choice: a start adds the same number of doses).
// Ranking is lexicographic: over-capacity days, then the peak, then the sum (then the earlier start). Taking
// in every window the days ordered by (l == c, l, date) spends the fewest days at l == c (the least
// over-capacity days any choice can have), and within each of the two groups the lowest loads, which
// minimises both the largest load chosen and the sum of the convex increments among the choices with the
// fewest over-capacity days. Every start of the search window is scored in full, so the best proposal is the
// optimum over starts and day choices (tests/core/chair_levelling_test.cpp compares it with a brute-force
// search on a tiny unit).
#include "alsmeds/board/chair_levelling.hpp"

#include <algorithm>
#include <tuple>

#include "alsmeds/pharmacy/pharmacy_prep.hpp"

namespace alsmeds {

int InfusionUnit::infusions_per_day(Day day) const {
  if (weekdays_only && is_weekend(day)) return 0;
  return chairs * std::max(0, closing_hour - opening_hour);
}

InfusionUnit infusion_unit_of(const UnitSettings& s) {
  return {s.chairs, (s.opens_minute + 59) / 60, s.closes_minute / 60, s.weekdays_only};
}

int ChairLoad::on(Day day) const {
  const auto i = (day - from).count();
  return i >= 0 && i < static_cast<long>(infusions.size()) ? infusions[static_cast<std::size_t>(i)] : 0;
}

ChairLoad iv_chair_load(const std::vector<PatientFacts>& patients,
                        const std::vector<InfusionBooking>& bookings, Day from, int days) {
  ChairLoad load{from, std::vector<int>(static_cast<std::size_t>(std::max(days, 0)), 0)};
  if (days <= 0) return load;
  const PrepList list = pharmacy_prep(patients, bookings, from, from + date::days{days - 1});
  for (const PrepRow& row : list.rows) {
    if (row.week || !row.chair) continue;  // tofersen: a procedure, not a chair
    const auto i = (row.date - from).count();
    if (i >= 0 && i < days) load.infusions[static_cast<std::size_t>(i)] += row.infusions;
  }
  return load;
}

void add_doses(ChairLoad& load, const std::vector<Day>& days) {
  for (const Day d : days) {
    const auto i = (d - load.from).count();
    if (i >= 0 && i < static_cast<long>(load.infusions.size())) ++load.infusions[static_cast<std::size_t>(i)];
  }
}

namespace {

struct Horizon {
  Day first, end;  // [first, end)
};

// Cycle 1 takes 14 consecutive days whatever the unit's days (on a day it does not open, the dose is counted
// over capacity); later cycles take days the unit opens and the patient's preference allows.
bool dosable(Day day, const StartProposalRequest& r, const InfusionUnit& unit, bool later_cycle) {
  if (r.closed.contains(day)) return false;
  if (!later_cycle) return true;
  if (unit.infusions_per_day(day) == 0) return false;
  return !(r.preference == DayPolicy::weekdays && is_weekend(day));
}

bool cycle1_fits(Day start, const StartProposalRequest& r, const InfusionUnit& unit) {
  for (int i = 0; i < kDosingWindowDays; ++i)
    if (!dosable(start + date::days{i}, r, unit, false)) return false;
  return true;
}

// The course's dose days in the horizon from `start`: cycle 1 whole, then per window either the first open
// days (`levelled` false: what the plan does today) or the days the module comment orders first.
StartProposal course_days(Day start, const StartProposalRequest& r, const InfusionUnit& unit,
                          const ChairLoad& others, const Horizon& h, bool levelled) {
  StartProposal p;
  p.start = start;
  for (int i = 0; i < kDosingWindowDays; ++i)
    if (start + date::days{i} < h.end) p.dose_days.push_back(start + date::days{i});
  for (int cycle = 2;; ++cycle) {
    const Day window = start + date::days{kCycleLengthDays * (cycle - 1)};
    if (window >= start + date::days{7 * r.weeks}) break;
    std::vector<Day> open;
    for (int i = 0; i < kDosingWindowDays; ++i)
      if (dosable(window + date::days{i}, r, unit, true)) open.push_back(window + date::days{i});
    if (static_cast<int>(open.size()) < kLaterCycleDoses) p.short_cycles.push_back(cycle);
    if (levelled)
      std::stable_sort(open.begin(), open.end(), [&](Day a, Day b) {
        const int la = others.on(a), lb = others.on(b);
        return std::make_tuple(la == unit.infusions_per_day(a), la) <
               std::make_tuple(lb == unit.infusions_per_day(b), lb);
      });
    if (open.size() > static_cast<std::size_t>(kLaterCycleDoses)) open.resize(kLaterCycleDoses);
    std::sort(open.begin(), open.end());
    for (const Day d : open)
      if (d < h.end) p.dose_days.push_back(d);
  }
  return p;
}

void score(StartProposal& p, const InfusionUnit& unit, const ChairLoad& others, const Horizon& h) {
  ChairLoad load = others;
  add_doses(load, p.dose_days);
  const UnitScore u = score_unit(load, unit, h.first, static_cast<int>((h.end - h.first).count()));
  p.peak_day_load = u.peak_day_load;
  p.over_capacity_days = u.over_capacity_days;
  p.sum_sq_above_mean = u.sum_sq_above_mean;
}

bool ranks_before(const StartProposal& a, const StartProposal& b) {
  return std::make_tuple(a.over_capacity_days, a.peak_day_load, a.sum_sq_above_mean, a.start) <
         std::make_tuple(b.over_capacity_days, b.peak_day_load, b.sum_sq_above_mean, b.start);
}

}  // namespace

UnitScore score_unit(const ChairLoad& load, const InfusionUnit& unit, Day from, int days) {
  UnitScore u;
  long total = 0, open_days = 0;
  for (int i = 0; i < days; ++i) {
    const Day d = from + date::days{i};
    if (unit.infusions_per_day(d) > 0) {
      total += load.on(d);
      ++open_days;
    }
  }
  const double mean = open_days ? static_cast<double>(total) / static_cast<double>(open_days) : 0.0;
  for (int i = 0; i < days; ++i) {
    const Day d = from + date::days{i};
    const int l = load.on(d), capacity = unit.infusions_per_day(d);
    u.peak_day_load = std::max(u.peak_day_load, l);
    if (l > capacity) ++u.over_capacity_days;
    if (capacity > 0 && l > mean) u.sum_sq_above_mean += (l - mean) * (l - mean);
  }
  return u;
}

bool better(const UnitScore& a, const UnitScore& b) {
  return std::make_tuple(a.over_capacity_days, a.peak_day_load, a.sum_sq_above_mean) <
         std::make_tuple(b.over_capacity_days, b.peak_day_load, b.sum_sq_above_mean);
}

int scored_days(const StartProposalRequest& r) {
  return r.start_days + 7 * r.weeks;
}

Result<std::vector<StartProposal>> propose_iv_starts(const StartProposalRequest& r, const InfusionUnit& unit,
                                                     const ChairLoad& others) {
  const Horizon h{r.from, r.from + date::days{scored_days(r)}};
  std::vector<StartProposal> all;
  std::optional<StartProposal> earliest;
  for (int i = 0; i < r.start_days; ++i) {
    const Day start = r.from + date::days{i};
    if (!cycle1_fits(start, r, unit)) continue;
    all.push_back(course_days(start, r, unit, others, h, true));
    score(all.back(), unit, others, h);
    if (!earliest) {
      earliest = course_days(start, r, unit, others, h, false);
      score(*earliest, unit, others, h);
      earliest->earliest = true;
    }
  }
  if (!earliest)
    return fail("no start from " + format_day(r.from) + " to " +
                format_day(r.from + date::days{r.start_days - 1}) +
                " gives cycle 1 its 14 consecutive open days (closed days)");
  std::sort(all.begin(), all.end(), ranks_before);
  earliest->rank = 1 + static_cast<int>(std::count_if(all.begin(), all.end(), [&](const StartProposal& p) {
                     return ranks_before(p, *earliest);
                   }));
  std::vector<StartProposal> out;
  for (std::size_t i = 0; i < all.size() && static_cast<int>(i) < r.top; ++i) {
    all[i].rank = static_cast<int>(i) + 1;
    if (all[i].start == earliest->start && all[i].dose_days == earliest->dose_days) all[i].earliest = true;
    out.push_back(all[i]);
  }
  if (std::none_of(out.begin(), out.end(), [](const StartProposal& p) { return p.earliest; }))
    out.push_back(*earliest);
  return out;
}

std::string describe_dose_days(Day start, const std::vector<Day>& days) {
  // Runs of consecutive cycle days as "a-b": cycle 1 reads "c1:1-14".
  std::string out;
  int current = 0, run_first = 0, run_last = 0;
  auto close_run = [&] {
    out += std::to_string(run_first);
    if (run_last > run_first) out += "-" + std::to_string(run_last);
  };
  for (const Day d : days) {
    const auto offset = (d - start).count();
    const int cycle = static_cast<int>(offset / kCycleLengthDays) + 1;
    const int cycle_day = static_cast<int>(offset % kCycleLengthDays) + 1;
    if (cycle == current && cycle_day == run_last + 1) {
      run_last = cycle_day;
      continue;
    }
    if (current) close_run();
    out += cycle != current ? (current ? ";c" : "c") + std::to_string(cycle) + ":" : ",";
    current = cycle;
    run_first = run_last = cycle_day;
  }
  if (current) close_run();
  return out;
}

}  // namespace alsmeds
