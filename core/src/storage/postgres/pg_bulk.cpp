// The clinic server's cohort reads (one pass over the log for reports) and all-or-nothing imports.
#include <set>
#include <thread>

#include "alsmeds/text.hpp"
#include "pg_record_store.hpp"
#include "pg_rows.hpp"

namespace alsmeds::storage {
namespace {

std::int64_t seconds(Instant t) {
  return t.time_since_epoch().count();
}

std::string imported_from(const std::string& source) {
  if (source.empty()) return "imported";
  return "imported from " + quote_short(escape_for_terminal(source), 200);
}

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

std::string id_array(const std::vector<RecordId>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "}";
}

constexpr std::size_t kBatch = 1000;
constexpr const char* kPatientInsertColumns =
    "mrn, name, tz, born, sulfite_allergy, asthma, dysphagia, feeding_tube, baseline_weight_kg, created_at";

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

// The period's dose records with ids in [first, last] (and edaravone doses missed or refused at any time:
// they shape the cycles), current versions only, reading only the columns the measures use.
std::vector<DoseRecord> read_doses(PgConnection& db, Instant from, Instant to, RecordId first, RecordId last,
                                   std::optional<Instant> taken_from, std::vector<DoseRecord>& earlier) {
  const PgResult r = db.exec(
      "SELECT l.patient_id, l.at, l.drug, l.status, l.planned_key FROM log_entries l "
      "WHERE l.id BETWEEN $3 AND $4 AND l.kind = 'dose' AND l.status IS NOT NULL "
      "AND ((l.at >= $1 AND l.at <= $2) OR (l.drug = 'edaravone' AND l.status <> 'taken') "
      "OR ($5::bigint IS NOT NULL AND l.at >= $5 AND l.at < $1 AND l.status = 'taken')) "
      "AND NOT EXISTS (SELECT 1 FROM log_entries c WHERE c.supersedes = l.id) ORDER BY l.id",
      {pg(seconds(from)), pg(seconds(to)), pg(first), pg(last),
       pg(taken_from ? std::optional<std::int64_t>(seconds(*taken_from)) : std::nullopt)});
  std::vector<DoseRecord> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    DoseRecord d;
    d.patient_id = r.integer(i, 0);
    d.at = Instant{std::chrono::seconds{r.integer(i, 1)}};
    d.drug = r.text(i, 2) == "edaravone" ? Drug::edaravone : Drug::riluzole;
    const std::string status = r.text(i, 3);
    d.status = status == "taken"    ? DoseStatus::taken
               : status == "missed" ? DoseStatus::missed
                                    : DoseStatus::refused;
    if (d.status == DoseStatus::taken && d.at < from) {  // for supply: its planned key is not read
      earlier.push_back(d);
      continue;
    }
    d.planned = parse_planned_key(r.text(i, 4));
    out.push_back(d);
  }
  return out;
}

}  // namespace

