#pragma once
#include <memory>
#include <unordered_set>

#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "row_mapping.hpp"
#include "sql_record_store.hpp"
#include "sqlite_db.hpp"

namespace alsmeds::storage {

/// Copies the database to `to` (which must not exist) under a temporary name in its folder, checks the copy,
/// syncs it and only then gives it its name: a failure leaves nothing behind.
Result<std::string> write_verified_copy(Connection& from, const std::string& to);
/// fsync of the folder that holds `path` (a rename or link in it is then durable).
void sync_folder_of(const std::string& path);

class SqliteRecordStore final : public SqlRecordStore {
 public:
  explicit SqliteRecordStore(std::unique_ptr<Connection> db);

  std::vector<LogEntry> log_entries_beside_riluzole(RecordId patient_id,
                                                    Instant riluzole_doses_from) override;
  ClinicLog clinic_log(Instant riluzole_doses_from, std::optional<Instant> older_taken_from) override;
  std::vector<DispensingRecord> dispensings() override;
  CohortLog cohort_log(Instant from, Instant to, std::optional<Instant> taken_from) override;
  using RecordStore::cohort_log;

  Result<RecordId> book_infusion(const InfusionBooking& booking, const Actor& actor,
                                 std::optional<RecordId> seen = std::nullopt) override;
  Result<RecordId> cancel_booking(const std::string& planned_key, const Actor& actor,
                                  std::optional<RecordId> seen = std::nullopt) override;
  std::vector<InfusionBooking> infusion_bookings(Day from, Day to) override;
  std::vector<InfusionBooking> procedure_bookings(Day from, Day to) override;

  Result<std::size_t> import_patients(const std::vector<NewPatient>& rows, const Actor& actor,
                                      const Progress& progress, const std::string& source) override;
  Result<std::unique_ptr<LogImport>> begin_log_import(const Actor& actor, const std::string& source,
                                                      std::size_t expected_rows,
                                                      const Progress& progress) override;

  std::vector<AuditEntry> audit(std::optional<RecordId> patient_id) override;
  Result<std::string> backup_to(const std::string& path) override;
  std::string integrity_check() override;
  std::string audit_chain_head() override;
  std::int64_t change_counter() override;

 private:
  friend class SqliteLogImport;
  std::unordered_set<RecordId> superseded_ids();
  RecordId insert_log(Statement& insert, const LogEntry& e, const Actor& actor);
  /// The live bookings of days from..to of the drugs held in `place` (regimens.hpp, drugs_held_in).
  std::vector<InfusionBooking> bookings_of(BoardPlace place, Day from, Day to);
  void record_audit(const Actor& actor, std::string_view action, std::string_view entity, RecordId entity_id,
                    std::optional<RecordId> patient_id, const std::string& detail,
                    const std::string& previous = {});

  SqlReads& reads() override { return reads_; }
  Result<RecordId> transact(const Actor& actor, const std::function<Result<RecordId>()>& body,
                            const std::vector<Refusal>& refusals) override;
  RecordId insert(const std::string& insert, const std::vector<SqlArg>& args, const char* key) override;
  void write_audit(const Actor& actor, std::string_view action, std::string_view entity, RecordId entity_id,
                   std::optional<RecordId> patient_id, const std::string& detail,
                   const std::string& previous) override {
    record_audit(actor, action, entity, entity_id, patient_id, detail, previous);
  }

  std::unique_ptr<Connection> db_;
  SqliteReads reads_{*db_};
  std::string os_account_;  // the operating system account of this process, beside every audit row
};

}  // namespace alsmeds::storage
