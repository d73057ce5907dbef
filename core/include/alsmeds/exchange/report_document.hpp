#pragma once
// The adherence report as documents a pharmacist reads: PDF pages and an HTML page with the same charts
// (dose timeline, edaravone cycles, ALT trend), drawn once with cairo for PDF and SVG.
#include <string>
#include <vector>

#include "alsmeds/adherence/adherence_report.hpp"
#include "alsmeds/record_table.hpp"

namespace alsmeds {

struct ReportHeader {
  std::string title;  // "Adherence report - all patients"
  Period period;
  std::string rules;  // the rule set the measures follow
  Instant made;
};

inline constexpr const char* kAdherenceRules =
    "Taking and timing adherence against the label plan (timing window +/-25% of the interval); PDC by PQA "
    "rules (index date, early refills shifted, capped at 100%); under 80% flagged.";

/// Rows first (riskiest first, as given), then a chart page for each row given in `charted`.
std::string adherence_pdf(const std::vector<AdherenceRow>& rows, const std::vector<std::size_t>& charted,
                          const ReportHeader& header);
std::string adherence_html(const std::vector<AdherenceRow>& rows, const std::vector<std::size_t>& charted,
                           const ReportHeader& header);

/// Any table of records (the pharmacy's preparation list) as PDF pages under the header, columns of equal
/// width, a cell cut to its column.
std::string table_pdf(const RecordTable& table, const ReportHeader& header);

/// The charts of one row as an SVG document (the HTML page embeds these).
std::string row_charts_svg(const AdherenceRow& row, const Period& period);

}  // namespace alsmeds
