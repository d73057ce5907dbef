#pragma once
// The storage interface in the clinic's terms. SQLite implements it today (open_record_store); a shared
// server database can implement it beside SQLite without touching core planning or the front ends. Every
// write is one transaction with its audit entry and returns only after a durable commit.
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/records/alsfrs.hpp"
#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/records/records.hpp"
#include "alsmeds/result.hpp"

namespace alsmeds {

/// Called during long imports with (rows done, rows in all).
using Progress = std::function<void(std::size_t, std::size_t)>;

/// The client-made keys of one action's writes (clinic server). The key is made when the person acts and kept
/// with the action until the server confirmed it: an action repeated with the same keys (after a lost
/// connection, or an acknowledgement lost after COMMIT) gets the records its first attempt stored, never a
/// second copy. The n-th write of the action uses write_key(keys, n).
struct WriteKeys {
  std::string base;  // new_write_key()
  int used = 0;      // writes made with these keys by the last attempt
};
/// A random 128-bit key in UUID text form, read from the kernel.
std::string new_write_key();
/// The key of the n-th write of an action: the base for n = 0, then the base with its last 32 bits XOR n.
std::string write_key(const WriteKeys& keys, int n);

/// An import of log records a batch at a time in one transaction (a large file read in bounded memory):
/// nothing is kept unless commit() succeeds; destroyed before that, it wrote nothing. Every record's patient
/// must exist and no record may correct another (corrections go one by one).
class LogImport {
 public:
  virtual ~LogImport() = default;
  /// Writes `rows`; `row_numbers[i]` names rows[i] in a message ("row 7: ...", the file's line).
  virtual Result<bool> add(const std::vector<LogEntry>& rows,
                           const std::vector<std::size_t>& row_numbers) = 0;
  /// Audits the records under each patient, naming the file (the clinic server: each record, by its
  /// triggers; a SQLite file: one row per patient naming the records' ids), then commits. Returns the
  /// records written.
  virtual Result<std::size_t> commit() = 0;
};

class RecordStore {
 public:
  virtual ~RecordStore() = default;

  // Patients
  virtual Result<RecordId> add_patient(const NewPatient& patient, const Actor& actor) = 0;
  /// Appends a version of the patient's facts (audited, action "update"); patients() and find_patient*
  /// return patients with their versions applied (apply_version).
  virtual Result<RecordId> add_patient_version(const PatientVersion& version, const Actor& actor) = 0;
  virtual std::vector<Patient> patients() = 0;
  virtual std::optional<Patient> find_patient(RecordId id) = 0;
  virtual std::optional<Patient> find_patient_by_mrn(const std::string& mrn) = 0;

  // Therapies
  virtual Result<RecordId> start_therapy(const NewTherapy& therapy, const Actor& actor) = 0;
  virtual std::vector<Therapy> therapies(RecordId patient_id) = 0;
  /// Every therapy of every patient, by patient then id (cohort work: one query, not one per patient).
  virtual std::vector<Therapy> all_therapies() = 0;
  virtual Result<RecordId> shift_cycle(RecordId therapy_id, const CycleShift& shift,
                                       const std::string& reason, const Actor& actor) = 0;
  virtual Result<RecordId> stop_therapy(RecordId therapy_id, Day stop, const std::string& reason,
                                        const Actor& actor) = 0;
  /// A prescriber's "discontinue" answer to a stop alert: the course's stop and the alert's acknowledgment in
  /// one transaction, each with its audit row: both are stored or neither. Returns the acknowledgment's id.
  virtual Result<RecordId> stop_therapy_acknowledging(RecordId therapy_id, Day stop,
                                                      const std::string& reason,
                                                      const AlertAcknowledgment& ack, const Actor& actor) = 0;
  /// Appends an ALSFRS-R report (a correction names the report it supersedes); audited.
  virtual Result<RecordId> add_alsfrs(const AlsfrsReport& report, const Actor& actor) = 0;
  /// Every ALSFRS-R report as stored (corrections included: alsfrs.hpp current_reports), of one patient or
  /// of all, by patient then id.
  virtual std::vector<AlsfrsReport> alsfrs_reports(std::optional<RecordId> patient_id) = 0;
  /// Appends a pause row of the course (TherapyPause: a later row with the same `from` replaces the one
  /// before), audited as "pause" or, when it replaces one, "resume".
  virtual Result<RecordId> add_pause(const TherapyPause& pause, const Actor& actor) = 0;
  /// Records a switch of the course's form or product from `from` on (therapy_changes); returns its id.
  virtual Result<RecordId> switch_product(RecordId therapy_id, Day from, Product product,
                                          const std::string& reason, const Actor& actor) = 0;
  virtual Result<RecordId> add_closed_day(const ClosedDay& closed, const Actor& actor) = 0;
  virtual std::vector<ClosedDay> closed_days(std::optional<RecordId> patient_id) = 0;  // clinic's + patient's
  /// The clinic's and every patient's closed days, by day.
  virtual std::vector<ClosedDay> all_closed_days() = 0;

