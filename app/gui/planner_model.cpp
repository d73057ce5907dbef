#include "planner_model.hpp"

#include <map>

#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"

namespace alsmeds::gui {
namespace {

using date::days;

}  // namespace

PlannerModel build_month(const PatientFacts& f, date::year_month month) {
  PlannerModel m;
  m.month = month;
  const Day first{month / 1}, last{month / date::last};
  const Day grid_from = first - days{(date::weekday{first} - date::Monday).count()};
  const Day grid_to = last + days{(date::Sunday - date::weekday{last}).count()};
  std::map<Day, CalendarDay> by_day;
  for (Day d = grid_from; d <= grid_to; d += days{1}) {
    by_day[d].day = d;
    by_day[d].in_month = d >= first && d <= last;
  }
  for (const ClosedDay& c : f.closed)
    if (auto it = by_day.find(c.day); it != by_day.end()) {
      it->second.closed = true;
      it->second.closed_reason = c.reason;
      it->second.mark = DayMark::closed;
    }
  m.therapy = latest_therapy(f, Drug::edaravone);
  if (!m.therapy) {
    for (auto& [d, c] : by_day) m.days.push_back(c);
    return m;
  }
  const Therapy& t = *m.therapy;
  const EdaravonePlan plan = edaravone_plan_for(t, f.closed, f.log, f.zone, grid_to + days{1});
  m.cycles = plan.cycles;
  m.warnings = plan.warnings;
  std::map<std::string, DoseStatus> logged;
  for (const LogEntry& e : current_entries(f.log))
    if (e.kind == LogKind::dose && e.drug == Drug::edaravone && e.status && !e.planned_key.empty())
      logged[e.planned_key] = *e.status;
  for (const InfusionCycle& c : plan.cycles) {
    for (Day d = c.start; d < c.next_start; d += days{1}) {
      auto it = by_day.find(d);
      if (it == by_day.end()) continue;
      CalendarDay& cd = it->second;
      if (t.stop && d > *t.stop) continue;
      cd.cycle = c.number;
      cd.cycle_day = static_cast<int>((d - c.start).count()) + 1;
      cd.short_cycle = c.is_short();
      if (!cd.closed) cd.mark = d <= c.window_last ? DayMark::window_open : DayMark::drug_free;
    }
    for (Day d : c.missed)
      if (auto it = by_day.find(d); it != by_day.end()) it->second.mark = DayMark::missed;
    for (const EdaravoneDose& dose : c.doses) {
      auto it = by_day.find(dose.day);
      if (it == by_day.end() || (t.stop && dose.day > *t.stop)) continue;
      CalendarDay& cd = it->second;
      cd.key = planned_key(t, dose);
      cd.cycle_day = dose.cycle_day;
      cd.moved_from = dose.moved_from;
      auto l = logged.find(cd.key);
      cd.mark = l == logged.end()                ? DayMark::dose
                : l->second == DoseStatus::taken ? DayMark::given
                                                 : DayMark::missed;
    }
  }
  for (auto& [d, c] : by_day) m.days.push_back(c);
  return m;
}

Day proposed_start(const PatientFacts& f, Day from) {
  std::vector<Day> closed;
  for (const ClosedDay& c : f.closed) closed.push_back(c.day);
  auto day = propose_edaravone_start(from, ClosedDays(closed));
  return day ? *day : from;
}

Result<ActionOutcome> start_edaravone(RecordStore& store, const PatientFacts& f, Product form,
                                      DayPolicy policy, Day start, const Confirmation& sulfite_risk,
                                      const Actor& actor, const DoseDayPattern& dose_days) {
  TherapyRequest r;
  r.therapy.drug = Drug::edaravone;
  r.therapy.product = form;
  r.therapy.start = start;
  r.therapy.policy = policy;
  r.therapy.dose_days = dose_days;
  r.sulfite_risk = sulfite_risk;
  return start_therapy(store, f, r, actor);
}

Result<ActionOutcome> start_riluzole(RecordStore& store, const PatientFacts& f, Day start,
                                     const std::vector<WallClock>& times, const Confirmation& baseline_alt,
                                     const Actor& actor) {
  TherapyRequest r;
  r.therapy.drug = Drug::riluzole;
  r.therapy.product = Product::riluzole_tablet;
  r.therapy.start = start;
  r.therapy.times = times;
  r.baseline_alt = baseline_alt;
  r.liver_restart = baseline_alt;  // the one prescriber's confirmation the planner asks for
  return start_therapy(store, f, r, actor);
}

Result<ActionOutcome> delay_cycle(RecordStore& store, const PatientFacts& f, int cycle, int days_,
                                  Reflow reflow, const std::string& reason, const Actor& actor) {
  return shift_cycle(store, f, CycleShift{cycle, days_, reflow, std::nullopt}, reason, actor);
}

Result<ActionOutcome> mark_infusion(RecordStore& store, const PatientFacts& f, const PlannerModel& m, Day day,
                                    DoseStatus status, const Actor& actor) {
  for (const CalendarDay& c : m.days) {
    if (c.day != day || c.key.empty()) continue;
    DoseRequest d;
    d.drug = Drug::edaravone;
    d.status = status;
    d.planned_key = c.key;
    d.cycle = c.cycle;
    d.cycle_day = c.cycle_day;
    d.at = std::min(day_dose_instant(day, f.zone), actor.now);  // today's infusion: given by now
    d.note = status == DoseStatus::taken ? "given in clinic" : "";
    return log_dose(store, f, d, actor);
  }
  return fail(format_day(day) + " is not a planned infusion day");
}

}  // namespace alsmeds::gui
