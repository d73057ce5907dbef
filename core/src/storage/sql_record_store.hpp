#pragma once
// What both record stores read and the writes they make alike, implemented once: the single-machine file and
// the clinic server derive from it and say only how a SELECT runs on them (reads()), how a write transaction
// runs, how an INSERT gives its id and whether the store writes an audit row itself (the server's triggers
// write their own). Their patients, courses' start, dose log, bookings, imports and integrity stay their own
// for now (issue 26).
#include <array>
#include <functional>
#include <string_view>

#include "alsmeds/storage/record_store.hpp"
#include "sql_reads.hpp"

namespace alsmeds::storage {

/// The columns of a new patient's row, in the order of patient_args.
inline constexpr const char* kPatientInsertColumns =
    "mrn, name, tz, born, sulfite_allergy, asthma, dysphagia, feeding_tube, baseline_weight_kg, created_at, "
    "onset";
inline constexpr int kPatientInsertParams = 11;
inline constexpr const char* kInsertPatient =
    "INSERT INTO patients (mrn, name, tz, born, sulfite_allergy, asthma, dysphagia, feeding_tube, "
    "baseline_weight_kg, created_at, onset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
/// A new patient's row as the arguments of kInsertPatient.
std::vector<SqlArg> patient_args(const NewPatient& p, Instant created_at);

/// The columns of a new log record's row, in the order of log_args.
inline constexpr const char* kLogInsertColumns =
    "patient_id, kind, at, day, drug, status, planned_key, term, grade, cycle, cycle_day, test, value, uln, "
    "days_supply, note, recorded_by, recorded_at, supersedes, quantity, unit, product, dispensing_id";
inline constexpr int kLogInsertParams = 23;
inline constexpr const char* kInsertLog =
    "INSERT INTO log_entries (patient_id, kind, at, day, drug, status, planned_key, term, grade, cycle, "
    "cycle_day, test, value, uln, days_supply, note, recorded_by, recorded_at, supersedes, quantity, unit, "
    "product, dispensing_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
    "?17, ?18, ?19, ?20, ?21, ?22, ?23)";
/// A log record's row as the arguments of kInsertLog: only the columns of its kind, the others NULL (the
/// schema's checks hold a record to its kind). Text viewed in `e` and `actor`.
std::array<SqlArg, kLogInsertParams> log_args(const LogEntry& e, const Actor& actor);

class SqlRecordStore : public RecordStore {
 public:
  std::vector<Patient> patients() override { return read_patients(reads()); }
  std::optional<Patient> find_patient(RecordId id) override { return read_patient(reads(), id); }
  std::optional<Patient> find_patient_by_mrn(const std::string& mrn) override {
    return read_patient_by_mrn(reads(), mrn);
  }
  std::vector<Therapy> therapies(RecordId patient_id) override { return read_therapies(reads(), patient_id); }
  std::vector<Therapy> all_therapies() override { return read_therapies(reads(), std::nullopt); }
  std::vector<ClosedDay> closed_days(std::optional<RecordId> patient_id) override {
    return read_closed_days(reads(), patient_id, false);
  }
  std::vector<ClosedDay> all_closed_days() override { return read_closed_days(reads(), std::nullopt, true); }
  std::vector<LogEntry> log_entries(RecordId patient_id, std::optional<Instant> from,
                                    std::optional<Instant> to) override {
    return read_log_entries(reads(), patient_id, from, to);
  }
  std::optional<LogEntry> find_log_entry(RecordId id) override { return read_log_entry(reads(), id); }
  std::vector<AlertAcknowledgment> alert_acknowledgments(std::optional<RecordId> patient_id) override {
    return read_alert_acknowledgments(reads(), patient_id);
  }
  std::vector<AlsfrsReport> alsfrs_reports(std::optional<RecordId> patient_id) override {
    return read_alsfrs_reports(reads(), patient_id);
  }
  std::optional<UnitSettings> unit_settings() override { return read_unit_settings(reads()); }

