// The clinic's actions on the log: doses, side effects, labs, weights, dispensings (docs/domain.md).
#include "alsmeds/rules/clinic_actions.hpp"

#include <algorithm>

#include "action_checks.hpp"
#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/text.hpp"

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

Result<bool> check_dose(const Therapy& t, Zone zone, const DoseRequest& d, Instant now) {
  // A dose taken is logged once it has happened; one missed or refused may be recorded ahead within the
  // patient's today (a patient who knows tonight's dose will be missed).
  if (d.status == DoseStatus::taken) {
    if (auto at = rules::check_record_instant(d.at, now, "dose time"); !at) return fail(at.error());
  } else if (auto ok = rules::check_record_day(local_day(d.at, zone), local_day(now, zone), "dose day");
             !ok) {
    return fail(ok.error());
  }
  // The dose's day in the patient's zone within the course. UTC offsets are within 15 hours: only an instant
  // that close to the course's first or last day needs the zone's look-up (an import checks a million).
  constexpr std::chrono::hours kMaxOffset{15};
  const bool near_start = d.at < Instant{t.start} + kMaxOffset;
  const bool near_stop = t.stop && d.at >= Instant{*t.stop + date::days{1}} - kMaxOffset;
  if (near_start || near_stop) {
    const std::string drug(to_string(d.drug));
    const Day day = local_day(d.at, zone);
    if (day < t.start)
      return fail("dose day " + format_day(day) + " is before the " + drug + " therapy started (" +
                  format_day(t.start) + ")");
    if (t.stop && day > *t.stop)
      return fail("dose day " + format_day(day) + " is after the " + drug + " therapy was stopped (" +
                  format_day(*t.stop) + ")");
  }
  if (d.status == DoseStatus::refused && d.note.find_first_not_of(" \t") == std::string::npos)
    return fail("a refused dose needs a note saying why");
  return true;
}

Result<bool> check_dispensing(Zone zone, const DispenseRequest& r, Instant now) {
  if (auto s = rules::check_bound(r.days_supply, rules::kDaysSupply, "days' supply"); !s)
    return fail(s.error());
  if (auto d = rules::check_record_day(r.day, local_day(now, zone), "dispensing date"); !d)
    return fail(d.error());
  return true;
}

Instant day_dose_instant(Day day, Zone zone) {
  return resolve_local_time(zone, date::local_seconds{day.time_since_epoch()} + std::chrono::hours{12})
      .instant;
}

