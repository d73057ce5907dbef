#pragma once
// Pharmacist - Adherence: the cohort table (riskiest first, under-80% flagged), filtering and sorting it,
// and the export of the same report the command line makes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/adherence/adherence_report.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds::gui {

/// The cohort's rows for `period`, riskiest first: the rows of `report adherence --all`, read by the same
/// core function (report_adherence_rows: the same dose records, the doubled-dose look-back of a short
/// period). Run it off the UI thread.
std::vector<AdherenceRow> load_cohort_rows(RecordStore& store, const Period& period);

/// The period typed in the view: two dates YYYY-MM-DD, the first not after the second, neither after `today`
/// (a period in the future has nothing to count). A period that ends today counts only the doses due by
/// `now` (Period::due_by): a dose later today is not missed. An error names the field and the value.
Result<Period> parse_view_period(const std::string& from, const std::string& to, Day today, Instant now);

/// The ALT chart's title: "ALT trend (x ULN); last 1.2x".
std::string alt_trend_title(const AdherenceRow& row);

enum class AdherenceColumn {
  patient,
  drug,
  taking,
  timing,
  pdc,
  gap_days,
  last_alt,
  alerts,
  effects,
  alsfrs_total,  // the last ALSFRS-R total by the period's end
  alsfrs_slope   // its 6-month slope, points a month
};

/// The column of core's report (cohort_columns.hpp) a sortable column of the table is, by its file name.
std::string_view column_key(AdherenceColumn column);
/// The table's column for a column of core's report, if the table sorts by it.
std::optional<AdherenceColumn> screen_column(std::string_view key);

struct AdherenceFilter {
  std::string text;  // part of the name or MRN, any case
  bool flagged_only = false;
};

/// Indices into `rows` that pass the filter, in the order asked (ascending or not); ties keep risk order.
std::vector<std::size_t> visible_rows(const std::vector<AdherenceRow>& rows, const AdherenceFilter& filter,
                                      AdherenceColumn sort_by, bool ascending);

/// The rows as the table shows them (filtered, then sorted): what an export from the view holds.
std::vector<AdherenceRow> shown_rows(const std::vector<AdherenceRow>& rows, const AdherenceFilter& filter,
                                     AdherenceColumn sort_by, bool ascending);

enum class ExportFormat { pdf, html, csv };
/// Writes the report to `path` with write_whole_file (never over the database at `database_path`, over an
/// existing file only when `replace`); the path written, or why not.
Result<std::string> export_report(const std::vector<AdherenceRow>& rows, const Period& period,
                                  ExportFormat format, const std::string& path, Instant now,
                                  const std::string& database_path, bool replace = false);
/// The file extension of a format: ".pdf", ".html", ".csv".
const char* extension_of(ExportFormat format);

}  // namespace alsmeds::gui
