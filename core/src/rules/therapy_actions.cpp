// The clinic's actions on patients and courses of therapy: add a patient, start, delay and stop a course,
// close a day, acknowledge an alert (docs/domain.md).
#include <algorithm>

#include "action_checks.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {
using rules::quote;

namespace {

// A planned start may lie ahead, but not beyond a year (our default: a typing error is likelier).
constexpr date::days kStartAhead{366};

Result<ActionOutcome> stored(const Result<RecordId>& id, std::vector<std::string> warnings = {}) {
  if (!id) return fail(id.error());
  return ActionOutcome{*id, std::move(warnings)};
}

Result<std::string> check_reason(const std::string& reason, std::string_view what) {
  return rules::check_text(reason, what, rules::kMaxNoteBytes, true);
}

// A product of the course's drug (a request may name the other drug's): the refusal is the one for its word.
Result<bool> check_product(Drug drug, Product product) {
  if (drug_of(product) == drug) return true;
  return fail(parse_product(drug, to_string(product)).error());
}

// A prescriber's confirmation names who decided and why; it goes into the audit trail with the write.
Result<std::string> confirmation_text(const Confirmation& c, std::string_view rule) {
  auto who = rules::check_text(c.prescriber, "the confirming prescriber", rules::kMaxNameBytes, true);
  if (!who) return fail(std::string(rule) + ": " + who.error());
  auto why = check_reason(c.reason, "the reason for the confirmation");
  if (!why) return fail(std::string(rule) + ": " + why.error());
  return std::string(rule) + " accepted by " + c.prescriber + ": " + c.reason;
}

// The local days of the therapy's logged doses (current records, any status), by day.
std::vector<Day> logged_dose_days(const PatientFacts& f, const Therapy& t) {
  std::vector<Day> out;
  for (const LogEntry& e : current_entries(f.log)) {
    if (e.kind != LogKind::dose || e.drug != t.drug) continue;
    const Day d = local_day(e.at, f.zone);
    if (d >= t.start && (!t.stop || d <= *t.stop)) out.push_back(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The latest ALT on or before `start`: riluzole's baseline.
const LogEntry* baseline_alt(const std::vector<LogEntry>& current, Day start) {
  const LogEntry* baseline = nullptr;
  for (const LogEntry& e : current)
    if (e.kind == LogKind::lab && e.test == "ALT" && e.day && *e.day <= start &&
        (!baseline || *e.day > *baseline->day))
      baseline = &e;
  return baseline;
}

// A transaminase (ALT or AST) of 5x ULN or more on a day an earlier riluzole course ran (from its start to
// its stop), the latest such: re-administration after it cannot be recommended (EU SmPC 4.4, docs/domain.md).
const LogEntry* stop_level_result(const std::vector<LogEntry>& current, const PatientFacts& f, Day start) {
  const LogEntry* found = nullptr;
  for (const LogEntry& e : current) {
    if (e.kind != LogKind::lab || (e.test != "ALT" && e.test != "AST") || !e.day || *e.day > start) continue;
    const bool in_course = std::any_of(f.therapies.begin(), f.therapies.end(), [&](const Therapy& t) {
      return t.drug == Drug::riluzole && t.start <= *e.day && t.stop && *e.day <= *t.stop;
    });
    if (!in_course) continue;
    auto a = assess_transaminase(e.test, e.value, e.uln, false);
    if (a && a->level == AltAlertLevel::stop && (!found || *e.day > *found->day)) found = &e;
  }
  return found;
}

}  // namespace

Result<bool> check_new_patient(const NewPatient& p, Day today) {
  auto name = rules::check_text(p.name, "name", rules::kMaxNameBytes, true);
  if (!name) return fail(name.error());
  if (p.mrn)
    if (auto mrn = rules::check_mrn(*p.mrn); !mrn) return fail(mrn.error());
  if (auto z = rules::check_zone_name(p.tz); !z) return fail(z.error());
  if (p.born && (*p.born < rules::kBornFrom || *p.born > today))
    return fail("birth date " + format_day(*p.born) + " is not from " + format_day(rules::kBornFrom) +
                " to today");
  if (p.onset && (*p.onset < rules::kBornFrom || *p.onset > today || (p.born && *p.onset < *p.born)))
    return fail("symptom onset " + format_day(*p.onset) + " is not from the birth date to today");
  if (p.baseline_weight_kg)
    if (auto w = rules::check_weight(*p.baseline_weight_kg); !w) return fail(w.error());
  return true;
}

Result<ActionOutcome> add_patient(RecordStore& store, const NewPatient& p, Day today, const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  if (auto ok = check_new_patient(p, today); !ok) return fail(ok.error());
  return stored(store.add_patient(p, actor));
}

Result<ActionOutcome> start_therapy(RecordStore& store, const PatientFacts& f, const TherapyRequest& r,
                                    const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  NewTherapy t = r.therapy;
  t.patient_id = f.patient.id;
  t.confirmations.clear();
  const std::string drug(to_string(t.drug));
  const Day today = local_day(actor.now, f.zone);
  if (t.start < rules::kEraStart || t.start > today + kStartAhead)
    return fail("start " + format_day(t.start) + " is not from " + format_day(rules::kEraStart) +
                " to a year from today");
  for (const Therapy& x : f.therapies)
    if (x.drug == t.drug && (!x.stop || *x.stop >= t.start))
      return fail(drug + " is already planned or running since " + format_day(x.start) +
                  (x.stop ? " (until " + format_day(*x.stop) + ")" : "") +
                  ": two courses of one drug never overlap; stop the running one first");
  std::vector<std::string> warnings;
  t.first_cycle = FirstCycle::full;
  t.restart_reason.clear();
  switch (t.drug) {
    case Drug::edaravone: {
      if (auto ok = check_product(t.drug, t.product); !ok) return fail(ok.error());
      // A restart (an earlier course, stopped): cycle 1 is the prescriber's explicit choice, with why.
      const Therapy* earlier = latest_therapy(f, Drug::edaravone);
      if (earlier) {
        if (!r.first_cycle)
          return fail(
              "edaravone was given before (from " + format_day(earlier->start) + ", stopped " +
              format_day(*earlier->stop) +
              "): a restart needs the prescriber's choice of cycle 1, the full 14 daily doses or 10 of 14 "
              "days (first cycle full|10-of-14), and the reason");
        auto why = check_reason(r.restart_reason, "the reason for the restart's cycle 1");
        if (!why) return fail(why.error());
        t.first_cycle = *r.first_cycle;
        t.restart_reason = r.restart_reason;
        // Back within the stopped course's last cycle: its drug-free days would be dosed.
        const EdaravonePlan last = edaravone_plan_for(*earlier, f.closed, f.log, f.zone, *earlier->stop);
        for (const InfusionCycle& c : last.cycles)
          if (*earlier->stop >= c.start && *earlier->stop < c.next_start && t.start < c.next_start)
            warnings.push_back("the restart falls in cycle " + std::to_string(c.number) +
                               " of the stopped course, whose drug-free days run to " +
                               format_day(c.next_start - date::days{1}) +
                               ": to change only the form, a switch (therapy switch) keeps the calendar");
        warnings.push_back("restart: cycle 1 " +
                           std::string(t.first_cycle == FirstCycle::full ? "a dose every day for 14 days"
                                                                         : "10 doses in 14 days") +
                           " (" + r.restart_reason + ")");
      } else if (r.first_cycle == FirstCycle::ten_of_fourteen) {
        return fail(
            "a first course of edaravone starts with cycle 1 of 14 daily doses (the labels' initial "
            "cycle); 10 of 14 is a choice at a restart only");
      }
      if (f.patient.sulfite_allergy) {
        if (!r.sulfite_risk.given())
          return fail(
              "patient " + std::to_string(f.patient.id) +
              " has a sulfite allergy: edaravone contains sodium bisulfite and can cause severe allergic "
              "reactions; only the prescriber's confirmation (who and why) lets it start");
        auto text = confirmation_text(r.sulfite_risk, "sulfite risk");
        if (!text) return fail(text.error());
        t.confirmations.push_back(*text);
        warnings.push_back("sulfite allergy: edaravone started on the confirmation of " +
                           r.sulfite_risk.prescriber);
      }
      // Cycle 1 around the closed days, as `plan` shows it (issue 25): a short cycle 1 is said at the start,
      // with the first start day whose cycle 1 gets every dose (`therapy start --fit-start` takes it).
      EdaravonePlanRequest first;
      first.regimen = {t.start, edaravone_form(t.product), t.policy, t.first_cycle, t.dose_days};
      first.cycles = 1;
      std::vector<Day> closed_days;
      for (const ClosedDay& c : f.closed) closed_days.push_back(c.day);
      first.closed = ClosedDays(std::move(closed_days));
      if (auto plan = plan_edaravone(first);
          plan && !plan->cycles.empty() && plan->cycles.front().is_short()) {
        const InfusionCycle& c1 = plan->cycles.front();
        std::string w = "cycle 1 is short: " + std::to_string(c1.doses_planned) + " of " +
                        std::to_string(c1.doses_required) + " doses fit around the closed days";
        if (auto fit = propose_edaravone_start(t.start, first.closed))
          w += "; the first start whose cycle 1 gets them all is " + format_day(*fit) + " (--fit-start)";
        warnings.push_back(w);
      }
      break;
    }
    case Drug::riluzole: {
      if (auto ok = check_product(t.drug, t.product); !ok) return fail(ok.error());
      auto times = validate_riluzole_times(t.times);
      if (!times) return fail("dose times: " + times.error());
      t.times = *times;
      // The checks a switch makes hold at the start too (issue 25).
      const RiluzoleProduct& form = riluzole_product(riluzole_kind(t.product));
      if (f.patient.feeding_tube && !form.tube_compatible)
        warnings.push_back(std::string(form.brand) + " is not for feeding tubes and the patient has one: " +
                           std::string(form.instructions));
      const std::vector<LogEntry> current = current_entries(f.log);
      // The labels want the transaminases measured before the first dose (docs/domain.md, liver tests):
      // started without one, the baseline test is due (`due` lists it) and said here.
      if (!baseline_alt(current, t.start))
        warnings.push_back("no ALT on or before " + format_day(t.start) +
                           ": measure the baseline liver tests before the first dose (due lists it)");
      if (const LogEntry* high = stop_level_result(current, f, t.start)) {
        auto a = assess_transaminase(high->test, high->value, high->uln, false);
        const std::string what = high->test + " " + format_times_uln_for_rule(a->multiple_of_uln) +
                                 "x ULN on " + format_day(*high->day) + " during an earlier riluzole course";
        if (!r.liver_restart.given())
          return fail(what +
                      ": re-administration after a stop for 5x ULN or more cannot be recommended (EU SmPC "
                      "4.4); only the prescriber's confirmation (who and why) lets riluzole start again");
        auto text = confirmation_text(r.liver_restart, "restart after a liver stop (" + what + ")");
        if (!text) return fail(text.error());
        t.confirmations.push_back(*text);
        warnings.push_back("restart after " + what + ": riluzole started on the confirmation of " +
                           r.liver_restart.prescriber);
      }
      if (const LogEntry* baseline = baseline_alt(current, t.start)) {
        auto alt = assess_alt(baseline->value, baseline->uln, true);
        if (alt && alt->contraindicated) {
          if (!r.baseline_alt.given())
            return fail(alt->message + " (ALT of " + format_day(*baseline->day) +
                        "); only the prescriber's confirmation (who and why) lets riluzole start");
          auto text = confirmation_text(r.baseline_alt, "baseline ALT above 3x ULN");
          if (!text) return fail(text.error());
          t.confirmations.push_back(*text);
          warnings.push_back(alt->message + ": riluzole started on the confirmation of " +
                             r.baseline_alt.prescriber);
        }
      }
      break;
    }
    case Drug::tofersen:
      // docs/domain.md "Tofersen": for ALS with a SOD1 mutation; three loading doses 14 days apart, then
      // every 28 days, each by lumbar puncture in the clinic.
      if (auto ok = check_product(t.drug, t.product); !ok) return fail(ok.error());
      t.times.clear();
      warnings.push_back(
          "tofersen is for ALS with a SOD1 mutation: loading doses on " + format_day(t.start) + ", " +
          format_day(t.start + date::days{kTofersenLoadingIntervalDays}) + " and " +
          format_day(t.start + date::days{2 * kTofersenLoadingIntervalDays}) +
          ", then every 28 days; watch for myelitis, radiculitis, papilledema and aseptic meningitis");
      break;
    default:  // a registered drug: its own product, its doses planned by the day (no dose times)
      if (auto ok = check_product(t.drug, t.product); !ok) return fail(ok.error());
      t.times.clear();
      break;
  }
  return stored(store.start_therapy(t, actor), std::move(warnings));
}

Result<ActionOutcome> shift_cycle(RecordStore& store, const PatientFacts& f, const CycleShift& shift,
                                  const std::string& reason, const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  if (auto why = check_reason(reason, "the reason for the delay"); !why) return fail(why.error());
  const Therapy* t = latest_therapy(f, Drug::edaravone);
  if (!t || t->stop)
    return fail("patient " + std::to_string(f.patient.id) + " has no running edaravone course");
  if (shift.cycle < 1)
    return fail("cycle " + std::to_string(shift.cycle) + " is not a cycle (they count from 1)");
  if (auto d = rules::check_bound(shift.days, rules::kShiftDays, "a delay of"); !d) return fail(d.error());
  const std::string cycle_name = "cycle " + std::to_string(shift.cycle);

  // The plan as it stands, far enough ahead to hold the cycle, and the days with a logged dose.
  const Day today = local_day(actor.now, f.zone);
  const Day through = std::max(today, t->start + date::days{kCycleLengthDays * shift.cycle});
  const EdaravonePlan before = edaravone_plan_for(*t, f.closed, f.log, f.zone, through);
  const InfusionCycle* cycle = nullptr;
  for (const InfusionCycle& c : before.cycles)
    if (c.number == shift.cycle) cycle = &c;
  if (!cycle) return fail(cycle_name + " is not planned");
  const std::vector<Day> logged = logged_dose_days(f, *t);
  for (Day d : logged)
    if (d >= cycle->next_start)
      return fail(cycle_name + " is over: a dose of a later cycle is logged on " + format_day(d) +
                  "; a delay never moves logged doses: delay the cycle under way instead");

  CycleShift s = shift;
  s.resume_from.reset();
  std::vector<std::string> warnings;
  std::vector<Day> in_cycle;
  for (Day d : logged)
    if (d >= cycle->start && d < cycle->next_start) in_cycle.push_back(d);
  if (!in_cycle.empty()) {
    const Day last_logged = in_cycle.back();
    const auto next = std::find_if(cycle->doses.begin(), cycle->doses.end(),
                                   [&](const EdaravoneDose& d) { return d.day > last_logged; });
    if (next == cycle->doses.end())
      return fail(cycle_name + " is finished: " + std::to_string(in_cycle.size()) +
                  " doses logged, the last on " + format_day(last_logged) +
                  ", none left; a delay never moves logged doses: delay cycle " +
                  std::to_string(shift.cycle + 1) + " instead");
    s.resume_from = next->day;
    int grown = shift.days;
    for (const CycleAdjustment& a : t->adjustments)
      if (a.shift.cycle == shift.cycle && a.shift.resume_from) grown += a.shift.days;
    if (grown > rules::kStartedCycleGrowth.max)
      return fail(cycle_name + " has started (" + std::to_string(in_cycle.size()) +
                  " doses logged, the last on " + format_day(last_logged) + "): a delay of " +
                  std::to_string(shift.days) + " days would interrupt its window by " +
                  std::to_string(grown) + " days in all, more than " +
                  format_quantity(rules::kStartedCycleGrowth.max) + " (" + rules::kStartedCycleGrowth.source +
                  "); record the doses left missed, or stop the course and restart it");
  }
  // The shift must give a plan (checked with every earlier adjustment).
  EdaravonePlanRequest plan;
  plan.regimen.start = t->start;
  plan.cycles = shift.cycle;
  for (const auto& a : t->adjustments) {
    plan.shifts.push_back(a.shift);
    plan.cycles = std::max(plan.cycles, a.shift.cycle);
  }
  plan.shifts.push_back(s);
  if (auto p = plan_edaravone(plan); !p) return fail(p.error());
  if (s.resume_from) {
    Therapy after = *t;
    after.adjustments.push_back({0, t->id, s, reason, actor.name, actor.now});
    const EdaravonePlan moved =
        edaravone_plan_for(after, f.closed, f.log, f.zone, through + date::days{shift.days});
    std::vector<Day> left;
    for (const InfusionCycle& c : moved.cycles)
      if (c.number == shift.cycle)
        for (const EdaravoneDose& d : c.doses)
          if (d.day >= *s.resume_from) left.push_back(d.day);
    warnings.push_back(
        cycle_name + " had started: its " + std::to_string(in_cycle.size()) + " logged doses stay; the " +
        std::to_string(left.size()) + " left move" +
        (left.empty() ? "" : " to " + format_day(left.front()) + " - " + format_day(left.back())));
  }
  return stored(store.shift_cycle(t->id, s, reason, actor), std::move(warnings));
}

Result<ActionOutcome> switch_therapy(RecordStore& store, const PatientFacts& f, const SwitchRequest& r,
                                     const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  if (auto why = check_reason(r.reason, "the reason for the switch"); !why) return fail(why.error());
  const std::string drug(to_string(r.drug));
  const Therapy* t = latest_therapy(f, r.drug);
  if (!t || (t->stop && *t->stop < r.from))
    return fail("patient " + std::to_string(f.patient.id) + " has no " + drug + " course running on " +
                format_day(r.from) + " (start one first)");
  if (auto ok = check_product(r.drug, r.product); !ok) return fail(ok.error());
  std::vector<std::string> warnings;
  switch (r.drug) {
    case Drug::edaravone: {
      const DoseLabel label = dose_label(r.product);
      warnings.push_back("from " + format_day(r.from) + ": " + label.form + " " + label.dose +
                         (r.product == Product::edaravone_oral
                              ? " in the morning after an overnight fast, nothing but water for 1 h after"
                              : "; book the infusions") +
                         "; the cycle calendar goes on");
      break;
    }
    case Drug::riluzole: {
      const RiluzoleProduct& p = riluzole_product(riluzole_kind(r.product));
      if (f.patient.feeding_tube && !p.tube_compatible)
        warnings.push_back(std::string(p.brand) + " is not for feeding tubes and the patient has one: " +
                           std::string(p.instructions));
      break;
    }
    case Drug::tofersen:  // one product: "already intrathecal" below
      break;
  }
  if (r.from < t->start)
    return fail("switch date " + format_day(r.from) + " is before the " + drug + " course started (" +
                format_day(t->start) + ")");
  if (r.from > local_day(actor.now, f.zone) + kStartAhead)
    return fail("switch date " + format_day(r.from) + " is more than a year ahead");
  for (const ProductChange& c : t->changes)
    if (c.from >= r.from)
      return fail("the course was already switched to " + std::string(to_string(c.product)) + " from " +
                  format_day(c.from) + ": a new switch must come after it");
  if (product_on(*t, r.from) == r.product)
    return fail(drug + " is already " + std::string(to_string(r.product)) + " on " + format_day(r.from));
  // The earliest dose logged on or after the switch day: the plan before a switch never changes.
  const std::vector<LogEntry> current = current_entries(f.log);
  const LogEntry* first_after = nullptr;
  for (const LogEntry& e : current)
    if (e.kind == LogKind::dose && e.status && e.drug == r.drug && local_day(e.at, f.zone) >= r.from &&
        (!first_after || e.at < first_after->at))
      first_after = &e;
  if (first_after)
    return fail("a dose of " + drug + " is already logged on " +
                format_day(local_day(first_after->at, f.zone)) + " (record " +
                std::to_string(first_after->id) +
                "): the plan before a switch never changes; switch from the day after the last logged dose");
  return stored(store.switch_product(t->id, r.from, r.product, r.reason, actor), std::move(warnings));
}

namespace {

// stop_therapy's checks: the course to stop.
Result<const Therapy*> check_stop(const PatientFacts& f, Drug drug, Day stop, const std::string& reason,
                                  const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  if (auto why = check_reason(reason, "the reason for stopping"); !why) return fail(why.error());
  const Therapy* t = latest_therapy(f, drug);
  if (!t)
    return fail("patient " + std::to_string(f.patient.id) + " has no " + std::string(to_string(drug)) +
                " therapy");
  if (t->stop) return fail(std::string(to_string(drug)) + " was already stopped on " + format_day(*t->stop));
  if (stop < t->start)
    return fail("stop date " + format_day(stop) + " is before the start " + format_day(t->start));
  if (stop > local_day(actor.now, f.zone) + kStartAhead)
    return fail("stop date " + format_day(stop) + " is more than a year ahead");
  return t;
}

}  // namespace

Result<ActionOutcome> stop_therapy(RecordStore& store, const PatientFacts& f, Drug drug, Day stop,
                                   const std::string& reason, const Actor& actor) {
  auto t = check_stop(f, drug, stop, reason, actor);
  if (!t) return fail(t.error());
  return stored(store.stop_therapy(t.value()->id, stop, reason, actor));
}

Result<ActionOutcome> decide_stop_alert(RecordStore& store, const PatientFacts& f,
                                        const StopAlertDecisionRequest& r, const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  auto text = confirmation_text(r.prescriber, "decision on the stop alert");
  if (!text) return fail(text.error());
  const Day today = local_day(actor.now, f.zone);
  std::string key;
  for (const DueItem& a : alerts(f, today))
    if (a.stop_alert && a.when == format_day(r.alt_day)) key = alert_key(a);
  if (key.empty())
    return fail("no stop alert of an ALT on " + format_day(r.alt_day) + " stands for patient " +
                std::to_string(f.patient.id));
  for (const AlertAcknowledgment& a : f.acknowledgments)
    if (a.alert_key == key)
      return fail("the stop alert of " + format_day(r.alt_day) + " was already answered by " +
                  a.acknowledged_by + " (" + a.note + ")");
  const bool stop = r.decision == StopAlertDecision::discontinue;
  AlertAcknowledgment ack;
  ack.patient_id = f.patient.id;
  ack.alert_key = key;
  ack.note = std::string("prescriber's decision: ") + (stop ? "discontinue riluzole" : "continue riluzole") +
             " (" + *text + ")";
  if (!stop) return stored(store.acknowledge_alert(ack, actor));
  // Discontinue: the stop and the acknowledgment are one write (both or neither, each audited).
  const std::string reason = "ALT 5x ULN or more on " + format_day(r.alt_day) + ": " + r.prescriber.reason;
  auto checked = check_stop(f, Drug::riluzole, r.stop_day, reason, actor);
  if (!checked) return fail(checked.error());
  return stored(store.stop_therapy_acknowledging(checked.value()->id, r.stop_day, reason, ack, actor),
                {"riluzole stopped on " + format_day(r.stop_day)});
}

Result<ActionOutcome> add_closed_day(RecordStore& store, const ClosedDay& closed, const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  if (auto day = rules::check_era_day(closed.day, "day"); !day) return fail(day.error());
  if (auto why = rules::check_text(closed.reason, "reason", rules::kMaxNoteBytes, false); !why)
    return fail(why.error());
  return stored(store.add_closed_day(closed, actor));
}

Result<ActionOutcome> acknowledge_alert(RecordStore& store, const PatientFacts& f, const std::string& key,
                                        const std::string& note, const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  if (key.empty()) return fail("no alert named");
  if (auto n = rules::check_note(note); !n) return fail(n.error());
  // A plain acknowledgment would end riluzole's hold with no decision recorded (docs/domain.md).
  if (is_stop_alert_key(f, key))
    return fail(
        "a stop alert (ALT 5x ULN or more) is answered by the prescriber's decision, not acknowledged: "
        "record continue or discontinue riluzole (alsmeds-cli alert decide, or the app's Course of "
        "therapy)");
  AlertAcknowledgment ack;
  ack.patient_id = f.patient.id;
  ack.alert_key = key;
  ack.note = note;
  return stored(store.acknowledge_alert(ack, actor));
}

}  // namespace alsmeds
