// The single-machine store's cohort reads (RecordStore::cohort_log, dispensings, superseded_ids): the whole
// clinic's dose records of a period compact, and every other record, for the cohort reports.
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "row_mapping.hpp"
#include "sqlite_record_store.hpp"

namespace alsmeds::storage {

std::unordered_set<RecordId> SqliteRecordStore::superseded_ids() {
  std::unordered_set<RecordId> out;
  Statement s(*db_, "SELECT supersedes FROM log_entries WHERE supersedes IS NOT NULL");
  while (s.step()) out.insert(s.get_int(0));
  return out;
}

namespace {

// The dose records with ids in [first, last] and `at` in [from, to] (any time for doses that shape the plan:
// edaravone's missed or refused, every tofersen dose; shapes_plan_at_any_time), reading only the columns the
// measures use.
std::vector<DoseRecord> read_doses(Connection& db, const std::unordered_set<RecordId>& superseded,
                                   RecordId first, RecordId last, Instant from, Instant to,
                                   std::optional<Instant> taken_from, std::vector<DoseRecord>& earlier) {
  std::vector<DoseRecord> out;
  Statement doses(
      db,
      "SELECT id, patient_id, at, drug, status, planned_key FROM log_entries WHERE id >= ?3 AND id <= ?4 "
      "AND kind = 'dose' AND status IS NOT NULL "
      "AND ((at >= ?1 AND at <= ?2) OR " +
          plan_shaping_doses_sql("") + " OR (?5 IS NOT NULL AND at >= ?5 AND at < ?1))");
  doses.bind(1, seconds(from)).bind(2, seconds(to)).bind(3, first).bind(4, last);
  if (taken_from) doses.bind(5, seconds(*taken_from));
  out.reserve(static_cast<std::size_t>(last - first + 1));
  while (doses.step()) {
    if (!superseded.empty() && superseded.count(doses.get_int(0))) continue;
    const DoseRecord d = dose_record_of(SqliteRow(doses));
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
      if (superseded.empty() || !superseded.count(others.get_int(0)))
        out.push_back(log_entry_of(SqliteRow(others)));
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

}  // namespace alsmeds::storage
