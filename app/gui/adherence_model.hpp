#pragma once
// Pharmacist - Adherence: the cohort table (riskiest first, under-80% flagged), filtering and sorting it,
// and the export of the same report the command line makes.
#include <string>
#include <vector>

#include "alsmeds/adherence_report.hpp"
#include "alsmeds/record_store.hpp"

namespace alsmeds::gui {

/// The cohort's rows for `period`, riskiest first (one pass over the log: run it off the UI thread).
std::vector<AdherenceRow> load_cohort_rows(RecordStore& store, const Period& period);

enum class AdherenceColumn { patient, drug, taking, timing, pdc, gap_days, last_alt, alerts, effects };

struct AdherenceFilter {
  std::string text;  // part of the name or MRN, any case
  bool flagged_only = false;
};

/// Indices into `rows` that pass the filter, in the order asked (ascending or not); ties keep risk order.
std::vector<std::size_t> visible_rows(const std::vector<AdherenceRow>& rows, const AdherenceFilter& filter,
                                      AdherenceColumn sort_by, bool ascending);

enum class ExportFormat { pdf, html, csv };
/// Writes the report to `path` with write_whole_file (never over the database at `database_path`); the path
/// written, or why not.
Result<std::string> export_report(const std::vector<AdherenceRow>& rows, const Period& period,
                                  ExportFormat format, const std::string& path, Instant now,
                                  const std::string& database_path);

}  // namespace alsmeds::gui
