#pragma once
// The reads both record stores make, written once over the two SQL dialects (issue 26): each SELECT's text
// with SQLite's ?N placeholders (the clinic server's store sends them as $N), its rows mapped once
// (record_rows.hpp); a store says only how it runs a SELECT (SqlReads: a prepared statement on the file, a
// read on the server's connection that reconnects once when it was lost).
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "alsmeds/records/alsfrs.hpp"
#include "alsmeds/records/records.hpp"

namespace alsmeds::storage {

/// A value bound to a statement's ?N. Text is not copied: what it views must outlive the statement's run
/// (an argument list built in the call that runs it: a temporary string lives to the end of that call).
using SqlArg = std::variant<std::monostate, std::int64_t, double, std::string_view>;

/// One row of a SELECT's result, as record_rows.hpp reads it.
class SqlRow {
 public:
  virtual bool is_null(int col) const = 0;
  virtual std::int64_t integer(int col) const = 0;
  virtual double real(int col) const = 0;
  virtual std::string text(int col) const = 0;
  /// A yes/no column (SQLite 0/1, PostgreSQL boolean).
  virtual bool flag(int col) const = 0;

 protected:
  ~SqlRow() = default;
};

class SqlReads {
 public:
  virtual ~SqlReads() = default;
  /// Runs `select` (placeholders ?1..?N, each at most once a number) with `args`, `row` called for each row
  /// in the order the SELECT gives.
  virtual void each(const std::string& select, const std::vector<SqlArg>& args,
                    const std::function<void(const SqlRow&)>& row) = 0;
};

/// `select` with ?N as PostgreSQL's $N (a '?' followed by a digit; the shared SELECTs hold no '?' otherwise).
std::string dollar_placeholders(const std::string& select);

/// The SQL condition (on log_entries columns, each prefixed by `alias`) of a dose record that shapes its
/// course's plan whenever it was made (shapes_plan_at_any_time), from the registered regimens.
std::string plan_shaping_doses_sql(std::string_view alias);

std::vector<Patient> read_patients(SqlReads& db);
std::optional<Patient> read_patient(SqlReads& db, RecordId id);
std::optional<Patient> read_patient_by_mrn(SqlReads& db, const std::string& mrn);
/// A patient's courses (nullopt: every patient's) with their delays, pauses and product changes.
std::vector<Therapy> read_therapies(SqlReads& db, std::optional<RecordId> patient_id);
/// The clinic's closed days and, unless nullopt, the patient's own; every patient's with `all`.
std::vector<ClosedDay> read_closed_days(SqlReads& db, std::optional<RecordId> patient_id, bool all);
std::vector<LogEntry> read_log_entries(SqlReads& db, RecordId patient_id, std::optional<Instant> from,
                                       std::optional<Instant> to);
std::optional<LogEntry> read_log_entry(SqlReads& db, RecordId id);
std::vector<AlertAcknowledgment> read_alert_acknowledgments(SqlReads& db, std::optional<RecordId> patient_id);
std::vector<AlsfrsReport> read_alsfrs_reports(SqlReads& db, std::optional<RecordId> patient_id);
std::optional<UnitSettings> read_unit_settings(SqlReads& db);

}  // namespace alsmeds::storage
