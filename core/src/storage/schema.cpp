#include "schema.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds::storage {
namespace {

// Version 1: the first released schema. Never edit it: add a new step below instead.
// (CHECKs use OR chains, not IN lists: SQLite builds a temporary index for an IN list on every inserted row.)
constexpr const char* kVersion1 = R"sql(
CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  mrn TEXT UNIQUE,
  name TEXT NOT NULL,
  tz TEXT NOT NULL,
  born INTEGER,
  sulfite_allergy INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE therapies (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  drug TEXT NOT NULL CHECK (drug = 'edaravone' OR drug = 'riluzole'),
  product TEXT NOT NULL,
  start_day INTEGER NOT NULL,
  policy TEXT NOT NULL DEFAULT 'earliest' CHECK (policy = 'earliest' OR policy = 'weekdays'),
  times TEXT NOT NULL DEFAULT '',
  lft_schedule TEXT NOT NULL DEFAULT 'eu' CHECK (lft_schedule = 'eu' OR lft_schedule = 'us'),
  lft_weekdays_only INTEGER NOT NULL DEFAULT 0,
  stop_day INTEGER,
  stop_reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE TABLE cycle_adjustments (
  id INTEGER PRIMARY KEY,
  therapy_id INTEGER NOT NULL REFERENCES therapies(id),
  cycle INTEGER NOT NULL CHECK (cycle >= 1),
  days INTEGER NOT NULL CHECK (days >= 1),
  reflow TEXT NOT NULL CHECK (reflow = 'shift-all-later' OR reflow = 'only-this-cycle'),
  reason TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE TABLE closed_days (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER REFERENCES patients(id),
  day INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE TABLE log_entries (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  kind TEXT NOT NULL CHECK (kind = 'dose' OR kind = 'effect' OR kind = 'lab' OR kind = 'weight' OR kind = 'dispensing'),
  at INTEGER NOT NULL,
  day INTEGER,
  drug TEXT CHECK (drug IS NULL OR drug = 'edaravone' OR drug = 'riluzole'),
  status TEXT CHECK (status IS NULL OR status = 'taken' OR status = 'missed' OR status = 'refused'),
  planned_key TEXT,
  term TEXT,
  grade INTEGER CHECK (grade IS NULL OR grade BETWEEN 1 AND 5),
  cycle INTEGER,
  cycle_day INTEGER,
  test TEXT CHECK (test IS NULL OR test = 'ALT' OR test = 'AST'),
  value REAL CHECK (value IS NULL OR value >= 0),
  uln REAL CHECK (uln IS NULL OR uln > 0),
  days_supply INTEGER CHECK (days_supply IS NULL OR days_supply > 0),
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  supersedes INTEGER REFERENCES log_entries(id)
);
CREATE INDEX log_entries_by_patient ON log_entries(patient_id, kind, at);
CREATE TABLE audit_trail (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  patient_id INTEGER,
  detail TEXT NOT NULL DEFAULT '',
  previous TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_patient ON audit_trail(patient_id);
-- Nothing logged is ever rewritten or removed: corrections are new rows that supersede old ones.
CREATE TRIGGER log_entries_append_only_update BEFORE UPDATE ON log_entries
  BEGIN SELECT RAISE(ABORT, 'log entries are append-only'); END;
CREATE TRIGGER log_entries_append_only_delete BEFORE DELETE ON log_entries
  BEGIN SELECT RAISE(ABORT, 'log entries are append-only'); END;
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit_trail
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit_trail
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)sql";

// Version 2: the patient's clinical flags and baseline weight (dysphagia and feeding tube choose the forms).
constexpr const char* kVersion2 = R"sql(
ALTER TABLE patients ADD COLUMN asthma INTEGER NOT NULL DEFAULT 0;
ALTER TABLE patients ADD COLUMN dysphagia INTEGER NOT NULL DEFAULT 0;
ALTER TABLE patients ADD COLUMN feeding_tube INTEGER NOT NULL DEFAULT 0;
ALTER TABLE patients ADD COLUMN baseline_weight_kg REAL CHECK (baseline_weight_kg IS NULL OR baseline_weight_kg > 0);
)sql";

// Version 3: find corrections without a scan (cohort reports load every current record in one pass).
constexpr const char* kVersion3 = R"sql(
CREATE INDEX log_entries_corrections ON log_entries(supersedes) WHERE supersedes IS NOT NULL;
)sql";

// Version 4 (desktop app): who acknowledged which alert and when, and the infusion board's chair bookings.
// An acknowledgment is append-only like the log. A booking holds one planned infusion in one chair slot;
// moving it rewrites the row, and the audit trail keeps the slot it had before.
constexpr const char* kVersion4 = R"sql(
CREATE TABLE alert_acknowledgments (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  alert_key TEXT NOT NULL CHECK (length(alert_key) > 0),
  acknowledged_by TEXT NOT NULL,
  acknowledged_at INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alert_acknowledgments_by_patient ON alert_acknowledgments(patient_id, alert_key);
CREATE TRIGGER alert_acknowledgments_append_only_update BEFORE UPDATE ON alert_acknowledgments
  BEGIN SELECT RAISE(ABORT, 'alert acknowledgments are append-only'); END;
CREATE TRIGGER alert_acknowledgments_append_only_delete BEFORE DELETE ON alert_acknowledgments
  BEGIN SELECT RAISE(ABORT, 'alert acknowledgments are append-only'); END;
CREATE TABLE infusion_bookings (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  planned_key TEXT NOT NULL UNIQUE CHECK (planned_key LIKE 'edaravone:%'),
  day INTEGER NOT NULL,
  chair INTEGER NOT NULL CHECK (chair >= 1),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1380),
  booked_by TEXT NOT NULL,
  booked_at INTEGER NOT NULL
);
CREATE INDEX infusion_bookings_by_day ON infusion_bookings(day);
)sql";

// Version 5 (issue 17): every clinical table is append-only, and the audit trail names the operating system
// account that wrote each row.
// - A change is a new row, never an overwrite: UPDATE and DELETE are refused on every table. Stopping a
//   course is a row of therapy_stops (one per course: its primary key), no longer an UPDATE of the course;
//   the columns that held it move there. A booking moved or cancelled is a new version of it (the latest row
//   of its planned infusion; `cancelled` frees the slot), no longer an UPDATE or DELETE.
// - Only the current version of a record can be corrected, by a record of the same patient and kind: a
//   second correction of one record (two programs racing) is refused here, whatever the program checked.
// `check` compares these guards with the schema alsmeds builds (storage::schema_problems).
constexpr const char* kVersion5 = R"sql(
ALTER TABLE audit_trail ADD COLUMN os_account TEXT;
CREATE TABLE therapy_stops (
  therapy_id INTEGER PRIMARY KEY REFERENCES therapies(id),
  stop_day INTEGER NOT NULL,
  reason TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
INSERT INTO therapy_stops (therapy_id, stop_day, reason, recorded_by, recorded_at)
  SELECT t.id, t.stop_day, t.stop_reason,
         coalesce((SELECT a.actor FROM audit_trail a WHERE a.entity = 'therapy' AND a.entity_id = t.id
                   AND a.action = 'stop' ORDER BY a.id DESC LIMIT 1), ''),
         coalesce((SELECT a.at FROM audit_trail a WHERE a.entity = 'therapy' AND a.entity_id = t.id
                   AND a.action = 'stop' ORDER BY a.id DESC LIMIT 1), t.created_at)
  FROM therapies t WHERE t.stop_day IS NOT NULL;
ALTER TABLE therapies DROP COLUMN stop_reason;
ALTER TABLE therapies DROP COLUMN stop_day;
ALTER TABLE infusion_bookings RENAME TO infusion_bookings_v4;
CREATE TABLE infusion_bookings (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  planned_key TEXT NOT NULL CHECK (planned_key LIKE 'edaravone:%'),
  day INTEGER NOT NULL,
  chair INTEGER NOT NULL CHECK (chair >= 1),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1380),
  booked_by TEXT NOT NULL,
  booked_at INTEGER NOT NULL,
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled = 0 OR cancelled = 1)
);
INSERT INTO infusion_bookings (id, patient_id, planned_key, day, chair, start_minute, booked_by, booked_at)
  SELECT id, patient_id, planned_key, day, chair, start_minute, booked_by, booked_at FROM infusion_bookings_v4;
