#include "alsmeds/schedule/therapy_plan.hpp"

#include <algorithm>
#include <cstdlib>
#include <unordered_set>

#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {

EdaravonePlan edaravone_plan_for(const Therapy& therapy, const std::vector<ClosedDay>& closed,
                                 const std::vector<LogEntry>& log, Zone zone, Day through) {
  return edaravone_plan_for(therapy, closed, missed_edaravone_days(log, zone), through);
}

std::vector<Day> missed_edaravone_days(const std::vector<LogEntry>& log, Zone zone) {
  std::unordered_set<RecordId> replaced;
  for (const LogEntry& e : log)
    if (e.supersedes) replaced.insert(*e.supersedes);
  std::vector<Day> missed;
  for (const LogEntry& e : log)
    if (e.kind == LogKind::dose && e.drug == Drug::edaravone && e.status && *e.status != DoseStatus::taken &&
        !replaced.count(e.id))
      missed.push_back(local_day(e.at, zone));
  return missed;
}

EdaravonePlan edaravone_plan_for(const Therapy& therapy, const std::vector<ClosedDay>& closed,
                                 std::vector<Day> missed, Day through) {
  EdaravonePlanRequest r;
  r.regimen = {therapy.start, edaravone_form(therapy.product), therapy.policy, therapy.first_cycle,
               therapy.dose_days};
  const Day last = therapy.stop ? std::min(*therapy.stop, through) : through;
  int total_delay = 0;
  for (const CycleAdjustment& a : therapy.adjustments) {
    r.shifts.push_back(a.shift);
    total_delay += a.shift.days;
  }
  const auto count_cycles = [&] {
    r.cycles = std::clamp(
        static_cast<int>((last - therapy.start).count() + total_delay) / kCycleLengthDays + 1, 1, 500);
    for (const CycleShift& s : r.shifts) r.cycles = std::max(r.cycles, s.cycle);
  };
  count_cycles();
  std::vector<Day> closed_days;
  for (const ClosedDay& c : closed) closed_days.push_back(c.day);
  r.closed = ClosedDays(std::move(closed_days));
  r.missed = std::move(missed);
  for (const ProductChange& c : therapy.changes)
    r.form_changes.push_back({c.from, edaravone_form(c.product)});
  // A pause re-flows as a delay does (issue 25): the first dose planned in it moves to the day after it, the
  // cycle's later doses and the later cycles with it; a cycle with doses before the pause keeps them and its
  // window grows by the delay (as a delay of a started cycle).
  for (const TherapyPause& p : therapy.pauses) {
    auto before = plan_edaravone(r);
    if (!before) break;
    for (const InfusionCycle& c : before->cycles) {
      const auto first_in = std::find_if(c.doses.begin(), c.doses.end(), [&](const EdaravoneDose& d) {
        return d.day >= p.from && d.day <= p.to;
      });
      if (first_in == c.doses.end()) continue;
      const bool started = c.doses.front().day < p.from;
      CycleShift shift{c.number, static_cast<int>((p.to - first_in->day).count()) + 1,
                       Reflow::shift_all_later, started ? std::optional<Day>(first_in->day) : std::nullopt};
      r.shifts.push_back(shift);
      total_delay += shift.days;
      count_cycles();
      break;
    }
  }
  auto plan = plan_edaravone(r);
  if (!plan) return {};
  EdaravonePlan out = std::move(plan).value();
  // Nothing is planned after a stop.
  if (therapy.stop)
    for (InfusionCycle& c : out.cycles)
      std::erase_if(c.doses, [&](const EdaravoneDose& d) { return d.day > *therapy.stop; });
  return out;
}

std::string planned_key(const Therapy& therapy, const EdaravoneDose& dose) {
  return planned_key(Drug::edaravone, planned_ref(therapy, dose));
}

std::string planned_key(const Therapy& therapy, const RiluzoleDose& dose) {
  return planned_key(Drug::riluzole, planned_ref(therapy, dose));
}

