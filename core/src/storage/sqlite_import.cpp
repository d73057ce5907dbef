// Imports into a SQLite file: patients and log records in one transaction each, all or nothing, audited
// under each patient with the file's name.
#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "alsmeds/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "row_mapping.hpp"
#include "sqlite_record_store.hpp"

namespace alsmeds::storage {
namespace {

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

// The name and SQL of the schema objects a query of sqlite_master lists.
std::vector<std::pair<std::string, std::string>> stored_sql(Connection& db, const std::string& query) {
  std::vector<std::pair<std::string, std::string>> out;
  Statement s(db, query);
  while (s.step()) out.emplace_back(s.get_text(0), s.get_text(1));
  return out;
}

// The first log record from `first_id` on that a rule trigger of the log would have refused, and the rule's
// name: the rulebook's conditions (stored_checks) on the table's rows, one scan of the new rows.
std::optional<std::pair<RecordId, std::string>> first_out_of_bounds(Connection& db, RecordId first_id) {
  std::string which, any;
  for (const rules::StoredCheck& c :
       rules::stored_checks(rules::SqlDialect::sqlite, rules::CheckedRow::table_rows)) {
    if (c.table != "log_entries") continue;
    which += " WHEN NOT (" + c.condition + ") THEN '" + c.name + "'";
    any += std::string(any.empty() ? "" : " OR ") + "NOT (" + c.condition + ")";
  }
  if (any.empty()) return std::nullopt;
  Statement s(db, "SELECT id, CASE" + which + " END FROM log_entries WHERE id >= ?1 AND (" + any +
                      ") ORDER BY id LIMIT 1");
  s.bind(1, first_id);
  if (!s.step()) return std::nullopt;
  return std::pair<RecordId, std::string>{s.get_int(0), s.get_text(1)};
}

// One patient's records of an import: consecutive ids (the rows go in by patient).
struct ImportedRun {
  RecordId patient_id = 0;
  RecordId first = 0, last = 0;
  std::size_t count = 0;
  LogKind kind{};
  bool mixed = false;  // records of several kinds
};

// "2 dose records, ids 4 to 5"
std::string describe_run(const ImportedRun& run) {
  std::string kind = run.mixed ? "" : std::string(to_string(run.kind)) + " ";
  if (run.count == 1) return "1 " + kind + "record, id " + std::to_string(run.first);
  return std::to_string(run.count) + " " + kind + "records, ids " + std::to_string(run.first) + " to " +
         std::to_string(run.last);
}

}  // namespace

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
  const auto log_indexes =
      stored_sql(*db_,
                 "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'log_entries' "
                 "AND sql IS NOT NULL ORDER BY name");
  if (rebuild_index)
    for (const auto& [name, sql] : log_indexes) db_->exec(("DROP INDEX " + name).c_str());
  // The log's insert triggers, the guard that only a current version is corrected and the rulebook's
  // bounds, cost a trigger program per inserted row: they are set aside for the rows and created again,
  // exactly as stored, before the commit. No imported row corrects anything (checked above) and the bounds
  // are checked on every new row by one query below. Inside the transaction no other connection ever sees
  // the schema without them, and a failure or a crash rolls the DROP back with the rest.
  const auto insert_triggers = stored_sql(
      *db_, std::string("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
                        "'log_entries' AND (name = '") +
                kCorrectionGuard + "' OR name GLOB 'rule_log_*') ORDER BY name");
  for (const auto& [name, sql] : insert_triggers) db_->exec(("DROP TRIGGER " + name).c_str());
  // Rows go in (patient, time) order: the index grows at its ends (several times faster than file order for
  // files that interleave patients) and each patient's new records have consecutive ids, which their one
  // audit row names. Import prints no ids, so nothing else depends on the order.
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(rows[a].patient_id, rows[a].at) < std::tie(rows[b].patient_id, rows[b].at);
  });
  std::vector<ImportedRun> runs;  // one per patient
  Statement insert(*db_, bulk(kInsertLog));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const LogEntry& row = rows[order[i]];
    RecordId id = 0;
    try {
      id = insert_log(insert, row, actor);
    } catch (const StorageError& e) {
      return fail("row " + std::to_string(order[i] + 2) + ": " + e.what());
    }
    if (runs.empty() || runs.back().patient_id != row.patient_id)
      runs.push_back({row.patient_id, id, id, 0, row.kind, false});
    ImportedRun& run = runs.back();
    run.last = id;
    run.count += 1;
    run.mixed = run.mixed || row.kind != run.kind;
    if (progress && (i + 1) % 10000 == 0) progress(i + 1, rows.size());
  }
  // The bounds the rule triggers hold, on every new row at once.
  if (!runs.empty())
    if (auto broken = first_out_of_bounds(*db_, runs.front().first)) {
      const auto i = static_cast<std::size_t>(broken->first - runs.front().first);
      return fail("row " + std::to_string(order.at(i) + 2) + ": " + broken->second +
                  ": a value outside the rulebook's bounds");
    }
  if (rebuild_index)
    for (const auto& [name, sql] : log_indexes) db_->exec(sql.c_str());
  for (const auto& [name, sql] : insert_triggers) db_->exec(sql.c_str());
  // Each patient's imported records audited under the patient, naming the file and the records' ids (one
  // row per patient: the million audit rows of a large file, each chained, cost most of its import).
  const std::string from = imported_from(source);
  {
    Statement audit(*db_,
                    "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail, "
                    "previous, os_account) VALUES (?1, ?2, 'import', ?3, ?4, ?5, ?6, '', ?7)");
    for (const ImportedRun& run : runs) {
      audit.reset();
      audit.bind(1, seconds(actor.now)).bind(2, actor.name);
      audit.bind(3, run.mixed ? std::string("log") : std::string(to_string(run.kind)));
      audit.bind(4, run.first).bind(5, run.patient_id).bind(6, describe_run(run) + ", " + from);
      audit.bind(7, os_account_).run();
    }
  }
  record_audit(actor, "import", rows.empty() ? "log" : std::string(to_string(rows.front().kind)), 0,
               std::nullopt, std::to_string(rows.size()) + " records " + from);
  tx.commit();
  if (progress) progress(rows.size(), rows.size());
  return rows.size();
}

}  // namespace alsmeds::storage