DROP TABLE infusion_bookings_v4;
CREATE INDEX infusion_bookings_by_day ON infusion_bookings(day);
CREATE INDEX infusion_bookings_by_key ON infusion_bookings(planned_key, id);
CREATE TRIGGER patients_append_only_update BEFORE UPDATE ON patients
  BEGIN SELECT RAISE(ABORT, 'patients are append-only'); END;
CREATE TRIGGER patients_append_only_delete BEFORE DELETE ON patients
  BEGIN SELECT RAISE(ABORT, 'patients are append-only'); END;
CREATE TRIGGER therapies_append_only_update BEFORE UPDATE ON therapies
  BEGIN SELECT RAISE(ABORT, 'therapies are append-only'); END;
CREATE TRIGGER therapies_append_only_delete BEFORE DELETE ON therapies
  BEGIN SELECT RAISE(ABORT, 'therapies are append-only'); END;
CREATE TRIGGER therapy_stops_append_only_update BEFORE UPDATE ON therapy_stops
  BEGIN SELECT RAISE(ABORT, 'therapy stops are append-only'); END;
CREATE TRIGGER therapy_stops_append_only_delete BEFORE DELETE ON therapy_stops
  BEGIN SELECT RAISE(ABORT, 'therapy stops are append-only'); END;
