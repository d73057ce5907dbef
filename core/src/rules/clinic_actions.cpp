// The clinic's actions on the log: doses, side effects, labs, weights, dispensings (docs/domain.md).
#include "alsmeds/clinic_actions.hpp"

#include "action_checks.hpp"
#include "alsmeds/dose_record.hpp"
#include "alsmeds/edaravone.hpp"
#include "alsmeds/liver_tests.hpp"
#include "alsmeds/plan_tables.hpp"
#include "alsmeds/rulebook.hpp"
#include "alsmeds/therapy_plan.hpp"

namespace alsmeds {
using rules::quote;

const Therapy* latest_therapy(const PatientFacts& facts, Drug drug) {
  const Therapy* latest = nullptr;
  for (const Therapy& t : facts.therapies)
    if (t.drug == drug && (!latest || t.id > latest->id)) latest = &t;
  return latest;
}

namespace rules {

Result<bool> check_actor(const Actor& actor) {
  auto a = check_actor_name(actor.name);
  if (!a) return fail(a.error());
  return true;
}

Result<bool> check_correction(const PatientFacts& facts, std::optional<RecordId> corrects, LogKind kind) {
  if (!corrects) return true;
  const LogEntry* old = nullptr;
  for (const LogEntry& e : facts.log)
    if (e.id == *corrects) old = &e;
  const std::string id = std::to_string(*corrects);
  if (!old || old->patient_id != facts.patient.id)
    return fail("record " + id + " is not a record of patient " + std::to_string(facts.patient.id));
  if (old->kind != kind)
    return fail("record " + id + " is a " + std::string(to_string(old->kind)) + ", not a " +
                std::string(to_string(kind)));
  for (const LogEntry& e : facts.log)
    if (e.supersedes && *e.supersedes == *corrects)
      return fail("record " + id + " was already corrected by record " + std::to_string(e.id) +
                  ": correct the current version, record " + std::to_string(e.id));
  return true;
}

Result<std::string> check_note(const std::string& note) {
  return check_text(note, "note", kMaxNoteBytes, false);
}

}  // namespace rules

namespace {

template <class T>
Result<ActionOutcome> refuse_if(const Result<T>& r) {
  if (!r) return fail(r.error());
  return ActionOutcome{};
}

Result<ActionOutcome> append(RecordStore& store, const LogEntry& e, const Actor& actor,
                             std::vector<std::string> warnings = {}) {
  auto id = store.append_log(e, actor);
  if (!id) return fail(id.error());
  return ActionOutcome{*id, std::move(warnings)};
}

LogEntry entry_for(const PatientFacts& f, LogKind kind, const std::string& note,
                   std::optional<RecordId> corrects) {
  LogEntry e;
  e.patient_id = f.patient.id;
  e.kind = kind;
  e.note = note;
  e.supersedes = corrects;
  return e;
}

// The checks every log write shares: who, the note, and a correction of the current version only.
Result<bool> common_checks(const PatientFacts& f, const Actor& actor, const std::string& note,
                           std::optional<RecordId> corrects, LogKind kind) {
  if (auto a = rules::check_actor(actor); !a) return a;
  if (auto n = rules::check_note(note); !n) return fail(n.error());
  return rules::check_correction(f, corrects, kind);
}

std::string no_therapy(const PatientFacts& f, Drug drug) {
  return "patient " + std::to_string(f.patient.id) + " has no " + std::string(to_string(drug)) +
         " therapy (start one first)";
}

}  // namespace

Result<ActionOutcome> log_dose(RecordStore& store, const PatientFacts& f, const DoseRequest& d,
                               const Actor& actor) {
  if (auto c = common_checks(f, actor, d.note, d.corrects, LogKind::dose); !c) return fail(c.error());
  const Therapy* t = latest_therapy(f, d.drug);
  if (!t) return fail(no_therapy(f, d.drug));
  // A dose taken is logged once it has happened; one missed or refused may be recorded ahead within the
  // patient's today (a patient who knows tonight's dose will be missed).
  const Day day = local_day(d.at, f.zone);
  if (d.status == DoseStatus::taken) {
    if (auto at = rules::check_record_instant(d.at, actor.now, "dose time"); !at) return fail(at.error());
  } else if (auto ok = rules::check_record_day(day, local_day(actor.now, f.zone), "dose day"); !ok) {
    return fail(ok.error());
  }
  const std::string drug(to_string(d.drug));
  if (day < t->start)
    return fail("dose day " + format_day(day) + " is before the " + drug + " therapy started (" +
                format_day(t->start) + ")");
  if (t->stop && day > *t->stop)
    return fail("dose day " + format_day(day) + " is after the " + drug + " therapy was stopped (" +
                format_day(*t->stop) + ")");
  if (d.status == DoseStatus::refused && d.note.find_first_not_of(" \t") == std::string::npos)
    return fail("a refused dose needs a note saying why");

  LogEntry e = entry_for(f, LogKind::dose, d.note, d.corrects);
  e.drug = d.drug;
  e.at = d.at;
  e.status = d.status;
  e.planned_key = d.planned_key;
  e.cycle = d.cycle;
  e.cycle_day = d.cycle_day;
  std::vector<std::string> warnings;
  if (e.planned_key.empty()) {
    // Only edaravone's plan depends on earlier logs (missed days move doses); riluzole matching needs none.
    static const std::vector<LogEntry> none;
    const PlannedDoseMatch m =
        match_planned_dose(*t, f.closed, d.drug == Drug::edaravone ? f.log : none, f.zone, d.at);
    e.planned_key = m.key;
    e.cycle = m.cycle;
    e.cycle_day = m.cycle_day;
    if (m.key.empty())
      warnings.push_back("no planned " + drug + " dose matches " + format_utc(d.at) +
                         ": recorded as an unplanned dose");
  }
  if (d.status == DoseStatus::taken) {
    const std::vector<LogEntry> current = current_entries(f.log);
    const auto other = [&](const LogEntry& x) {
      return x.kind == LogKind::dose && x.drug == d.drug && x.status == DoseStatus::taken &&
             (!d.corrects || x.id != *d.corrects);
    };
    // A planned dose already taken: this one is recorded as it happened, as an extra dose (never two under
    // one planned dose), and said.
    if (!e.planned_key.empty())
      for (const LogEntry& x : current)
        if (other(x) && x.planned_key == e.planned_key) {
          warnings.push_back("this planned dose (" + e.planned_key + ") was already recorded taken (record " +
                             std::to_string(x.id) +
                             "): recorded as an extra dose; check that it was not taken twice");
          e.planned_key.clear();
          break;
        }
    if (d.drug == Drug::riluzole) {
      if (auto hold = riluzole_on_hold(f, day))
        warnings.push_back("riluzole is on hold since the stop alert of the ALT of " + format_day(*hold) +
                           " (5x ULN or more): tell the prescriber, who records the decision");
      const auto clock = [&](Instant at) {
        const auto local = date::make_zoned(f.zone, at).get_local_time();
        return format_wall_clock(
            std::chrono::duration_cast<WallClock>(local - date::floor<date::days>(local)));
      };
      // Taken after the next dose's time had come (skip a missed dose, never double).
      const PlannedRef ref = parse_planned_key(e.planned_key);
      if (!ref.empty()) {
        const Instant missed_from =
            riluzole_missed_from(t->times, f.zone, Day{date::days{ref.first}}, ref.second - 1);
        if (d.at >= missed_from)
          warnings.push_back(
              "taken at " + clock(d.at) + ", after the next dose's time had come (" + clock(missed_from) +
              "): a missed dose is skipped, never doubled; take the next one only at its time if "
              "the prescriber agrees");
      }
      // Two doses close together: recorded, with a warning here and an alert in the due list.
      for (const LogEntry& x : current)
        if (other(x) && (x.at > d.at ? x.at - d.at : d.at - x.at) < kDoubledDoseGap) {
          const auto apart =
              std::chrono::duration_cast<std::chrono::minutes>(x.at > d.at ? x.at - d.at : d.at - x.at);
          warnings.push_back(
              "doubled dose: riluzole was already taken at " + clock(x.at) + " (record " +
              std::to_string(x.id) + "), " + std::to_string(apart.count()) +
              " min from this one; never double a dose: an alert is raised for the prescriber");
          break;
        }
    }
  }
  return append(store, e, actor, std::move(warnings));
}

Result<ActionOutcome> log_effect(RecordStore& store, const PatientFacts& f, const EffectRequest& r,
                                 const Actor& actor) {
  if (auto c = common_checks(f, actor, r.note, r.corrects, LogKind::effect); !c) return fail(c.error());
  auto term = rules::check_text(r.term, "side effect term", rules::kMaxNameBytes, true);
  if (!term) return fail(term.error());
  if (auto g = rules::check_grade(r.grade); !g) return fail(g.error());
  if (auto at = rules::check_record_instant(r.at, actor.now, "onset time"); !at) return fail(at.error());
  LogEntry e = entry_for(f, LogKind::effect, r.note, r.corrects);
  e.term = r.term;
  e.grade = r.grade;
  e.at = r.at;
  e.drug = r.drug;
  if (r.drug) {
    const Therapy* t = latest_therapy(f, *r.drug);
    if (!t) return fail(no_therapy(f, *r.drug));
    if (*r.drug == Drug::edaravone) {
      const Day day = local_day(r.at, f.zone);
      const auto plan = edaravone_plan_for(*t, f.closed, {}, f.zone, day);
      if (auto cd = edaravone_cycle_day(plan, day)) {
        e.cycle = cd->first;
        e.cycle_day = cd->second;
      }
    }
  }
  return append(store, e, actor);
}

Result<ActionOutcome> log_lab(RecordStore& store, const PatientFacts& f, const LabRequest& r,
                              const Actor& actor) {
  if (auto c = common_checks(f, actor, r.note, r.corrects, LogKind::lab); !c) return fail(c.error());
  if (auto l = rules::check_lab(r.test, r.value, r.uln); !l) return fail(l.error());
  if (auto d = rules::check_record_day(r.day, local_day(actor.now, f.zone), "result date"); !d)
    return fail(d.error());
  LogEntry e = entry_for(f, LogKind::lab, r.note, r.corrects);
  e.test = r.test;
  e.value = r.value;
  e.uln = r.uln;
  e.day = r.day;
  e.at = Instant{r.day};
  std::vector<std::string> warnings;
  if (r.test == "ALT") {
    bool baseline = true;  // no earlier ALT
    for (const LogEntry& x : current_entries(f.log))
      if (x.kind == LogKind::lab && x.test == "ALT" && x.day && *x.day < r.day) baseline = false;
    auto a = assess_alt(r.value, r.uln, baseline);
    if (a && a->level != AltAlertLevel::none) warnings.push_back(a->message);
  }
  return append(store, e, actor, std::move(warnings));
}

Result<ActionOutcome> log_weight(RecordStore& store, const PatientFacts& f, const WeightRequest& r,
                                 const Actor& actor) {
  if (auto c = common_checks(f, actor, r.note, r.corrects, LogKind::weight); !c) return fail(c.error());
  if (auto w = rules::check_weight(r.kg); !w) return fail(w.error());
  if (auto d = rules::check_record_day(r.day, local_day(actor.now, f.zone), "weight date"); !d)
    return fail(d.error());
  LogEntry e = entry_for(f, LogKind::weight, r.note, r.corrects);
  e.value = r.kg;
  e.day = r.day;
  e.at = Instant{r.day};
  return append(store, e, actor);
}

Result<ActionOutcome> dispense(RecordStore& store, const PatientFacts& f, const DispenseRequest& r,
                               const Actor& actor) {
  if (auto c = common_checks(f, actor, "", std::nullopt, LogKind::dispensing); !c) return fail(c.error());
  if (auto s = rules::check_bound(r.days_supply, rules::kDaysSupply, "days' supply"); !s)
    return fail(s.error());
  if (auto d = rules::check_record_day(r.day, local_day(actor.now, f.zone), "dispensing date"); !d)
    return fail(d.error());
  LogEntry e = entry_for(f, LogKind::dispensing, "", std::nullopt);
  e.drug = r.drug;
  e.day = r.day;
  e.at = Instant{r.day};
  e.days_supply = r.days_supply;
  return append(store, e, actor);
}

}  // namespace alsmeds
