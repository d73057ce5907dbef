// server import-sqlite: a single-machine database moved onto the clinic server, all or nothing. Every row
// keeps its id (reports name patients and records by id), in id order so that corrections follow what they
// correct. The rows go as binary COPY (every value in its type's form: text arrives byte for byte, nothing is
// escaped); the server's constraints and the trigger on corrections check each row as they check a new one.
// The file is read through a read-only SQLite connection that never checkpoints: it stays byte for byte as it
// was.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <vector>

#include "../server_module.hpp"
#include "../sqlite_db.hpp"
#include "alsmeds/storage/clinic_server.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "alsmeds/text.hpp"
#include "pg_connection.hpp"
#include "pg_schema.hpp"

namespace alsmeds {
namespace {

using storage::PgConnection;
using storage::PgError;

struct Table {
  const char* name;
  const char* columns;  // the same names in both databases
  const char* words;    // for the counts
};

// In the order foreign keys need. Bookings go in id order: the server numbers their versions again.
constexpr Table kTables[] = {
    {"patients",
     "id, mrn, name, tz, born, sulfite_allergy, asthma, dysphagia, feeding_tube, baseline_weight_kg, "
     "created_at, onset",
     "patients"},
    {"patient_versions",
     "id, patient_id, name, tz, tz_from, born, sulfite_allergy, feeding_tube, reason, recorded_by, "
     "recorded_at, "
     "onset",
     "patient versions"},
    {"therapies",
     "id, patient_id, drug, product, start_day, policy, times, lft_schedule, lft_weekdays_only, created_at, "
     "first_cycle, restart_reason, dose_days, confirmations",
     "therapies"},
    {"therapy_stops", "therapy_id, stop_day, reason, recorded_by, recorded_at", "therapy stops"},
    {"cycle_adjustments",
     "id, therapy_id, cycle, days, reflow, reason, recorded_by, recorded_at, resume_from",
     "cycle adjustments"},
    {"therapy_changes", "id, therapy_id, from_day, product, reason, recorded_by, recorded_at",
     "therapy changes"},
    {"therapy_pauses", "id, therapy_id, from_day, to_day, reason, recorded_by, recorded_at",
     "therapy pauses"},
    {"closed_days", "id, patient_id, day, reason", "closed days"},
    {"log_entries",
     "id, patient_id, kind, at, day, drug, status, planned_key, term, grade, cycle, cycle_day, test, value, "
     "uln, "
     "days_supply, note, recorded_by, recorded_at, supersedes, quantity, unit, product, dispensing_id",
     "log entries"},
    {"alert_acknowledgments", "id, patient_id, alert_key, acknowledged_by, acknowledged_at, note",
     "alert acknowledgments"},
    {"alsfrs_reports", "id, patient_id, day, items, gastrostomy, recorded_by, recorded_at, supersedes",
     "ALSFRS-R reports"},
    {"infusion_bookings",
     "id, patient_id, planned_key, day, chair, start_minute, booked_by, booked_at, cancelled, minutes, "
     "0 AS version",
     "infusion booking versions"},
    {"unit_settings",
     "id, chairs, opens_minute, closes_minute, weekdays_only, reason, recorded_by, recorded_at, lp_rooms, "
     "lp_minutes",
     "unit settings"},
    {"audit_trail", "id, at, actor, action, entity, entity_id, patient_id, detail, previous, os_account",
     "audit rows"},
};

std::string target_columns(const Table& t) {
  std::string c = t.columns;
  const std::string suffix = ", 0 AS version";
  if (const auto at = c.find(suffix); at != std::string::npos) c = c.substr(0, at) + ", version";
  return c;
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

std::vector<std::string> names_of(const std::string& columns) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= columns.size()) {
    const std::size_t comma = std::min(columns.find(',', at), columns.size());
    std::string name = columns.substr(at, comma - at);
    name.erase(0, name.find_first_not_of(' '));
    out.push_back(name);
    at = comma + 1;
  }
  return out;
}

enum class PgType { bigint, integer, real, boolean, text };

// The server's type of each column (the binary COPY sends each value in its type's own form).
std::vector<PgType> types_of(PgConnection& db, const char* table, const std::vector<std::string>& columns) {
  std::vector<PgType> out;
  for (const std::string& column : columns) {
    const storage::PgResult r = db.exec(
        "SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2 "
        "AND NOT attisdropped",
        {std::string(table), column});
    const std::string type = r.rows() == 1 ? r.text(0, 0) : "";
    if (type == "bigint")
      out.push_back(PgType::bigint);
    else if (type == "integer")
      out.push_back(PgType::integer);
    else if (type == "double precision")
      out.push_back(PgType::real);
    else if (type == "boolean")
      out.push_back(PgType::boolean);
    else if (type == "text")
      out.push_back(PgType::text);
    else
      throw PgError(std::string("the server's ") + table + "." + column +
                        " has a type the import does not know (" + type + ")",
                    "42804", "", false);
  }
  return out;
}

// A whole number stored in the file as text (SQLite keeps what it is given) is taken as the number.
std::int64_t whole_number(sqlite3_stmt* s, int col, const Table& t, const std::string& column) {
  const int stored = sqlite3_column_type(s, col);  // before any conversion below
  if (stored == SQLITE_INTEGER) return sqlite3_column_int64(s, col);
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
  const auto* end = text + sqlite3_column_bytes(s, col);
  std::int64_t v = 0;
  const auto [stop, error] = std::from_chars(text, end, v);
  if (stored != SQLITE_TEXT || error != std::errc{} || stop != end)
    throw storage::StorageError(std::string(t.name) + "." + column + " holds " +
                                    quote_short(escape_for_terminal(std::string(text, end)), 40) +
                                    ", not a whole number",
                                SQLITE_MISMATCH);
  return v;
}

void write_value(storage::PgCopyWriter& w, sqlite3_stmt* s, int col, PgType type, const Table& t,
                 const std::string& column) {
  if (sqlite3_column_type(s, col) == SQLITE_NULL) return w.null();
  switch (type) {
    case PgType::bigint:
      return w.bigint(whole_number(s, col, t, column));
    case PgType::integer: {
      const std::int64_t v = whole_number(s, col, t, column);
      if (v < INT32_MIN || v > INT32_MAX)
        throw storage::StorageError(
            std::string(t.name) + "." + column + " holds " + std::to_string(v) + ", too large for the server",
            SQLITE_MISMATCH);
      return w.integer(static_cast<std::int32_t>(v));
    }
    case PgType::real:
      if (sqlite3_column_type(s, col) == SQLITE_TEXT)
        throw storage::StorageError(std::string(t.name) + "." + column + " holds text, not a number",
                                    SQLITE_MISMATCH);
      return w.real(sqlite3_column_double(s, col));
    case PgType::boolean: {
      const std::int64_t v = whole_number(s, col, t, column);
      if (v != 0 && v != 1)
        throw storage::StorageError(
            std::string(t.name) + "." + column + " holds " + std::to_string(v) + ", neither 0 nor 1",
            SQLITE_MISMATCH);
      return w.boolean(v == 1);
    }
    case PgType::text:
      // Numbers stored in a text column go as SQLite writes them as text (the INSERTs of before did too).
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
      return w.text(std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(s, col))));
  }
}

