// The writes both record stores make alike, written once (sql_record_store.hpp): each checks what the rows
// already say inside its transaction (of two workstations writing at once, the second sees the first's
// row; on the clinic server the schema's constraints refuse what slipped past), writes its row and, on the
// single-machine file, its audit row.
#include <string>

#include "alsmeds/records/alsfrs.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/text.hpp"
#include "record_rows.hpp"
#include "sql_record_store.hpp"
#include "write_checks.hpp"

namespace alsmeds::storage {
namespace {

std::string no_therapy(RecordId id) {
  return "therapy " + std::to_string(id) + " does not exist";
}
std::string no_patient(RecordId id) {
  return "patient " + std::to_string(id) + " does not exist";
}

using CourseFacts = SqlRecordStore::CourseFacts;

std::optional<CourseFacts> course_facts(SqlReads& db, RecordId therapy_id) {
  std::optional<CourseFacts> out;
  db.each(
      "SELECT t.patient_id, t.drug, t.start_day, s.stop_day FROM therapies t "
      "LEFT JOIN therapy_stops s ON s.therapy_id = t.id WHERE t.id = ?1",
      {therapy_id}, [&](const SqlRow& r) {
        out = CourseFacts{r.integer(0), r.text(1), row::day(r, 2), row::optional_day(r, 3)};
      });
  return out;
}

SqlArg optional_day(const std::optional<Day>& d) {
  return d ? SqlArg{day_number(*d)} : SqlArg{};
}

}  // namespace

std::vector<SqlArg> patient_args(const NewPatient& p, Instant created_at) {
  const auto flag = [](bool b) { return SqlArg{std::int64_t{b ? 1 : 0}}; };
  return {p.mrn ? SqlArg{*p.mrn} : SqlArg{},
          p.name,
          p.tz,
          optional_day(p.born),
          flag(p.sulfite_allergy),
          flag(p.asthma),
          flag(p.dysphagia),
          flag(p.feeding_tube),
          p.baseline_weight_kg ? SqlArg{*p.baseline_weight_kg} : SqlArg{},
          seconds(created_at),
          optional_day(p.onset)};
}

Result<RecordId> SqlRecordStore::add_patient(const NewPatient& p, const Actor& actor) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  if (auto ok = check_text(p); !ok) return fail(ok.error());
  const std::string mrn_taken = "MRN '" + p.mrn.value_or("") + "' belongs to another patient already";
  // Checked inside the write transaction: of two workstations adding one MRN at once, the second sees the
  // first's patient (on the server, its unique index refuses what came between: the same words).
  return transact(actor,
                  [&]() -> Result<RecordId> {
                    if (p.mrn && find_patient_by_mrn(*p.mrn)) return fail(mrn_taken);
                    const RecordId id = insert(kInsertPatient, patient_args(p, actor.now));
                    write_audit(actor, "insert", "patient", id, id, describe(p));
                    return id;
                  },
                  {{"patients_mrn_unique", mrn_taken}});
}

Result<RecordId> SqlRecordStore::add_patient_version(const PatientVersion& v, const Actor& actor) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  if (auto ok = check_text(v); !ok) return fail(ok.error());
  return transact(actor,
                  [&]() -> Result<RecordId> {
                    if (!find_patient(v.patient_id)) return fail(no_patient(v.patient_id));
                    const RecordId id = insert(
                        "INSERT INTO patient_versions (patient_id, name, tz, tz_from, born, sulfite_allergy, "
                        "feeding_tube, reason, recorded_by, recorded_at, onset) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                        {v.patient_id, v.name, v.tz, optional_day(v.tz_from), optional_day(v.born),
                         std::int64_t{v.sulfite_allergy ? 1 : 0}, std::int64_t{v.feeding_tube ? 1 : 0},
                         v.reason, actor.name, seconds(actor.now), optional_day(v.onset)});
                    write_audit(actor, "update", "patient", v.patient_id, v.patient_id, describe(v));
                    return id;
                  },
                  {{"patient_versions_patient_id_fkey", no_patient(v.patient_id)}});
}