  // The writes (sql_writes.cpp): the checks, the row and its audit, in one transaction.
  Result<RecordId> add_patient(const NewPatient& patient, const Actor& actor) override;
  Result<RecordId> add_patient_version(const PatientVersion& version, const Actor& actor) override;
  Result<RecordId> start_therapy(const NewTherapy& therapy, const Actor& actor) override;
  Result<RecordId> append_log(const LogEntry& entry, const Actor& actor) override;
  Result<RecordId> shift_cycle(RecordId therapy_id, const CycleShift& shift, const std::string& reason,
                               const Actor& actor) override;
  Result<RecordId> stop_therapy(RecordId therapy_id, Day stop, const std::string& reason,
                                const Actor& actor) override;
  Result<RecordId> stop_therapy_acknowledging(RecordId therapy_id, Day stop, const std::string& reason,
                                              const AlertAcknowledgment& ack, const Actor& actor) override;
  Result<RecordId> switch_product(RecordId therapy_id, Day from, Product product, const std::string& reason,
                                  const Actor& actor) override;
  Result<RecordId> add_pause(const TherapyPause& pause, const Actor& actor) override;
  Result<RecordId> add_alsfrs(const AlsfrsReport& report, const Actor& actor) override;
  Result<RecordId> add_closed_day(const ClosedDay& closed, const Actor& actor) override;
  Result<RecordId> acknowledge_alert(const AlertAcknowledgment& ack, const Actor& actor) override;
  Result<RecordId> add_unit_settings(const UnitSettings& settings, const Actor& actor) override;

 protected:
  /// How a SELECT runs on this store.
  virtual SqlReads& reads() = 0;
  /// A constraint of the schema that may refuse a write (another workstation's write meanwhile), and what
  /// the user is told then.
  struct Refusal {
    Refusal(const char* c, std::string m) : constraint(c), message([m] { return m; }) {}
    Refusal(const char* c, std::function<std::string()> m) : constraint(c), message(std::move(m)) {}
    const char* constraint;
    std::function<std::string()> message;  // read after the refusal; "" when it cannot say: the error stands
  };
  /// Runs `body` as one write transaction in `actor`'s name; a failed body rolls back. A write refused by
  /// one of `refusals`' constraints is that refusal.
  virtual Result<RecordId> transact(const Actor& actor, const std::function<Result<RecordId>()>& body,
                                    const std::vector<Refusal>& refusals) = 0;
  /// Runs an INSERT (placeholders ?N) inside transact(); the new row's `key` column.
  virtual RecordId insert(const std::string& insert, const std::vector<SqlArg>& args,
                          const char* key = "id") = 0;
  /// The audit row of a write inside transact(): the single-machine store writes it; the clinic server's
  /// triggers write their own (a client's account of its write is not taken), so it writes nothing.
  virtual void write_audit(const Actor& actor, std::string_view action, std::string_view entity,
                           RecordId entity_id, std::optional<RecordId> patient_id, const std::string& detail,
                           const std::string& previous = {}) = 0;

 public:
  /// What a write needs to know of a course first.
  struct CourseFacts {
    RecordId patient_id = 0;
    std::string drug;
    Day start;
    std::optional<Day> stop;
  };

 private:
  /// A write to the course `therapy_id`: `reason` and the actor's name checked, then in one transaction the
  /// course read (refused when there is none) and `body` given its facts.
  Result<RecordId> course_write(RecordId therapy_id, const std::string& reason, const Actor& actor,
                                const std::function<Result<RecordId>(const CourseFacts&)>& body,
                                const std::vector<Refusal>& refusals = {});
  Result<RecordId> insert_stop(RecordId therapy_id, Day stop, const std::string& reason, const Actor& actor);
  Result<RecordId> insert_acknowledgment(const AlertAcknowledgment& ack, const Actor& actor);
};

}  // namespace alsmeds::storage
