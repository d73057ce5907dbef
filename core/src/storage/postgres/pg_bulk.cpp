// The clinic server's cohort reads (one pass over the log for reports) and all-or-nothing imports.
#include <algorithm>
#include <exception>
#include <functional>
#include <set>
#include <thread>
#include <unordered_set>

#include "../write_checks.hpp"
#include "alsmeds/text.hpp"
#include "pg_record_store.hpp"
#include "pg_rows.hpp"

namespace alsmeds::storage {
namespace {

// "INSERT INTO table (columns) VALUES ($1, ..., $n), ($n+1, ...) ... RETURNING id" for `rows` rows.
std::string multi_insert(const char* table, const char* columns, int per_row, std::size_t rows) {
  std::string sql = std::string("INSERT INTO ") + table + " (" + columns + ") VALUES ";
  int n = 1;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (int c = 0; c < per_row; ++c) sql += (c ? ", $" : "$") + std::to_string(n++);
    sql += ")";
  }
  return sql + " RETURNING id";
}

constexpr std::size_t kBatch = 1000;

// Inserts rows [first, first + count) in one statement; when the server refuses it, finds the row it refuses
// (one by one, inside a savepoint) and names it ("row N" counts the file's header as line 1).
template <typename ParamsOf>
Result<std::vector<RecordId>> insert_batch(PgConnection& db, const char* table, const char* columns,
                                           int per_row, std::size_t first, std::size_t count,
                                           const std::vector<std::size_t>& line_of, ParamsOf params_of) {
  std::vector<PgParam> params;
  params.reserve(count * static_cast<std::size_t>(per_row));
  for (std::size_t i = first; i < first + count; ++i) {
    std::vector<PgParam> row = params_of(i);
    params.insert(params.end(), row.begin(), row.end());
  }
  db.exec("SAVEPOINT batch");
  try {
    const PgResult r = db.exec(multi_insert(table, columns, per_row, count), params);
    std::vector<RecordId> ids;
    for (int i = 0; i < r.rows(); ++i) ids.push_back(r.integer(i, 0));
    return ids;
  } catch (const PgError& e) {
    if (e.connection_lost()) throw;
    db.exec("ROLLBACK TO SAVEPOINT batch");
    for (std::size_t i = first; i < first + count; ++i) {
      try {
        db.exec(multi_insert(table, columns, per_row, 1), params_of(i));
      } catch (const PgError& row_error) {
        if (row_error.connection_lost()) throw;
        return fail("row " + std::to_string(line_of[i]) + ": " + row_error.what());
      }
    }
    return fail(std::string("the server refused the import: ") + e.what());
  }
}

}  // namespace

namespace {

// Dose records with their ids (the halves are put back in the order of the ids).
struct NumberedDoses {
  std::vector<RecordId> ids;
  std::vector<DoseRecord> doses;
  void add(RecordId id, const DoseRecord& d) {
    ids.push_back(id);
    doses.push_back(d);
  }
  void reserve(std::size_t n) {
    ids.reserve(n);
    doses.reserve(n);
  }
};

// The dose records on the pages from `first_page` to before `end_page` (none: to the end of the table): the
// period's and edaravone doses missed or refused at any time (they shape the cycles) into `doses`, the others
// before `from` (from `taken_from` on) into `earlier`, reading only the columns the measures use.
// Superseded records are left out (`superseded`, read in the same snapshot). In the table's order, which is
// not always the ids' (an insert may fill space left on an earlier page).
void read_doses(PgConnection& db, Instant from, Instant to, std::optional<Instant> taken_from,
                std::int64_t first_page, std::optional<std::int64_t> end_page,
                const std::unordered_set<RecordId>& superseded, NumberedDoses& doses,
                NumberedDoses& earlier) {
  // COPY takes no parameters: the numbers are written into the statement.
  const auto n = [](std::int64_t v) { return std::to_string(v); };
  const std::string pages = "l.ctid >= '(" + n(first_page) + ",0)'::tid" +
                            (end_page ? " AND l.ctid < '(" + n(*end_page) + ",0)'::tid" : std::string());
  const std::string earlier_doses =
      taken_from ? " OR (l.at >= " + n(seconds(*taken_from)) + " AND l.at < " + n(seconds(from)) + ")"
                 : std::string();
  db.copy_rows("SELECT l.id, l.patient_id, l.at, l.drug, l.status, l.planned_key FROM log_entries l WHERE " +
                   pages + " AND l.kind = 'dose' AND l.status IS NOT NULL AND ((l.at >= " + n(seconds(from)) +
                   " AND l.at <= " + n(seconds(to)) + ") OR " + plan_shaping_doses_sql("l.") + earlier_doses +
                   ")",
               [&](const PgCopyRow& r) {
                 const RecordId id = r.integer(0);
                 if (!superseded.empty() && superseded.count(id)) return;
                 const DoseRecord d = dose_record_of(r);
                 if (d.at < from && !shapes_plan_at_any_time(d.drug, d.status)) {  // for supply
                   earlier.add(id, d);
                   return;
                 }
                 doses.add(id, d);
               });
}

// Every current record but doses, patient by patient as SQLite's index gives them (kind, then time).
std::vector<LogEntry> read_other_records(PgConnection& db, const std::unordered_set<RecordId>& superseded) {
  std::vector<LogEntry> out;
  db.copy_rows(std::string("SELECT ") + kLogColumns +
                   " FROM log_entries WHERE kind <> 'dose' ORDER BY patient_id, kind COLLATE \"C\", at, id",
               [&](const PgCopyRow& r) {
                 if (superseded.empty() || !superseded.count(r.integer(0))) out.push_back(log_entry_of(r));
               });
  return out;
}

// The two halves' records joined in the order of their ids.
std::vector<DoseRecord> by_id(NumberedDoses& first, NumberedDoses& second) {
  first.ids.insert(first.ids.end(), second.ids.begin(), second.ids.end());
  first.doses.insert(first.doses.end(), second.doses.begin(), second.doses.end());
  if (std::is_sorted(first.ids.begin(), first.ids.end())) return std::move(first.doses);
  std::vector<std::size_t> order(first.ids.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return first.ids[a] < first.ids[b]; });
  std::vector<DoseRecord> out;
  out.reserve(order.size());
  for (std::size_t i : order) out.push_back(first.doses[i]);
  return out;
}