  // Clinical log (append-only; a correction is a new entry that supersedes an old one)
  virtual Result<RecordId> append_log(const LogEntry& entry, const Actor& actor) = 0;
  /// Every entry of a patient, newest first, optionally limited to [from, to] by `at`.
  virtual std::vector<LogEntry> log_entries(RecordId patient_id, std::optional<Instant> from = std::nullopt,
                                            std::optional<Instant> to = std::nullopt) = 0;
  virtual std::optional<LogEntry> find_log_entry(RecordId id) = 0;
  /// Every entry of a patient, newest first, except the riluzole doses recorded at before
  /// `riluzole_doses_from` that correct no record: what a rule reads that looks back at riluzole doses only
  /// that far (log_dose: rules::riluzole_doses_needed_from). Every correction is read, so that the current
  /// versions of the entries read are the current versions of the whole log.
  virtual std::vector<LogEntry> log_entries_beside_riluzole(RecordId patient_id,
                                                            Instant riluzole_doses_from) = 0;
  /// Every current record of every patient (cohort reports): doses compact, the rest whole. Dose records
  /// only from `from` to `to`, except edaravone doses missed or refused (they shape the cycles). With
  /// `taken_from`, also the dose records from it to before `from`, in earlier_doses (what supply counts).
  virtual CohortLog cohort_log(Instant from, Instant to, std::optional<Instant> taken_from) = 0;
  CohortLog cohort_log(Instant from, Instant to) { return cohort_log(from, to, std::nullopt); }
  /// Every patient's log entries (corrections included: callers take the current versions) except riluzole
  /// doses before `riluzole_doses_from`, by patient then id: what due lists for the whole clinic read, in one
  /// pass instead of one query per patient. With `older_taken_from`, in the same pass, those riluzole doses
  /// left out that were recorded at or after it (taken, missed or refused), current ones only and compact
  /// (what supply counts).
  virtual ClinicLog clinic_log(Instant riluzole_doses_from, std::optional<Instant> older_taken_from) = 0;
  /// Every current (not superseded) dispensing of every patient, by patient, drug and day.
  virtual std::vector<DispensingRecord> dispensings() = 0;

  /// All or nothing: patients and log entries in one transaction. Returns the number of records written.
  /// Each record is audited under its patient, naming `source` (the file's name; "" for none).
  virtual Result<std::size_t> import_patients(const std::vector<NewPatient>& rows, const Actor& actor,
                                              const Progress& progress, const std::string& source) = 0;
  /// Log records in one transaction: begin_log_import, one add of every row (named "row N" from 2, the
  /// file's header being line 1), commit.
  Result<std::size_t> import_log(const std::vector<LogEntry>& rows, const Actor& actor,
                                 const Progress& progress, const std::string& source);
  /// An import of log records a batch at a time, in one transaction (LogImport). `expected_rows`: about how
  /// many will come (a large import into a small log rebuilds its indexes once instead of growing them);
  /// `progress` is called with the rows written so far and `expected_rows`.
  virtual Result<std::unique_ptr<LogImport>> begin_log_import(const Actor& actor, const std::string& source,
                                                              std::size_t expected_rows,
                                                              const Progress& progress) = 0;

  // Alerts (append-only): acknowledging records who and when; the alert stays acknowledged while its key
  // is unchanged (a new ALT result or weight gives a new key, so a new alert).
  virtual Result<RecordId> acknowledge_alert(const AlertAcknowledgment& ack, const Actor& actor) = 0;
  virtual std::vector<AlertAcknowledgment> alert_acknowledgments(std::optional<RecordId> patient_id) = 0;

  // Infusion board: one booking per planned infusion (planned key); booking it again moves it. Bookings are
  // append-only: a move or a cancellation is a new version (a new id); the latest version is the booking.
  // `seen`: the live booking version (id) of the infusion the writer's board showed, 0 for none; when given,
  // the write is refused (booking_changed_meanwhile) if the infusion's booking changed since, checked inside
  // the write transaction.
  virtual Result<RecordId> book_infusion(const InfusionBooking& booking, const Actor& actor,
                                         std::optional<RecordId> seen = std::nullopt) = 0;
  /// Frees the chair slot of a planned infusion (the old versions and the audit trail keep the slot it had).
  virtual Result<RecordId> cancel_booking(const std::string& planned_key, const Actor& actor,
                                          std::optional<RecordId> seen = std::nullopt) = 0;
  /// Bookings on days from..to, by day, start and chair.
  virtual std::vector<InfusionBooking> infusion_bookings(Day from, Day to) = 0;
  /// Tofersen's lumbar punctures booked in a room on days from..to (schema 16; book_infusion and
  /// cancel_booking write them: the key's drug says chair or room), by day, start and room.
  virtual std::vector<InfusionBooking> procedure_bookings(Day from, Day to) = 0;
  /// A new version of the unit's chairs and hours (board settings; the rule is core's set_unit_settings).
  virtual Result<RecordId> add_unit_settings(const UnitSettings& settings, const Actor& actor) = 0;
  /// The version in force (the latest), none before the first is stored.
  virtual std::optional<UnitSettings> unit_settings() = 0;

  // Audit
  virtual std::vector<AuditEntry> audit(std::optional<RecordId> patient_id) = 0;