CREATE TRIGGER cycle_adjustments_append_only_update BEFORE UPDATE ON cycle_adjustments
  BEGIN SELECT RAISE(ABORT, 'cycle adjustments are append-only'); END;
CREATE TRIGGER cycle_adjustments_append_only_delete BEFORE DELETE ON cycle_adjustments
  BEGIN SELECT RAISE(ABORT, 'cycle adjustments are append-only'); END;
CREATE TRIGGER closed_days_append_only_update BEFORE UPDATE ON closed_days
  BEGIN SELECT RAISE(ABORT, 'closed days are append-only'); END;
CREATE TRIGGER closed_days_append_only_delete BEFORE DELETE ON closed_days
  BEGIN SELECT RAISE(ABORT, 'closed days are append-only'); END;
CREATE TRIGGER infusion_bookings_append_only_update BEFORE UPDATE ON infusion_bookings
  BEGIN SELECT RAISE(ABORT, 'infusion bookings are append-only'); END;
CREATE TRIGGER infusion_bookings_append_only_delete BEFORE DELETE ON infusion_bookings
  BEGIN SELECT RAISE(ABORT, 'infusion bookings are append-only'); END;
CREATE TRIGGER log_entries_correct_current_only BEFORE INSERT ON log_entries
  WHEN NEW.supersedes IS NOT NULL AND (
    EXISTS (SELECT 1 FROM log_entries WHERE supersedes = NEW.supersedes) OR
    NOT EXISTS (SELECT 1 FROM log_entries WHERE id = NEW.supersedes AND patient_id = NEW.patient_id
                AND kind = NEW.kind))
  BEGIN SELECT RAISE(ABORT, 'only the current version of a record can be corrected, by one of its patient and kind'); END;
)sql";

// Version 6 (the course as clinics live it, issue 13): a delay of a started cycle keeps what was logged and
// moves the rest from `resume_from` on; a restart's cycle 1 as the prescriber chose it (with why); a switch
// of form or product from a day on (append-only, like the log: a switch is corrected by a later switch).
constexpr const char* kVersion6 = R"sql(
ALTER TABLE cycle_adjustments ADD COLUMN resume_from INTEGER;
ALTER TABLE therapies ADD COLUMN first_cycle TEXT NOT NULL DEFAULT 'full'
  CHECK (first_cycle = 'full' OR first_cycle = '10-of-14');