std::array<SqlArg, kLogInsertParams> log_args(const LogEntry& e, const Actor& actor) {
  const bool is_lab = e.kind == LogKind::lab;
  const bool has_value = is_lab || e.kind == LogKind::weight;
  const bool dispensing = e.kind == LogKind::dispensing;
  const bool has_quantity = dispensing && e.quantity > 0;
  const auto text = [](std::string_view t) { return t.empty() ? SqlArg{} : SqlArg{t}; };
  const auto number = [](const std::optional<int>& n) { return n ? SqlArg{std::int64_t{*n}} : SqlArg{}; };
  return {e.patient_id,
          to_string(e.kind),
          seconds(e.at),
          optional_day(e.day),
          e.drug ? SqlArg{to_string(*e.drug)} : SqlArg{},
          e.status ? SqlArg{to_string(*e.status)} : SqlArg{},
          text(e.planned_key),
          text(e.term),
          e.kind == LogKind::effect ? SqlArg{std::int64_t{e.grade}} : SqlArg{},
          number(e.cycle),
          number(e.cycle_day),
          text(e.test),
          has_value ? SqlArg{e.value} : SqlArg{},
          is_lab && e.uln > 0 ? SqlArg{e.uln} : SqlArg{},  // NfL, CSF: may have none
          dispensing ? SqlArg{std::int64_t{e.days_supply}} : SqlArg{},
          std::string_view(e.note),
          std::string_view(actor.name),
          seconds(actor.now),
          e.supersedes ? SqlArg{*e.supersedes} : SqlArg{},
          has_quantity ? SqlArg{e.quantity} : SqlArg{},
          has_quantity ? text(e.unit) : SqlArg{},
          dispensing ? text(e.product) : SqlArg{},
          dispensing ? text(e.dispensing_id) : SqlArg{}};
}