// A read on a connection of its own, on a thread of its own, in the snapshot `id` (exported by a
// transaction still open). Joined when it goes out of scope; finish() hands over its failure, if any.
class SnapshotRead {
 public:
  SnapshotRead(const std::string& conninfo, const std::string& id, std::function<void(PgConnection&)> read)
      : thread_([this, conninfo, id, read = std::move(read)] {
          try {
            PgConnection db(conninfo);
            PgTransaction tx(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            db.exec("SET TRANSACTION SNAPSHOT '" + id + "'");
            db.exec("SET LOCAL jit = off");
            read(db);
          } catch (...) {
            failure_ = std::current_exception();
          }
        }) {}
  ~SnapshotRead() {
    if (thread_.joinable()) thread_.join();
  }
  SnapshotRead(const SnapshotRead&) = delete;
  SnapshotRead& operator=(const SnapshotRead&) = delete;
  void finish() {
    thread_.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  std::exception_ptr failure_;
  std::thread thread_;  // last: started once the members it uses are
};

}  // namespace

CohortLog PgRecordStore::cohort_log(Instant from, Instant to, std::optional<Instant> taken_from) {
  // Reports over a cohort spend most of their time here. Three connections read at once (the server works
  // on each), in one snapshot exported by this one so that they read the same moment of the log: the dose
  // records in two halves of the table's pages, and the other records. The rows come as binary COPY,
  // decoded as they arrive (PgConnection::copy_rows).
  if (!db_->alive()) db_->reconnect();
  PgTransaction snapshot(*db_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  db_->exec("SET LOCAL jit = off");  // a plan compiled for each read costs more than it saves them
  const std::string id = db_->exec("SELECT pg_export_snapshot()").text(0, 0);
  std::unordered_set<RecordId> superseded;
  const PgResult corrected = db_->exec("SELECT supersedes FROM log_entries WHERE supersedes IS NOT NULL");
  for (int i = 0; i < corrected.rows(); ++i) superseded.insert(corrected.integer(i, 0));
  // Where the second half of the pages begins (any page would do: the halves cover the whole table), and the
  // server's estimate of the rows, to make room for them at once.
  const PgResult size = db_->exec(
      "SELECT pg_relation_size('log_entries') / current_setting('block_size')::bigint / 2, "
      "greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'log_entries'::regclass");
  const std::int64_t half = size.integer(0, 0);
  const auto half_rows = static_cast<std::size_t>(size.integer(0, 1) / 2);
  NumberedDoses doses, earlier, second_doses, second_earlier;
  for (NumberedDoses* d : {&doses, &second_doses}) d->reserve(half_rows);
  if (taken_from)
    for (NumberedDoses* d : {&earlier, &second_earlier}) d->reserve(half_rows);
  CohortLog out;
  SnapshotRead second(db_->conninfo(), id, [&](PgConnection& db) {
    read_doses(db, from, to, taken_from, half, std::nullopt, superseded, second_doses, second_earlier);
  });
  SnapshotRead others(db_->conninfo(), id,
                      [&](PgConnection& db) { out.other = read_other_records(db, superseded); });
  read_doses(*db_, from, to, taken_from, 0, half, superseded, doses, earlier);
  second.finish();
  others.finish();
  snapshot.commit();
  out.doses = by_id(doses, second_doses);
  out.earlier_doses = by_id(earlier, second_earlier);
  return out;
}

std::vector<DispensingRecord> PgRecordStore::dispensings() {
  std::vector<DispensingRecord> out;
  const PgResult r = read(
      "SELECT l.patient_id, l.drug, l.day, l.days_supply FROM log_entries l WHERE l.kind = 'dispensing' "
      "AND NOT EXISTS (SELECT 1 FROM log_entries c WHERE c.supersedes = l.id) "
      "ORDER BY l.patient_id, l.drug, l.day, l.id");
  for (int i = 0; i < r.rows(); ++i) {
    DispensingRecord d;
    d.patient_id = r.integer(i, 0);
    d.drug = stored_drug(r.text(i, 1));
    d.day = Day{date::days{r.integer(i, 2)}};
    d.days_supply = static_cast<int>(r.integer(i, 3));
    out.push_back(d);
  }
  return out;
}

Result<std::size_t> PgRecordStore::import_patients(const std::vector<NewPatient>& rows, const Actor& actor,
                                                   const Progress& progress, const std::string& source) {
  if (read_only_) return fail("this command opened the clinic server read-only");
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  std::vector<std::size_t> line_of(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    line_of[i] = i + 2;  // line 1 is the header
    if (auto ok = check_text(rows[i]); !ok) return fail("row " + std::to_string(i + 2) + ": " + ok.error());
  }
  const std::string from = imported_from(source);
  PgTransaction tx(*db_);
  audit_as(actor, from);  // the server audits each row under its patient, naming the file
  std::vector<RecordId> ids;
  for (std::size_t first = 0; first < rows.size(); first += kBatch) {
    const std::size_t count = std::min(kBatch, rows.size() - first);
    auto batch = insert_batch(*db_, "patients", kPatientInsertColumns, kPatientInsertParams, first, count,
                              line_of, [&](std::size_t i) { return pg(patient_args(rows[i], actor.now)); });
    if (!batch) return fail(batch.error());
    ids.insert(ids.end(), batch->begin(), batch->end());
    if (progress && ids.size() % 10000 == 0) progress(ids.size(), rows.size());
  }
  tx.commit();
  seal_audit_rows();
  return rows.size();
}

// An import into the log, batch after batch, in one transaction (LogImport). The server's triggers audit
// each row under its patient, naming the file (audit_as).
class PgLogImport final : public LogImport {
 public:
  PgLogImport(PgRecordStore& store, PgConnection& db, const Actor& actor, const std::string& source,
              std::size_t expected_rows, const Progress& progress)
      : store_(store), db_(db), actor_(actor), expected_(expected_rows), progress_(progress), tx_(db) {
    store_.audit_as(actor, imported_from(source));
  }

  Result<bool> add(const std::vector<LogEntry>& rows, const std::vector<std::size_t>& numbers) override {
    if (auto ok =
            checks_.check(rows, numbers, [&](RecordId id) { return store_.find_patient(id).has_value(); });
        !ok)
      return fail(ok.error());
    for (std::size_t first = 0; first < rows.size(); first += kBatch) {
      const std::size_t count = std::min(kBatch, rows.size() - first);
      auto batch = insert_batch(db_, "log_entries", kLogInsertColumns, kLogInsertParams, first, count,
                                numbers, [&](std::size_t i) { return pg(log_args(rows[i], actor_)); });
      if (!batch) return fail(batch.error());
      written_ += batch->size();
      if (progress_ && (first / kBatch) % 10 == 9) progress_(written_, std::max(expected_, written_));
    }
    return true;
  }

  Result<std::size_t> commit() override {
    tx_.commit();
    store_.seal_audit_rows();
    return written_;
  }

 private:
  PgRecordStore& store_;
  PgConnection& db_;
  Actor actor_;
  std::size_t expected_ = 0, written_ = 0;
  Progress progress_;
  PgTransaction tx_;
  ImportRowChecks checks_;
};

Result<std::unique_ptr<LogImport>> PgRecordStore::begin_log_import(const Actor& actor,
                                                                   const std::string& source,
                                                                   std::size_t expected_rows,
                                                                   const Progress& progress) {
  if (read_only_) return fail("this command opened the clinic server read-only");
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  return std::unique_ptr<LogImport>(
      std::make_unique<PgLogImport>(*this, *db_, actor, source, expected_rows, progress));
}

}  // namespace alsmeds::storage
