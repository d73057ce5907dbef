// The cohort report's columns are defined once (issue 26): the CLI's file, the PDF/HTML page and the app's
// table all read core's table. Expectations from docs/cli.md (the file's first columns) and by hand.
#include "alsmeds/adherence/cohort_columns.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace alsmeds;

namespace {

std::vector<std::string> keys(const std::vector<const CohortColumn*>& columns) {
  std::vector<std::string> out;
  for (const CohortColumn* c : columns) out.emplace_back(c->key);
  return out;
}

}  // namespace

TEST_CASE("Cohort columns: one table, the file's columns as docs/cli.md names them, unique keys") {
  const auto file = keys(cohort_columns_in(in_file));
  // docs/cli.md: "columns: patient_id,mrn,drug,scheduled,taken,taking_pct,timing_pct,pdc_pct", and among
  // the later ones deviations and start_delay_days.
  REQUIRE(file.size() >= 8u);
  CHECK(std::vector<std::string>(file.begin(), file.begin() + 8) ==
        std::vector<std::string>{"patient_id", "mrn", "drug", "scheduled", "taken", "taking_pct",
                                 "timing_pct", "pdc_pct"});
  CHECK(std::count(file.begin(), file.end(), "deviations") == 1);
  CHECK(std::count(file.begin(), file.end(), "start_delay_days") == 1);
  std::set<std::string> seen;
  for (const CohortColumn& c : cohort_columns()) {
    CHECK(seen.insert(std::string(c.key)).second);
    CHECK(c.file_cell != nullptr);
    CHECK_FALSE(c.heading.empty());
    CHECK(c.use != 0u);
  }
  CHECK(find_cohort_column("pdc_pct") != nullptr);
  CHECK(find_cohort_column("no_such_column") == nullptr);
  // The page: the patient by name, then the measures, ending with the deviations and the start delay.
  CHECK(keys(cohort_columns_in(on_page)) ==
        std::vector<std::string>{"patient", "mrn", "drug", "taking_pct", "timing_pct", "pdc_pct", "gap_days",
                                 "last_alt_x_uln", "open_alerts", "effects_grade2_plus", "deviations",
                                 "start_delay_days"});
}

TEST_CASE("Cohort columns: each heading on the page fits its column") {
  // Found on the page: "ALT xULN" ran into "Alerts" and "G2+ effects" into "Dev.". An 8-point bold heading
  // takes about 5 points a character (DejaVu Sans); the last column has the page's edge to itself.
  const auto page = cohort_columns_in(on_page);
  for (std::size_t i = 0; i + 1 < page.size(); ++i) {
    INFO(page[i]->key);
    CHECK(static_cast<double>(page[i]->heading_on_page().size()) * 5.0 <= page[i]->page_points);
  }
}

TEST_CASE("Cohort columns: a file holds numbers, people read units, unknown is NA") {
  // By hand: 5 of 6 doses taken = 83.33...% -> "83.3" in a file, "83.3%" for people; ALT 46 / ULN 40 = 1.15x
  // -> "1.2" and "1.2x"; no start delay known -> "NA" in both.
  AdherenceRow r;
  r.patient.id = 7;
  r.patient.name = "Ana Lima";
  r.doses.scheduled = 6;
  r.doses.taken = 5;
  r.last_alt_x_uln = 46.0 / 40.0;
  const CohortColumn* taking = find_cohort_column("taking_pct");
  const CohortColumn* alt = find_cohort_column("last_alt_x_uln");
  const CohortColumn* delay = find_cohort_column("start_delay_days");
  REQUIRE(taking);
  REQUIRE(alt);
  REQUIRE(delay);
  CHECK(taking->file_cell(r) == "83.3");
  CHECK(taking->shown(r) == "83.3%");
  REQUIRE(taking->sort_value);
  CHECK(taking->sort_value(r).value() == Approx(500.0 / 6.0));
  CHECK(alt->file_cell(r) == "1.2");
  CHECK(alt->shown(r) == "1.2x");
  CHECK(delay->file_cell(r) == "NA");
  CHECK(delay->shown(r) == "NA");
  r.last_alt_x_uln.reset();
  CHECK(alt->shown(r) == "NA");
  CHECK_FALSE(alt->sort_value(r).has_value());
  CHECK(find_cohort_column("patient")->shown(r) == "Ana Lima");
  CHECK(find_cohort_column("patient_id")->file_cell(r) == "7");
}
