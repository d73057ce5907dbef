// Clinic server schema 11 (issue 23): the server writes every audit row itself.
// A statement trigger on each clinical table composes the audit row of every row the statement inserted,
// from that row: its action, what it is about, its patient and the same words the SQLite store's audit rows
// use (records.cpp describe(), the board's and the therapy writes' words). No login inserts audit rows
// (pg_roles.cpp revokes it), so a write through psql is audited as one through alsmeds, and no audit row
// says something that was not written.
// The client may name, for the transaction (set_config ... is_local): the name typed with --by
// (alsmeds.actor), the time it means (alsmeds.at), its OS account (alsmeds.os_account) and the file of an
// import (alsmeds.import, "imported from 'FILE'"). A staff or patient login's rows carry its login and the
// server's time whatever it names (the audit trail's own triggers); the owner's keep what it names.
// The owner's `server import-sqlite` copies a SQLite file's audit rows with its records, these triggers
// disabled inside its transaction.
#include <string>
#include <string_view>
#include <vector>

#include "pg_schema.hpp"

namespace alsmeds::storage {
namespace {

// The words' helpers are plain SQL expressions that the planner inlines into the trigger's statement, which
// runs on the trigger function's fixed search_path; nobody else may call them (EXECUTE revoked below).
constexpr const char* kHelpers = R"sql(
ALTER TABLE therapies ADD COLUMN confirmations text NOT NULL DEFAULT '';
-- A dispensing's claim or Rx number (import dispensing's dispensing_id; SQLite's schema 11 too).
ALTER TABLE log_entries ADD COLUMN dispensing_id text
  CHECK (dispensing_id IS NULL OR (kind = 'dispensing' AND length(dispensing_id) BETWEEN 1 AND 64));
-- The new columns are written by every insert alsmeds makes: the logins that may insert the rows may write
-- them (server init grants the same again), so that a server migrated by any writing command keeps working.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'alsmeds_patient') THEN
    GRANT INSERT (confirmations) ON therapies TO alsmeds_nurse;
    GRANT INSERT (dispensing_id) ON log_entries TO alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;
  END IF;
END $$;
-- The audit row's actor is the claimed name now (server init made this trigger write the login there).
DROP TRIGGER IF EXISTS audit_trail_stamp_login ON audit_trail;
CREATE FUNCTION public.alsmeds_words_day(d bigint) RETURNS text LANGUAGE sql STABLE AS
  $f$ SELECT pg_catalog.to_char((DATE '1970-01-01' + d::integer)::timestamp, 'YYYY-MM-DD') $f$;
CREATE FUNCTION public.alsmeds_words_clock(m bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
  $f$ SELECT pg_catalog.lpad((m / 60)::text, 2, '0') || ':' || pg_catalog.lpad((m % 60)::text, 2, '0') $f$;
-- format_quantity (text.cpp): three decimals at most, no trailing zeros.
CREATE FUNCTION public.alsmeds_words_quantity(x double precision) RETURNS text LANGUAGE sql IMMUTABLE AS
  $f$ SELECT coalesce(pg_catalog.trim_scale(pg_catalog.round(x::numeric, 3))::text, '') $f$;
CREATE FUNCTION public.alsmeds_words_booking(k text, d bigint, m bigint, chair integer) RETURNS text
  LANGUAGE sql STABLE AS
  $f$ SELECT k || ' on ' || public.alsmeds_words_day(d) || ' ' || public.alsmeds_words_clock(m) || ', chair '
             || chair::text $f$;
)sql";

// What the client named for its transaction, read once per statement. The actor is the name typed with --by
// (the client sends none when nobody typed one): kept beside the login the server authenticated, which the
// audit row's own trigger writes. Without one, a login's row names the login; the owner's (server init, the
// administrator's CLI) its OS account.
constexpr const char* kClaims = R"sql(DECLARE
  imported_from text := coalesce(pg_catalog.current_setting('alsmeds.import', true), '');
  claimed_actor text := NULLIF(pg_catalog.current_setting('alsmeds.actor', true), '');
  claimed_at bigint := coalesce(NULLIF(pg_catalog.current_setting('alsmeds.at', true), '')::bigint,
                                pg_catalog.date_part('epoch', pg_catalog.now())::bigint);
  claimed_os_account text := NULLIF(pg_catalog.current_setting('alsmeds.os_account', true), '');
BEGIN
  IF claimed_actor IS NULL THEN
    claimed_actor := CASE WHEN pg_catalog.pg_has_role(session_user, 'alsmeds_owner', 'MEMBER')
                          THEN coalesce(claimed_os_account, session_user::text) ELSE session_user::text END;
  END IF;
)sql";