std::string planned_key(const Therapy& therapy, const TofersenDose& dose) {
  return planned_key(Drug::tofersen, planned_ref(therapy, dose));
}

std::vector<Day> given_tofersen_days(const Therapy& therapy, const std::vector<LogEntry>& log, Zone zone) {
  return course_days(therapy, log, zone).given;
}

CourseDays course_days(const Therapy& therapy, std::vector<Day> given) {
  CourseDays course{therapy.start, therapy.stop, {}, std::move(given)};
  for (const TherapyPause& p : therapy.pauses) course.pauses.emplace_back(p.from, p.to);
  std::erase_if(course.given,
                [&](Day d) { return d < therapy.start || (therapy.stop && d > *therapy.stop); });
  std::sort(course.given.begin(), course.given.end());
  course.given.erase(std::unique(course.given.begin(), course.given.end()), course.given.end());
  return course;
}

CourseDays course_days(const Therapy& therapy, const std::vector<LogEntry>& log, Zone zone) {
  std::unordered_set<RecordId> replaced;
  for (const LogEntry& e : log)
    if (e.supersedes) replaced.insert(*e.supersedes);
  std::vector<Day> given;
  for (const LogEntry& e : log)
    if (e.kind == LogKind::dose && e.drug == therapy.drug && e.status == DoseStatus::taken &&
        !replaced.count(e.id))
      given.push_back(local_day(e.at, zone));
  return course_days(therapy, std::move(given));
}

TofersenPlan tofersen_plan_for(const Therapy& therapy, const std::vector<LogEntry>& log, Zone zone,
                               Day through) {
  return tofersen_course_plan(course_days(therapy, log, zone), through);
}

TofersenPlan tofersen_plan_for(const Therapy& therapy, std::vector<Day> given, Day through) {
  return tofersen_course_plan(course_days(therapy, std::move(given)), through);
}

std::vector<PlannedDay> planned_days(const Therapy& therapy, const std::vector<LogEntry>& log, Zone zone,
                                     Day through) {
  const Regimen& r = regimen(therapy.drug);
  if (!r.plan_days) return {};
  return r.plan_days(course_days(therapy, log, zone), through);
}

namespace {

// The first day on or after `day` outside the course's pauses.
Day outside_pauses(const Therapy& t, Day day) {
  for (bool moved = true; moved;) {
    moved = false;
    for (const TherapyPause& p : t.pauses)
      if (day >= p.from && day <= p.to) {
        day = p.to + date::days{1};
        moved = true;
      }
  }
  return day;
}

}  // namespace

std::vector<TofersenDose> tofersen_doses_between(const Therapy& therapy, const std::vector<Day>& given,
                                                 Day from, Day to) {
  TofersenPlan plan = tofersen_plan_for(therapy, given, to);
  std::optional<TofersenDose> overdue;
  for (const TofersenDose& d : plan.doses) {
    if (d.given) continue;
    if (d.day < from && (!therapy.stop || *therapy.stop >= from)) overdue = d;
    break;  // only the first dose not given can be overdue: the later ones follow it
  }
  if (overdue) {  // still to give, as soon as possible: planned on `from` as if given then
    std::vector<Day> projected = given;
    projected.push_back(outside_pauses(therapy, from));
    plan = tofersen_plan_for(therapy, std::move(projected), to);
    for (TofersenDose& d : plan.doses)
      if (d.number == overdue->number) {
        d.given = false;
        d.due = overdue->due;
      }
  }
  std::vector<TofersenDose> out;
  for (const TofersenDose& d : plan.doses)
    if (d.day >= from && d.day <= to) out.push_back(d);
  return out;
}

std::optional<std::pair<int, int>> edaravone_cycle_day(const EdaravonePlan& plan, Day day) {
  for (const InfusionCycle& c : plan.cycles)
    if (day >= c.start && day < c.next_start)
      return std::pair{c.number, static_cast<int>((day - c.start).count()) + 1};
  return std::nullopt;
}

