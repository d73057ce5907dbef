#include "sqlite_record_store.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "alsmeds/output_file.hpp"
#include "alsmeds/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "audit_chain.hpp"
#include "row_mapping.hpp"
#include "schema.hpp"

namespace alsmeds::storage {
namespace {

ClosedDay read_closed_day(const Statement& s) {
  return {s.is_null(0) ? std::nullopt : std::optional<RecordId>(s.get_int(0)), Day{date::days{s.get_int(1)}},
          s.get_text(2)};
}

constexpr const char* kPatientColumns =
    "id, mrn, name, tz, born, sulfite_allergy, asthma, dysphagia, feeding_tube, baseline_weight_kg, "
    "created_at, onset";
constexpr const char* kPatientVersionColumns =
    "patient_id, name, tz, tz_from, born, sulfite_allergy, feeding_tube, reason, onset";
constexpr const char* kInsertPatient =
    "INSERT INTO patients (mrn, name, tz, born, sulfite_allergy, asthma, dysphagia, feeding_tube, "
    "baseline_weight_kg, created_at, onset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr const char* kInsertLog =
    "INSERT INTO log_entries (patient_id, kind, at, day, drug, status, planned_key, term, grade, cycle, "
    "cycle_day, "
    "test, value, uln, days_supply, note, recorded_by, recorded_at, supersedes, quantity, unit, product, "
    "dispensing_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
    "?22, ?23)";

// Imports are all or nothing: the first failing row rolls the whole transaction back. INSERT OR ROLLBACK
// (with foreign keys deferred to COMMIT) spares SQLite a statement journal per row, whose cost grows with the
// file.
std::string bulk(const char* insert) {
  return std::string("INSERT OR ROLLBACK") + (insert + 6);
}

// The schema 5 trigger that refuses a correction of a record that is not current (schema.cpp).
constexpr const char* kCorrectionGuard = "log_entries_correct_current_only";

// "imported from 'doses.csv'": the file as a person reads it (bytes that are not UTF-8 escaped), shortened.
std::string imported_from(const std::string& source) {
  if (source.empty()) return "imported";
  return "imported from " + quote_short(escape_for_terminal(source), 200);
}

// A 256 MiB page cache for the length of a bulk import (back to 64 MiB after), so a million-row import does
// not spill pages to the WAL before its commit.
class BulkCache {
 public:
  explicit BulkCache(Connection& db) : db_(db) { db_.exec("PRAGMA cache_size = -262144"); }
  ~BulkCache() { sqlite3_exec(db_.handle(), "PRAGMA cache_size = -65536", nullptr, nullptr, nullptr); }
  BulkCache(const BulkCache&) = delete;
  BulkCache& operator=(const BulkCache&) = delete;