  /// SQLite's full integrity check of every page: "ok", or the problems found (one per line).
  virtual std::string integrity_check() = 0;
  /// The audit trail's hash chain head, to be kept outside the database (`check` prints it after "ok").
  virtual std::string audit_chain_head() = 0;

  /// Copies the whole database to `path` with SQLite's online backup (readers and writers may go on). The
  /// copy is written under a temporary name in the same folder, checked, and renamed only when whole: a
  /// failed backup leaves nothing behind. Refuses a `path` that exists.
  virtual Result<std::string> backup_to(const std::string& path) = 0;

  /// A number that changes whenever another connection (another program, another thread) commits a write:
  /// views compare it to know when to re-read. Cheap enough to call once a second, and never waits on the
  /// network (the clinic server's store counts the notifications that have arrived); throws when the
  /// connection to the clinic server was lost (it does not connect again: read everything again after).
  virtual std::int64_t change_counter() = 0;

  /// The writes that follow use `keys` (the n-th write the n-th key; keys->used counts them) until called
  /// with nullptr: a write whose key is stored already returns the record it made instead of writing again.
  /// Without keys each write makes its own. SQLite ignores them: a local commit is never in doubt.
  virtual void use_write_keys(WriteKeys* keys) { (void)keys; }
  /// Whether every write made with `keys` by its last attempt (keys.used of them) is stored: the attempt
  /// was committed although its acknowledgement never arrived. Always false on SQLite.
  virtual bool written(const WriteKeys& keys) {
    (void)keys;
    return false;
  }
};

/// Makes `store` use `keys` until the scope ends.
class WriteKeyScope {
 public:
  WriteKeyScope(RecordStore& store, WriteKeys& keys) : store_(store) { store_.use_write_keys(&keys); }
  ~WriteKeyScope() { store_.use_write_keys(nullptr); }
  WriteKeyScope(const WriteKeyScope&) = delete;
  WriteKeyScope& operator=(const WriteKeyScope&) = delete;

 private:
  RecordStore& store_;
};

/// What open_record_store does with a path that does not exist yet.
enum class CreateMode { create_if_missing, must_exist };
/// Read-only stores never create, migrate or write the file (commands that only read: history, check...).
enum class Access { read_write, read_only };

struct OpenOptions {
  CreateMode create = CreateMode::create_if_missing;
  Access access = Access::read_write;
  int busy_timeout_ms = 10000;  // how long a write waits for another program's write before failing
};

/// Opens (or creates) an alsmeds database: on a clinic server when `path` is a server (is_server_database:
/// the schema created or migrated in one transaction), else a SQLite file. For a file it refuses, leaving the
/// file byte-for-byte untouched: a file that is not SQLite, a SQLite file of another program, a corrupt file,
/// a file of a newer schema version, an interrupted copy (a file with a leftover rollback journal), anything
/// that is not a regular file. An older schema is migrated (read-write only) after a backup copy named
/// PATH.schema-vN.bak is written next to it. A new file is created with mode 0600 (its new folder 0700); an
/// existing file's mode is never changed.
Result<std::unique_ptr<RecordStore>> open_record_store(const std::string& path, OpenOptions options);
inline Result<std::unique_ptr<RecordStore>> open_record_store(
    const std::string& path, CreateMode mode = CreateMode::create_if_missing) {
  return open_record_store(path, OpenOptions{mode, Access::read_write, 10000});
}

/// What an exception thrown by a RecordStore read or write means, in words a person can act on: "database
/// busy: ...", "disk full", "database damaged: ...", "the database file was removed or renamed ...". Any
/// other exception gives its what().
std::string explain_storage_failure(const std::exception& e);
/// Whether the exception says the clinic server could not be reached, or the connection to it was lost (the
/// write it interrupted may or may not be stored: repeat it with the same WriteKeys).
bool is_server_unreachable(const std::exception& e);

/// $ALSMEDS_DB when set, else $XDG_DATA_HOME/alsmeds/alsmeds.db, or ~/.local/share/alsmeds/alsmeds.db.
std::string default_database_path();

/// Whether `where` names a clinic server (PostgreSQL) rather than a SQLite file: a postgresql:// or
/// postgres:// URI, or libpq keywords ("host=... dbname=..."). open_record_store opens it on the server.
bool is_server_database(const std::string& where);
/// The connection string with connect_timeout=`seconds` added when it names none: an unreachable server
/// fails within that time instead of hanging. Also, unless the string names them, tcp_user_timeout and
/// keepalives of about the connect timeout (the string's own when it names one): a connection whose line
/// goes silent (no reset, no close) fails within about that time too, instead of after the kernel's
/// 15 minutes of retransmissions.
std::string with_connect_timeout(const std::string& conninfo, int seconds);
/// The connection string as messages show it (a password left out).
std::string server_name(const std::string& conninfo);
/// The connection string with any password taken out (what the app keeps in its settings: libpq reads the
/// password from ~/.pgpass).
std::string without_password(const std::string& conninfo);
inline constexpr int kConnectTimeoutSeconds = 5;

inline constexpr int kSchemaVersion = 18;

}  // namespace alsmeds
