// Imports into a SQLite file: patients and log records in one transaction each, all or nothing, audited
// under each patient with the file's name.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "row_mapping.hpp"
#include "sqlite_record_store.hpp"
#include "write_checks.hpp"

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

// One patient's records of an import: runs of consecutive ids (a batch's rows go in by patient and time,
// so one run per batch that names the patient).
struct ImportedRecords {
  std::vector<std::pair<RecordId, RecordId>> runs;  // first and last id
  std::size_t count = 0;
  LogKind kind{};
  bool mixed = false;  // records of several kinds
};

// "2 dose records, ids 4 to 5"; "5 dose records, ids 4 to 5 and 9 to 11"
std::string describe_records(const ImportedRecords& r) {
  const std::string kind = r.mixed ? "" : std::string(to_string(r.kind)) + " ";
  if (r.count == 1) return "1 " + kind + "record, id " + std::to_string(r.runs.front().first);
  std::string ids;
  for (std::size_t i = 0; i < r.runs.size(); ++i) {
    if (i > 0) ids += i + 1 == r.runs.size() ? " and " : ", ";
    const auto [first, last] = r.runs[i];
    ids += first == last ? std::to_string(first) : std::to_string(first) + " to " + std::to_string(last);
  }
  return std::to_string(r.count) + " " + kind + "records, ids " + ids;
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
      insert.rebind();
      bind_args(insert, patient_args(rows[i], actor.now));
      insert.run();
      const RecordId id = db_->last_insert_id();
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

// An import into the log, batch after batch, in one transaction (LogImport).
class SqliteLogImport final : public LogImport {
 public:
  SqliteLogImport(SqliteRecordStore& store, Connection& db, const Actor& actor, const std::string& source,
                  std::size_t expected_rows, const Progress& progress)
      : store_(store),
        db_(db),
        actor_(actor),
        from_(imported_from(source)),
        expected_(expected_rows),
        progress_(progress),
        fk_off_(db),
        tx_(db) {
    // A large import into a comparatively small log is faster without its indexes: they are made again by
    // one sort each before the commit, inside the same transaction, so a failure or a crash leaves them as
    // they were. Every index of the log (the patient index and schema 8's partial ones), exactly as stored.
    std::int64_t existing = 0;
    {
      Statement last_id(db_, "SELECT coalesce(max(id), 0) FROM log_entries");
      last_id.step();
      existing = last_id.get_int(0);
    }  // finished before the DROP below, which needs the table unlocked
    if (expected_rows >= 50000 && static_cast<std::int64_t>(expected_rows) >= existing) {
      log_indexes_ =
          stored_sql(db_,
                     "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'log_entries' "
                     "AND sql IS NOT NULL ORDER BY name");
      for (const auto& [name, sql] : log_indexes_) db_.exec(("DROP INDEX " + name).c_str());
    }
    // The log's insert triggers, the guard that only a current version is corrected and the rulebook's
    // bounds, cost a trigger program per inserted row: they are set aside for the rows and created again,
    // exactly as stored, before the commit. No imported row corrects anything (ImportRowChecks) and the
    // bounds are checked on every new row by one query per batch. Inside the transaction no other
    // connection ever sees the schema without them, and a failure or a crash rolls the DROP back.
    insert_triggers_ = stored_sql(
        db_, std::string("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
                         "'log_entries' AND (name = '") +
                 kCorrectionGuard + "' OR name GLOB 'rule_log_*') ORDER BY name");
    for (const auto& [name, sql] : insert_triggers_) db_.exec(("DROP TRIGGER " + name).c_str());
    insert_.emplace(db_, bulk(kInsertLog));
  }

  Result<bool> add(const std::vector<LogEntry>& rows, const std::vector<std::size_t>& numbers) override {
    if (auto ok =
            checks_.check(rows, numbers, [&](RecordId id) { return store_.find_patient(id).has_value(); });
        !ok)
      return fail(ok.error());
    // Rows go in (patient, time) order: the indexes grow at their ends (several times faster than file order
    // for files that interleave patients) and each patient's records of the batch have consecutive ids,
    // which the patient's audit row names. Import prints no ids, so nothing else depends on the order.
    // Sorted as compact keys (the rows' own fields, read in place, would be fetched at random for every
    // comparison), the row's index last: the file's order where patient and time are alike.
    std::vector<std::tuple<RecordId, std::int64_t, std::size_t>> keys(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      keys[i] = {rows[i].patient_id, rows[i].at.time_since_epoch().count(), i};
    std::sort(keys.begin(), keys.end());
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = std::get<2>(keys[i]);
    keys = {};
    RecordId first_id = 0, previous_patient = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const LogEntry& row = rows[order[i]];
      RecordId id = 0;
      try {
        id = store_.insert_log(*insert_, row, actor_);
      } catch (const StorageError& e) {
        return fail("row " + std::to_string(numbers.at(order[i])) + ": " + e.what());
      }
      if (i == 0) first_id = id;
      auto [it, added] = records_.try_emplace(row.patient_id);
      ImportedRecords& r = it->second;
      if (added) r.kind = row.kind;
      if (i == 0 || row.patient_id != previous_patient)
        r.runs.emplace_back(id, id);
      else
        r.runs.back().second = id;
      previous_patient = row.patient_id;
      r.count += 1;
      r.mixed = r.mixed || row.kind != r.kind;
      written_ += 1;
      if (progress_ && written_ % 10000 == 0) progress_(written_, std::max(expected_, written_));
    }
    // The bounds the rule triggers hold, on the batch's rows at once.
    if (!rows.empty())
      if (auto broken = first_out_of_bounds(db_, first_id)) {
        const auto i = static_cast<std::size_t>(broken->first - first_id);
        return fail("row " + std::to_string(numbers.at(order.at(i))) + ": " + broken->second +
                    ": a value outside the rulebook's bounds");
      }
    return true;
  }

  Result<std::size_t> commit() override {
    for (const auto& [name, sql] : log_indexes_) db_.exec(sql.c_str());
    for (const auto& [name, sql] : insert_triggers_) db_.exec(sql.c_str());
    // Each patient's imported records audited under the patient in one row, naming the file and the
    // records' ids (the million audit rows of a large file, each chained, cost most of its import).
    {
      Statement audit(db_,
                      "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail, "
                      "previous, os_account) VALUES (?1, ?2, 'import', ?3, ?4, ?5, ?6, '', ?7)");
      for (const auto& [patient_id, r] : records_) {
        audit.reset();
        audit.bind(1, seconds(actor_.now)).bind(2, actor_.name);
        audit.bind(3, r.mixed ? std::string("log") : std::string(to_string(r.kind)));
        audit.bind(4, r.runs.front().first).bind(5, patient_id).bind(6, describe_records(r) + ", " + from_);
        audit.bind(7, store_.os_account_).run();
      }
    }
    std::string kind = "log";
    if (!records_.empty() && std::none_of(records_.begin(), records_.end(), [&](const auto& r) {
          return r.second.mixed || r.second.kind != records_.begin()->second.kind;
        }))
      kind = to_string(records_.begin()->second.kind);
    store_.record_audit(actor_, "import", kind, 0, std::nullopt,
                        std::to_string(written_) + " records " + from_);
    tx_.commit();
    return written_;
  }

 private:
  SqliteRecordStore& store_;
  Connection& db_;
  Actor actor_;
  std::string from_;
  std::size_t expected_ = 0, written_ = 0;
  Progress progress_;
  // Foreign keys off around the transaction (the pragma cannot change inside one): every row's patient
  // exists (ImportRowChecks) and imported rows supersede nothing.
  ForeignKeysOffDuring fk_off_;
  Transaction tx_;
  std::optional<Statement> insert_;  // prepared once the schema is set for the rows
  ImportRowChecks checks_;
  std::vector<std::pair<std::string, std::string>> log_indexes_, insert_triggers_;  // name, SQL
  std::map<RecordId, ImportedRecords> records_;                                     // by patient
};

Result<std::unique_ptr<LogImport>> SqliteRecordStore::begin_log_import(const Actor& actor,
                                                                       const std::string& source,
                                                                       std::size_t expected_rows,
                                                                       const Progress& progress) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  return std::unique_ptr<LogImport>(
      std::make_unique<SqliteLogImport>(*this, *db_, actor, source, expected_rows, progress));
}

}  // namespace alsmeds::storage