 private:
  Connection& db_;
};

// Foreign-key enforcement off for one bulk write, back on afterwards whatever happens.
class ForeignKeysOffDuring {
 public:
  explicit ForeignKeysOffDuring(Connection& db) : db_(db) { db_.exec("PRAGMA foreign_keys = OFF"); }
  ~ForeignKeysOffDuring() {
    sqlite3_exec(db_.handle(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  }
  ForeignKeysOffDuring(const ForeignKeysOffDuring&) = delete;
  ForeignKeysOffDuring& operator=(const ForeignKeysOffDuring&) = delete;

 private:
  Connection& db_;
};

std::int64_t seconds(Instant t) {
  return t.time_since_epoch().count();
}

}  // namespace

SqliteRecordStore::SqliteRecordStore(std::unique_ptr<Connection> db)
    : db_(std::move(db)), os_account_(rules::operating_system_account()) {}

void SqliteRecordStore::record_audit(const Actor& actor, std::string_view action, std::string_view entity,
                                     RecordId entity_id, std::optional<RecordId> patient_id,
                                     const std::string& detail, const std::string& previous) {
  Statement s(*db_,
              "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail, previous, "
              "os_account) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  s.bind(1, seconds(actor.now)).bind(2, actor.name).bind(3, action).bind(4, entity).bind(5, entity_id);
  s.bind(6, patient_id).bind(7, detail).bind(8, previous).bind(9, os_account_).run();
}

RecordId SqliteRecordStore::insert_patient(Statement& s, const NewPatient& p, const Actor& actor) {
  s.reset();
  s.bind(1, p.mrn).bind(2, p.name).bind(3, p.tz);
  s.bind(4, p.born ? std::optional<std::int64_t>(p.born->time_since_epoch().count()) : std::nullopt);
  s.bind(5, p.sulfite_allergy ? 1 : 0).bind(6, p.asthma ? 1 : 0).bind(7, p.dysphagia ? 1 : 0);
  s.bind(8, p.feeding_tube ? 1 : 0).bind(9, p.baseline_weight_kg).bind(10, seconds(actor.now));
  s.bind(11, p.onset ? std::optional<std::int64_t>(p.onset->time_since_epoch().count()) : std::nullopt);
  s.run();
  return db_->last_insert_id();
}

Result<RecordId> SqliteRecordStore::add_patient(const NewPatient& p, const Actor& actor) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  if (auto ok = check_text(p); !ok) return fail(ok.error());
  // Checked inside the write transaction: two programs adding one MRN at once queue on BEGIN IMMEDIATE, and
  // the second sees the first's patient (never a raw UNIQUE failure).
  Transaction tx(*db_);
  if (p.mrn && find_patient_by_mrn(*p.mrn))
    return fail("MRN '" + *p.mrn + "' belongs to another patient already");
  Statement insert(*db_, kInsertPatient);
  const RecordId id = insert_patient(insert, p, actor);
  record_audit(actor, "insert", "patient", id, id, describe(p));
  tx.commit();
  return id;
}

Result<RecordId> SqliteRecordStore::add_patient_version(const PatientVersion& v, const Actor& actor) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  if (auto ok = check_text(v); !ok) return fail(ok.error());
  Transaction tx(*db_);
  if (!find_patient(v.patient_id)) return fail("patient " + std::to_string(v.patient_id) + " does not exist");
  const auto day = [](const std::optional<Day>& d) {
    return d ? std::optional<std::int64_t>(d->time_since_epoch().count()) : std::nullopt;
  };
  Statement s(
      *db_,
      "INSERT INTO patient_versions (patient_id, name, tz, tz_from, born, sulfite_allergy, feeding_tube, "
      "reason, recorded_by, recorded_at, onset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  s.bind(1, v.patient_id).bind(2, v.name).bind(3, v.tz).bind(4, day(v.tz_from)).bind(5, day(v.born));
  s.bind(6, v.sulfite_allergy ? 1 : 0).bind(7, v.feeding_tube ? 1 : 0).bind(8, v.reason);
  s.bind(9, actor.name).bind(10, seconds(actor.now)).bind(11, day(v.onset)).run();
  const RecordId id = db_->last_insert_id();
  record_audit(actor, "update", "patient", v.patient_id, v.patient_id, describe(v));
  tx.commit();
  return id;
}

void SqliteRecordStore::apply_versions(std::vector<Patient>& patients, std::optional<RecordId> only) {
  std::unordered_map<RecordId, Patient*> by_id;
  for (Patient& p : patients) by_id.emplace(p.id, &p);
  Statement s(*db_, std::string("SELECT ") + kPatientVersionColumns + " FROM patient_versions" +
                        (only ? " WHERE patient_id = ?1" : "") + " ORDER BY patient_id, id");
  if (only) s.bind(1, *only);
  while (s.step())
    if (auto it = by_id.find(s.get_int(0)); it != by_id.end())
      apply_version(*it->second, read_patient_version(s));
}

std::vector<Patient> SqliteRecordStore::patients() {
  std::vector<Patient> out;
  Statement s(*db_, std::string("SELECT ") + kPatientColumns + " FROM patients ORDER BY id");
  while (s.step()) out.push_back(read_patient(s));
  apply_versions(out, std::nullopt);
  return out;
}

std::optional<Patient> SqliteRecordStore::find_patient(RecordId id) {
  Statement s(*db_, std::string("SELECT ") + kPatientColumns + " FROM patients WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  std::vector<Patient> one{read_patient(s)};
  apply_versions(one, id);
  return one.front();
}

std::optional<Patient> SqliteRecordStore::find_patient_by_mrn(const std::string& mrn) {
  Statement s(*db_, std::string("SELECT ") + kPatientColumns + " FROM patients WHERE mrn = ?1");
  s.bind(1, mrn);
  if (!s.step()) return std::nullopt;
  std::vector<Patient> one{read_patient(s)};
  apply_versions(one, one.front().id);
  return one.front();
}

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
  return read_therapies(patient_id);
}

std::vector<Therapy> SqliteRecordStore::all_therapies() {
  return read_therapies(std::nullopt);
}

std::vector<Therapy> SqliteRecordStore::read_therapies(std::optional<RecordId> patient_id) {
  std::vector<Therapy> out;
  // Two texts rather than "?1 IS NULL OR ...": the per-patient one must be able to use the index.
  Statement s(*db_,
              std::string("SELECT t.id, t.patient_id, t.drug, t.product, t.start_day, t.policy, t.times, "
                          "t.lft_schedule, t.lft_weekdays_only, s.stop_day, coalesce(s.reason, ''), "
                          "t.first_cycle, t.restart_reason, t.dose_days "
                          "FROM therapies t LEFT JOIN therapy_stops s ON s.therapy_id = t.id ") +
                  (patient_id ? "WHERE t.patient_id = ?1 " : "") + "ORDER BY t.patient_id, t.id");
  if (patient_id) s.bind(1, *patient_id);
  while (s.step()) out.push_back(read_therapy(s));
  if (out.empty()) return out;
  // One pass over the adjustments (in the order recorded) instead of one query per therapy.
  std::unordered_map<RecordId, Therapy*> by_id;
  for (Therapy& t : out) by_id.emplace(t.id, &t);
  Statement adj(*db_,
                std::string("SELECT a.id, a.therapy_id, a.cycle, a.days, a.reflow, a.reason, "
                            "a.recorded_by, a.recorded_at, a.resume_from FROM cycle_adjustments a ") +
                    (patient_id ? "JOIN therapies t ON t.id = a.therapy_id WHERE t.patient_id = ?1 " : "") +
                    "ORDER BY a.id");
  if (patient_id) adj.bind(1, *patient_id);
  while (adj.step()) {
    CycleAdjustment a = read_adjustment(adj);
    if (auto it = by_id.find(a.therapy_id); it != by_id.end())
      it->second->adjustments.push_back(std::move(a));
  }
  std::unordered_map<RecordId, std::vector<TherapyPause>> pause_rows;
  Statement pau(*db_,
                std::string("SELECT p.id, p.therapy_id, p.from_day, p.to_day, p.reason, p.recorded_by, "
                            "p.recorded_at FROM therapy_pauses p ") +
                    (patient_id ? "JOIN therapies t ON t.id = p.therapy_id WHERE t.patient_id = ?1 " : "") +
                    "ORDER BY p.id");
  if (patient_id) pau.bind(1, *patient_id);
  while (pau.step()) pause_rows[pau.get_int(1)].push_back(read_pause(pau));
  for (auto& [therapy, rows] : pause_rows)
    if (auto it = by_id.find(therapy); it != by_id.end()) {
      it->second->pauses = pauses_in_force(rows);
      it->second->pause_rows = std::move(rows);
    }
  Statement chg(*db_,
                std::string("SELECT c.id, c.therapy_id, c.from_day, c.product, c.reason, c.recorded_by, "
                            "c.recorded_at FROM therapy_changes c ") +
                    (patient_id ? "JOIN therapies t ON t.id = c.therapy_id WHERE t.patient_id = ?1 " : "") +
                    "ORDER BY c.from_day, c.id");
  if (patient_id) chg.bind(1, *patient_id);
  while (chg.step()) {
    if (auto it = by_id.find(chg.get_int(1)); it != by_id.end())
      it->second->changes.push_back(read_product_change(chg, it->second->drug));
  }
  return out;
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
  std::vector<AlsfrsReport> out;
  Statement s(*db_, std::string("SELECT id, patient_id, day, items, gastrostomy, recorded_by, recorded_at, "
                                "supersedes FROM alsfrs_reports ") +
                        (patient_id ? "WHERE patient_id = ?1 " : "") + "ORDER BY patient_id, id");
  if (patient_id) s.bind(1, *patient_id);
  while (s.step()) {
    AlsfrsReport r;
    r.id = s.get_int(0);
    r.patient_id = s.get_int(1);
    r.day = Day{date::days{s.get_int(2)}};
    r.items = *parse_alsfrs_items(s.get_text(3), false);
    r.gastrostomy = s.get_int(4) != 0;
    r.recorded_by = s.get_text(5);
    r.recorded_at = Instant{std::chrono::seconds{s.get_int(6)}};
    if (!s.is_null(7)) r.supersedes = s.get_int(7);
    out.push_back(std::move(r));
  }
  return out;
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
  if (before.step()) replaced = read_pause(before);
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

Result<RecordId> SqliteRecordStore::add_closed_day(const ClosedDay& c, const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", c.reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  Transaction tx(*db_);
  Statement s(*db_, "INSERT INTO closed_days (patient_id, day, reason) VALUES (?1, ?2, ?3)");
  s.bind(1, c.patient_id)
      .bind(2, static_cast<std::int64_t>(c.day.time_since_epoch().count()))
      .bind(3, c.reason);
  s.run();
  const RecordId id = db_->last_insert_id();
  record_audit(actor, "insert", "closed-day", id, c.patient_id, format_day(c.day) + " " + c.reason);
  tx.commit();
  return id;
}

std::vector<ClosedDay> SqliteRecordStore::closed_days(std::optional<RecordId> patient_id) {
  std::vector<ClosedDay> out;
  Statement s(*db_,
              "SELECT patient_id, day, reason FROM closed_days WHERE patient_id IS NULL OR patient_id = ?1 "
              "ORDER BY day");
  s.bind(1, patient_id);
  while (s.step()) out.push_back(read_closed_day(s));
  return out;
}

std::vector<ClosedDay> SqliteRecordStore::all_closed_days() {
  std::vector<ClosedDay> out;
  Statement s(*db_, "SELECT patient_id, day, reason FROM closed_days ORDER BY day");
  while (s.step()) out.push_back(read_closed_day(s));
  return out;
}

RecordId SqliteRecordStore::insert_log(Statement& s, const LogEntry& e, const Actor& actor) {
  s.rebind();  // bind_log_entry sets all 22 parameters
  bind_log_entry(s, e, actor);
  s.run();
  return db_->last_insert_id();
}

Result<RecordId> SqliteRecordStore::append_log(const LogEntry& e, const Actor& actor) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  if (auto ok = check_text(e); !ok) return fail(ok.error());
  if (!find_patient(e.patient_id)) return fail("patient " + std::to_string(e.patient_id) + " does not exist");
  // Checked inside the write transaction (BEGIN IMMEDIATE): of two programs correcting one record at once,
  // the second sees the first's correction and is refused. The schema's trigger refuses it too.
  Transaction tx(*db_);
  if (e.supersedes) {
    const std::string id = std::to_string(*e.supersedes);
    auto old = find_log_entry(*e.supersedes);
    if (!old || old->patient_id != e.patient_id)
      return fail("record " + id + " is not a record of this patient");
    if (old->kind != e.kind)
      return fail("record " + id + " is a " + std::string(to_string(old->kind)) + ", not a " +
                  std::string(to_string(e.kind)));
    Statement later(*db_, "SELECT id FROM log_entries WHERE supersedes = ?1 ORDER BY id LIMIT 1");
    later.bind(1, *e.supersedes);
    if (later.step())
      return fail("record " + id + " was already corrected by record " + std::to_string(later.get_int(0)) +
                  ": correct the current version, record " + std::to_string(later.get_int(0)));
  }
  Statement insert(*db_, kInsertLog);
  const RecordId id = insert_log(insert, e, actor);
  record_audit(actor, e.supersedes ? "correct" : "insert", to_string(e.kind), id, e.patient_id, describe(e),
               e.supersedes ? "supersedes record " + std::to_string(*e.supersedes) : "");
  tx.commit();
  return id;
}

std::vector<LogEntry> SqliteRecordStore::log_entries(RecordId patient_id, std::optional<Instant> from,
                                                     std::optional<Instant> to) {
  std::vector<LogEntry> out;
  Statement s(
      *db_,
      std::string("SELECT ") + kLogColumns +
          " FROM log_entries WHERE patient_id = ?1 AND at >= ?2 AND at <= ?3 ORDER BY at DESC, id DESC");
  s.bind(1, patient_id);
  s.bind(2, from ? seconds(*from) : std::numeric_limits<std::int64_t>::min());
  s.bind(3, to ? seconds(*to) : std::numeric_limits<std::int64_t>::max());
  while (s.step()) out.push_back(read_log_entry(s));
  return out;
}

std::optional<LogEntry> SqliteRecordStore::find_log_entry(RecordId id) {
  Statement s(*db_, std::string("SELECT ") + kLogColumns + " FROM log_entries WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_log_entry(s);
}

std::unordered_set<RecordId> SqliteRecordStore::superseded_ids() {
  std::unordered_set<RecordId> out;
  Statement s(*db_, "SELECT supersedes FROM log_entries WHERE supersedes IS NOT NULL");
  while (s.step()) out.insert(s.get_int(0));
  return out;
}

namespace {

// The dose records with ids in [first, last] and `at` in [from, to] (any time for edaravone doses missed or
// refused and tofersen doses: they shape the plan, dose_record.hpp), reading only the columns the measures
// use.
std::vector<DoseRecord> read_doses(Connection& db, const std::unordered_set<RecordId>& superseded,
                                   RecordId first, RecordId last, Instant from, Instant to,
                                   std::optional<Instant> taken_from, std::vector<DoseRecord>& earlier) {
  std::vector<DoseRecord> out;
  Statement doses(
      db,
      "SELECT id, patient_id, at, drug, status, planned_key FROM log_entries WHERE id >= ?3 AND id <= ?4 "
      "AND kind = 'dose' AND status IS NOT NULL "
      "AND ((at >= ?1 AND at <= ?2) OR (drug = 'edaravone' AND status != 'taken') OR drug = 'tofersen' "
      "OR (?5 IS NOT NULL AND at >= ?5 AND at < ?1))");
  doses.bind(1, seconds(from)).bind(2, seconds(to)).bind(3, first).bind(4, last);
  if (taken_from) doses.bind(5, seconds(*taken_from));
  out.reserve(static_cast<std::size_t>(last - first + 1));
  while (doses.step()) {
    if (!superseded.empty() && superseded.count(doses.get_int(0))) continue;
    DoseRecord d;
    d.patient_id = doses.get_int(1);
    d.at = Instant{std::chrono::seconds{doses.get_int(2)}};
    d.drug = stored_drug(doses.get_text_view(3));
    const std::string_view status = doses.get_text_view(4);
    d.status = status == "taken"    ? DoseStatus::taken
               : status == "missed" ? DoseStatus::missed
                                    : DoseStatus::refused;
    d.planned = parse_planned_key(doses.get_text_view(5));
    if (d.at < from && !shapes_plan_at_any_time(d.drug, d.status)) {  // for supply
      earlier.push_back(d);
      continue;
    }
    out.push_back(d);
  }
  return out;
}

// Every record but doses, patient by patient through the index (kinds sort dispensing < dose < effect < lab <
// weight).
std::vector<LogEntry> read_other_records(Connection& db, const std::unordered_set<RecordId>& superseded) {
  std::vector<LogEntry> out;
  Statement others(db, std::string("SELECT ") + kLogColumns +
                           " FROM log_entries WHERE patient_id = ?1 AND kind < 'dose' UNION ALL SELECT " +
                           kLogColumns + " FROM log_entries WHERE patient_id = ?1 AND kind > 'dose'");
  Statement ids(db, "SELECT id FROM patients ORDER BY id");
  while (ids.step()) {
    others.reset();
    others.bind(1, ids.get_int(0));
    while (others.step())
      if (superseded.empty() || !superseded.count(others.get_int(0))) out.push_back(read_log_entry(others));
  }
  return out;
}

}  // namespace

CohortLog SqliteRecordStore::cohort_log(Instant from, Instant to, std::optional<Instant> taken_from) {
  const auto superseded = superseded_ids();
  RecordId last_id = 0;
  {
    Statement size(*db_, "SELECT coalesce(max(id), 0) FROM log_entries");
    if (size.step()) last_id = size.get_int(0);
  }
  // Two workers, each on its own read-only connection (WAL lets them read beside each other): the dose
  // records in four id ranges, and the other records. Reports over a cohort are most of their time here.
  constexpr int kChunks = 4;
  std::vector<std::vector<DoseRecord>> chunks(kChunks), earlier(kChunks);
  CohortLog out;
  std::atomic<int> next{0};
  std::string failure;
  std::mutex failure_lock;
  const std::string path = sqlite3_db_filename(db_->handle(), "main");
  auto worker = [&] {
    try {
      Connection db(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
      for (int task = next++; task <= kChunks; task = next++) {
        if (task == kChunks) {
          out.other = read_other_records(db, superseded);
          continue;
        }
        const RecordId first = last_id * task / kChunks + 1, last = last_id * (task + 1) / kChunks;
        chunks[task] = read_doses(db, superseded, first, last, from, to, taken_from, earlier[task]);
      }
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> hold(failure_lock);
      failure = e.what();
    }
  };
  std::thread helper(worker);
  worker();
  helper.join();
  if (!failure.empty()) throw std::runtime_error(failure);
  std::size_t total = 0;
  for (const auto& c : chunks) total += c.size();
  out.doses.reserve(total);
  for (auto& c : chunks) out.doses.insert(out.doses.end(), c.begin(), c.end());
  for (auto& c : earlier) out.earlier_doses.insert(out.earlier_doses.end(), c.begin(), c.end());
  return out;
}

std::vector<DispensingRecord> SqliteRecordStore::dispensings() {
  const auto superseded = superseded_ids();
  std::vector<DispensingRecord> out;
  Statement s(*db_,
              "SELECT id, patient_id, drug, day, days_supply FROM log_entries WHERE kind = 'dispensing' "
              "ORDER BY patient_id, drug, day, id");
  while (s.step()) {
    if (superseded.count(s.get_int(0))) continue;
    DispensingRecord d;
    d.patient_id = s.get_int(1);
    d.drug = stored_drug(s.get_text_view(2));
    d.day = Day{date::days{s.get_int(3)}};
    d.days_supply = static_cast<int>(s.get_int(4));
    out.push_back(d);
  }
  return out;
}

Result<std::size_t> SqliteRecordStore::import_patients(const std::vector<NewPatient>& rows,
                                                       const Actor& actor, const Progress& progress,
                                                       const std::string& source) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (auto ok = check_text(rows[i]); !ok)
      return fail("row " + std::to_string(i + 2) + ": " + ok.error());  // line 1 is the header
  Transaction tx(*db_);
  db_->exec("PRAGMA defer_foreign_keys = ON");
  Statement insert(*db_, bulk(kInsertPatient));
  const std::string from = imported_from(source);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    try {
      const RecordId id = insert_patient(insert, rows[i], actor);
      record_audit(actor, "import", "patient", id, id, describe(rows[i]) + " " + from);
    } catch (const StorageError& e) {
      return fail("row " + std::to_string(i + 2) + ": " + e.what());  // line 1 is the header
    }
    if (progress && (i + 1) % 10000 == 0) progress(i + 1, rows.size());
  }
  record_audit(actor, "import", "patient", 0, std::nullopt,
               std::to_string(rows.size()) + " patients " + from);
  tx.commit();
  return rows.size();
}

Result<std::size_t> SqliteRecordStore::import_log(const std::vector<LogEntry>& rows, const Actor& actor,
                                                  const Progress& progress, const std::string& source) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  // Name the first row whose patient does not exist before writing anything (foreign keys are deferred
  // below).
  std::set<RecordId> known;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (auto ok = check_text(rows[i]); !ok) return fail("row " + std::to_string(i + 2) + ": " + ok.error());
    if (rows[i].supersedes)
      return fail("row " + std::to_string(i + 2) + ": an import adds records; corrections go one by one");
    if (known.count(rows[i].patient_id)) continue;
    if (!find_patient(rows[i].patient_id))
      return fail("row " + std::to_string(i + 2) + ": patient " + std::to_string(rows[i].patient_id) +
                  " does not exist");
    known.insert(rows[i].patient_id);
  }
  // Every row's patient exists (checked above) and imported rows supersede nothing, so foreign keys need no
  // enforcement row by row here. The pragma cannot change inside a transaction: set it around it.
  ForeignKeysOffDuring fk_off(*db_);
  BulkCache big_cache(*db_);
  Transaction tx(*db_);
  // A large import into a comparatively small log is faster without the index: it is rebuilt by one sort
  // before the commit, inside the same transaction, so a failure or a crash leaves the old index as it was.
  std::int64_t existing = 0;
  {
    Statement last_id(*db_, "SELECT coalesce(max(id), 0) FROM log_entries");
    last_id.step();
    existing = last_id.get_int(0);
  }  // finished before the DROP below, which needs the table unlocked
  const bool rebuild_index = rows.size() >= 50000 && static_cast<std::int64_t>(rows.size()) >= existing;
  // Every index of the log (the patient index and schema 8's partial ones), made again exactly as stored.
  std::vector<std::pair<std::string, std::string>> log_indexes;  // name, SQL
  if (rebuild_index) {
    {
      Statement indexes(
          *db_,
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'log_entries' "
          "AND sql IS NOT NULL ORDER BY name");
      while (indexes.step()) log_indexes.emplace_back(indexes.get_text(0), indexes.get_text(1));
    }
    for (const auto& [name, sql] : log_indexes) db_->exec(("DROP INDEX " + name).c_str());
  }
  // The guard that only a current version is corrected costs a trigger run per inserted row, and no imported
  // row corrects anything (checked above): it is set aside for the rows and created again, exactly as it
  // was, before the commit. Inside the transaction no other connection ever sees the schema without it, and a
  // failure or a crash rolls the DROP back with the rest.
  std::string correction_guard;
  {
    Statement guard(*db_, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1");
    guard.bind(1, kCorrectionGuard);
    if (guard.step()) correction_guard = guard.get_text(0);
  }
  if (!correction_guard.empty()) db_->exec((std::string("DROP TRIGGER ") + kCorrectionGuard).c_str());
  // Otherwise rows go in (patient, time) order so that the index grows at its ends: several times faster than
  // file order for files that interleave patients. Import prints no ids, so nothing depends on the order.
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (!rebuild_index)
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(rows[a].patient_id, rows[a].at) < std::tie(rows[b].patient_id, rows[b].at);
    });
  Statement insert(*db_, bulk(kInsertLog));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    try {
      insert_log(insert, rows[order[i]], actor);
    } catch (const StorageError& e) {
      return fail("row " + std::to_string(order[i] + 2) + ": " + e.what());
    }
    if (progress && (i + 1) % 10000 == 0) progress(i + 1, rows.size());
  }
  for (const auto& [name, sql] : log_indexes) db_->exec(sql.c_str());
  if (!correction_guard.empty()) db_->exec(correction_guard.c_str());
  // Each imported record audited under its patient, naming the file: one statement for all of them (the
  // new records are exactly those above the ids that existed: writes are serialised by the transaction).
  const std::string from = imported_from(source);
  {
    Statement audit(
        *db_,
        "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail, previous, "
        "os_account) SELECT ?1, ?2, 'import', kind, id, patient_id, ?3, '', ?4 FROM log_entries "
        "WHERE id > ?5 ORDER BY patient_id, id");
    audit.bind(1, seconds(actor.now)).bind(2, actor.name).bind(3, from).bind(4, os_account_);
    audit.bind(5, existing).run();
  }
  record_audit(actor, "import", rows.empty() ? "log" : std::string(to_string(rows.front().kind)), 0,
               std::nullopt, std::to_string(rows.size()) + " records " + from);
  tx.commit();
  if (progress) progress(rows.size(), rows.size());
  return rows.size();
}

