// The cohort adherence report's columns (cohort_columns.hpp): the one place a column is defined.
#include "alsmeds/adherence/cohort_columns.hpp"

#include <array>
#include <cstdio>

#include "alsmeds/calendar.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/regimens.hpp"

namespace alsmeds {
namespace {

std::string one_decimal(std::optional<double> v) {
  if (!v) return "NA";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", *v);
  return buf;
}

std::string percent(std::optional<double> v) {
  return v ? one_decimal(v) + "%" : "NA";
}

std::optional<double> number(double v) {
  return v;
}

std::optional<int> delay(const AdherenceRow& r) {
  return r.doses.start_delay_days();
}

// Reads of a row, by column (captureless lambdas decay to the table's function pointers).
constexpr auto kTaking = [](const AdherenceRow& r) { return r.doses.taking_pct(); };
constexpr auto kTiming = [](const AdherenceRow& r) { return r.doses.timing_pct(); };
constexpr auto kPdc = [](const AdherenceRow& r) { return r.refills.pdc_pct; };
constexpr auto kAlt = [](const AdherenceRow& r) { return r.last_alt_x_uln; };

const std::array<CohortColumn, 25> kColumns{{
    {.key = "patient_id",
     .heading = "Patient id",
     .numeric = true,
     .file_cell = [](const AdherenceRow& r) { return std::to_string(r.patient.id); },
     .sort_value = [](const AdherenceRow& r) { return number(static_cast<double>(r.patient.id)); }},
    // The patient's name for people (the app's table shows it with the MRN, as a row to choose).
    {.key = "patient",
     .heading = "Patient",
     .use = on_page,
     .page_points = 115,
     .file_cell = [](const AdherenceRow& r) { return r.patient.name; }},
    {.key = "mrn",
     .heading = "MRN",
     .use = in_file | on_page,
     .page_points = 55,
     .file_cell = [](const AdherenceRow& r) { return r.patient.mrn.value_or(""); }},
    {.key = "drug",
     .heading = "Drug",
     .use = in_file | on_page | on_screen,
     .page_points = 52,
     .file_cell = [](const AdherenceRow& r) { return std::string(to_string(r.drug)); },
     // The registry's order.
     .sort_value =
         [](const AdherenceRow& r) {
           const auto all = regimens();
           for (std::size_t i = 0; i < all.size(); ++i)
             if (all[i].drug == r.drug) return number(static_cast<double>(i));
           return number(static_cast<double>(all.size()));
         }},
    {.key = "scheduled",
     .heading = "Scheduled",
     .numeric = true,
     .file_cell = [](const AdherenceRow& r) { return std::to_string(r.doses.scheduled); }},
    {.key = "taken",
     .heading = "Taken",
     .numeric = true,
     .file_cell = [](const AdherenceRow& r) { return std::to_string(r.doses.taken); }},
    {.key = "taking_pct",
     .heading = "Taking",
     .use = in_file | on_page | on_screen,
     .numeric = true,
     .page_points = 38,
     .file_cell = [](const AdherenceRow& r) { return one_decimal(kTaking(r)); },
     .shown_cell = [](const AdherenceRow& r) { return percent(kTaking(r)); },
     .sort_value = kTaking},
    {.key = "timing_pct",
     .heading = "Timing",
     .use = in_file | on_page | on_screen,
     .numeric = true,
     .page_points = 38,
     .file_cell = [](const AdherenceRow& r) { return one_decimal(kTiming(r)); },
     .shown_cell = [](const AdherenceRow& r) { return percent(kTiming(r)); },
     .sort_value = kTiming},
    {.key = "pdc_pct",
     .heading = "PDC",
     .use = in_file | on_page | on_screen,
     .numeric = true,
     .page_points = 35,
     .file_cell = [](const AdherenceRow& r) { return one_decimal(kPdc(r)); },
     .shown_cell = [](const AdherenceRow& r) { return percent(kPdc(r)); },
     .sort_value = kPdc},
    {.key = "correct_days_pct",
     .heading = "Correct days",
     .numeric = true,
     .file_cell = [](const AdherenceRow& r) { return one_decimal(r.doses.correct_days_pct()); }},
    {.key = "longest_missed_run",
     .heading = "Longest missed run",
     .numeric = true,
     .file_cell = [](const AdherenceRow& r) { return std::to_string(r.doses.longest_missed_run); }},
    {.key = "mpr_pct",
     .heading = "MPR",
     .numeric = true,
     .file_cell = [](const AdherenceRow& r) { return one_decimal(r.refills.mpr_pct); }},
    {.key = "gap_days",
     .heading = "Gaps",
     .use = in_file | on_page | on_screen,
     .numeric = true,
     .page_points = 29,
     .file_cell = [](const AdherenceRow& r) { return std::to_string(r.refills.gap_days); },
     .sort_value = [](const AdherenceRow& r) { return number(r.refills.gap_days); }},
    {.key = "last_alt_x_uln",
     .heading = "ALT xULN",
     .page_heading = "ALT",  // its cells say "x": 1.2x
     .use = in_file | on_page | on_screen,
     .numeric = true,
     .page_points = 31,
     .file_cell = [](const AdherenceRow& r) { return kAlt(r) ? format_times_uln(*kAlt(r)) : "NA"; },
     .shown_cell = [](const AdherenceRow& r) { return kAlt(r) ? format_times_uln(*kAlt(r)) + "x" : "NA"; },
     .sort_value = kAlt},
    {.key = "open_alerts",
     .heading = "Alerts",
     .use = in_file | on_page | on_screen,
     .numeric = true,
     .page_points = 30,
     .file_cell = [](const AdherenceRow& r) { return std::to_string(r.open_alerts); },
     .sort_value = [](const AdherenceRow& r) { return number(r.open_alerts); }},
    {.key = "effects_grade2_plus",
     .heading = "G2+ effects",
     .page_heading = "G2+",
     .use = in_file | on_page | on_screen,
     .numeric = true,
     .page_points = 30,
     .file_cell = [](const AdherenceRow& r) { return std::to_string(r.effects_grade2_plus); },
     .sort_value = [](const AdherenceRow& r) { return number(r.effects_grade2_plus); }},
    {.key = "flag",
     .heading = "Flag",
     .file_cell = [](const AdherenceRow& r) { return std::string(r.flagged ? "under-80" : ""); }},
    {.key = "deviations",
     .heading = "Dev.",
     .use = in_file | on_page,
     .numeric = true,
     .page_points = 30,
     .file_cell = [](const AdherenceRow& r) { return std::to_string(r.doses.deviations.size()); }},
    {.key = "start_delay_days",
     .heading = "Delay",
     .use = in_file | on_page,
     .numeric = true,
     .page_points = 30,
     .file_cell = [](const AdherenceRow& r) { return delay(r) ? std::to_string(*delay(r)) : "NA"; },
     .shown_cell = [](const AdherenceRow& r) { return delay(r) ? std::to_string(*delay(r)) + " d" : "NA"; }},
    {.key = "on_hand",
     .heading = "On hand",
     .file_cell = [](const AdherenceRow& r) { return r.supply_on_hand; }},
    {.key = "runs_out_on",
     .heading = "Runs out on",
     .file_cell =
         [](const AdherenceRow& r) { return r.supply_runs_out_on ? format_day(*r.supply_runs_out_on) : ""; }},
    {.key = "alsfrs_total",
     .heading = "ALSFRS-R",
     .use = in_file | on_screen,
     .numeric = true,
     .file_cell =
         [](const AdherenceRow& r) {
           return r.alsfrs.last_total ? std::to_string(*r.alsfrs.last_total) : "NA";
         },
     .sort_value =
         [](const AdherenceRow& r) {
           return r.alsfrs.last_total ? number(*r.alsfrs.last_total) : std::optional<double>();
         }},
    {.key = "alsfrs_on",
     .heading = "ALSFRS-R on",
     .file_cell =
         [](const AdherenceRow& r) { return r.alsfrs.last_day ? format_day(*r.alsfrs.last_day) : ""; }},
    {.key = "delta_fs",
     .heading = "Delta FS",
     .numeric = true,
     .file_cell = [](const AdherenceRow& r) { return format_points_a_month(r.alsfrs.delta_fs); }},
    {.key = "slope_6m",
     .heading = "Slope/mo",
     .use = in_file | on_screen,
     .numeric = true,
     .file_cell = [](const AdherenceRow& r) { return format_points_a_month(r.alsfrs.slope_6m); },
     .sort_value = [](const AdherenceRow& r) { return r.alsfrs.slope_6m; }},
}};

}  // namespace

std::span<const CohortColumn> cohort_columns() {
  return kColumns;
}

std::vector<const CohortColumn*> cohort_columns_in(CohortColumnUse use) {
  std::vector<const CohortColumn*> out;
  for (const CohortColumn& c : kColumns)
    if (c.use & use) out.push_back(&c);
  return out;
}

const CohortColumn* find_cohort_column(std::string_view key) {
  for (const CohortColumn& c : kColumns)
    if (c.key == key) return &c;
  return nullptr;
}

}  // namespace alsmeds
