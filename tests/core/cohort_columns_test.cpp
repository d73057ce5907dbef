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

TEST_CASE("Report period: one rule for the app and the command line, days to come never counted") {
  // Today 2026-03-10 12:00 UTC.
  const Day today{date::year{2026} / 3 / 10};
  const Instant now = Instant{date::sys_days{today}} + std::chrono::hours{12};
  auto refused = report_period(today + date::days{1}, today + date::days{5}, today, now, DaysToCome::refused);
  REQUIRE_FALSE(refused);
  CHECK(refused.error() ==
        "from: 2026-03-11 is in the future (today is 2026-03-10): there is nothing to count yet");
  auto line = report_period(today + date::days{1}, today + date::days{5}, today, now,
                            DaysToCome::counted_to_today, "--from", "--to");
  REQUIRE_FALSE(line);
  CHECK(line.error().rfind("--from: 2026-03-11 is in the future", 0) == 0);
  CHECK_FALSE(report_period(today, today - date::days{1}, today, now, DaysToCome::counted_to_today));
  CHECK_FALSE(report_period(today - date::days{9}, today + date::days{20}, today, now, DaysToCome::refused));
  auto month =
      report_period(today - date::days{9}, today + date::days{21}, today, now, DaysToCome::counted_to_today);
  REQUIRE(month);
  CHECK(month->due_by == now);
  auto past = report_period(today - date::days{9}, today - date::days{1}, today, now, DaysToCome::refused);
  REQUIRE(past);
  CHECK_FALSE(past->due_by.has_value());
}

TEST_CASE("Refill measures of a period that reaches beyond today stop at the patient's today") {
  // Found trying the CLI: a month's report made on its 10th counted the 21 days to come as gaps (PDC 32%,
  // flagged). By hand: a 30-day fill on 2026-03-01 covers 1 to 30 March; the report of March made on 10 March
  // measures 1 to 10 March: 10 of 10 days covered, PDC 100%, no gap, MPR 30 / 10 days = 300%.
  PatientFacts f;
  f.patient.id = 1;
  f.patient.tz = "UTC";
  f.zone = *find_zone("UTC");
  Therapy t;
  t.id = 7;
  t.drug = Drug::riluzole;
  t.product = Product::riluzole_tablet;
  t.start = Day{date::year{2026} / 3 / 1};
  f.therapies = {t};
  LogEntry fill;
  fill.id = 1;
  fill.patient_id = 1;
  fill.kind = LogKind::dispensing;
  fill.drug = Drug::riluzole;
  fill.day = t.start;
  fill.at = Instant{date::sys_days{t.start}};
  fill.days_supply = 30;
  f.log = {fill};
  Period march{t.start, Day{date::year{2026} / 3 / 31}};
  march.due_by = Instant{date::sys_days{date::year{2026} / 3 / 10}} + std::chrono::hours{12};
  const auto rows = adherence_rows(f, march);
  REQUIRE(rows.size() == 1u);
  REQUIRE(rows[0].refills.pdc_pct.has_value());
  CHECK(*rows[0].refills.pdc_pct == Approx(100.0));
  CHECK(rows[0].refills.gap_days == 0);
  CHECK(*rows[0].refills.mpr_pct == Approx(300.0));
  // The whole month once it is over: 30 of 31 days.
  march.due_by.reset();
  CHECK(*adherence_rows(f, march)[0].refills.pdc_pct == Approx(100.0 * 30 / 31));
}