struct AuditedTable {
  const char* table;
  // SELECT list after "at, actor, os_account, login-free columns": action, entity, entity_id, patient_id,
  // detail, previous; over the statement's new rows `n`.
  const char* select;
};

// The words of each table's audit row; the same as the SQLite store writes (records.cpp describe(), the
// store's therapy, board and closure writes).
const AuditedTable kAudited[] = {
    {"patients",
     "CASE WHEN imported_from <> '' THEN 'import' ELSE 'insert' END, 'patient', n.id, n.id, "
     "n.name || ' (' || n.tz || ')' || CASE WHEN n.mrn IS NOT NULL THEN ' MRN ' || n.mrn ELSE '' END "
     "|| CASE WHEN n.sulfite_allergy THEN ', sulfite allergy' ELSE '' END "
     "|| CASE WHEN imported_from <> '' THEN ' ' || imported_from ELSE '' END, "
     "'' FROM new_rows n"},
    {"therapies",
     "'insert', 'therapy', n.id, n.patient_id, "
     "n.drug || ' ' || n.product || ' from ' || public.alsmeds_words_day(n.start_day) "
     "|| CASE WHEN n.drug = 'edaravone' THEN ', policy ' || n.policy ELSE '' END "
     "|| CASE WHEN n.drug = 'edaravone' AND n.restart_reason <> '' "
     "THEN ', restart with cycle 1 ' || n.first_cycle || ': ' || n.restart_reason ELSE ' at ' || n.times END "
     "|| CASE WHEN n.confirmations = '' THEN '' "
     "ELSE '; confirmed: ' || pg_catalog.replace(n.confirmations, E'\\n', '; confirmed: ') END, "
     "'' FROM new_rows n"},
    {"therapy_stops",
     "'stop', 'therapy', n.therapy_id, t.patient_id, "
     "'stopped ' || public.alsmeds_words_day(n.stop_day) || ': ' || n.reason, 'active' "
     "FROM new_rows n JOIN public.therapies t ON t.id = n.therapy_id"},
    {"cycle_adjustments",
     "'reflow', 'therapy', n.therapy_id, t.patient_id, "
     "'cycle ' || n.cycle::text || ' delayed ' || n.days::text || ' days (' || n.reflow || ')' "
     "|| CASE WHEN n.resume_from IS NOT NULL "
     "THEN ', started: doses from ' || public.alsmeds_words_day(n.resume_from) || ' move' ELSE '' END "
     "|| ': ' || n.reason, '' FROM new_rows n JOIN public.therapies t ON t.id = n.therapy_id"},
    {"therapy_changes",
     "'switch', 'therapy', n.therapy_id, t.patient_id, "
     "'switched to ' || n.product || ' from ' || public.alsmeds_words_day(n.from_day) || ': ' || n.reason, "
     "'' "
     "FROM new_rows n JOIN public.therapies t ON t.id = n.therapy_id"},
    {"closed_days",
     "'insert', 'closed-day', n.id, n.patient_id, public.alsmeds_words_day(n.day) || ' ' || n.reason, '' "
     "FROM new_rows n"},
    {"log_entries",
     "CASE WHEN n.supersedes IS NOT NULL THEN 'correct' WHEN imported_from <> '' THEN 'import' "
     "ELSE 'insert' END, n.kind, n.id, n.patient_id, "
     "CASE WHEN n.supersedes IS NULL AND imported_from <> '' THEN imported_from "
     "ELSE CASE n.kind "
     "WHEN 'dose' THEN coalesce(n.status, 'withdrawn (recorded in error)') "
     "|| CASE WHEN n.planned_key IS NOT NULL THEN ' (' || n.planned_key || ')' ELSE '' END "
     "WHEN 'effect' THEN coalesce(n.term, '') || ', grade ' || coalesce(n.grade, 0)::text "
     "|| CASE WHEN n.cycle IS NOT NULL "
     "THEN ', cycle ' || n.cycle::text || ' day ' || coalesce(n.cycle_day, 0)::text ELSE '' END "
     // records.cpp describe(): the unit of the test (rulebook.hpp kLabTests; schema 15), the ULN where given.
     "WHEN 'lab' THEN coalesce(n.test, '') || ' ' || public.alsmeds_words_quantity(n.value) || ' ' "
     "|| CASE n.test WHEN 'NfL' THEN 'pg/mL' WHEN 'CSF-WBC' THEN 'cells/uL' WHEN 'CSF-protein' THEN 'mg/dL' "
     "ELSE 'U/L' END "
     "|| CASE WHEN n.uln IS NOT NULL THEN ' (ULN ' || public.alsmeds_words_quantity(n.uln) || ')' ELSE '' "
     "END "
     "WHEN 'weight' THEN public.alsmeds_words_quantity(n.value) || ' kg' "
     "ELSE coalesce(n.days_supply, 0)::text || ' days'' supply' || CASE WHEN n.quantity > 0 "
     "THEN ': ' || public.alsmeds_words_quantity(n.quantity) || ' ' || coalesce(n.unit, '') || ', product ' "
     "|| coalesce(n.product, '') ELSE '' END END "
     "|| CASE WHEN n.supersedes IS NOT NULL THEN ', corrects record ' || n.supersedes::text ELSE '' END "
     "|| CASE WHEN n.note <> '' THEN '; ' || n.note ELSE '' END END, "
     "CASE WHEN n.supersedes IS NOT NULL THEN 'supersedes record ' || n.supersedes::text ELSE '' END "
     "FROM new_rows n"},
    {"alert_acknowledgments", "'acknowledge', 'alert', n.id, n.patient_id, n.alert_key, '' FROM new_rows n"},
    // A version after a booking that held a slot moves it (or cancels it: the slot it frees is the one
    // before); the first version, or one after a cancelled one, books.
    {"infusion_bookings",
     "CASE WHEN n.cancelled THEN 'cancel' WHEN n.released_day IS NOT NULL THEN 'move' ELSE 'insert' END, "
     "'booking', n.id, n.patient_id, "
     "CASE WHEN n.cancelled THEN 'booking cancelled' "
     "ELSE public.alsmeds_words_booking(n.planned_key, n.day, n.start_minute, n.chair) END, "
     "CASE WHEN n.released_day IS NOT NULL THEN public.alsmeds_words_booking(n.planned_key, n.released_day, "
     "n.released_start, n.released_chair) ELSE '' END FROM new_rows n"},
};