CohortLog PgRecordStore::cohort_log(Instant from, Instant to, std::optional<Instant> taken_from) {
  // Reports over a cohort spend most of their time here: the dose records are read in halves by id on two
  // connections at once (the server works on both), in one snapshot exported by this connection so that
  // both halves and the other records are the same moment of the log.
  if (!db_->alive()) db_->reconnect();
  PgTransaction snapshot(*db_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const std::string id = db_->exec("SELECT pg_export_snapshot()").text(0, 0);
  const RecordId last = db_->exec("SELECT coalesce(max(id), 0) FROM log_entries").integer(0, 0);
  const RecordId half = last / 2;
  CohortLog out;
  std::vector<DoseRecord> second_half, second_earlier;
  std::string failure;
  std::thread helper([&] {
    try {
      PgConnection other(db_->conninfo());
      PgTransaction tx(other, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      other.exec("SET TRANSACTION SNAPSHOT '" + id + "'");
      second_half = read_doses(other, from, to, half + 1, last, taken_from, second_earlier);
    } catch (const std::exception& e) {
      failure = e.what();
    }
  });
  try {
    out.doses = read_doses(*db_, from, to, 1, half, taken_from, out.earlier_taken);
    // Every other record, patient by patient as SQLite's index gives them (kind, then time).
    const PgResult others = db_->exec(std::string("SELECT ") + kLogColumns +
                                      " FROM log_entries l WHERE l.kind <> 'dose' AND NOT EXISTS "
                                      "(SELECT 1 FROM log_entries c WHERE c.supersedes = l.id) "
                                      "ORDER BY l.patient_id, l.kind, l.at, l.id");
    for (int i = 0; i < others.rows(); ++i) out.other.push_back(read_log_entry(others, i));
  } catch (...) {
    helper.join();
    throw;
  }
  helper.join();
  if (!failure.empty()) throw PgError(failure, "", "", false);
  snapshot.commit();
  out.doses.insert(out.doses.end(), second_half.begin(), second_half.end());
  out.earlier_taken.insert(out.earlier_taken.end(), second_earlier.begin(), second_earlier.end());
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
    d.drug = r.text(i, 1) == "edaravone" ? Drug::edaravone : Drug::riluzole;
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
  std::vector<RecordId> ids;
  for (std::size_t first = 0; first < rows.size(); first += kBatch) {
    const std::size_t count = std::min(kBatch, rows.size() - first);
    auto batch = insert_batch(*db_, "patients", kPatientInsertColumns, 10, first, count, line_of,
                              [&](std::size_t i) { return patient_params(rows[i], seconds(actor.now)); });
    if (!batch) return fail(batch.error());
    ids.insert(ids.end(), batch->begin(), batch->end());
    if (progress && ids.size() % 10000 == 0) progress(ids.size(), rows.size());
  }
  for (std::size_t i = 0; i < ids.size(); ++i)
    record_audit(actor, "import", "patient", ids[i], ids[i], describe(rows[i]) + " " + from);
  record_audit(actor, "import", "patient", 0, std::nullopt,
               std::to_string(rows.size()) + " patients " + from);
  tx.commit();
  return rows.size();
}

Result<std::size_t> PgRecordStore::import_log(const std::vector<LogEntry>& rows, const Actor& actor,
                                              const Progress& progress, const std::string& source) {
  if (read_only_) return fail("this command opened the clinic server read-only");
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  std::set<RecordId> known;
  std::vector<std::size_t> line_of(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    line_of[i] = i + 2;
    if (auto ok = check_text(rows[i]); !ok) return fail("row " + std::to_string(i + 2) + ": " + ok.error());
    if (rows[i].supersedes)
      return fail("row " + std::to_string(i + 2) + ": an import adds records; corrections go one by one");
    if (known.count(rows[i].patient_id)) continue;
    if (!find_patient(rows[i].patient_id))
      return fail("row " + std::to_string(i + 2) + ": patient " + std::to_string(rows[i].patient_id) +
                  " does not exist");
    known.insert(rows[i].patient_id);
  }
  const std::string from = imported_from(source);
  PgTransaction tx(*db_);
  std::vector<RecordId> ids;
  ids.reserve(rows.size());
  for (std::size_t first = 0; first < rows.size(); first += kBatch) {
    const std::size_t count = std::min(kBatch, rows.size() - first);
    auto batch = insert_batch(*db_, "log_entries", kLogInsertColumns, kLogInsertParams, first, count, line_of,
                              [&](std::size_t i) { return log_params(rows[i], actor); });
    if (!batch) return fail(batch.error());
    ids.insert(ids.end(), batch->begin(), batch->end());
    if (progress && (first / kBatch) % 10 == 9) progress(ids.size(), rows.size());
  }
  // Each imported record audited under its patient, naming the file: one statement for all of them.
  db_->exec(
      "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail, previous, "
      "os_account) SELECT $1, $2, 'import', kind, id, patient_id, $3, '', $4 FROM log_entries "
      "WHERE id = ANY($5::bigint[]) ORDER BY patient_id, id",
      {pg(seconds(actor.now)), actor.name, from, os_account_, id_array(ids)});
  record_audit(actor, "import", rows.empty() ? "log" : std::string(to_string(rows.front().kind)), 0,
               std::nullopt, std::to_string(rows.size()) + " records " + from);
  tx.commit();
  if (progress) progress(rows.size(), rows.size());
  return rows.size();
}

}  // namespace alsmeds::storage