Result<RecordId> SqlRecordStore::start_therapy(const NewTherapy& t, const Actor& actor) {
  if (auto ok = check_text_fields({{"restart reason", t.restart_reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  std::string confirmations;  // one a line (a line break in one is refused)
  for (const std::string& c : t.confirmations) {
    if (auto ok = check_text_fields({{"confirmation", c}}); !ok) return fail(ok.error());
    confirmations += (confirmations.empty() ? "" : "\n") + c;
  }
  if (!find_patient(t.patient_id)) return fail(no_patient(t.patient_id));
  const std::string times = format_times(t.times), dose_days = format_dose_day_pattern(t.dose_days);
  return transact(
      actor,
      [&]() -> Result<RecordId> {
        const RecordId id = insert(
            "INSERT INTO therapies (patient_id, drug, product, start_day, policy, times, lft_schedule, "
            "lft_weekdays_only, created_at, first_cycle, restart_reason, confirmations, dose_days) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            {t.patient_id, to_string(t.drug), to_string(t.product), day_number(t.start), to_string(t.policy),
             times, to_string(t.liver_tests), std::int64_t{t.liver_tests_weekdays_only ? 1 : 0},
             seconds(actor.now), to_string(t.first_cycle), t.restart_reason, confirmations, dose_days});
        write_audit(actor, "insert", "therapy", id, t.patient_id, describe(t));
        return id;
      },
      {{"therapies_patient_id_fkey", no_patient(t.patient_id)}});
}

Result<RecordId> SqlRecordStore::append_log(const LogEntry& e, const Actor& actor) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  if (auto ok = check_text(e); !ok) return fail(ok.error());
  if (!find_patient(e.patient_id)) return fail(no_patient(e.patient_id));
  const auto corrected_by = [&]() -> std::optional<RecordId> {
    std::optional<RecordId> later;
    reads().each("SELECT id FROM log_entries WHERE supersedes = ?1 ORDER BY id LIMIT 1", {*e.supersedes},
                 [&](const SqlRow& r) { later = r.integer(0); });
    return later;
  };
  // Checked inside the write transaction: of two workstations correcting one record at once, the second
  // sees the first's correction and is refused (on the server, the index refuses what came between).
  return transact(actor,
                  [&]() -> Result<RecordId> {
                    if (e.supersedes)
                      if (auto ok = check_correction(e, find_log_entry(*e.supersedes), corrected_by()); !ok)
                        return fail(ok.error());
                    const auto args = log_args(e, actor);
                    const RecordId id = insert(kInsertLog, {args.begin(), args.end()});
                    write_audit(actor, e.supersedes ? "correct" : "insert", to_string(e.kind), id,
                                e.patient_id, describe(e),
                                e.supersedes ? "supersedes record " + std::to_string(*e.supersedes) : "");
                    return id;
                  },
                  {{"log_entries_corrected_once", std::function<std::string()>([&]() -> std::string {
                      const auto later = e.supersedes ? corrected_by() : std::nullopt;
                      return later ? already_corrected(*e.supersedes, *later) : "";
                    })}});
}

Result<RecordId> SqlRecordStore::course_write(RecordId therapy_id, const std::string& reason,
                                              const Actor& actor,
                                              const std::function<Result<RecordId>(const CourseFacts&)>& body,
                                              const std::vector<Refusal>& refusals) {
  if (auto ok = check_text_fields({{"reason", reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  return transact(
      actor,
      [&]() -> Result<RecordId> {
        const auto course = course_facts(reads(), therapy_id);
        if (!course) return fail(no_therapy(therapy_id));
        return body(*course);
      },
      refusals);
}

Result<RecordId> SqlRecordStore::shift_cycle(RecordId therapy_id, const CycleShift& shift,
                                             const std::string& reason, const Actor& actor) {
  return course_write(
      therapy_id, reason, actor,
      [&](const CourseFacts& course) -> Result<RecordId> {
        if (!regimen(stored_drug(course.drug)).shifted_cycles)
          return fail("only " + drug_words([](const Regimen& r) { return r.shifted_cycles; }) +
                      " cycles can be shifted");
        if (course.stop) return fail("therapy " + std::to_string(therapy_id) + " was stopped");
        const RecordId id = insert(
            "INSERT INTO cycle_adjustments (therapy_id, cycle, days, reflow, reason, recorded_by, "
            "recorded_at, resume_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            {therapy_id, std::int64_t{shift.cycle}, std::int64_t{shift.days}, to_string(shift.reflow), reason,
             actor.name, seconds(actor.now), optional_day(shift.resume_from)});
        write_audit(
            actor, "reflow", "therapy", therapy_id, course.patient_id,
            "cycle " + std::to_string(shift.cycle) + " delayed " + std::to_string(shift.days) + " days (" +
                std::string(to_string(shift.reflow)) + ")" +
                (shift.resume_from ? ", started: doses from " + format_day(*shift.resume_from) + " move"
                                   : "") +
                ": " + reason);
        return id;
      },
      {});
}

Result<RecordId> SqlRecordStore::insert_stop(RecordId therapy_id, Day stop, const std::string& reason,
                                             const Actor& actor) {
  // The stop is a row of its own (the course itself is never rewritten).
  const auto course = course_facts(reads(), therapy_id);
  if (!course) return fail(no_therapy(therapy_id));
  if (course->stop) return fail("therapy " + std::to_string(therapy_id) + " was already stopped");
  if (stop < course->start)
    return fail("stop date " + format_day(stop) + " is before the start " + format_day(course->start));
  insert(
      "INSERT INTO therapy_stops (therapy_id, stop_day, reason, recorded_by, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
      {therapy_id, day_number(stop), reason, actor.name, seconds(actor.now)}, "therapy_id");
  write_audit(actor, "stop", "therapy", therapy_id, course->patient_id,
              "stopped " + format_day(stop) + ": " + reason, "active");
  return therapy_id;
}

Result<RecordId> SqlRecordStore::stop_therapy(RecordId therapy_id, Day stop, const std::string& reason,
                                              const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  return transact(actor, [&] { return insert_stop(therapy_id, stop, reason, actor); },
                  {{"therapy_stops_once", "therapy " + std::to_string(therapy_id) + " was already stopped"}});
}

Result<RecordId> SqlRecordStore::stop_therapy_acknowledging(RecordId therapy_id, Day stop,
                                                            const std::string& reason,
                                                            const AlertAcknowledgment& ack,
                                                            const Actor& actor) {
  if (auto ok = check_text_fields(
          {{"reason", reason}, {"alert", ack.alert_key}, {"note", ack.note}, {"recorded by", actor.name}});
      !ok)
    return fail(ok.error());
  return transact(actor,
                  [&]() -> Result<RecordId> {  // both rows and their audit rows, or nothing
                    auto stopped = insert_stop(therapy_id, stop, reason, actor);
                    if (!stopped) return stopped;
                    return insert_acknowledgment(ack, actor);
                  },
                  {{"therapy_stops_once", "therapy " + std::to_string(therapy_id) + " was already stopped"}});
}

Result<RecordId> SqlRecordStore::switch_product(RecordId therapy_id, Day from, Product product,
                                                const std::string& reason, const Actor& actor) {
  return course_write(
      therapy_id, reason, actor,
      [&](const CourseFacts& course) -> Result<RecordId> {
        if (from < course.start)
          return fail("switch date " + format_day(from) + " is before the therapy started");
        if (course.stop && from > *course.stop)
          return fail("switch date " + format_day(from) + " is after the therapy was stopped");
        const RecordId id = insert(
            "INSERT INTO therapy_changes (therapy_id, from_day, product, reason, recorded_by, recorded_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            {therapy_id, day_number(from), to_string(product), reason, actor.name, seconds(actor.now)});
        write_audit(
            actor, "switch", "therapy", therapy_id, course.patient_id,
            "switched to " + std::string(to_string(product)) + " from " + format_day(from) + ": " + reason);
        return id;
      },
      {});
}

Result<RecordId> SqlRecordStore::add_pause(const TherapyPause& pause, const Actor& actor) {
  return course_write(
      pause.therapy_id, pause.reason, actor,
      [&](const CourseFacts& course) -> Result<RecordId> {
        // A pause of the same first day replaces the one before (a resume ends it early).
        std::optional<TherapyPause> replaced;
        reads().each(
            "SELECT id, therapy_id, from_day, to_day, reason, recorded_by, recorded_at FROM therapy_pauses "
            "WHERE therapy_id = ?1 AND from_day = ?2 ORDER BY id DESC LIMIT 1",
            {pause.therapy_id, day_number(pause.from)}, [&](const SqlRow& r) { replaced = pause_of(r); });
        const RecordId id = insert(
            "INSERT INTO therapy_pauses (therapy_id, from_day, to_day, reason, recorded_by, recorded_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            {pause.therapy_id, day_number(pause.from), day_number(pause.to), pause.reason, actor.name,
             seconds(actor.now)});
        write_audit(actor, replaced ? "resume" : "pause", "therapy", pause.therapy_id, course.patient_id,
                    describe_pause(pause, replaced ? &*replaced : nullptr));
        return id;
      },
      {{"therapy_pauses_therapy_id_fkey", no_therapy(pause.therapy_id)}});
}

Result<RecordId> SqlRecordStore::add_alsfrs(const AlsfrsReport& r, const Actor& actor) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  return transact(
      actor,
      [&]() -> Result<RecordId> {
        if (!find_patient(r.patient_id)) return fail(no_patient(r.patient_id));
        if (r.supersedes) {
          bool current = false;
          reads().each(
              "SELECT 1 FROM alsfrs_reports a WHERE a.id = ?1 AND a.patient_id = ?2 AND NOT EXISTS "
              "(SELECT 1 FROM alsfrs_reports b WHERE b.supersedes = a.id)",
              {*r.supersedes, r.patient_id}, [&](const SqlRow&) { current = true; });
          if (!current)
            return fail(
                "report " + std::to_string(*r.supersedes) +
                " is not a current ALSFRS-R report of this patient (only the current version is corrected)");
        }
        const RecordId id = insert(
            "INSERT INTO alsfrs_reports (patient_id, day, items, gastrostomy, recorded_by, recorded_at, "
            "supersedes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            {r.patient_id, day_number(r.day), format_alsfrs_items(r.items),
             std::int64_t{r.gastrostomy ? 1 : 0}, actor.name, seconds(actor.now),
             r.supersedes ? SqlArg{*r.supersedes} : SqlArg{}});
        write_audit(actor, r.supersedes ? "correct" : "insert", "alsfrs", id, r.patient_id,
                    describe_alsfrs(r),
                    r.supersedes ? "supersedes report " + std::to_string(*r.supersedes) : "");
        return id;
      },
      {{"alsfrs_reports_patient_id_fkey", no_patient(r.patient_id)},
       {"alsfrs_reports_supersedes_key",
        "report " + std::to_string(r.supersedes.value_or(0)) + " was corrected meanwhile"}});
}

Result<RecordId> SqlRecordStore::add_closed_day(const ClosedDay& c, const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", c.reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  return transact(
      actor,
      [&]() -> Result<RecordId> {
        const RecordId id =
            insert("INSERT INTO closed_days (patient_id, day, reason) VALUES (?1, ?2, ?3)",
                   {c.patient_id ? SqlArg{*c.patient_id} : SqlArg{}, day_number(c.day), c.reason});
        write_audit(actor, "insert", "closed-day", id, c.patient_id, format_day(c.day) + " " + c.reason);
        return id;
      },
      {});
}

Result<RecordId> SqlRecordStore::insert_acknowledgment(const AlertAcknowledgment& ack, const Actor& actor) {
  if (!find_patient(ack.patient_id)) return fail(no_patient(ack.patient_id));
  if (ack.alert_key.empty()) return fail("an acknowledgment needs the alert it answers");
  const RecordId id = insert(
      "INSERT INTO alert_acknowledgments (patient_id, alert_key, acknowledged_by, acknowledged_at, note) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
      {ack.patient_id, ack.alert_key, actor.name, seconds(actor.now), ack.note});
  write_audit(actor, "acknowledge", "alert", id, ack.patient_id, ack.alert_key);
  return id;
}

Result<RecordId> SqlRecordStore::acknowledge_alert(const AlertAcknowledgment& ack, const Actor& actor) {
  if (auto ok =
          check_text_fields({{"alert", ack.alert_key}, {"note", ack.note}, {"recorded by", actor.name}});
      !ok)
    return fail(ok.error());
  return transact(actor, [&] { return insert_acknowledgment(ack, actor); }, {});
}

Result<RecordId> SqlRecordStore::add_unit_settings(const UnitSettings& u, const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", u.reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  return transact(
      actor,
      [&]() -> Result<RecordId> {
        const RecordId id = insert(
            "INSERT INTO unit_settings (chairs, opens_minute, closes_minute, weekdays_only, reason, "
            "recorded_by, recorded_at, lp_rooms, lp_minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            {std::int64_t{u.chairs}, std::int64_t{u.opens_minute}, std::int64_t{u.closes_minute},
             std::int64_t{u.weekdays_only ? 1 : 0}, u.reason, actor.name, seconds(actor.now),
             std::int64_t{u.lp_rooms}, std::int64_t{u.lp_minutes}});
        write_audit(actor, "settings", "unit", id, std::nullopt, describe(u));
        return id;
      },
      {});
}

}  // namespace alsmeds::storage
