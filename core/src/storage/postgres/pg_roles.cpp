// server init and server add-user: the roles, grants and row-level security that the server enforces
// whatever program a login uses (alsmeds, psql, ...).
#include <string>
#include <utility>
#include <vector>

#include "../server_module.hpp"
#include "alsmeds/storage/clinic_server.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "pg_connection.hpp"
#include "pg_schema.hpp"

namespace alsmeds {
namespace {

using storage::PgConnection;
using storage::PgError;
using storage::PgTransaction;

constexpr const char* kClinical[] = {
    "patients",         "therapies",      "therapy_stops",  "cycle_adjustments",     "therapy_changes",
    "closed_days",      "log_entries",    "audit_trail",    "alert_acknowledgments", "infusion_bookings",
    "patient_versions", "therapy_pauses", "alsfrs_reports", "unit_settings"};

// The patient's own rows of each clinical table.
std::string own_rows(const std::string& table) {
  if (table == "patients") return "id = alsmeds_my_patient()";
  if (table == "closed_days") return "patient_id IS NULL OR patient_id = alsmeds_my_patient()";
  if (table == "unit_settings") return "true";  // the clinic's chairs and hours: nobody's record
  if (table == "therapy_stops" || table == "cycle_adjustments" || table == "therapy_changes" ||
      table == "therapy_pauses")
    return "therapy_id IN (SELECT id FROM therapies WHERE patient_id = alsmeds_my_patient())";
  return "patient_id = alsmeds_my_patient()";
}

// A patient's record is written now (what it is about may be earlier, as the client allows): its recorded_at
// within 30 days before the server's clock (a write that waited in the app's outbox) and a day after.
constexpr const char* kRecordedNow =
    "recorded_at BETWEEN pg_catalog.date_part('epoch', pg_catalog.now())::bigint - 30 * 86400 "
    "AND pg_catalog.date_part('epoch', pg_catalog.now())::bigint + 86400";

std::string policy(const std::string& name, const std::string& table, const std::string& rest) {
  return "DROP POLICY IF EXISTS " + name + " ON " + table + ";\nCREATE POLICY " + name + " ON " + table +
         " " + rest + ";\n";
}

std::string access_sql() {
  std::string sql = R"sql(
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['alsmeds_nurse', 'alsmeds_pharmacist', 'alsmeds_patient'] LOOP
    -- Roles are the cluster's: `server init` of another database may make one at the same moment (the
    -- advisory lock holds within one database only), and this one then finds it made.
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), r);
  END LOOP;
END $$;
CREATE OR REPLACE FUNCTION public.alsmeds_my_patient() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp AS
  $f$ SELECT l.patient_id FROM public.patient_logins l WHERE l.login = session_user $f$;
