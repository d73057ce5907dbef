#pragma once
// The pieces of a doses import that a whole file (doses_from_csv) and a file read a batch at a time
// (import_csv_file) share (import_rows.cpp).
#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

#include "alsmeds/exchange/import_rows.hpp"
#include "alsmeds/rules/clinic_actions.hpp"

namespace alsmeds {

/// Column indexes by name; a missing required column is an error on line 1.
Result<std::vector<int>> import_columns(const CsvTable& csv, std::initializer_list<const char*> names);
/// Each row of `csv` through log_dose's checks (check_dose) and matched to its planned dose, on several
/// threads for a large table; the first bad line is named. No repeats looked for, no anchored plan.
Result<std::vector<LogEntry>> checked_dose_rows(const CsvTable& csv, const std::vector<int>& cols, int note,
                                                const PatientByMrn& lookup, Instant now);
/// A drug whose plan is anchored on the doses given (tofersen): each row's planned dose counts the doses
/// given before its day, stored or in these rows, in whatever order they come.
void match_anchored_doses(const CsvTable& csv, int mrn, std::vector<LogEntry>& rows,
                          const PatientByMrn& lookup);
/// "line 9, column at: this dose repeats line 3: ... (a file imported twice?)"
std::string repeat_message(const CsvRow& row, const RepeatedRow& repeat, const LogEntry& dose,
                           std::size_t earlier_line);

}  // namespace alsmeds
