#include "planner_model.hpp"

#include <map>

#include "alsmeds/liver_tests.hpp"
#include "alsmeds/riluzole.hpp"
#include "alsmeds/therapy_plan.hpp"

namespace alsmeds::gui {
namespace {

using date::days;

const Therapy* latest_edaravone(const PatientFacts& f) {
  const Therapy* t = nullptr;
  for (const Therapy& th : f.therapies)
    if (th.drug == Drug::edaravone) t = &th;
  return t;
}

Instant local_noon(Day day, Zone zone) {
  return resolve_local_time(zone, date::local_seconds{day.time_since_epoch()} + std::chrono::hours{12})
      .instant;
}

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
  m.therapy = latest_edaravone(f);
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

Result<RecordId> start_edaravone(RecordStore& store, const PatientFacts& f, EdaravoneForm form,
                                 DayPolicy policy, Day start, bool allergy_confirmed, const Actor& actor) {
  if (f.patient.sulfite_allergy && !allergy_confirmed)
    return fail(
        "sulfite allergy: edaravone contains sodium bisulfite; the prescriber must confirm before it is "
        "planned");
  for (const Therapy& t : f.therapies)
    if (t.drug == Drug::edaravone && !t.stop)
      return fail("edaravone is already running since " + format_day(t.start) + ": stop it first");
  NewTherapy t;
  t.patient_id = f.patient.id;
  t.drug = Drug::edaravone;
  t.product = std::string(to_string(form));
  t.start = start;
  t.policy = policy;
  return store.start_therapy(t, actor);
}

Result<RecordId> start_riluzole(RecordStore& store, const PatientFacts& f, Day start,
                                const std::vector<WallClock>& times, bool contraindication_confirmed,
                                const Actor& actor) {
  for (const Therapy& t : f.therapies)
    if (t.drug == Drug::riluzole && !t.stop)
      return fail("riluzole is already running since " + format_day(t.start) + ": stop it first");
  auto checked = validate_riluzole_times(times);
  if (!checked) return fail("dose times: " + checked.error());
  const std::vector<LogEntry> log = current_entries(f.log);
  const LogEntry* baseline = nullptr;
  for (const LogEntry& e : log)
    if (e.kind == LogKind::lab && e.test == "ALT" && e.day && *e.day <= start &&
        (!baseline || *e.day > *baseline->day))
      baseline = &e;
  if (baseline) {
    auto a = assess_alt(baseline->value, baseline->uln, true);
    if (a && a->contraindicated && !contraindication_confirmed)
      return fail(a->message + " (ALT of " + format_day(*baseline->day) +
                  "); the prescriber must confirm before riluzole is started");
  }
  NewTherapy t;
  t.patient_id = f.patient.id;
  t.drug = Drug::riluzole;
  t.product = "tablet";
  t.start = start;
  t.times = *checked;
  return store.start_therapy(t, actor);
}

Result<RecordId> delay_cycle(RecordStore& store, const Therapy& therapy, int cycle, int days_, Reflow reflow,
                             const std::string& reason, const Actor& actor) {
  if (reason.empty()) return fail("a delay needs a reason (it goes into the audit trail)");
  if (days_ < 1 || days_ > 365) return fail("delay of " + std::to_string(days_) + " days is not 1 to 365");
  return store.shift_cycle(therapy.id, CycleShift{cycle, days_, reflow}, reason, actor);
}

Result<RecordId> mark_infusion(RecordStore& store, const PatientFacts& f, const PlannerModel& m, Day day,
                               DoseStatus status, const Actor& actor) {
  for (const CalendarDay& c : m.days) {
    if (c.day != day || c.key.empty()) continue;
    if (day > local_day(actor.now, f.zone) && status == DoseStatus::taken)
      return fail(format_day(day) + " is in the future: an infusion is marked given on or after its day");
    LogEntry e;
    e.patient_id = f.patient.id;
    e.kind = LogKind::dose;
    e.drug = Drug::edaravone;
    e.status = status;
    e.planned_key = c.key;
    e.cycle = c.cycle;
    e.cycle_day = c.cycle_day;
    e.at = local_noon(day, f.zone);
    e.note = status == DoseStatus::taken ? "given in clinic" : "";
    return store.append_log(e, actor);
  }
  return fail(format_day(day) + " is not a planned infusion day");
}

}  // namespace alsmeds::gui