// Schema 12: a new version of a patient's facts (patient update), in the words of records.cpp describe().
const AuditedTable kAudited12[] = {
    {"patient_versions",
     "'update', 'patient', n.patient_id, n.patient_id, "
     "n.name || ' (' || n.tz || ')' "
     "|| CASE WHEN n.tz_from IS NOT NULL THEN ' from ' || public.alsmeds_words_day(n.tz_from) ELSE '' END "
     "|| CASE WHEN n.born IS NOT NULL THEN ', born ' || public.alsmeds_words_day(n.born) ELSE '' END "
     "|| CASE WHEN n.sulfite_allergy THEN ', sulfite allergy' ELSE '' END "
     "|| CASE WHEN n.feeding_tube THEN ', feeding tube' ELSE '' END "
     "|| CASE WHEN n.onset IS NOT NULL THEN ', onset ' || public.alsmeds_words_day(n.onset) ELSE '' END "
     "|| ': ' || n.reason, "
     "'' FROM new_rows n"},
    // A pause, or a resumption (a row that replaces the earlier one of the same first day): records.cpp
    // describe_pause().
    {"therapy_pauses",
     "CASE WHEN e.id IS NULL THEN 'pause' ELSE 'resume' END, 'therapy', n.therapy_id, t.patient_id, "
     "CASE WHEN e.id IS NULL THEN 'paused ' || public.alsmeds_words_day(n.from_day) || ' to ' "
     "|| public.alsmeds_words_day(n.to_day) ELSE 'resumed ' || public.alsmeds_words_day(n.to_day + 1) "
     "|| ' (pause from ' || public.alsmeds_words_day(n.from_day) || ')' END || ': ' || n.reason, '' "
     "FROM new_rows n JOIN public.therapies t ON t.id = n.therapy_id "
     "LEFT JOIN LATERAL (SELECT p.id FROM public.therapy_pauses p WHERE p.therapy_id = n.therapy_id "
     "AND p.from_day = n.from_day AND p.id < n.id LIMIT 1) e ON true"},
    // An ALSFRS-R report (alsfrs.cpp describe_alsfrs()).
    {"alsfrs_reports",
     "CASE WHEN n.supersedes IS NOT NULL THEN 'correct' ELSE 'insert' END, 'alsfrs', n.id, n.patient_id, "
     "'ALSFRS-R ' || public.alsmeds_words_day(n.day) || ': ' || n.items "
     "|| CASE WHEN n.gastrostomy THEN ' (5b)' ELSE '' END "
     "|| CASE WHEN n.supersedes IS NOT NULL THEN ', corrects report ' || n.supersedes::text ELSE '' END, "
     "CASE WHEN n.supersedes IS NOT NULL THEN 'supersedes report ' || n.supersedes::text ELSE '' END "
     "FROM new_rows n"},
};

