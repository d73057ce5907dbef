// Liver-test schedules and ALT evaluation, with expectations worked from docs/domain.md by hand.
#include "alsmeds/regimens/liver_tests.hpp"

#include <catch2/catch.hpp>

#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;

namespace {

LiverTestPlan lft(Day start, int months, LiverTestSchedule schedule = LiverTestSchedule::eu,
                  bool weekdays = false) {
  auto p = plan_liver_tests({start, months, schedule, weekdays});
  REQUIRE(p.ok());
  return p.value();
}

std::vector<Day> due_days(const LiverTestPlan& p) {
  std::vector<Day> out;
  for (const auto& t : p.tests) out.push_back(t.due);
  return out;
}

std::vector<std::string> reasons(const LiverTestPlan& p) {
  std::vector<std::string> out;
  for (const auto& t : p.tests) out.push_back(t.reason);
  return out;
}

}  // namespace

TEST_CASE("EU schedule from 31 Jan: months counted from the start and clamped to the month's end") {
  const auto p = lft(ymd(2026, 1, 31), 24);
  CHECK(due_days(p) == std::vector<Day>{ymd(2026, 1, 31), ymd(2026, 2, 28), ymd(2026, 3, 31),
                                        ymd(2026, 4, 30), ymd(2026, 7, 31), ymd(2026, 10, 31),
                                        ymd(2027, 1, 31), ymd(2027, 7, 31), ymd(2028, 1, 31)});
  CHECK(reasons(p) == std::vector<std::string>{"baseline", "month-1", "month-2", "month-3", "month-6",
                                               "month-9", "month-12", "month-18", "month-24"});
  CHECK(p.warnings.empty());
}

TEST_CASE("Leap year: one month after 31 Jan 2028 is 29 Feb") {
  CHECK(lft(ymd(2028, 1, 31), 1).tests[1].due == ymd(2028, 2, 29));
  CHECK(lft(ymd(2027, 11, 30), 3).tests[3].due == ymd(2028, 2, 29));  // never chained through 30 Dec / 30 Jan
}

TEST_CASE("US schedule: monthly for 3 months, then every 6 months (our reading of 'periodically')") {
  const auto p = lft(ymd(2026, 1, 15), 24, LiverTestSchedule::us);
  CHECK(reasons(p) == std::vector<std::string>{"baseline", "month-1", "month-2", "month-3", "month-6",
                                               "month-12", "month-18", "month-24"});
}

TEST_CASE("Weekdays only: weekend tests move to the next Monday, a weekend baseline to the Friday before") {
  const auto p = lft(ymd(2026, 1, 31), 18, LiverTestSchedule::eu, true);
  // 31 Jan 2026 Sat (baseline: before the first dose, so Fri 30 Jan, issue 13), 28 Feb Sat, 31 Mar Tue, 30
  // Apr Thu, 31 Jul Fri, 31 Oct Sat, 31 Jan 2027 Sun, 31 Jul 2027 Sat.
  CHECK(due_days(p) == std::vector<Day>{ymd(2026, 1, 30), ymd(2026, 3, 2), ymd(2026, 3, 31), ymd(2026, 4, 30),
                                        ymd(2026, 7, 31), ymd(2026, 11, 2), ymd(2027, 2, 1),
                                        ymd(2027, 8, 2)});
  for (Day d : due_days(p)) CHECK_FALSE(is_weekend(d));
  CHECK(p.warnings.empty());
  // A Sunday start: the baseline on Friday, two days before.
  CHECK(due_days(lft(ymd(2026, 2, 1), 0, LiverTestSchedule::eu, true)) == std::vector<Day>{ymd(2026, 1, 30)});
  CHECK(lft(ymd(2026, 2, 2), 0, LiverTestSchedule::eu, true).warnings.empty());
}

TEST_CASE("Horizon: 0 months is the baseline only - out-of-range horizons are errors") {
  CHECK(lft(ymd(2026, 1, 5), 0).tests.size() == 1u);
  CHECK(lft(ymd(2026, 1, 5), 36).tests.back().reason == "month-36");
  CHECK_FALSE(plan_liver_tests({ymd(2026, 1, 5), -1, LiverTestSchedule::eu, false}).ok());
}

