// server import-sqlite: a single-machine database moved onto the clinic server, all or nothing. Every row
// keeps its id (reports name patients and records by id), in id order so that corrections follow what they
// correct; the server's triggers check each row as they check a new one. The file is read through a
// read-only SQLite connection that never checkpoints: it stays byte for byte as it was.
#include <cstdio>
#include <vector>

#include "../sqlite_db.hpp"
#include "alsmeds/clinic_server.hpp"
#include "alsmeds/record_store.hpp"
#include "alsmeds/text.hpp"
#include "pg_connection.hpp"
#include "pg_schema.hpp"

namespace alsmeds {
namespace {

using storage::PgConnection;
using storage::PgError;
using storage::PgParam;

struct Table {
  const char* name;
  const char* columns;  // the same names in both databases
  const char* words;    // for the counts
};

// In the order foreign keys need. Bookings go in id order: the server numbers their versions again.
constexpr Table kTables[] = {
    {"patients",
     "id, mrn, name, tz, born, sulfite_allergy, asthma, dysphagia, feeding_tube, baseline_weight_kg, "
     "created_at",
     "patients"},
    {"therapies",
     "id, patient_id, drug, product, start_day, policy, times, lft_schedule, lft_weekdays_only, created_at, "
     "first_cycle, restart_reason",
     "therapies"},
    {"therapy_stops", "therapy_id, stop_day, reason, recorded_by, recorded_at", "therapy stops"},
    {"cycle_adjustments",
     "id, therapy_id, cycle, days, reflow, reason, recorded_by, recorded_at, resume_from",
     "cycle adjustments"},
    {"therapy_changes", "id, therapy_id, from_day, product, reason, recorded_by, recorded_at",
     "therapy changes"},
    {"closed_days", "id, patient_id, day, reason", "closed days"},
    {"log_entries",
     "id, patient_id, kind, at, day, drug, status, planned_key, term, grade, cycle, cycle_day, test, value, "
     "uln, "
     "days_supply, note, recorded_by, recorded_at, supersedes, quantity, unit, product",
     "log entries"},
    {"alert_acknowledgments", "id, patient_id, alert_key, acknowledged_by, acknowledged_at, note",
     "alert acknowledgments"},
    {"infusion_bookings",
     "id, patient_id, planned_key, day, chair, start_minute, booked_by, booked_at, cancelled, 0 AS version",
     "infusion booking versions"},
    {"audit_trail", "id, at, actor, action, entity, entity_id, patient_id, detail, previous, os_account",
     "audit rows"},
};

std::string target_columns(const Table& t) {
  std::string c = t.columns;
  const std::string suffix = ", 0 AS version";
  if (const auto at = c.find(suffix); at != std::string::npos) c = c.substr(0, at) + ", version";
  return c;
}

int column_count(const std::string& columns) {
  int n = 1;
  for (char ch : columns) n += ch == ',';
  return n;
}

PgParam value_of(sqlite3_stmt* s, int col) {
  switch (sqlite3_column_type(s, col)) {
    case SQLITE_NULL:
      return std::nullopt;
    case SQLITE_INTEGER:
      return std::to_string(sqlite3_column_int64(s, col));
    case SQLITE_FLOAT: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(s, col));
      return std::string(buf);
    }
    default:
      return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, col)),
                         static_cast<std::size_t>(sqlite3_column_bytes(s, col)));
  }
}

struct Query {
  sqlite3_stmt* s = nullptr;
  Query(storage::Connection& db, const std::string& sql) {
    db.check(sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &s, nullptr), "read");
  }
  ~Query() { sqlite3_finalize(s); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
};

std::int64_t sqlite_count(storage::Connection& db, const char* table) {
  Query q(db, std::string("SELECT count(*) FROM ") + table);
  sqlite3_step(q.s);
  return sqlite3_column_int64(q.s, 0);
}