// The audit function and statement trigger of one table; `function_only`: the function replaced alone.
std::string audit_trigger_sql(const AuditedTable& a, bool function_only = false) {
  const std::string t = a.table;
  const std::string function =
      std::string(function_only ? "CREATE OR REPLACE FUNCTION" : "CREATE FUNCTION") +
      " public.alsmeds_audit_" + t +
      "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER\n"
      "  SET search_path = pg_catalog, public, pg_temp AS $f$\n" +
      kClaims +
      "  INSERT INTO public.audit_trail (at, actor, os_account, action, entity, entity_id, patient_id, "
      "detail, previous)\n    SELECT claimed_at, claimed_actor, claimed_os_account, " +
      a.select + " ORDER BY 6;\n  RETURN NULL;\nEND $f$;\n";
  if (function_only) return function;
  return function + "CREATE TRIGGER " + t + "_audit AFTER INSERT ON " + t +
         " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.alsmeds_audit_" + t +
         "();\n";
}

// Owned, as every alsmeds function, by the role no person logs in as.
constexpr const char* kOwnAuditFunctions = R"sql(
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT p.oid::regprocedure::text FROM pg_catalog.pg_proc p
           JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND (p.proname LIKE 'alsmeds\_audit\_%' OR p.proname LIKE 'alsmeds\_words\_%')
  LOOP
    EXECUTE pg_catalog.format('ALTER FUNCTION %s OWNER TO alsmeds_owner', t);
    EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', t);
  END LOOP;
END $$;
)sql";

// Schema 12's tables (SQLite's schema.cpp, the same step). Versions and pauses are written by nurses (server
// init's grants and policies, pg_roles.cpp); on a server already initialised the step grants them itself, so
// that the logins keep working after a migration made by any writing command.
constexpr const char* kVersion12 = R"sql(
CREATE TABLE patient_versions (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  patient_id bigint NOT NULL REFERENCES patients(id),
  name text NOT NULL CHECK (length(btrim(name)) > 0 AND octet_length(name) <= 200),
  tz text NOT NULL CHECK (length(tz) BETWEEN 1 AND 64),
  tz_from bigint CHECK (tz_from IS NULL OR tz_from BETWEEN 9131 AND 84005),  -- 1995-01-01 to 2199-12-31
  born bigint CHECK (born IS NULL OR born BETWEEN -25567 AND 84005),  -- from 1900-01-01
  sulfite_allergy boolean NOT NULL,
  feeding_tube boolean NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) > 0 AND octet_length(reason) <= 2000),
  recorded_by text NOT NULL,
  recorded_at bigint NOT NULL
);
CREATE INDEX patient_versions_by_patient ON patient_versions(patient_id, id);
ALTER TABLE patient_versions OWNER TO alsmeds_owner;
ALTER TABLE patient_versions ENABLE ROW LEVEL SECURITY;
CREATE TABLE therapy_pauses (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  therapy_id bigint NOT NULL REFERENCES therapies(id),
  from_day bigint NOT NULL CHECK (from_day BETWEEN 9131 AND 84005),
  to_day bigint NOT NULL CHECK (to_day BETWEEN from_day - 1 AND from_day + 365),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0 AND octet_length(reason) <= 2000),
  recorded_by text NOT NULL,
  recorded_at bigint NOT NULL
);
CREATE INDEX therapy_pauses_by_therapy ON therapy_pauses(therapy_id, id);
ALTER TABLE therapy_pauses OWNER TO alsmeds_owner;
ALTER TABLE therapy_pauses ENABLE ROW LEVEL SECURITY;
ALTER TABLE patients ADD COLUMN onset bigint CHECK (onset IS NULL OR onset BETWEEN -25567 AND 84005);
ALTER TABLE patient_versions ADD COLUMN onset bigint CHECK (onset IS NULL OR onset BETWEEN -25567 AND 84005);
-- ALSFRS-R reports (issue 28): 12 answers of 0-4; a correction supersedes a report of the same patient, once.
CREATE TABLE alsfrs_reports (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  patient_id bigint NOT NULL REFERENCES patients(id),
  day bigint NOT NULL CHECK (day BETWEEN 9131 AND 84005),
  items text NOT NULL CHECK (items ~ '^[0-4](,[0-4]){11}$'),
  gastrostomy boolean NOT NULL,
  recorded_by text NOT NULL,
  recorded_at bigint NOT NULL,
  supersedes bigint UNIQUE REFERENCES alsfrs_reports(id)
);
CREATE INDEX alsfrs_reports_by_patient ON alsfrs_reports(patient_id, day);
ALTER TABLE alsfrs_reports OWNER TO alsmeds_owner;
ALTER TABLE alsfrs_reports ENABLE ROW LEVEL SECURITY;
-- Run as the writer (row-level security applies): a patient corrects only their own reports.
CREATE FUNCTION public.alsmeds_alsfrs_correct_own() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp AS $f$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM public.alsfrs_reports r WHERE r.id = NEW.supersedes AND r.patient_id = NEW.patient_id)
  THEN
    RAISE EXCEPTION 'a report is corrected by one of its own patient' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $f$;