ALTER TABLE therapies ADD COLUMN restart_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE therapy_changes (
  id INTEGER PRIMARY KEY,
  therapy_id INTEGER NOT NULL REFERENCES therapies(id),
  from_day INTEGER NOT NULL,
  product TEXT NOT NULL CHECK (length(product) > 0),
  reason TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX therapy_changes_by_therapy ON therapy_changes(therapy_id, from_day);
CREATE TRIGGER therapy_changes_append_only_update BEFORE UPDATE ON therapy_changes
  BEGIN SELECT RAISE(ABORT, 'therapy changes are append-only'); END;
CREATE TRIGGER therapy_changes_append_only_delete BEFORE DELETE ON therapy_changes
  BEGIN SELECT RAISE(ABORT, 'therapy changes are append-only'); END;
)sql";

// Version 7 (medication supply, issue 16): what a dispensing handed out, as the pharmacy counts it: the
// quantity in its unit and the product (the pack facts of docs/supply.md). Older dispensings keep only
// their days' supply. The log stays append-only (version 1's triggers).
constexpr const char* kVersion7 = R"sql(
ALTER TABLE log_entries ADD COLUMN quantity REAL CHECK (quantity IS NULL OR quantity > 0);
ALTER TABLE log_entries ADD COLUMN unit TEXT CHECK (unit IS NULL OR unit = 'tablet' OR unit = 'film' OR
  unit = 'mL' OR unit = 'bottle' OR unit = 'bag');
ALTER TABLE log_entries ADD COLUMN product TEXT;
)sql";

// Version 8 (the clinic's due list, issue 15): two partial indexes that let the whole clinic's due and
// supply lists read the million older riluzole doses taken from an index alone, and every other record
// without stepping through those doses (sqlite_clinic_log.cpp).
constexpr const char* kVersion8 = R"sql(
CREATE INDEX log_entries_riluzole_taken ON log_entries(patient_id, at)
  WHERE kind = 'dose' AND drug = 'riluzole' AND status = 'taken';
CREATE INDEX log_entries_beside_riluzole_doses ON log_entries(patient_id)
  WHERE kind <> 'dose' OR drug <> 'riluzole';
)sql";

// Version 9 (issue 23): the audit trail's hash chain (audit_chain.hpp: one row per audit row, written by a
// trigger through alsmeds_chain_hash, which only alsmeds' connections have, so another program cannot add
// an audit row at all), and the rulebook's bounds held by the file whatever program writes
// (rulebook.hpp, stored_checks: a trigger per rule). A file with audit rows starts its chain with a row that
// says how many came before it.
constexpr const char* kVersion9 = R"sql(
CREATE TABLE audit_chain (
  seq INTEGER PRIMARY KEY,
  audit_id INTEGER NOT NULL UNIQUE,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_chain_append_only_update BEFORE UPDATE ON audit_chain
  BEGIN SELECT RAISE(ABORT, 'the audit chain is append-only'); END;
CREATE TRIGGER audit_chain_append_only_delete BEFORE DELETE ON audit_chain
  BEGIN SELECT RAISE(ABORT, 'the audit chain is append-only'); END;
CREATE TRIGGER audit_trail_chain AFTER INSERT ON audit_trail BEGIN
  INSERT INTO audit_chain (seq, audit_id, prev_hash, hash)
    SELECT h.seq + 1, NEW.id, h.hash,
           alsmeds_chain_hash(h.hash, h.seq + 1, NEW.id, NEW.at, NEW.actor, NEW.action, NEW.entity,
                              NEW.entity_id, NEW.patient_id, NEW.detail, NEW.previous, NEW.os_account)
    FROM (SELECT coalesce((SELECT seq FROM audit_chain ORDER BY seq DESC LIMIT 1), 0) AS seq,
                 coalesce((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), '') AS hash) AS h;
END;
INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail, previous)
  SELECT CAST(strftime('%s', 'now') AS INTEGER), 'alsmeds', 'chain-start', 'audit', 0, NULL,
         'the audit chain starts here: the ' || count(*) || ' audit rows before it are outside it', ''
  FROM audit_trail HAVING count(*) > 0;
)sql";

