#pragma once
// The cohort adherence report's columns, defined once (issue 26): what each reads from a row, its name in a
// file (the CLI's CSV, JSON and table: docs/cli.md), its heading and words for people (the report's PDF and
// HTML page, the app's table) and how it sorts. Every front end reads this table; none defines a column.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/adherence/adherence_report.hpp"

namespace alsmeds {

/// Where a column stands (a bit set).
enum CohortColumnUse : unsigned {
  in_file = 1,    // report adherence --format csv|json|table, the app's CSV export
  on_page = 2,    // the PDF and HTML report
  on_screen = 4,  // the app's cohort table
};

struct CohortColumn {
  std::string_view key;                // the file's column: taking_pct
  std::string_view heading;            // for people: "Taking"
  std::string_view page_heading = "";  // a shorter one where the page is narrow ("": the heading)
  unsigned use = in_file;              // CohortColumnUse bits
  bool numeric = false;                // a number in JSON ("NA" as null)
  double page_points = 0;              // its width on the PDF page
  std::string (*file_cell)(const AdherenceRow&) = nullptr;   // "83.3", "NA"
  std::string (*shown_cell)(const AdherenceRow&) = nullptr;  // for people: "83.3%", "1.3x", "3 d"
  /// The value it sorts by, nullopt when unknown (nullptr: not sortable).
  std::optional<double> (*sort_value)(const AdherenceRow&) = nullptr;

  /// The heading on the page.
  std::string_view heading_on_page() const { return page_heading.empty() ? heading : page_heading; }
  /// The cell for people: shown_cell, else the file's cell.
  std::string shown(const AdherenceRow& row) const { return (shown_cell ? shown_cell : file_cell)(row); }
};

/// Every column, in the file's order.
std::span<const CohortColumn> cohort_columns();
/// The columns that stand in `use`, in the file's order.
std::vector<const CohortColumn*> cohort_columns_in(CohortColumnUse use);
/// The column named `key` in files, or nullptr.
const CohortColumn* find_cohort_column(std::string_view key);

}  // namespace alsmeds