RiluzoleRegimen riluzole_regimen_for(const Therapy& therapy, Zone zone,
                                     const std::vector<EarlierZoneSpan>& earlier_zones, Day first) {
  RiluzoleRegimen r;
  r.start = first;
  r.zone = zone;
  r.earlier_zones = earlier_zones;
  r.times = therapy.times;
  return r;
}

PlannedDoseMatch match_planned_dose(const Therapy& therapy, const std::vector<ClosedDay>& closed,
                                    const std::vector<LogEntry>& log, Zone zone, Instant at) {
  const Day day = local_day(at, zone);
  PlannedDoseMatch match;
  switch (therapy.drug) {
    default: {
      // A regimen planned by the day (a registered drug): the dose its plan counts as given once this day is
      // among the days given (the plan decides, as it decides what is due): the first planned dose given with
      // the day and not without it. None (an unplanned dose) when the day answers no dose of the plan.
      const Regimen& r = regimen(therapy.drug);
      if (!r.plan_days || day < therapy.start || (therapy.stop && day > *therapy.stop)) return match;
      std::vector<Day> given = course_days(therapy, log, zone).given;  // the log may hold this dose
      std::erase(given, day);
      const Day through = day + date::days{366};
      const std::vector<PlannedDay> before = r.plan_days(course_days(therapy, given), through);
      given.push_back(day);
      for (const PlannedDay& p : r.plan_days(course_days(therapy, std::move(given)), through)) {
        if (!p.given) continue;
        const bool was_given = std::any_of(before.begin(), before.end(), [&](const PlannedDay& b) {
          return b.first == p.first && b.second == p.second && b.given;
        });
        if (was_given) continue;
        match.key = planned_key(therapy.drug, PlannedRef{therapy.id, p.first, p.second});
        break;
      }
      return match;
    }
    case Drug::riluzole:
      break;  // below
    case Drug::tofersen: {
      const std::vector<Day> given = given_tofersen_days(therapy, log, zone);
      const auto before = std::lower_bound(given.begin(), given.end(), day);
      const int number = static_cast<int>(before - given.begin()) + 1;
      if (day < therapy.start || (therapy.stop && day > *therapy.stop)) return match;
      match.key = planned_key(Drug::tofersen, PlannedRef{therapy.id, number, 0});
      match.dose_number = number;
      return match;
    }
    case Drug::edaravone: {
      const EdaravonePlan plan = edaravone_plan_for(therapy, closed, log, zone, day);
      for (const EdaravoneDose& d : plan.doses())
        if (d.day == day) {
          match.key = planned_key(therapy, d);
          match.cycle = d.cycle;
          match.cycle_day = d.cycle_day;
        }
      if (match.key.empty())
        if (auto cd = edaravone_cycle_day(plan, day)) {
          match.cycle = cd->first;
          match.cycle_day = cd->second;
        }
      return match;
    }
  }
  // Riluzole: the planned doses of the day before, the day and the day after (sorted times, as stored); the
  // nearest within 6 hours wins. Direct rather than through plan_riluzole: imports match a million doses this
  // way.
  std::chrono::seconds best{std::chrono::hours{6} + std::chrono::seconds{1}};
  Day best_day{};
  int best_slot = -1;
  for (int offset = -1; offset <= 1; ++offset) {
    const Day d = day + date::days{offset};
    if (d < therapy.start || (therapy.stop && d > *therapy.stop)) continue;
    const date::local_seconds midnight{date::local_days{d.time_since_epoch()}};
    for (std::size_t slot = 0; slot < therapy.times.size(); ++slot) {
      const Instant planned = resolve_local_time(zone, midnight + therapy.times[slot]).instant;
      const auto gap = planned > at ? planned - at : at - planned;
      if (gap < best) {
        best = gap;
        best_day = d;
        best_slot = static_cast<int>(slot);
      }
    }
  }
  if (best_slot >= 0)
    match.key = planned_key(
        Drug::riluzole,
        PlannedRef{therapy.id, static_cast<int>(best_day.time_since_epoch().count()), best_slot + 1});
  return match;
}

}  // namespace alsmeds
