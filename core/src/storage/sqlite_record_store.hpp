#pragma once
#include <memory>
#include <unordered_set>

#include "alsmeds/record_store.hpp"
#include "sqlite_db.hpp"

namespace alsmeds::storage {

/// Copies the database to `to` (which must not exist) under a temporary name in its folder, checks the copy,
/// syncs it and only then gives it its name: a failure leaves nothing behind.
Result<std::string> write_verified_copy(Connection& from, const std::string& to);
/// fsync of the folder that holds `path` (a rename or link in it is then durable).
void sync_folder_of(const std::string& path);

class SqliteRecordStore final : public RecordStore {
 public:
  explicit SqliteRecordStore(std::unique_ptr<Connection> db);

  Result<RecordId> add_patient(const NewPatient& patient, const Actor& actor) override;
  Result<RecordId> add_patient_version(const PatientVersion& version, const Actor& actor) override;
  Result<RecordId> add_pause(const TherapyPause& pause, const Actor& actor) override;
  Result<RecordId> add_alsfrs(const AlsfrsReport& report, const Actor& actor) override;
  std::vector<AlsfrsReport> alsfrs_reports(std::optional<RecordId> patient_id) override;
  std::vector<Patient> patients() override;
  std::optional<Patient> find_patient(RecordId id) override;
  std::optional<Patient> find_patient_by_mrn(const std::string& mrn) override;

  Result<RecordId> start_therapy(const NewTherapy& therapy, const Actor& actor) override;
  std::vector<Therapy> therapies(RecordId patient_id) override;
  std::vector<Therapy> all_therapies() override;
  Result<RecordId> shift_cycle(RecordId therapy_id, const CycleShift& shift, const std::string& reason,
                               const Actor& actor) override;
  Result<RecordId> stop_therapy(RecordId therapy_id, Day stop, const std::string& reason,
                                const Actor& actor) override;
  Result<RecordId> stop_therapy_acknowledging(RecordId therapy_id, Day stop, const std::string& reason,
                                              const AlertAcknowledgment& ack, const Actor& actor) override;
  Result<RecordId> switch_product(RecordId therapy_id, Day from, Product product, const std::string& reason,
                                  const Actor& actor) override;
  Result<RecordId> add_closed_day(const ClosedDay& closed, const Actor& actor) override;
  std::vector<ClosedDay> closed_days(std::optional<RecordId> patient_id) override;
  std::vector<ClosedDay> all_closed_days() override;

  Result<RecordId> append_log(const LogEntry& entry, const Actor& actor) override;
  std::vector<LogEntry> log_entries(RecordId patient_id, std::optional<Instant> from,
                                    std::optional<Instant> to) override;
  std::optional<LogEntry> find_log_entry(RecordId id) override;
  std::vector<LogEntry> log_entries_beside_riluzole(RecordId patient_id,
                                                    Instant riluzole_doses_from) override;
  ClinicLog clinic_log(Instant riluzole_doses_from, std::optional<Instant> older_taken_from) override;
  std::vector<DispensingRecord> dispensings() override;
  CohortLog cohort_log(Instant from, Instant to, std::optional<Instant> taken_from) override;
  using RecordStore::cohort_log;

  Result<RecordId> acknowledge_alert(const AlertAcknowledgment& ack, const Actor& actor) override;
  std::vector<AlertAcknowledgment> alert_acknowledgments(std::optional<RecordId> patient_id) override;
  Result<RecordId> book_infusion(const InfusionBooking& booking, const Actor& actor,
                                 std::optional<RecordId> seen = std::nullopt) override;
  Result<RecordId> cancel_booking(const std::string& planned_key, const Actor& actor,
                                  std::optional<RecordId> seen = std::nullopt) override;
  std::vector<InfusionBooking> infusion_bookings(Day from, Day to) override;
  std::vector<InfusionBooking> procedure_bookings(Day from, Day to) override;
  Result<RecordId> add_unit_settings(const UnitSettings& settings, const Actor& actor) override;
  std::optional<UnitSettings> unit_settings() override;

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
  RecordId insert_patient(Statement& insert, const NewPatient& p, const Actor& actor);
  RecordId insert_log(Statement& insert, const LogEntry& e, const Actor& actor);
  /// The live bookings of days from..to whose key starts with `drug_prefix` ("edaravone:", "tofersen:").
  std::vector<InfusionBooking> bookings_of(const char* drug_prefix, Day from, Day to);
  // The writes of stop_therapy and acknowledge_alert inside the caller's transaction.
  Result<RecordId> insert_stop(RecordId therapy_id, Day stop, const std::string& reason, const Actor& actor);
  Result<RecordId> insert_acknowledgment(const AlertAcknowledgment& ack, const Actor& actor);
  void record_audit(const Actor& actor, std::string_view action, std::string_view entity, RecordId entity_id,
                    std::optional<RecordId> patient_id, const std::string& detail,
                    const std::string& previous = {});

  std::unique_ptr<Connection> db_;
  std::string os_account_;  // the operating system account of this process, beside every audit row
};

}  // namespace alsmeds::storage