// Copies one table (binary COPY: every value as its bytes, nothing to escape); returns the rows the server
// took.
std::int64_t copy_table(storage::Connection& from, PgConnection& to, const Table& t) {
  const std::string columns = target_columns(t);
  const std::vector<std::string> names = names_of(columns);
  const std::vector<PgType> types = types_of(to, t.name, names);
  const int n = static_cast<int>(names.size());
  Query q(from, std::string("SELECT ") + t.columns + " FROM " + t.name + " ORDER BY rowid");
  bool started = false;
  return to.copy_in(std::string("COPY ") + t.name + " (" + columns + ") FROM STDIN (FORMAT binary)",
                    [&](std::string& out) {
                      storage::PgCopyWriter w(out);
                      if (!started) w.header();
                      started = true;
                      int rc;
                      while ((rc = sqlite3_step(q.s)) == SQLITE_ROW) {
                        w.row(n);
                        for (int c = 0; c < n; ++c) write_value(w, q.s, c, types[c], t, names[c]);
                        if (out.size() >= (1 << 20)) return true;
                      }
                      if (rc != SQLITE_DONE) from.check(rc, "read");
                      w.trailer();
                      return false;
                    });
}

// What costs on every row of the large tables and is not needed while they are filled inside the import's
// one transaction on an empty server: their secondary indexes (made again from their stored definitions, the
// unique one checking every row then), the log's foreign keys (made again, each checking every row in one
// pass instead of one look-up per row), and the trigger that writes the session's login into each audit row
// (the column's default writes the same login: the import sends none). Everything is back as it was before
// the commit; a failure rolls all of it back with the rows. The other checks stay as they are: every other
// constraint and the trigger on corrections.
class SetAside {
 public:
  explicit SetAside(PgConnection& db) : db_(db) {
    const storage::PgResult indexes = db.exec(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid IN ('log_entries'::regclass, 'audit_trail'::regclass) AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1");
    for (int i = 0; i < indexes.rows(); ++i) {
      db.exec("DROP INDEX " + indexes.text(i, 0));
      indexes_.push_back(indexes.text(i, 1));
    }
    const storage::PgResult keys = db.exec(
        "SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = "
        "'log_entries'::regclass "
        "AND contype = 'f' ORDER BY conname");
    for (int i = 0; i < keys.rows(); ++i) {
      db.exec("ALTER TABLE log_entries DROP CONSTRAINT " + keys.text(i, 0));
      keys_.push_back("ALTER TABLE log_entries ADD CONSTRAINT " + keys.text(i, 0) + " " + keys.text(i, 1));
    }
    const storage::PgResult login = db.exec(
        "SELECT 1 FROM pg_trigger WHERE tgrelid = 'audit_trail'::regclass AND tgname = 'audit_trail_login' "
        "AND tgenabled = 'O'");
    if (login.rows() == 1) {
      db.exec("ALTER TABLE audit_trail DISABLE TRIGGER audit_trail_login");
      login_trigger_ = true;
    }
    // The server's audit triggers (schema 11): the file's audit rows come with its records. Disabled rather
    // than told to stand aside: a statement trigger with its table of new rows would keep every copied row
    // once more (the demo's move took 50 s instead of 10).
    for (const std::string& table : storage::pg_audited_tables()) {
      db.exec("ALTER TABLE " + table + " DISABLE TRIGGER " + table + "_audit");
      audit_triggers_.push_back(table);
    }
  }
  void put_back() {
    for (const std::string& index : indexes_) db_.exec(index);
    for (const std::string& key : keys_) db_.exec(key);  // each checks every row in one pass
    if (login_trigger_) db_.exec("ALTER TABLE audit_trail ENABLE TRIGGER audit_trail_login");
    for (const std::string& table : audit_triggers_)
      db_.exec("ALTER TABLE " + table + " ENABLE TRIGGER " + table + "_audit");
  }

 private:
  PgConnection& db_;
  std::vector<std::string> indexes_, keys_;
  bool login_trigger_ = false;
  std::vector<std::string> audit_triggers_;
};

}  // namespace

