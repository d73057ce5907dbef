#pragma once
// The clinic server's store: RecordStore on PostgreSQL. Each write is one transaction with its audit row and
// its client-made write key, acknowledged only after COMMIT returned (the server made it durable). A write
// whose connection was lost is retried once on a new connection: its key tells whether the first attempt
// was committed, so it is never recorded twice.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_set>

#include "../sql_record_store.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "pg_connection.hpp"

namespace alsmeds::storage {

class PgRecordStore final : public SqlRecordStore, private SqlReads {
 public:
  PgRecordStore(std::unique_ptr<PgConnection> db, bool read_only);

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
  /// The live bookings of days from..to of the drugs held in `place` (regimens.hpp, drugs_held_in).
  std::vector<InfusionBooking> bookings_of(BoardPlace place, Day from, Day to);

  Result<std::size_t> import_patients(const std::vector<NewPatient>& rows, const Actor& actor,
                                      const Progress& progress, const std::string& source) override;
  Result<std::unique_ptr<LogImport>> begin_log_import(const Actor& actor, const std::string& source,
                                                      std::size_t expected_rows,
                                                      const Progress& progress) override;

  std::vector<AuditEntry> audit(std::optional<RecordId> patient_id) override;
  Result<std::string> backup_to(const std::string& path) override;
  std::string integrity_check() override;
  std::string audit_chain_head() override;
  /// Seals committed audit rows into the hash chain (alsmeds_seal), errors ignored; unless `now`, not
  /// again within 0.1 s of this store's last seal (a later write or `check` seals what this one left).
  void seal_audit_rows(bool now = true);
  std::int64_t change_counter() override;
  void use_write_keys(WriteKeys* keys) override { keys_ = keys; }
  bool written(const WriteKeys& keys) override;

  /// The connection (server administration: server init, add-user, import-sqlite).
  PgConnection& connection() { return *db_; }

 private:
  /// Runs `body` inside one transaction with the write's key; see the class comment.
  Result<RecordId> write(const std::function<Result<RecordId>()>& body);
  /// Reads, reconnecting once when the connection was lost since the last statement.
  PgResult read(const std::string& sql, const std::vector<PgParam>& params = {});
  /// The shared SELECTs (sql_reads.hpp), each run as read() runs it.
  void each(const std::string& select, const std::vector<SqlArg>& args,
            const std::function<void(const SqlRow&)>& row) override;
  SqlReads& reads() override { return *this; }
  /// write() with the actor named for the audit triggers (audit_as).
  Result<RecordId> transact(const Actor& actor, const std::function<Result<RecordId>()>& body,
                            const std::vector<Refusal>& refusals) override;
  RecordId insert(const std::string& insert, const std::vector<SqlArg>& args, const char* key) override;
  void write_audit(const Actor&, std::string_view, std::string_view, RecordId, std::optional<RecordId>,
                   const std::string&, const std::string&) override {}
  friend class PgLogImport;
  std::unordered_set<RecordId> superseded_ids();
  /// Names the transaction's claimed actor, time, OS account and imported file for the audit rows the
  /// server's triggers write (pg_audit_rows.cpp); called before the transaction's first insert.
  void audit_as(const Actor& actor, const std::string& import_from = "");

  std::unique_ptr<PgConnection> db_;
  bool read_only_;
  std::string os_account_;
  std::optional<std::chrono::steady_clock::time_point> last_seal_;
  std::int64_t changes_ = 0;
  int connects_seen_ = 0;      // db_->connects() at the last change_counter()
  bool writing_ = false;       // inside write(): reads never reconnect
  WriteKeys* keys_ = nullptr;  // the keys of the caller's action (use_write_keys), else none
};

}  // namespace alsmeds::storage