// Copies one table; returns the rows written.
std::int64_t copy_table(storage::Connection& from, PgConnection& to, const Table& t) {
  const std::string columns = target_columns(t);
  const int n = column_count(columns);
  Query q(from, std::string("SELECT ") + t.columns + " FROM " + t.name + " ORDER BY rowid");
  const std::size_t batch = 60000 / static_cast<std::size_t>(n);
  std::vector<PgParam> params;
  std::int64_t written = 0;
  std::size_t rows = 0;
  auto flush = [&] {
    if (rows == 0) return;
    std::string sql = std::string("INSERT INTO ") + t.name + " (" + columns + ") VALUES ";
    int p = 1;
    for (std::size_t r = 0; r < rows; ++r) {
      sql += r ? ", (" : "(";
      for (int c = 0; c < n; ++c) sql += (c ? ", $" : "$") + std::to_string(p++);
      sql += ")";
    }
    to.exec(sql, params);
    written += static_cast<std::int64_t>(rows);
    params.clear();
    rows = 0;
  };
  int rc;
  while ((rc = sqlite3_step(q.s)) == SQLITE_ROW) {
    for (int c = 0; c < n; ++c) params.push_back(value_of(q.s, c));
    if (++rows == batch) flush();
  }
  if (rc != SQLITE_DONE) from.check(rc, "read");
  flush();
  return written;
}

}  // namespace

Result<std::string> server_import_sqlite(const std::string& server, const std::string& file,
                                         const Actor& actor) {
  if (is_server_database(file)) return fail(quote_short(file) + " is a server, not a SQLite file");
  {  // The same checks as any read-only open: ours, not damaged, the current schema (nothing written).
    auto looked = open_record_store(file, OpenOptions{CreateMode::must_exist, Access::read_only, 10000});
    if (!looked) return fail(looked.error());
  }
  try {
    storage::Connection source(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
    sqlite3_db_config(source.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    source.exec("BEGIN");  // one snapshot of the file for every table
    PgConnection db(with_connect_timeout(server, kConnectTimeoutSeconds));
    storage::pg_migrate(db);
    storage::PgTransaction tx(db);
    db.exec("SELECT pg_advisory_xact_lock(1634497389)");
    if (db.exec("SELECT 1 FROM patients LIMIT 1").rows() > 0 ||
        db.exec("SELECT 1 FROM audit_trail LIMIT 1").rows() > 0)
      return fail(server_name(server) +
                  " holds records already: import-sqlite moves a single-machine database into a new server");
    std::string out;
    for (const Table& t : kTables) {
      const std::int64_t in_file = sqlite_count(source, t.name);
      copy_table(source, db, t);
      const std::int64_t on_server = db.exec(std::string("SELECT count(*) FROM ") + t.name).integer(0, 0);
      if (on_server != in_file)
        return fail(std::string(t.words) + ": " + std::to_string(in_file) + " in the file but " +
                    std::to_string(on_server) + " on the server; nothing was imported");
      out += std::string(t.words) + ": " + std::to_string(on_server) + "\n";
    }
    // New records get ids after the imported ones.
    for (const Table& t : kTables)
      if (std::string(t.columns).rfind("id,", 0) == 0)
        db.exec(std::string("SELECT setval(pg_get_serial_sequence('") + t.name + "', 'id'), " +
                "coalesce((SELECT max(id) FROM " + t.name + "), 0) + 1, false)");
    db.exec(
        "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail, previous, "
        "os_account) "
        "VALUES ($1, $2, 'import', 'database', 0, NULL, $3, '', NULL)",
        {std::to_string(actor.now.time_since_epoch().count()), actor.name,
         "moved in from " + quote_short(escape_for_terminal(file), 200)});
    tx.commit();
    return out + "checked: every count equals the file's; " + file + " was left as it was\n";
  } catch (const PgError& e) {
    return fail(server_name(server) + ": " + e.what() + "; nothing was imported");
  } catch (const storage::StorageError& e) {
    return fail(file + ": " + e.what() + "; nothing was imported");
  }
}

}  // namespace alsmeds