std::vector<AuditEntry> SqliteRecordStore::audit(std::optional<RecordId> patient_id) {
  std::vector<AuditEntry> out;
  Statement s(*db_,
              "SELECT id, at, actor, action, entity, entity_id, patient_id, detail, previous, os_account "
              "FROM audit_trail WHERE ?1 IS NULL OR patient_id = ?1 ORDER BY id");
  s.bind(1, patient_id);
  while (s.step()) {
    AuditEntry a;
    a.id = s.get_int(0);
    a.at = Instant{std::chrono::seconds{s.get_int(1)}};
    a.actor = s.get_text(2);
    a.action = s.get_text(3);
    a.entity = s.get_text(4);
    a.entity_id = s.get_int(5);
    if (!s.is_null(6)) a.patient_id = s.get_int(6);
    a.detail = s.get_text(7);
    a.previous = s.get_text(8);
    a.os_account = s.get_text(9);
    out.push_back(std::move(a));
  }
  return out;
}

std::string SqliteRecordStore::audit_chain_head() {
  return describe_chain_head(verify_sqlite_audit_chain(*db_));
}

std::string SqliteRecordStore::integrity_check() {
  std::vector<std::string> problems;
  {
    Statement s(*db_, "PRAGMA integrity_check");
    while (s.step())
      if (s.get_text(0) != "ok") problems.push_back(s.get_text(0));
  }
  {
    Statement fk(*db_, "PRAGMA foreign_key_check");
    while (fk.step())
      problems.push_back("foreign key: row " + std::to_string(fk.get_int(1)) + " of " + fk.get_text(0));
  }
  // The guards of the records (append-only triggers, CHECKs) are the ones alsmeds made.
  for (std::string& p : schema_problems(*db_)) problems.push_back(std::move(p));
  // A record corrected twice (possible before schema 5) has two current versions: say which.
  {
    Statement split(*db_,
                    "SELECT supersedes, group_concat(id, ', ') FROM log_entries WHERE supersedes IS NOT NULL "
                    "GROUP BY supersedes HAVING count(*) > 1");
    while (split.step())
      problems.push_back("record " + std::to_string(split.get_int(0)) +
                         " was corrected more than once (by records " + split.get_text(1) +
                         "): each is shown as current; correct the wrong one");
  }
  // The audit trail's hash chain (schema 9): the first row that does not match.
  for (std::string& p : verify_sqlite_audit_chain(*db_).problems) problems.push_back(std::move(p));
  if (problems.empty()) return "ok";
  std::string out;
  for (const std::string& p : problems) out += (out.empty() ? "" : "\n") + p;
  return out;
}

Result<std::string> SqliteRecordStore::backup_to(const std::string& path) {
  auto allowed = check_output_target(path, sqlite3_db_filename(db_->handle(), "main"));
  if (!allowed) return fail(allowed.error());
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) return fail(path + " exists already; choose a new file name");
  return write_verified_copy(*db_, path);
}

std::int64_t SqliteRecordStore::change_counter() {
  Statement s(*db_, "PRAGMA data_version");
  return s.step() ? s.get_int(0) : 0;
}

}  // namespace alsmeds::storage
