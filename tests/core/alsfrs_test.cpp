// The ALSFRS-R (../shared/docs/domain.md, "ALSFRS-R"): scores, the parser's refusals, delta FS, the 6-month
// least-squares slope, our default flags and the 4-weekly reminder. Every figure worked by hand in the
// comments.
#include "alsmeds/records/alsfrs.hpp"

#include <catch2/catch.hpp>

#include "alsmeds/schedule/due_list.hpp"
#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;

namespace {

AlsfrsReport report(RecordId id, Day day, const char* items) {
  AlsfrsReport r;
  r.id = id;
  r.patient_id = 1;
  r.day = day;
  r.items = *parse_alsfrs_items(items, false);
  return r;
}

// Seven reports 30 days apart; totals 40, 39, 38, 38, 36, 35, 34.
std::vector<AlsfrsReport> seven() {
  return {report(1, ymd(2026, 1, 1), "4,4,4,4,4,4,2,1,1,4,4,4"),
          report(2, ymd(2026, 1, 31), "4,4,4,4,4,4,1,1,1,4,4,4"),
          report(3, ymd(2026, 3, 2), "4,4,4,4,4,4,1,1,0,4,4,4"),
          report(4, ymd(2026, 4, 1), "4,4,4,4,4,4,1,1,0,4,4,4"),
          report(5, ymd(2026, 5, 1), "4,4,4,4,4,2,1,1,0,4,4,4"),
          report(6, ymd(2026, 5, 31), "4,4,4,4,4,2,1,1,0,4,4,3"),
          report(7, ymd(2026, 6, 30), "4,4,3,4,4,2,1,1,0,4,4,3")};
}

}  // namespace

TEST_CASE("ALSFRS-R: all 4s score 48, each domain 12, and item 5 as 5a or 5b scores alike") {
  const AlsfrsScore s = score(*parse_alsfrs_items("4,4,4,4,4,4,4,4,4,4,4,4", false));
  CHECK(s.total == 48);
  CHECK(s.bulbar == 12);
  CHECK(s.fine_motor == 12);
  CHECK(s.gross_motor == 12);
  CHECK(s.respiratory == 12);
  const AlsfrsScore a = score(*parse_alsfrs_items("3,2,1,4,0,2,3,3,1,4,4,2", false));
  CHECK(a.total == 29);  // 6 + 6 + 7 + 10
  CHECK(a.bulbar == 6);
  CHECK(a.fine_motor == 6);
  CHECK(a.gross_motor == 7);
  CHECK(a.respiratory == 10);
  CHECK(score(*parse_alsfrs_items("3,2,1,4,0,2,3,3,1,4,4,2", true)).total == 29);
  CHECK(alsfrs_item_name(4, false) == "cutting food (5a)");
  CHECK(alsfrs_item_name(4, true) == "cutting food with gastrostomy (5b)");
}

TEST_CASE("ALSFRS-R: a wrong count, a missing item or a value outside 0-4 is refused naming it") {
  auto eleven = parse_alsfrs_items("4,4,4,4,4,4,4,4,4,4,4", false);
  REQUIRE_FALSE(eleven.ok());
  CHECK_THAT(eleven.error(), Catch::Contains("11 answers given, 12 needed"));
  CHECK_THAT(eleven.error(), Catch::Contains("item 12 (respiratory insufficiency)"));
  auto thirteen = parse_alsfrs_items("4,4,4,4,4,4,4,4,4,4,4,4,4", false);
  REQUIRE_FALSE(thirteen.ok());
  CHECK_THAT(thirteen.error(), Catch::Contains("13 answers given, 12 needed"));
  auto missing = parse_alsfrs_items("4,4,,4,4,4,4,4,4,4,4,4", false);
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error(), Catch::Contains("item 3 (swallowing): no answer"));
  auto five = parse_alsfrs_items("4,4,4,4,5,4,4,4,4,4,4,4", true);
  REQUIRE_FALSE(five.ok());
  CHECK_THAT(five.error(),
             Catch::Contains("cutting food with gastrostomy (5b): '5' is not an answer from 0 to 4"));
  CHECK_FALSE(parse_alsfrs_items("4,4,4,4,4,4,4,4,4,4,4,-1", false).ok());
  CHECK_FALSE(parse_alsfrs_items("4,4,4,4,4,4,4,4,4,4,4,3.5", false).ok());
  CHECK_FALSE(parse_alsfrs_items("4,4,4,4,4,4,4,4,4,4,4,04", false).ok());  // one digit an answer
}