ALTER FUNCTION public.alsmeds_my_patient() OWNER TO alsmeds_owner;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON FUNCTION public.alsmeds_my_patient() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.alsmeds_my_patient() TO alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;
GRANT USAGE ON SCHEMA public TO alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;
-- Ids come from identity columns, which need no right on their sequences: no login reads or moves one.
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;
GRANT SELECT ON alsmeds_schema, board_places, supply_packs TO alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;
GRANT SELECT ON audit_chain, audit_pending TO alsmeds_nurse, alsmeds_pharmacist;
GRANT SELECT ON write_keys TO alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;
-- Statistics that would tell a patient how many records the clinic holds, and who else logs in: for staff
-- only, where this login may change them (a superuser's `server init`). pg_class.reltuples stays readable
-- (PostgreSQL's own catalogs are public): the README says so.
DO $$
BEGIN
  REVOKE SELECT ON pg_catalog.pg_stat_user_tables, pg_catalog.pg_stat_all_tables, pg_catalog.pg_stat_sys_tables,
    pg_catalog.pg_statio_user_tables, pg_catalog.pg_statio_all_tables, pg_catalog.pg_stat_xact_user_tables,
    pg_catalog.pg_stat_xact_all_tables, pg_catalog.pg_stat_user_indexes, pg_catalog.pg_stat_all_indexes,
    pg_catalog.pg_statio_user_indexes, pg_catalog.pg_statio_all_indexes, pg_catalog.pg_statio_user_sequences,
    pg_catalog.pg_statio_all_sequences, pg_catalog.pg_sequences, pg_catalog.pg_auth_members,
    pg_catalog.pg_stat_activity FROM PUBLIC;
  GRANT SELECT ON pg_catalog.pg_stat_user_tables, pg_catalog.pg_stat_all_tables, pg_catalog.pg_stat_sys_tables,
    pg_catalog.pg_statio_user_tables, pg_catalog.pg_statio_all_tables, pg_catalog.pg_stat_xact_user_tables,
    pg_catalog.pg_stat_xact_all_tables, pg_catalog.pg_stat_user_indexes, pg_catalog.pg_stat_all_indexes,
    pg_catalog.pg_statio_user_indexes, pg_catalog.pg_statio_all_indexes, pg_catalog.pg_statio_user_sequences,
    pg_catalog.pg_statio_all_sequences, pg_catalog.pg_sequences, pg_catalog.pg_auth_members,
    pg_catalog.pg_stat_activity TO alsmeds_nurse, alsmeds_pharmacist;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'statistics views left readable: run server init as a superuser to hide them from patients';
END $$;
)sql";
  // A login inserts only the columns alsmeds writes: never an id (ids are the server's: no row can take the
  // id the next write of another login would get), never the login a trigger writes.
  sql += R"sql(
CREATE OR REPLACE FUNCTION pg_temp.alsmeds_grant_insert(t text, roles text) RETURNS void LANGUAGE plpgsql AS $g$
DECLARE cols text;
BEGIN
  SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
    FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = ('public.' || pg_catalog.quote_ident(t))::regclass AND a.attnum > 0
      AND NOT a.attisdropped AND a.attname NOT IN ('id', 'login');
  EXECUTE pg_catalog.format('REVOKE INSERT ON public.%I FROM alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient', t);
  EXECUTE pg_catalog.format('GRANT INSERT (%s) ON public.%I TO %s', cols, t, roles);
END $g$;
SELECT pg_temp.alsmeds_grant_insert('write_keys', 'alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient');
ALTER TABLE write_keys ENABLE ROW LEVEL SECURITY;
)sql";
  sql += policy("own_keys", "write_keys",
                "FOR ALL TO alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient USING (login = session_user) "
                "WITH CHECK (login = session_user)");
  for (const char* t : kClinical) {
    const std::string table = t;
    sql += "ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY;\n";
    std::string writers = "alsmeds_nurse";
    if (table == "log_entries" || table == "alert_acknowledgments") writers += ", alsmeds_pharmacist";
    if (table == "log_entries" || table == "alsfrs_reports") writers += ", alsmeds_patient";
    sql += "GRANT SELECT ON " + table + " TO alsmeds_nurse;\n";
    sql += "GRANT SELECT ON " + table + " TO alsmeds_pharmacist, alsmeds_patient;\n";
    sql += policy("staff_read", table, "FOR SELECT TO alsmeds_nurse, alsmeds_pharmacist USING (true)");
    sql += policy("patient_read", table, "FOR SELECT TO alsmeds_patient USING (" + own_rows(table) + ")");
    if (table == "audit_trail") {
      // Audit rows are the server's: its triggers write one for every row a login inserts
      // (pg_audit_rows.cpp).
      sql +=
          "REVOKE INSERT ON audit_trail FROM alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient;\n"
          "DROP POLICY IF EXISTS nurse_write ON audit_trail;\n"
          "DROP POLICY IF EXISTS pharmacist_write ON audit_trail;\n"
          "DROP POLICY IF EXISTS patient_write ON audit_trail;\n";
      continue;
    }
    sql += "SELECT pg_temp.alsmeds_grant_insert('" + table + "', '" + writers + "');\n";
    sql += policy("nurse_write", table, "FOR INSERT TO alsmeds_nurse WITH CHECK (true)");
  }
  // The pharmacist records dispensings and acknowledges alerts; changes no plan.
  sql += policy("pharmacist_write", "log_entries",
                "FOR INSERT TO alsmeds_pharmacist WITH CHECK (kind = 'dispensing')");
  sql += policy("pharmacist_write", "alert_acknowledgments",
                "FOR INSERT TO alsmeds_pharmacist WITH CHECK (true)");
  // The patient logs their own doses, side effects, labs and weights; a side
  // effect of grade 5 (death) is recorded by clinicians only.
  sql += policy("patient_write", "log_entries",
                "FOR INSERT TO alsmeds_patient WITH CHECK (patient_id = alsmeds_my_patient() AND kind IN "
                "('dose', 'effect', 'lab', 'weight') AND (kind <> 'effect' OR grade <= 4) AND " +
                    std::string(kRecordedNow) + ")");
  // The patient reports their own ALSFRS-R, now (issue 28).
  sql += policy("patient_write", "alsfrs_reports",
                "FOR INSERT TO alsmeds_patient WITH CHECK (patient_id = alsmeds_my_patient() AND " +
                    std::string(kRecordedNow) + ")");
  // Who wrote a row is the server's word: a staff or patient login's row names that login, whatever name the
  // client sent (the CLI's OS account, a forged actor in psql). The owner (server init, server import of a
  // SQLite file's history) keeps the names it copies.
  sql += R"sql(
CREATE OR REPLACE FUNCTION public.alsmeds_stamp_login() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp AS $f$
BEGIN
  IF pg_catalog.pg_has_role(session_user, 'alsmeds_owner', 'MEMBER') THEN
    RETURN NEW;
  END IF;
  NEW := pg_catalog.jsonb_populate_record(NEW, pg_catalog.jsonb_build_object(TG_ARGV[0], session_user::text));
  RETURN NEW;