// Version 10 (issue 25, supply counts planned doses of days with no record): the older riluzole doses logged
// missed or refused, read beside the taken ones by the whole clinic's due and supply lists (a day with a
// record speaks for itself; sqlite_clinic_log.cpp).
constexpr const char* kVersion10 = R"sql(
CREATE INDEX log_entries_riluzole_not_taken ON log_entries(patient_id, at)
  WHERE kind = 'dose' AND drug = 'riluzole' AND status <> 'taken';
)sql";

std::string stored_check_trigger(const rules::StoredCheck& c) {
  return "CREATE TRIGGER " + c.name + " BEFORE INSERT ON " + c.table + " WHEN NOT (" + c.condition +
         ") BEGIN SELECT RAISE(ABORT, '" + c.name + ": a value outside the rulebook''s bounds'); END;\n";
}

std::string version9() {
  std::string sql = kVersion9;
  for (const rules::StoredCheck& c : rules::stored_checks(rules::SqlDialect::sqlite))
    sql += stored_check_trigger(c);
  return sql;
}

// Version 11 (issues 23 and 25): the clinic server writes every audit row from the record it audits, by
// trigger (pg_audit_rows.cpp; a single-machine file is written by this program alone and keeps its audit as
// it was); a dispensing may carry the pharmacy's claim or Rx number (import dispensing's dispensing_id).
constexpr const char* kVersion11 = R"sql(
ALTER TABLE log_entries ADD COLUMN dispensing_id text;
)sql";

