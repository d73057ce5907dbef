// The whole clinic's log as the due list and the supply list read it (RecordStore::clinic_log), through the
// two partial indexes of schema version 8: the index of every record but the riluzole doses, and the index of
// the riluzole doses taken. The million older riluzole doses are read from their index alone, never from the
// table.
#include <algorithm>
#include <thread>
#include <unordered_map>

#include "row_mapping.hpp"
#include "sqlite_record_store.hpp"

namespace alsmeds::storage {
namespace {

std::int64_t seconds_of(Instant at) {
  return at.time_since_epoch().count();
}

// Whole: every record but the riluzole doses (other kinds and edaravone doses), and the riluzole doses at
// `riluzole_doses_from` or later. Corrections and the records they replace are both read. Each patient's by
// id.
void read_whole(Connection& db, Instant riluzole_doses_from,
                std::unordered_map<RecordId, std::vector<LogEntry>>& out) {
  std::unordered_map<RecordId, std::vector<LogEntry>> recent;  // each patient's by id
  Statement doses(db, std::string("SELECT ") + kLogColumns +
                          " FROM log_entries WHERE patient_id IN (SELECT id FROM patients) AND kind = 'dose' "
                          "AND at >= ?1 AND drug = 'riluzole'");
  doses.bind(1, seconds_of(riluzole_doses_from));
  while (doses.step()) {
    LogEntry e = log_entry_of(SqliteRow(doses));
    recent[e.patient_id].push_back(std::move(e));
  }
  for (auto& [patient, entries] : recent)
    std::sort(entries.begin(), entries.end(),
              [](const LogEntry& a, const LogEntry& b) { return a.id < b.id; });
  // The partial index holds (patient_id, id): its rows come by patient and id without a sort, and each
  // patient's recent doses are merged in on the way.
  Statement all(db, std::string("SELECT ") + kLogColumns +
                        " FROM log_entries INDEXED BY log_entries_beside_riluzole_doses "
                        "WHERE kind <> 'dose' OR drug <> 'riluzole' ORDER BY patient_id, id");
  std::vector<LogEntry>* entries = nullptr;
  std::vector<LogEntry>* doses_of = nullptr;
  std::size_t next_dose = 0;
  const auto finish = [&] {  // the patient's recent doses after their last other record
    if (!entries) return;
    if (doses_of)
      for (; next_dose < doses_of->size(); ++next_dose) entries->push_back(std::move((*doses_of)[next_dose]));
  };
  while (all.step()) {
    LogEntry e = log_entry_of(SqliteRow(all));
    if (!entries || entries->back().patient_id != e.patient_id) {
      finish();
      entries = &out[e.patient_id];
      auto found = recent.find(e.patient_id);
      doses_of = found == recent.end() ? nullptr : &found->second;
      next_dose = 0;
    }
    if (doses_of)
      for (; next_dose < doses_of->size() && (*doses_of)[next_dose].id < e.id; ++next_dose)
        entries->push_back(std::move((*doses_of)[next_dose]));
    entries->push_back(std::move(e));
  }
  finish();
  // Patients with recent doses and no other record.
  for (auto& [patient, patient_doses] : recent)
    if (auto& to = out[patient]; to.empty()) to = std::move(patient_doses);
}

// Compact: the current riluzole dose records at `from` or later and before `before`, by patient: the taken
// ones, then the others (missed, refused: a day with a record speaks for itself in supply.cpp), each from its
// own partial index.
void read_older_riluzole(Connection& db, Instant from, Instant before,
                         const std::unordered_set<RecordId>& superseded,
                         std::unordered_map<RecordId, std::vector<DoseRecord>>& out) {
  for (const char* sql :
       {"SELECT id, patient_id, at, status FROM log_entries INDEXED BY log_entries_riluzole_taken "
        "WHERE kind = 'dose' AND drug = 'riluzole' AND status = 'taken' AND at >= ?1 AND at < ?2 "
        "ORDER BY patient_id, at",
        "SELECT id, patient_id, at, status FROM log_entries INDEXED BY log_entries_riluzole_not_taken "
        "WHERE kind = 'dose' AND drug = 'riluzole' AND status <> 'taken' AND at >= ?1 AND at < ?2 "
        "ORDER BY patient_id, at"}) {
    Statement s(db, sql);
    s.bind(1, seconds_of(from)).bind(2, seconds_of(before));
    std::vector<DoseRecord>* doses = nullptr;
    while (s.step()) {
      if (!superseded.empty() && superseded.count(s.get_int(0))) continue;
      DoseRecord d;
      d.patient_id = s.get_int(1);
      d.at = Instant{std::chrono::seconds{s.get_int(2)}};
      d.drug = Drug::riluzole;
      const std::string_view status = s.get_text_view(3);
      d.status = status == "taken"    ? DoseStatus::taken
                 : status == "missed" ? DoseStatus::missed
                                      : DoseStatus::refused;
      if (!doses || doses->back().patient_id != d.patient_id) doses = &out[d.patient_id];
      doses->push_back(d);
    }
  }
}

}  // namespace

ClinicLog SqliteRecordStore::clinic_log(Instant riluzole_doses_from,
                                        std::optional<Instant> older_taken_from) {
  ClinicLog clinic;
  if (!older_taken_from) {
    read_whole(*db_, riluzole_doses_from, clinic.entries);
    return clinic;
  }
  const std::unordered_set<RecordId> superseded = superseded_ids();
  // The older doses on their own read-only connection (WAL lets it read beside this one); a database in
  // memory has no second connection and is read on this one.
  const std::string path = sqlite3_db_filename(db_->handle(), "main");
  if (path.empty()) {
    read_older_riluzole(*db_, *older_taken_from, riluzole_doses_from, superseded,
                        clinic.older_riluzole_doses);
    read_whole(*db_, riluzole_doses_from, clinic.entries);
    return clinic;
  }
  std::string failure;
  std::thread second([&] {
    try {
      Connection db(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
      read_older_riluzole(db, *older_taken_from, riluzole_doses_from, superseded,
                          clinic.older_riluzole_doses);
    } catch (const std::exception& e) {
      failure = e.what();
    }
  });
  try {
    read_whole(*db_, riluzole_doses_from, clinic.entries);
  } catch (...) {
    second.join();
    throw;
  }
  second.join();
  if (!failure.empty()) throw std::runtime_error(failure);
  return clinic;
}

}  // namespace alsmeds::storage