END $f$;
ALTER FUNCTION public.alsmeds_stamp_login() OWNER TO alsmeds_owner;
REVOKE ALL ON FUNCTION public.alsmeds_stamp_login() FROM PUBLIC;
)sql";
  sql += "DROP TRIGGER IF EXISTS audit_trail_stamp_login ON audit_trail;\n";  // schema 11: the claim
  for (const auto& [table, column] : storage::pg_login_stamped_columns())
    sql += "DROP TRIGGER IF EXISTS " + table + "_stamp_login ON " + table + ";\nCREATE TRIGGER " + table +
           "_stamp_login BEFORE INSERT ON " + table +
           " FOR EACH ROW EXECUTE FUNCTION public.alsmeds_stamp_login('" + column + "');\n";
  return sql;
}

}  // namespace

Result<std::string> storage::pg_server_init(const std::string& server) {
  try {
    PgConnection db(pg_with_connect_timeout(server, kConnectTimeoutSeconds));
    const int before = storage::pg_schema_version(db);
    if (before < 0) return fail(server_name(server) + " holds tables of another program, not alsmeds");
    storage::pg_migrate(db);
    PgTransaction tx(db);
    db.exec("SELECT pg_advisory_xact_lock(1634497389)");
    db.exec(access_sql());
    tx.commit();
    std::string out = before == kSchemaVersion
                          ? "schema: version " + std::to_string(kSchemaVersion) + " (already)\n"
                          : "schema: version " + std::to_string(kSchemaVersion) + " created\n";
    out += "roles: alsmeds_nurse, alsmeds_pharmacist, alsmeds_patient with grants and row-level security\n";
    return out;
  } catch (const PgError& e) {
    return fail(server_name(server) + ": " + e.what());
  }
}

Result<std::string> storage::pg_server_add_user(const std::string& server, const std::string& login,
                                                ServerRole role, std::optional<RecordId> patient_id) {
  if (login.empty() || login.size() > 63) return fail("login '" + login + "' must be 1 to 63 characters");
  for (char c : login)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
      return fail("login '" + login + "': use letters, digits, '.', '_' or '-'");
  if (login.rfind("alsmeds_", 0) == 0 || login.rfind("pg_", 0) == 0)
    return fail("login '" + login + "' is a reserved name");
  if (role == ServerRole::patient && !patient_id) return fail("a patient's login needs --patient ID|MRN");
  if (role != ServerRole::patient && patient_id) return fail("--patient is for a patient's login only");
  const std::string group = role == ServerRole::nurse        ? "alsmeds_nurse"
                            : role == ServerRole::pharmacist ? "alsmeds_pharmacist"
                                                             : "alsmeds_patient";
  try {
    PgConnection db(pg_with_connect_timeout(server, kConnectTimeoutSeconds));
    if (db.exec("SELECT 1 FROM pg_roles WHERE rolname = 'alsmeds_patient'").rows() == 0)
      return fail("run `server init` first: the roles do not exist yet");
    PgTransaction tx(db);
    const std::string ident = db.exec("SELECT quote_ident($1)", {login}).text(0, 0);
    const storage::PgResult existing = db.exec(
        "SELECT r.rolsuper, array_to_string(ARRAY(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g "
        "ON g.oid = m.roleid WHERE m.member = r.oid AND g.rolname LIKE 'alsmeds\\_%'), ',') "
        "FROM pg_roles r WHERE r.rolname = $1",
        {login});
    if (existing.rows() == 1) {
      if (existing.boolean(0, 0))
        return fail("login '" + login + "' is a superuser: give roles to other logins");
      const std::string has = existing.text(0, 1);
      if (!has.empty() && has != group)
        return fail("login '" + login + "' has the role " + has + " already (one role per login)");
    } else {
      db.exec("CREATE ROLE " + ident + " LOGIN");
    }
    db.exec("GRANT " + group + " TO " + ident);
    if (patient_id) {
      if (db.exec("SELECT 1 FROM patients WHERE id = $1", {std::to_string(*patient_id)}).rows() == 0)
        return fail("patient " + std::to_string(*patient_id) + " does not exist");
      db.exec(
          "INSERT INTO patient_logins (login, patient_id) VALUES ($1, $2) "
          "ON CONFLICT (login) DO UPDATE SET patient_id = EXCLUDED.patient_id",
          {login, std::to_string(*patient_id)});
    }
    tx.commit();
    return "login " + login + ": " + group.substr(8) +
           (patient_id ? " of patient " + std::to_string(*patient_id) : std::string()) + "\n";
  } catch (const PgError& e) {
    return fail(server_name(server) + ": " + e.what());
  }
}

}  // namespace alsmeds

namespace alsmeds::storage {

std::vector<std::pair<std::string, std::string>> pg_login_stamped_columns() {
  return {{"patient_versions", "recorded_by"},  {"therapy_pauses", "recorded_by"},
          {"alsfrs_reports", "recorded_by"},    {"therapy_stops", "recorded_by"},
          {"cycle_adjustments", "recorded_by"}, {"therapy_changes", "recorded_by"},
          {"log_entries", "recorded_by"},       {"alert_acknowledgments", "acknowledged_by"},
          {"infusion_bookings", "booked_by"},   {"unit_settings", "recorded_by"}};
}

}  // namespace alsmeds::storage