// Version 12 (issue 25, a patient whose life changes): versions of a patient's facts, append-only. Each is
// the facts whole from then on; tz_from is the day a changed zone's dose times start (the plan before it
// stays in the earlier zone). Pauses of a course (a hospital stay): a later row with the same from_day
// replaces the one before (a resumption sets to_day to the day before it).
constexpr const char* kVersion12 = R"sql(
CREATE TABLE patient_versions (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  name TEXT NOT NULL CHECK (length(name) > 0),
  tz TEXT NOT NULL CHECK (length(tz) > 0),
  tz_from INTEGER,
  born INTEGER,
  sulfite_allergy INTEGER NOT NULL CHECK (sulfite_allergy = 0 OR sulfite_allergy = 1),
  feeding_tube INTEGER NOT NULL CHECK (feeding_tube = 0 OR feeding_tube = 1),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX patient_versions_by_patient ON patient_versions(patient_id, id);
CREATE TRIGGER patient_versions_append_only_update BEFORE UPDATE ON patient_versions
  BEGIN SELECT RAISE(ABORT, 'patient versions are append-only'); END;
CREATE TRIGGER patient_versions_append_only_delete BEFORE DELETE ON patient_versions
  BEGIN SELECT RAISE(ABORT, 'patient versions are append-only'); END;
CREATE TABLE therapy_pauses (
  id INTEGER PRIMARY KEY,
  therapy_id INTEGER NOT NULL REFERENCES therapies(id),
  from_day INTEGER NOT NULL,
  to_day INTEGER NOT NULL CHECK (to_day >= from_day - 1),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX therapy_pauses_by_therapy ON therapy_pauses(therapy_id, id);
CREATE TRIGGER therapy_pauses_append_only_update BEFORE UPDATE ON therapy_pauses
  BEGIN SELECT RAISE(ABORT, 'therapy pauses are append-only'); END;
CREATE TRIGGER therapy_pauses_append_only_delete BEFORE DELETE ON therapy_pauses
  BEGIN SELECT RAISE(ABORT, 'therapy pauses are append-only'); END;
ALTER TABLE patients ADD COLUMN onset INTEGER;
ALTER TABLE patient_versions ADD COLUMN onset INTEGER;
CREATE TABLE alsfrs_reports (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  day INTEGER NOT NULL,
  items TEXT NOT NULL CHECK (length(items) = 23 AND items GLOB
    '[0-4],[0-4],[0-4],[0-4],[0-4],[0-4],[0-4],[0-4],[0-4],[0-4],[0-4],[0-4]'),
  gastrostomy INTEGER NOT NULL CHECK (gastrostomy = 0 OR gastrostomy = 1),
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  supersedes INTEGER UNIQUE REFERENCES alsfrs_reports(id)
);
CREATE INDEX alsfrs_reports_by_patient ON alsfrs_reports(patient_id, day);
CREATE TRIGGER alsfrs_reports_append_only_update BEFORE UPDATE ON alsfrs_reports
  BEGIN SELECT RAISE(ABORT, 'ALSFRS-R reports are append-only'); END;
CREATE TRIGGER alsfrs_reports_append_only_delete BEFORE DELETE ON alsfrs_reports
  BEGIN SELECT RAISE(ABORT, 'ALSFRS-R reports are append-only'); END;
CREATE TRIGGER alsfrs_reports_correct_own BEFORE INSERT ON alsfrs_reports
  WHEN NEW.supersedes IS NOT NULL AND NOT EXISTS (SELECT 1 FROM alsfrs_reports
    WHERE id = NEW.supersedes AND patient_id = NEW.patient_id)
  BEGIN SELECT RAISE(ABORT, 'a report is corrected by one of its own patient'); END;
)sql";

// Version 13 (issue 27, chairs levelled): the infusion unit's chairs and hours (board settings), a version
// each time they change, append-only (the latest in force); an edaravone course's chosen dose days of cycles
// 2+ (a proposal of board propose, "c2:1-5,8-12;...", edaravone.hpp DoseDayPattern), empty for its policy's.
constexpr const char* kVersion13 = R"sql(
CREATE TABLE unit_settings (
  id INTEGER PRIMARY KEY,
  chairs INTEGER NOT NULL CHECK (chairs BETWEEN 1 AND 20),
  opens_minute INTEGER NOT NULL CHECK (opens_minute BETWEEN 0 AND 1380),
  closes_minute INTEGER NOT NULL CHECK (closes_minute BETWEEN opens_minute + 60 AND 1440),
  weekdays_only INTEGER NOT NULL CHECK (weekdays_only = 0 OR weekdays_only = 1),
  reason TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE TRIGGER unit_settings_append_only_update BEFORE UPDATE ON unit_settings
  BEGIN SELECT RAISE(ABORT, 'unit settings are append-only'); END;
CREATE TRIGGER unit_settings_append_only_delete BEFORE DELETE ON unit_settings
  BEGIN SELECT RAISE(ABORT, 'unit settings are append-only'); END;
ALTER TABLE therapies ADD COLUMN dose_days TEXT NOT NULL DEFAULT ''
  CHECK (dose_days = '' OR (drug = 'edaravone' AND length(dose_days) <= 4000));
)sql";

}  // namespace