TEST_CASE("ALSFRS-R: delta FS and the 6-month slope of seven reports, by hand") {
  const auto r = seven();
  // Onset 2025-01-01, first report 2026-01-01: 365 days = 11.9922 months; (48 - 40) / 11.9922 = 0.6671.
  CHECK(delta_fs(r, ymd(2025, 1, 1)).value() == Approx(8.0 / (365 / 30.436875)));
  CHECK(delta_fs(r, ymd(2025, 1, 1)).value() == Approx(0.6671).epsilon(1e-3));
  CHECK_FALSE(delta_fs(r, std::nullopt).has_value());
  CHECK_FALSE(delta_fs(r, ymd(2026, 1, 1)).has_value());  // no time from onset to the report
  // Days -180..0 step 30 from the last, totals 40,39,38,38,36,35,34: Sxy = -840, Sxx = 25200, slope
  // -1/30 a day = -1.0145625 a month.
  CHECK(slope_6m(r, ymd(2026, 6, 30)).value() == Approx(-1.0145625));
  // As of 04-01: days -90..0, totals 40,39,38,38: Sxy = -105, Sxx = 4500, -0.0233 a day = -0.7102 a month.
  CHECK(slope_6m(r, ymd(2026, 4, 1)).value() == Approx(-105.0 / 4500 * 30.436875));
  CHECK_FALSE(slope_6m(r, ymd(2026, 1, 15)).has_value());  // one report so far
  // Only the last 183 days: as of a report a year later, the older ones leave the fit.
  auto later = r;
  later.push_back(report(8, ymd(2027, 6, 30), "4,4,3,4,4,2,1,1,0,4,4,3"));
  later.push_back(report(9, ymd(2027, 7, 30), "4,4,3,4,4,2,1,1,0,4,4,1"));  // 32: -2 in 30 days
  CHECK(slope_6m(later, ymd(2027, 7, 30)).value() == Approx(-2.0 / 30 * 30.436875));
}

TEST_CASE("ALSFRS-R: a correction replaces its report, flags a domain down 2 and any respiratory fall") {
  auto r = seven();
  const auto flags = alsfrs_flags(r);
  // 05-01: fine motor 12 -> 10 (item 6 from 4 to 2); 05-31: respiratory 12 -> 11; 06-30: bulbar 12 -> 11 (1:
  // no).
  REQUIRE(flags.size() == 2u);
  CHECK(flags[0] == "2026-05-01: fine motor down 2 (12 to 10) since 2026-04-01");
  CHECK(flags[1] == "2026-05-31: respiratory down 1 (12 to 11) since 2026-05-01");
  AlsfrsReport fix = report(10, ymd(2026, 5, 1), "4,4,4,4,4,3,1,1,0,4,4,4");  // item 6 was 3, not 2
  fix.supersedes = 5;
  r.push_back(fix);
  CHECK(current_reports(r).size() == 7u);
  CHECK(alsfrs_flags(r).size() == 1u);  // fine motor down 1 only: the respiratory fall remains
}

TEST_CASE("ALSFRS-R: the self-report is due 4 weeks after the last, on its day") {
  PatientFacts f;
  f.patient.id = 1;
  f.zone = *find_zone("UTC");
  f.alsfrs = {report(1, ymd(2026, 3, 1), "4,4,4,4,4,4,4,4,4,4,4,4")};
  const auto alsfrs_item = [&](Day on) -> std::optional<DueItem> {
    for (const DueItem& i : due_items(f, on))
      if (i.kind == "alsfrs") return i;
    return std::nullopt;
  };
  CHECK_FALSE(alsfrs_item(ymd(2026, 3, 28)).has_value());
  REQUIRE(alsfrs_item(ymd(2026, 3, 29)).has_value());  // 03-01 + 28 days
  CHECK(alsfrs_item(ymd(2026, 3, 29))->status == DueStatus::due);
  CHECK(alsfrs_item(ymd(2026, 3, 29))->when == "2026-03-29");
  CHECK(alsfrs_item(ymd(2026, 3, 30))->status == DueStatus::overdue);
  f.alsfrs.clear();
  CHECK_FALSE(alsfrs_item(ymd(2026, 3, 30)).has_value());  // never reported: not asked (the clinic starts it)
}
