#include "adherence_model.hpp"

#include <algorithm>
#include <cctype>

#include "alsmeds/adherence/cohort_columns.hpp"
#include "alsmeds/calendar.hpp"
#include "alsmeds/exchange/report_document.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/record_table.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "file_output.hpp"

namespace alsmeds::gui {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

double value_of(const std::optional<double>& v) {
  return v ? *v : 1e9;  // unknown values sort last ascending
}

}  // namespace

std::vector<AdherenceRow> load_cohort_rows(RecordStore& store, const Period& period) {
  auto rows = report_adherence_rows(store, store.patients(), period);
  if (!rows) throw std::runtime_error(rows.error());
  sort_by_risk(rows.value());
  return std::move(rows).value();
}

Result<Period> parse_view_period(const std::string& from_text, const std::string& to_text, Day today,
                                 Instant now) {
  auto from = parse_day(from_text);
  if (!from) return fail("from: '" + from_text + "' is not a date YYYY-MM-DD (" + from.error() + ")");
  auto to = parse_day(to_text);
  if (!to) return fail("to: '" + to_text + "' is not a date YYYY-MM-DD (" + to.error() + ")");
  return report_period(*from, *to, today, now, DaysToCome::refused);  // core's rule, as the command line's
}

std::string_view column_key(AdherenceColumn column) {
  switch (column) {
    case AdherenceColumn::patient:
      return "patient_id";
    case AdherenceColumn::drug:
      return "drug";
    case AdherenceColumn::taking:
      return "taking_pct";
    case AdherenceColumn::timing:
      return "timing_pct";
    case AdherenceColumn::pdc:
      return "pdc_pct";
    case AdherenceColumn::gap_days:
      return "gap_days";
    case AdherenceColumn::last_alt:
      return "last_alt_x_uln";
    case AdherenceColumn::alerts:
      return "open_alerts";
    case AdherenceColumn::effects:
      return "effects_grade2_plus";
    case AdherenceColumn::alsfrs_total:
      return "alsfrs_total";
    case AdherenceColumn::alsfrs_slope:
      return "slope_6m";
  }
  return "patient_id";
}

std::optional<AdherenceColumn> screen_column(std::string_view key) {
  for (int c = 0; c <= static_cast<int>(AdherenceColumn::alsfrs_slope); ++c)
    if (column_key(static_cast<AdherenceColumn>(c)) == key) return static_cast<AdherenceColumn>(c);
  return std::nullopt;
}

std::string alt_trend_title(const AdherenceRow& row) {
  if (row.alt_x_uln.empty()) return "ALT trend (x ULN)";
  return "ALT trend (x ULN); last " + format_times_uln(row.alt_x_uln.back().second) + "x";
}

std::vector<AdherenceRow> shown_rows(const std::vector<AdherenceRow>& rows, const AdherenceFilter& filter,
                                     AdherenceColumn sort_by, bool ascending) {
  std::vector<AdherenceRow> out;
  for (std::size_t i : visible_rows(rows, filter, sort_by, ascending)) out.push_back(rows[i]);
  return out;
}

std::vector<std::size_t> visible_rows(const std::vector<AdherenceRow>& rows, const AdherenceFilter& filter,
                                      AdherenceColumn sort_by, bool ascending) {
  const std::string needle = lower(filter.text);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const AdherenceRow& r = rows[i];
    if (filter.flagged_only && !r.flagged) continue;
    if (!needle.empty() && lower(r.patient.name).find(needle) == std::string::npos &&
        lower(r.patient.mrn.value_or("")).find(needle) == std::string::npos)
      continue;
    out.push_back(i);
  }
  // Every column but the patient sorts by its value in core's table of the report's columns.
  const CohortColumn* column =
      sort_by == AdherenceColumn::patient ? nullptr : find_cohort_column(column_key(sort_by));
  auto key = [&](std::size_t i) -> double {
    const AdherenceRow& r = rows[i];
    if (!column || !column->sort_value) return static_cast<double>(r.patient.id);
    return value_of(column->sort_value(r));
  };
  if (sort_by == AdherenceColumn::patient) {
    // By name, as the column shows it (a trial found it sorted by the database's ids unless searching).
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
      return ascending ? rows[a].patient.name < rows[b].patient.name
                       : rows[b].patient.name < rows[a].patient.name;
    });
    return out;
  }
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    return ascending ? key(a) < key(b) : key(b) < key(a);
  });
  return out;
}

Result<std::string> export_report(const std::vector<AdherenceRow>& rows, const Period& period,
                                  ExportFormat format, const std::string& path, Instant now,
                                  const std::string& database_path, bool replace) {
  if (path.empty()) return fail("export: give a file name");
  const std::vector<std::size_t> charted = rows_to_chart(rows, true);  // the cohort's report
  const ReportHeader header{"Adherence report - all patients", period, kAdherenceRules, now};
  std::string bytes;
  try {
    bytes = format == ExportFormat::pdf    ? adherence_pdf(rows, charted, header)
            : format == ExportFormat::html ? adherence_html(rows, charted, header)
                                           : render(adherence_table(rows, period), OutputFormat::csv);
  } catch (const std::exception& e) {
    return fail(std::string("export: ") + e.what());
  }
  return write_whole_file(path, bytes, database_path, replace);
}

const char* extension_of(ExportFormat format) {
  return format == ExportFormat::pdf ? ".pdf" : format == ExportFormat::html ? ".html" : ".csv";
}

}  // namespace alsmeds::gui