Result<std::string> storage::pg_server_import_sqlite(const std::string& server, const std::string& file,
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
    PgConnection db(pg_with_connect_timeout(server, kConnectTimeoutSeconds));
    storage::pg_migrate(db);
    storage::PgTransaction tx(db);
    db.exec("SELECT pg_advisory_xact_lock(1634497389)");
    if (db.exec("SELECT 1 FROM patients LIMIT 1").rows() > 0 ||
        db.exec("SELECT 1 FROM audit_trail LIMIT 1").rows() > 0)
      return fail(server_name(server) +
                  " holds records already: import-sqlite moves a single-machine database into a new server");
    std::string out;
    SetAside set_aside(db);
    for (const Table& t : kTables) {
      const std::int64_t in_file = sqlite_count(source, t.name);
      copy_table(source, db, t);
      const std::int64_t on_server = db.exec(std::string("SELECT count(*) FROM ") + t.name).integer(0, 0);
      if (on_server != in_file)
        return fail(std::string(t.words) + ": " + std::to_string(in_file) + " in the file but " +
                    std::to_string(on_server) + " on the server; nothing was imported");
      out += std::string(t.words) + ": " + std::to_string(on_server) + "\n";
    }
    set_aside.put_back();
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
    out += "checked: every count equals the file's; " + file + " was left as it was\n";
    db.exec("SELECT alsmeds_seal(true)");  // the moved-in audit rows into the server's hash chain
    out += "audit chain: every audit row sealed\n";
    // The planner's statistics of the tables just filled, at once rather than when autovacuum comes by (the
    // whole clinic's report read the other records by a plan made for a table of unknown size). The records
    // are in whatever happens here.
    try {
      for (const Table& t : kTables) db.exec(std::string("ANALYZE ") + t.name);
      out += "statistics: gathered for the server's planner\n";
    } catch (const PgError& e) {
      out += std::string("statistics: not gathered (") + e.what() + "); autovacuum gathers them later\n";
    }
    return out;
  } catch (const PgError& e) {
    return fail(server_name(server) + ": " + e.what() + "; nothing was imported");
  } catch (const storage::StorageError& e) {
    return fail(file + ": " + e.what() + "; nothing was imported");
  }
}

}  // namespace alsmeds