TEST_CASE("ALT against a ULN of 40 U/L: thresholds at 1x, 3x, 5x and CTCAE grades") {
  struct Row {
    double value;
    AltAlertLevel level;
    int grade;
  };
  // Worked from the rules: >1x note, >3x warning, >=5x stop; CTCAE G1 >1-3x, G2 >3-5x, G3 >5-20x, G4 >20x.
  const Row rows[] = {{0, AltAlertLevel::none, 0},      {40, AltAlertLevel::none, 0},
                      {41, AltAlertLevel::note, 1},     {120, AltAlertLevel::note, 1},
                      {121, AltAlertLevel::warning, 2}, {199, AltAlertLevel::warning, 2},
                      {200, AltAlertLevel::stop, 2},    {201, AltAlertLevel::stop, 3},
                      {800, AltAlertLevel::stop, 3},    {801, AltAlertLevel::stop, 4}};
  for (const Row& r : rows) {
    INFO("ALT " << r.value);
    const auto a = assess_alt(r.value, 40, false);
    REQUIRE(a.ok());
    CHECK(a->level == r.level);
    CHECK(a->ctcae_grade == r.grade);
    CHECK_FALSE(a->contraindicated);
    // A re-test within a month above 1x (rising: issue 25), within 14 days above 3x, within 7 days at 5x or
    // more (issue 13: it had none at 5x).
    CHECK(a->retest_within_days.has_value() == (r.level != AltAlertLevel::none));
  }
  CHECK(*assess_alt(41, 40, false)->retest_within_days == 30);
  CHECK(*assess_alt(121, 40, false)->retest_within_days == 14);
  CHECK(*assess_alt(200, 40, false)->retest_within_days == 7);
}

TEST_CASE("A message about a rule shows enough digits to agree with it (199/40 and 200/40, issue 25)") {
  // 199 U/L at ULN 40 is 4.975x: under 5x, a warning; one decimal would read "5.0", the stop level.
  const auto below = assess_alt(199, 40, false);
  REQUIRE(below.ok());
  CHECK(below->level == AltAlertLevel::warning);
  CHECK(below->message == "ALT 4.98x ULN: above 3x ULN, repeat ALT within 14 days");
  // 200/40 is exactly 5x: the stop level, shown as 5.0.
  CHECK(assess_alt(200, 40, false)->message ==
        "ALT 5.0x ULN: 5x ULN or more, discontinue riluzole (EU SmPC; US PI: not recommended)");
  // 120.04/40 = 3.001x, above 3x: "3.0" would read as 3x (not above): three decimals.
  CHECK(format_times_uln_for_rule(120.04 / 40) == "3.001");
  CHECK(format_times_uln_for_rule(210.0 / 40) == "5.3");  // far from a threshold: one decimal, as before
}

TEST_CASE("AST is judged with ALT's thresholds and named in the message (US PI: aminotransferases)") {
  // AST 300 U/L at ULN 40 = 7.5x: 5x or more, stop.
  const auto a = assess_transaminase("AST", 300, 40, false);
  REQUIRE(a.ok());
  CHECK(a->level == AltAlertLevel::stop);
  CHECK(*a->retest_within_days == 7);
  CHECK(a->message == "AST 7.5x ULN: 5x ULN or more, discontinue riluzole (EU SmPC; US PI: not recommended)");
}

TEST_CASE("Baseline above 3x ULN is a contraindication - exactly 3x is not") {
  CHECK(assess_alt(121, 40, true)->contraindicated);
  CHECK_FALSE(assess_alt(120, 40, true)->contraindicated);
  CHECK_THAT(assess_alt(121, 40, true)->message, Catch::Contains("contraindicated"));
}

TEST_CASE("Decimal ULN: 99.9 against 33.3 is exactly 3x, not above it") {
  CHECK(assess_alt(99.9, 33.3, false)->level == AltAlertLevel::note);
  CHECK(assess_alt(166.5, 33.3, false)->level == AltAlertLevel::stop);  // exactly 5x
}

TEST_CASE("Invalid ALT inputs are errors") {
  CHECK_FALSE(assess_alt(-1, 40, false).ok());
  CHECK_FALSE(assess_alt(50, 0, false).ok());
  CHECK_FALSE(assess_alt(50, -40, false).ok());
}
