#pragma once
// CSV rows -> records, checked before anything is written (docs/cli.md, "import"). Every error names the line
// and the column: "line 7, column at: '2026-02-30T08:00' is not a valid date (YYYY-MM-DD)".
#include <functional>
#include <optional>
#include <vector>

#include "alsmeds/csv_reader.hpp"
#include "alsmeds/record_store.hpp"
#include "alsmeds/records.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds {

/// What import needs to know about a patient named by MRN: the record, its zone and therapies.
struct ImportPatient {
  Patient patient;
  Zone zone = nullptr;
  std::vector<Therapy> therapies;
  std::vector<ClosedDay> closed;
};
using PatientByMrn = std::function<const ImportPatient*(const std::string& mrn)>;

/// mrn,name,tz[,born]. MRNs must be new and unique within the file.
Result<std::vector<NewPatient>> patients_from_csv(const CsvTable& csv, const PatientByMrn& existing);
/// mrn,drug,at,status. The patient must have a therapy of that drug started on or before the dose's day.
/// Large files are checked on several threads: `lookup` must then be safe to call concurrently (read-only).
Result<std::vector<LogEntry>> doses_from_csv(const CsvTable& csv, const PatientByMrn& lookup);
/// mrn,drug,date,days_supply.
Result<std::vector<LogEntry>> dispensings_from_csv(const CsvTable& csv, const PatientByMrn& lookup);

/// A whole import: `kind` patients, doses or dispensing; `text` the CSV file's bytes. Every row is checked
/// before anything is written; then all rows go in one transaction, or none. Returns the records written.
Result<std::size_t> import_csv(RecordStore& store, std::string_view kind, std::string_view text,
                               const Actor& actor, const Progress& progress);

}  // namespace alsmeds