Result<ActionOutcome> log_dose(RecordStore& store, const PatientFacts& f, const DoseRequest& d,
                               const Actor& actor) {
  if (auto c = common_checks(f, actor, d.note, d.corrects, LogKind::dose); !c) return fail(c.error());
  const Therapy* t = latest_therapy(f, d.drug);
  if (!t) return fail(no_therapy(f, d.drug));
  if (auto ok = check_dose(*t, f.zone, d, actor.now); !ok) return fail(ok.error());
  const std::string drug(to_string(d.drug));
  LogEntry e = entry_for(f, LogKind::dose, d.note, d.corrects);
  e.drug = d.drug;
  e.at = d.at;
  e.status = d.status;
  e.planned_key = d.planned_key;
  e.cycle = d.cycle;
  e.cycle_day = d.cycle_day;
  auto intent = rules::check_dose_intent(f, *t, d);
  if (!intent) return fail(intent.error());
  std::vector<std::string> warnings = std::move(*intent);
  if (e.planned_key.empty()) {
    // Only a plan that depends on earlier logs (edaravone: missed days move doses) reads them.
    static const std::vector<LogEntry> none;
    const PlannedDoseMatch m =
        match_planned_dose(*t, f.closed, regimen(d.drug).plan_reads_log ? f.log : none, f.zone, d.at);
    e.planned_key = m.key;
    e.cycle = m.cycle;
    e.cycle_day = m.cycle_day;
    if (m.key.empty())
      warnings.push_back("no planned " + drug + " dose matches " + format_utc(d.at) +
                         ": recorded as an unplanned dose");
  }
  if (auto repeat = rules::repeated_intent(f, e, d, actor.now)) return fail(*repeat);
  // A repeat of a current dose (the one corrected excepted) is recorded, with a warning: the person decides.
  RepeatedDoses recorded;
  for (const LogEntry& x : current_entries(f.log))
    if (!d.corrects || x.id != *d.corrects) recorded.remember(x);
  // One warning for one earlier record: what the checks below find of the same record joins it.
  std::optional<RecordId> repeated;
  std::size_t repeat_warning = 0;
  const auto say_of = [&](RecordId record, std::string words, bool replaces) {
    if (repeated != record) return warnings.push_back(std::move(words));
    std::string& said = warnings[repeat_warning];
    said = replaces ? std::move(words) : said + "; " + words;
  };
  if (auto earlier = recorded.find(e)) {
    warnings.push_back("this dose " + RepeatedDoses::describe(*earlier, e) +
                       ": recorded again; check that it was not recorded or taken twice");
    if (earlier->record != 0) {
      repeated = earlier->record;
      repeat_warning = warnings.size() - 1;
    }
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
          say_of(x.id,
                 "this planned dose (" + e.planned_key + ") was already recorded taken (record " +
                     std::to_string(x.id) + "): recorded as an extra dose; check that it was not taken twice",
                 true);
          e.planned_key.clear();
          break;
        }
    if (d.drug == Drug::riluzole) {
      if (auto hold = riluzole_on_hold(f, local_day(d.at, f.zone)))
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
          say_of(x.id,
                 "doubled dose: riluzole was already taken at " + clock(x.at) + " (record " +
                     std::to_string(x.id) + "), " + std::to_string(apart.count()) +
                     " min from this one; never double a dose: an alert is raised for the prescriber",
                 false);
          break;
        }
    }
    if (d.drug == Drug::tofersen) {  // docs/domain.md "Tofersen": the later doses follow the one given
      const PlannedRef ref = parse_planned_key(e.planned_key);
      const Day day = local_day(d.at, f.zone);
      for (const TofersenDose& x : tofersen_plan_for(*t, f.log, f.zone, day + date::days{400}).doses) {
        if (ref.empty() || x.number != ref.first || x.given) continue;
        const int late = static_cast<int>((day - x.day).count());
        if (late != 0)
          warnings.push_back(
              "tofersen dose " + std::to_string(x.number) + " was due on " + format_day(x.day) + ": given " +
              std::to_string(late < 0 ? -late : late) + (late < 0 ? " days early" : " days late") +
              (late < 0 ? " (the labels give no earlier dose)" : "") + "; the next dose is due " +
              format_day(day + date::days{tofersen_days_to_next(x.number)}));
        break;
      }
    }
  }
  return append(store, e, actor, std::move(warnings));
}