namespace {

// Version 14 (issue 26, tofersen as the third drug): therapies and log entries allow the drug 'tofersen'.
// Version 1's CHECKs name the drugs; SQLite cannot alter a CHECK, and a CHECK that allows more rows changes
// nothing stored, so the tables' definitions are edited in place as SQLite's documentation describes for
// such changes (ALTER TABLE, "making other kinds of table schema changes": writable_schema inside the
// migration's transaction, then the schema version one higher so that every connection reads them again).
void version14(Connection& db) {
  loosen_checks(
      db,
      "UPDATE sqlite_master SET sql = replace(sql, 'drug = ''riluzole'')', "
      "'drug = ''riluzole'' OR drug = ''tofersen'')') WHERE type = 'table' AND name IN ('therapies', "
      "'log_entries')");
}

// Version 15 (issue 26, tofersen's observations): a lab result may be plasma NfL or the CSF's white cells or
// protein (rulebook.hpp kLabTests) besides ALT and AST: the test CHECK of log entries loosened as version 14
// loosened the drug's, and the rulebook's lab trigger made again from the rulebook (their ULN optional; a
// transaminase's ULN can no longer be missing).
void version15(Connection& db) {
  loosen_checks(db,
                "UPDATE sqlite_master SET sql = replace(sql, 'test = ''AST'')', 'test = ''AST'' OR test = "
                "''NfL'' OR test = ''CSF-WBC'' OR test = ''CSF-protein'')') WHERE type = 'table' AND name = "
                "'log_entries'");
  db.exec("DROP TRIGGER IF EXISTS rule_log_lab");
  for (const rules::StoredCheck& c : rules::stored_checks(rules::SqlDialect::sqlite))
    if (c.name == "rule_log_lab") db.exec(stored_check_trigger(c).c_str());
}

// Version 16 (issue 26, tofersen's lumbar punctures booked on the board): a booking may hold a
// lumbar-puncture room for a planned tofersen dose (its key's drug says chair or room, records.hpp), for the
// minutes the unit's setting gave it when booked (an infusion stays 60); the unit's settings gain the rooms
// and minutes. The key's CHECK loosened as version 14 loosened the drug's.
void version16(Connection& db) {
  loosen_checks(db,
                "UPDATE sqlite_master SET sql = replace(sql, 'CHECK (planned_key LIKE ''edaravone:%'')', "
                "'CHECK (planned_key LIKE ''edaravone:%'' OR planned_key LIKE ''tofersen:%'')') WHERE type = "
                "'table' AND name = 'infusion_bookings'");
  db.exec(R"sql(
ALTER TABLE infusion_bookings ADD COLUMN minutes INTEGER NOT NULL DEFAULT 60
  CHECK (minutes BETWEEN 15 AND 240 AND start_minute + minutes <= 1440
         AND (minutes = 60 OR planned_key LIKE 'tofersen:%'));
ALTER TABLE unit_settings ADD COLUMN lp_rooms INTEGER NOT NULL DEFAULT 1 CHECK (lp_rooms BETWEEN 0 AND 10);
ALTER TABLE unit_settings ADD COLUMN lp_minutes INTEGER NOT NULL DEFAULT 60
  CHECK (lp_minutes BETWEEN 15 AND 240);
)sql");
}

// Version 17 (issue 26, one record store over two dialects): a course keeps the prescriber's confirmations it
// was started with (one a line), as the clinic server's therapies do since its schema 13; the audit row
// still says them in words.
constexpr const char* kVersion17 = "ALTER TABLE therapies ADD COLUMN confirmations TEXT NOT NULL DEFAULT '';";

constexpr const char* kSteps[] = {kVersion1,  kVersion2, kVersion3, kVersion4,  kVersion5,  kVersion6,
                                  kVersion7,  kVersion8, nullptr,   kVersion10, kVersion11, kVersion12,
                                  kVersion13, nullptr,   nullptr,   nullptr,    kVersion17, nullptr};
static_assert(sizeof kSteps / sizeof kSteps[0] == kSchemaVersion);

}  // namespace

void migrate_to(Connection& db, int from_version, int to_version) {
  for (int v = from_version; v < to_version; ++v) {
    if (v == 13)
      version14(db);
    else if (v == 14)
      version15(db);
    else if (v == 15)
      version16(db);
    else if (v == 17)
      add_registry_tables(db);
    else
      db.exec(v == 8 ? version9().c_str() : kSteps[v]);
  }
  db.exec(("PRAGMA user_version = " + std::to_string(to_version)).c_str());
  db.exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
}

void migrate(Connection& db, int from_version) {
  migrate_to(db, from_version, kSchemaVersion);
}

}  // namespace alsmeds::storage
