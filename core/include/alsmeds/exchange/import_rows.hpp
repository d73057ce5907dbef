#pragma once
// CSV rows -> records, checked before anything is written (docs/cli.md, "import"). Every error names the line
// and the column: "line 7, column at: '2026-02-30T08:00' is not a valid date (YYYY-MM-DD)".
#include <functional>
#include <optional>
#include <vector>

#include "alsmeds/csv_reader.hpp"
#include "alsmeds/records/records.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds {

/// What import needs to know about a patient named by MRN: the record, its zone, therapies, closed days and
/// current records (a row that repeats one of them is refused).
struct ImportPatient {
  Patient patient;
  Zone zone = nullptr;
  std::vector<Therapy> therapies;
  std::vector<ClosedDay> closed;
  std::vector<LogEntry> log;  // current (not superseded) records
};
using PatientByMrn = std::function<const ImportPatient*(const std::string& mrn)>;

// Every row passes the checks of the command that records one such record (clinic_actions.hpp), at `now`.

/// mrn,name,tz[,born]. MRNs must be new and unique within the file; add_patient's checks.
Result<std::vector<NewPatient>> patients_from_csv(const CsvTable& csv, const PatientByMrn& existing,
                                                  Instant now);
/// mrn,drug,at,status[,note]. log_dose's checks (check_dose): a therapy of that drug running on the dose's
/// day, the time not in the future, a note for a refused dose. A dose that repeats one already recorded or
/// an earlier line (RepeatedDoses) is refused. Large files are checked on several threads: `lookup` must
/// then be safe to call concurrently (read-only).
Result<std::vector<LogEntry>> doses_from_csv(const CsvTable& csv, const PatientByMrn& lookup, Instant now);
/// mrn,drug,date,days_supply, then optional quantity,unit,product (the days' supply may then be empty: it
/// is derived). Each row goes through dispense's rules (prepare_dispensing): the same refusals, the same
/// derived days' supply, and its warnings (a days' supply that disagrees with the quantity) added to
/// `warnings`, naming the line. A dispensing that repeats one already recorded or an earlier line (same
/// patient, drug, date, days' supply, quantity, unit and product) is refused.
Result<std::vector<LogEntry>> dispensings_from_csv(const CsvTable& csv, const PatientByMrn& lookup,
                                                   Instant now, std::vector<std::string>* warnings = nullptr);

/// A whole import: `kind` patients, doses or dispensing; `text` the CSV file's bytes, `source` its name for
/// the audit trail (each record is audited under its patient, naming the file). Every row is checked before
/// anything is written; then all rows go in one transaction, or none. Returns the records written.
Result<std::size_t> import_csv(RecordStore& store, std::string_view kind, std::string_view text,
                               const Actor& actor, const Progress& progress, const std::string& source,
                               std::vector<std::string>* warnings = nullptr);
/// import_csv of the file at `path`. A doses file is read `block` bytes at a time, twice (its shape and its
/// patients first, nothing written; then each batch checked and written in the one transaction): memory
/// stays bounded whatever the file's size, except for two small keys per dose to find repeats. A repeat or
/// a bad row anywhere writes nothing; the first one met is named.
Result<std::size_t> import_csv_file(RecordStore& store, std::string_view kind, const std::string& path,
                                    const Actor& actor, const Progress& progress, const std::string& source,
                                    std::vector<std::string>* warnings = nullptr,
                                    std::size_t block = std::size_t{2} << 20);

}  // namespace alsmeds
