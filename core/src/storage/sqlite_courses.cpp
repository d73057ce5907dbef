// The single-machine store's courses of therapy (start, stop, delays, switches, pauses) and ALSFRS-R reports
// (SqliteRecordStore, sqlite_record_store.hpp).
#include <string>
#include <vector>

#include "alsmeds/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "row_mapping.hpp"
#include "sqlite_record_store.hpp"

namespace alsmeds::storage {

Result<RecordId> SqliteRecordStore::start_therapy(const NewTherapy& t, const Actor& actor) {
  if (auto ok = check_text_fields({{"restart reason", t.restart_reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  if (!find_patient(t.patient_id)) return fail("patient " + std::to_string(t.patient_id) + " does not exist");
  Transaction tx(*db_);
  Statement s(*db_,
              "INSERT INTO therapies (patient_id, drug, product, start_day, policy, times, lft_schedule, "
              "lft_weekdays_only, created_at, first_cycle, restart_reason, dose_days) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  s.bind(1, t.patient_id).bind(2, to_string(t.drug)).bind(3, to_string(t.product));
  s.bind(4, static_cast<std::int64_t>(t.start.time_since_epoch().count())).bind(5, to_string(t.policy));
  s.bind(6, format_times(t.times))
      .bind(7, to_string(t.liver_tests))
      .bind(8, t.liver_tests_weekdays_only ? 1 : 0);
  s.bind(9, seconds(actor.now)).bind(10, to_string(t.first_cycle)).bind(11, t.restart_reason);
  s.bind(12, format_dose_day_pattern(t.dose_days)).run();
  const RecordId id = db_->last_insert_id();
  record_audit(actor, "insert", "therapy", id, t.patient_id, describe(t));
  tx.commit();
  return id;
}

std::vector<Therapy> SqliteRecordStore::therapies(RecordId patient_id) {
  SqliteReads reads(*db_);
  return read_therapies(reads, patient_id);
}

std::vector<Therapy> SqliteRecordStore::all_therapies() {
  SqliteReads reads(*db_);
  return read_therapies(reads, std::nullopt);
}

Result<RecordId> SqliteRecordStore::shift_cycle(RecordId therapy_id, const CycleShift& shift,
                                                const std::string& reason, const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  Statement find(*db_,
                 "SELECT t.patient_id, t.drug, s.stop_day FROM therapies t "
                 "LEFT JOIN therapy_stops s ON s.therapy_id = t.id WHERE t.id = ?1");
  find.bind(1, therapy_id);
  if (!find.step()) return fail("therapy " + std::to_string(therapy_id) + " does not exist");
  const RecordId patient_id = find.get_int(0);
  if (find.get_text(1) != "edaravone") return fail("only edaravone cycles can be shifted");
  if (!find.is_null(2)) return fail("therapy " + std::to_string(therapy_id) + " was stopped");
  Transaction tx(*db_);
  Statement s(
      *db_,
      "INSERT INTO cycle_adjustments (therapy_id, cycle, days, reflow, reason, recorded_by, recorded_at, "
      "resume_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s.bind(1, therapy_id).bind(2, shift.cycle).bind(3, shift.days).bind(4, to_string(shift.reflow));
  s.bind(5, reason).bind(6, actor.name).bind(7, seconds(actor.now));
  if (shift.resume_from)
    s.bind(8, static_cast<std::int64_t>(shift.resume_from->time_since_epoch().count()));
  else
    s.bind(8, std::optional<RecordId>{});
  s.run();
  const RecordId id = db_->last_insert_id();
  record_audit(
      actor, "reflow", "therapy", therapy_id, patient_id,
      "cycle " + std::to_string(shift.cycle) + " delayed " + std::to_string(shift.days) + " days (" +
          std::string(to_string(shift.reflow)) + ")" +
          (shift.resume_from ? ", started: doses from " + format_day(*shift.resume_from) + " move" : "") +
          ": " + reason);
  tx.commit();
  return id;
}

Result<RecordId> SqliteRecordStore::stop_therapy(RecordId therapy_id, Day stop, const std::string& reason,
                                                 const Actor& actor) {
  // Checked inside the write transaction: of two programs stopping one course, the second sees the first's
  // stop.
  Transaction tx(*db_);
  auto stopped = insert_stop(therapy_id, stop, reason, actor);
  if (stopped) tx.commit();
  return stopped;
}

Result<RecordId> SqliteRecordStore::stop_therapy_acknowledging(RecordId therapy_id, Day stop,
                                                               const std::string& reason,
                                                               const AlertAcknowledgment& ack,
                                                               const Actor& actor) {
  Transaction tx(*db_);  // both rows and their audit rows, or nothing
  auto stopped = insert_stop(therapy_id, stop, reason, actor);
  if (!stopped) return stopped;
  auto id = insert_acknowledgment(ack, actor);
  if (id) tx.commit();
  return id;
}

Result<RecordId> SqliteRecordStore::insert_stop(RecordId therapy_id, Day stop, const std::string& reason,
                                                const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  // The stop is a row of its own (the course itself is never rewritten).
  Statement find(*db_,
                 "SELECT t.patient_id, t.start_day, s.stop_day FROM therapies t "
                 "LEFT JOIN therapy_stops s ON s.therapy_id = t.id WHERE t.id = ?1");
  find.bind(1, therapy_id);
  if (!find.step()) return fail("therapy " + std::to_string(therapy_id) + " does not exist");
  const RecordId patient_id = find.get_int(0);
  const Day start{date::days{find.get_int(1)}};
  if (!find.is_null(2)) return fail("therapy " + std::to_string(therapy_id) + " was already stopped");
  if (stop < start)
    return fail("stop date " + format_day(stop) + " is before the start " + format_day(start));
  find.reset();
  Statement s(*db_,
              "INSERT INTO therapy_stops (therapy_id, stop_day, reason, recorded_by, recorded_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5)");
  s.bind(1, therapy_id)
      .bind(2, static_cast<std::int64_t>(stop.time_since_epoch().count()))
      .bind(3, reason)
      .bind(4, actor.name)
      .bind(5, seconds(actor.now))
      .run();
  record_audit(actor, "stop", "therapy", therapy_id, patient_id,
               "stopped " + format_day(stop) + ": " + reason, "active");
  return therapy_id;
}

Result<RecordId> SqliteRecordStore::switch_product(RecordId therapy_id, Day from, Product product,
                                                   const std::string& reason, const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  Statement find(*db_,
                 "SELECT t.patient_id, t.start_day, s.stop_day FROM therapies t "
                 "LEFT JOIN therapy_stops s ON s.therapy_id = t.id WHERE t.id = ?1");
  find.bind(1, therapy_id);
  if (!find.step()) return fail("therapy " + std::to_string(therapy_id) + " does not exist");
  const RecordId patient_id = find.get_int(0);
  if (from < Day{date::days{find.get_int(1)}})
    return fail("switch date " + format_day(from) + " is before the therapy started");
  if (!find.is_null(2) && from > Day{date::days{find.get_int(2)}})
    return fail("switch date " + format_day(from) + " is after the therapy was stopped");
  Transaction tx(*db_);
  Statement s(*db_,
              "INSERT INTO therapy_changes (therapy_id, from_day, product, reason, recorded_by, recorded_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind(1, therapy_id)
      .bind(2, static_cast<std::int64_t>(from.time_since_epoch().count()))
      .bind(3, to_string(product));
  s.bind(4, reason).bind(5, actor.name).bind(6, seconds(actor.now)).run();
  const RecordId id = db_->last_insert_id();
  record_audit(
      actor, "switch", "therapy", therapy_id, patient_id,
      "switched to " + std::string(to_string(product)) + " from " + format_day(from) + ": " + reason);
  tx.commit();
  return id;
}

Result<RecordId> SqliteRecordStore::add_alsfrs(const AlsfrsReport& r, const Actor& actor) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  Transaction tx(*db_);
  if (!find_patient(r.patient_id)) return fail("patient " + std::to_string(r.patient_id) + " does not exist");
  if (r.supersedes) {
    Statement cur(*db_,
                  "SELECT 1 FROM alsfrs_reports a WHERE a.id = ?1 AND a.patient_id = ?2 AND NOT EXISTS "
                  "(SELECT 1 FROM alsfrs_reports b WHERE b.supersedes = a.id)");
    cur.bind(1, *r.supersedes).bind(2, r.patient_id);
    if (!cur.step())
      return fail(
          "report " + std::to_string(*r.supersedes) +
          " is not a current ALSFRS-R report of this patient (only the current version is corrected)");
  }
  Statement s(*db_,
              "INSERT INTO alsfrs_reports (patient_id, day, items, gastrostomy, recorded_by, recorded_at, "
              "supersedes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.bind(1, r.patient_id).bind(2, static_cast<std::int64_t>(r.day.time_since_epoch().count()));
  s.bind(3, format_alsfrs_items(r.items)).bind(4, r.gastrostomy ? 1 : 0).bind(5, actor.name);
  s.bind(6, seconds(actor.now)).bind(7, r.supersedes).run();
  const RecordId id = db_->last_insert_id();
  record_audit(actor, r.supersedes ? "correct" : "insert", "alsfrs", id, r.patient_id, describe_alsfrs(r),
               r.supersedes ? "supersedes report " + std::to_string(*r.supersedes) : "");
  tx.commit();
  return id;
}

std::vector<AlsfrsReport> SqliteRecordStore::alsfrs_reports(std::optional<RecordId> patient_id) {
  SqliteReads reads(*db_);
  return read_alsfrs_reports(reads, patient_id);
}

Result<RecordId> SqliteRecordStore::add_pause(const TherapyPause& pause, const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", pause.reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  Transaction tx(*db_);
  Statement find(*db_, "SELECT patient_id FROM therapies WHERE id = ?1");
  find.bind(1, pause.therapy_id);
  if (!find.step()) return fail("therapy " + std::to_string(pause.therapy_id) + " does not exist");
  const RecordId patient_id = find.get_int(0);
  std::optional<TherapyPause> replaced;
  Statement before(
      *db_,
      "SELECT id, therapy_id, from_day, to_day, reason, recorded_by, recorded_at FROM therapy_pauses "
      "WHERE therapy_id = ?1 AND from_day = ?2 ORDER BY id DESC LIMIT 1");
  before.bind(1, pause.therapy_id).bind(2, static_cast<std::int64_t>(pause.from.time_since_epoch().count()));
  if (before.step()) replaced = pause_of(SqliteRow(before));
  Statement s(*db_,
              "INSERT INTO therapy_pauses (therapy_id, from_day, to_day, reason, recorded_by, recorded_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind(1, pause.therapy_id)
      .bind(2, static_cast<std::int64_t>(pause.from.time_since_epoch().count()))
      .bind(3, static_cast<std::int64_t>(pause.to.time_since_epoch().count()));
  s.bind(4, pause.reason).bind(5, actor.name).bind(6, seconds(actor.now)).run();
  const RecordId id = db_->last_insert_id();
  record_audit(actor, replaced ? "resume" : "pause", "therapy", pause.therapy_id, patient_id,
               describe_pause(pause, replaced ? &*replaced : nullptr));
  tx.commit();
  return id;
}

}  // namespace alsmeds::storage
