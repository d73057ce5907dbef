// The clinic's actions on patients and courses of therapy: add a patient, start, delay and stop a course,
// close a day, acknowledge an alert (docs/domain.md).
#include <algorithm>

#include "action_checks.hpp"
#include "alsmeds/clinic_actions.hpp"
#include "alsmeds/edaravone.hpp"
#include "alsmeds/liver_tests.hpp"
#include "alsmeds/riluzole.hpp"
#include "alsmeds/rulebook.hpp"

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

// A prescriber's confirmation names who decided and why; it goes into the audit trail with the write.
Result<std::string> confirmation_text(const Confirmation& c, std::string_view rule) {
  auto who = rules::check_text(c.prescriber, "the confirming prescriber", rules::kMaxNameBytes, true);
  if (!who) return fail(std::string(rule) + ": " + who.error());
  auto why = check_reason(c.reason, "the reason for the confirmation");
  if (!why) return fail(std::string(rule) + ": " + why.error());
  return std::string(rule) + " accepted by " + c.prescriber + ": " + c.reason;
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
  if (t.drug == Drug::edaravone) {
    if (auto form = parse_edaravone_form(t.product); !form) return fail(form.error());
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
  } else {
    if (auto product = parse_riluzole_product(t.product); !product) return fail(product.error());
    auto times = validate_riluzole_times(t.times);
    if (!times) return fail("dose times: " + times.error());
    t.times = *times;
    const std::vector<LogEntry> current = current_entries(f.log);
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
  // The shift must give a plan (checked with every earlier adjustment).
  EdaravonePlanRequest plan;
  plan.regimen.start = t->start;
  plan.cycles = shift.cycle;
  for (const auto& a : t->adjustments) {
    plan.shifts.push_back(a.shift);
    plan.cycles = std::max(plan.cycles, a.shift.cycle);
  }
  plan.shifts.push_back(shift);
  if (auto p = plan_edaravone(plan); !p) return fail(p.error());
  return stored(store.shift_cycle(t->id, shift, reason, actor));
}

Result<ActionOutcome> stop_therapy(RecordStore& store, const PatientFacts& f, Drug drug, Day stop,
                                   const std::string& reason, const Actor& actor) {
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
  return stored(store.stop_therapy(t->id, stop, reason, actor));
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
  AlertAcknowledgment ack;
  ack.patient_id = f.patient.id;
  ack.alert_key = key;
  ack.note = note;
  return stored(store.acknowledge_alert(ack, actor));
}

}  // namespace alsmeds