ALTER FUNCTION public.alsmeds_alsfrs_correct_own() OWNER TO alsmeds_owner;
CREATE TRIGGER alsfrs_reports_correct_own BEFORE INSERT ON alsfrs_reports
  FOR EACH ROW WHEN (NEW.supersedes IS NOT NULL) EXECUTE FUNCTION public.alsmeds_alsfrs_correct_own();
DO $$
BEGIN
  -- Server init has run on this database (the roles are the cluster's, its functions the database's).
  IF pg_catalog.to_regprocedure('public.alsmeds_stamp_login()') IS NOT NULL
     AND pg_catalog.to_regprocedure('public.alsmeds_my_patient()') IS NOT NULL THEN
    GRANT SELECT ON patient_versions TO alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;
    GRANT INSERT (patient_id, name, tz, tz_from, born, sulfite_allergy, feeding_tube, reason, recorded_by,
                  recorded_at) ON patient_versions TO alsmeds_nurse;
    CREATE POLICY staff_read ON patient_versions FOR SELECT TO alsmeds_nurse, alsmeds_pharmacist USING (true);
    CREATE POLICY patient_read ON patient_versions FOR SELECT TO alsmeds_patient
      USING (patient_id = public.alsmeds_my_patient());
    CREATE POLICY nurse_write ON patient_versions FOR INSERT TO alsmeds_nurse WITH CHECK (true);
    CREATE TRIGGER patient_versions_stamp_login BEFORE INSERT ON patient_versions
      FOR EACH ROW EXECUTE FUNCTION public.alsmeds_stamp_login('recorded_by');
    GRANT SELECT ON therapy_pauses TO alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;
    GRANT INSERT (therapy_id, from_day, to_day, reason, recorded_by, recorded_at) ON therapy_pauses
      TO alsmeds_nurse;
    CREATE POLICY staff_read ON therapy_pauses FOR SELECT TO alsmeds_nurse, alsmeds_pharmacist USING (true);
    CREATE POLICY patient_read ON therapy_pauses FOR SELECT TO alsmeds_patient
      USING (therapy_id IN (SELECT id FROM public.therapies WHERE patient_id = public.alsmeds_my_patient()));
    CREATE POLICY nurse_write ON therapy_pauses FOR INSERT TO alsmeds_nurse WITH CHECK (true);
    CREATE TRIGGER therapy_pauses_stamp_login BEFORE INSERT ON therapy_pauses
      FOR EACH ROW EXECUTE FUNCTION public.alsmeds_stamp_login('recorded_by');
    GRANT INSERT (onset) ON patients, patient_versions TO alsmeds_nurse;
    GRANT SELECT ON alsfrs_reports TO alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;
    GRANT INSERT (patient_id, day, items, gastrostomy, recorded_by, recorded_at, supersedes) ON alsfrs_reports
      TO alsmeds_nurse, alsmeds_patient;
    CREATE POLICY staff_read ON alsfrs_reports FOR SELECT TO alsmeds_nurse, alsmeds_pharmacist USING (true);
    CREATE POLICY patient_read ON alsfrs_reports FOR SELECT TO alsmeds_patient
      USING (patient_id = public.alsmeds_my_patient());
    CREATE POLICY nurse_write ON alsfrs_reports FOR INSERT TO alsmeds_nurse WITH CHECK (true);
    CREATE POLICY patient_write ON alsfrs_reports FOR INSERT TO alsmeds_patient
      WITH CHECK (patient_id = public.alsmeds_my_patient() AND recorded_at BETWEEN
        pg_catalog.date_part('epoch', pg_catalog.now())::bigint - 30 * 86400
        AND pg_catalog.date_part('epoch', pg_catalog.now())::bigint + 86400);
    CREATE TRIGGER alsfrs_reports_stamp_login BEFORE INSERT ON alsfrs_reports
      FOR EACH ROW EXECUTE FUNCTION public.alsmeds_stamp_login('recorded_by');
  END IF;