Result<ActionOutcome> withdraw_dose(RecordStore& store, const PatientFacts& f, RecordId dose,
                                    const std::string& note, const Actor& actor) {
  if (auto c = common_checks(f, actor, note, dose, LogKind::dose); !c) return fail(c.error());
  const LogEntry* old = nullptr;
  for (const LogEntry& x : f.log)
    if (x.id == dose) old = &x;
  if (!old || !old->status) return fail("record " + std::to_string(dose) + " is already withdrawn");
  LogEntry e = entry_for(f, LogKind::dose, note, dose);
  e.drug = old->drug;
  e.at = old->at;  // no status and no planned dose: it answers nothing, counts as no dose
  e.cycle = old->cycle;
  e.cycle_day = old->cycle_day;
  return append(store, e, actor);
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
  auto lab = rules::check_lab(r.test, r.value, r.uln);
  if (!lab) return fail(lab.error());
  const rules::LabTest& test = *lab.value();
  if (auto d = rules::check_record_day(r.day, local_day(actor.now, f.zone), "result date"); !d)
    return fail(d.error());
  LogEntry e = entry_for(f, LogKind::lab, r.note, r.corrects);
  e.test = test.code;  // as registered, whatever the case typed
  e.value = r.value;
  e.uln = r.uln;
  e.day = r.day;
  e.at = Instant{r.day};
  std::vector<std::string> warnings;
  if (test.transaminase) {  // ALT and AST alike (US PI: aminotransferases); a baseline is the first result
    bool baseline = true;
    for (const LogEntry& x : current_entries(f.log))
      if (x.kind == LogKind::lab && x.test == e.test && x.day && *x.day < r.day) baseline = false;
    auto a = assess_transaminase(e.test, r.value, r.uln, baseline);
    if (a && a->level != AltAlertLevel::none) warnings.push_back(a->message);
  } else if (r.uln > 0 && r.value > r.uln) {  // an observation (tofersen's): said, no rule of ours applies
    warnings.push_back(e.test + " " + format_quantity(r.value) + " " + test.value.unit +
                       " is above the laboratory's upper limit of normal (" + format_quantity(r.uln) +
                       "): for the prescriber to review");
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

Result<PreparedDispensing> prepare_dispensing(const PatientFacts& f, const DispenseRequest& request,
                                              Instant now) {
  DispenseRequest r = request;
  std::vector<std::string> warnings;
  const Therapy* course = latest_therapy(f, r.drug);
  if (regimen(r.drug).packs.empty())
    return fail(std::string(to_string(r.drug)) +
                " is not dispensed to a patient (given from the clinic's stock)");
  if (r.quantity > 0 || !r.unit.empty()) {
    if (r.unit.empty() || !(r.quantity > 0))
      return fail(
          "a quantity dispensed needs both the quantity and its unit (tablet, film, mL, bottle or bag)");
    auto unit = parse_supply_unit(r.unit);
    if (!unit) return fail(unit.error());
    auto pack = dispensed_pack(r.drug, r.product, course, r.day);
    if (!pack) return fail(pack.error());
    auto counted = counted_quantity(**pack, r.quantity, *unit);
    if (!counted) return fail(counted.error());
    const std::optional<int> derived = derived_days_supply(f, **pack, *counted, r.day);
    const std::string handed = format_quantity(r.quantity, *unit) + " of " + std::string((*pack)->product);
    if (r.days_supply == 0) {
      if (!derived) {
        // Name the pack's product, and the course's when it differs (a pack of the form before a switch).
        const Product served = (*pack)->serves;
        const std::string then = course && product_on(*course, r.day) != served
                                     ? " (" + std::string(to_string(r.drug)) + " is " +
                                           std::string(to_string(product_on(*course, r.day))) + " then)"
                                     : "";
        return fail("no " + std::string(to_string(r.drug)) + " " + std::string(to_string(served)) +
                    " dose is planned from " + format_day(r.day) + " on" + then + ": give the days' supply");
      }
      r.days_supply = *derived;
    } else if (derived && *derived != r.days_supply) {
      warnings.push_back("days' supply " + std::to_string(r.days_supply) + " given, but " + handed +
                         " last " + std::to_string(*derived) + " days by the regimen");
    }
    r.product = std::string((*pack)->product);
    r.unit = std::string(to_string(*unit));
  } else if (!r.product.empty()) {
    auto pack = dispensed_pack(r.drug, r.product, course, r.day);
    if (!pack) return fail(pack.error());
  }
  if (auto ok = check_dispensing(f.zone, r, now); !ok) return fail(ok.error());
  LogEntry e = entry_for(f, LogKind::dispensing, "", std::nullopt);
  e.drug = r.drug;
  e.day = r.day;
  e.at = Instant{r.day};
  e.days_supply = r.days_supply;
  e.quantity = r.quantity;
  e.unit = r.unit;
  e.product = r.product;
  return PreparedDispensing{std::move(e), std::move(warnings)};
}

Result<ActionOutcome> dispense(RecordStore& store, const PatientFacts& f, const DispenseRequest& request,
                               const Actor& actor) {
  if (auto c = common_checks(f, actor, "", std::nullopt, LogKind::dispensing); !c) return fail(c.error());
  auto prepared = prepare_dispensing(f, request, actor.now);
  if (!prepared) return fail(prepared.error());
  return append(store, prepared->entry, actor, std::move(prepared->warnings));
}

}  // namespace alsmeds