END $$;
)sql";

std::string append_only_sql(const std::string& table, const std::string& words) {
  return "CREATE TRIGGER " + table + "_append_only_update BEFORE UPDATE ON " + table +
         " FOR EACH ROW EXECUTE FUNCTION public.alsmeds_append_only('" + words + "');\nCREATE TRIGGER " +
         table + "_append_only_delete BEFORE DELETE ON " + table +
         " FOR EACH ROW EXECUTE FUNCTION public.alsmeds_append_only('" + words + "');\nCREATE TRIGGER " +
         table + "_append_only_truncate BEFORE TRUNCATE ON " + table +
         " FOR EACH STATEMENT EXECUTE FUNCTION public.alsmeds_append_only('" + words + "');\n";
}

}  // namespace

std::string pg_version11_sql() {
  std::string sql = kHelpers;
  for (const AuditedTable& a : kAudited) sql += audit_trigger_sql(a);
  return sql + kOwnAuditFunctions;
}

std::string pg_version12_sql() {
  std::string sql = kVersion12 + append_only_sql("patient_versions", "patient versions") +
                    append_only_sql("therapy_pauses", "therapy pauses") +
                    append_only_sql("alsfrs_reports", "ALSFRS-R reports");
  for (const AuditedTable& a : kAudited12) sql += audit_trigger_sql(a);
  return sql + kOwnAuditFunctions;
}

std::string pg_audit_sql(const std::string& table, const std::string& select, bool function_only) {
  return audit_trigger_sql({table.c_str(), select.c_str()}, function_only);
}

std::string pg_log_entries_audit_function_sql() {
  for (const AuditedTable& a : kAudited)
    if (std::string_view(a.table) == "log_entries") return audit_trigger_sql(a, true);
  return {};
}

std::string pg_own_audit_functions_sql() {
  return kOwnAuditFunctions;
}

std::string pg_append_only_sql(const std::string& table, const std::string& words) {
  return append_only_sql(table, words);
}

std::vector<std::string> pg_audited_tables() {
  std::vector<std::string> out;
  for (const AuditedTable& a : kAudited) out.push_back(a.table);
  for (const AuditedTable& a : kAudited12) out.push_back(a.table);
  out.push_back("unit_settings");  // schema 13 (pg_schema13.cpp)
  return out;
}

std::vector<std::string> pg_version11_triggers() {
  std::vector<std::string> out;
  for (const AuditedTable& a : kAudited) out.push_back(std::string(a.table) + "_audit");
  return out;
}

std::vector<std::string> pg_version12_triggers() {
  std::vector<std::string> out;
  for (const AuditedTable& a : kAudited12) out.push_back(std::string(a.table) + "_audit");
  out.push_back("alsfrs_reports_correct_own");
  for (const char* table : {"patient_versions", "therapy_pauses", "alsfrs_reports"})
    for (const char* op : {"update", "delete", "truncate"})
      out.push_back(std::string(table) + "_append_only_" + op);
  return out;
}

}  // namespace alsmeds::storage
