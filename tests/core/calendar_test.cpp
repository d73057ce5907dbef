#include "alsmeds/calendar.hpp"

#include <catch2/catch.hpp>

#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;

TEST_CASE("Dates: strict YYYY-MM-DD with real calendar days") {
  CHECK(*parse_day("2026-03-08") == ymd(2026, 3, 8));
  CHECK(*parse_day("2028-02-29") == ymd(2028, 2, 29));
  for (const char* bad : {"2026-02-30", "2027-02-29", "2026-13-01", "2026-00-10", "2026-1-05", "2026-01-5",
                          "26-01-05", "2026-01-05x", "", "2026/01/05", "abcd-ef-gh", " 2026-01-05"}) {
    INFO(bad);
    const auto r = parse_day(bad);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::Contains(std::string("'") + bad + "'"));
  }
}

TEST_CASE("Times: HH:MM from 00:00 to 23:59") {
  CHECK(parse_wall_clock("00:00")->count() == 0);
  CHECK(parse_wall_clock("23:59")->count() == 23 * 60 + 59);
  for (const char* bad : {"24:00", "25:00", "12:60", "8:00", "08:0", "08-00", "", "0800"}) {
    INFO(bad);
    CHECK_FALSE(parse_wall_clock(bad).ok());
  }
  CHECK(format_wall_clock(WallClock{8 * 60 + 5}) == "08:05");
}

TEST_CASE("Lists of days and times") {
  CHECK(parse_day_list("")->empty());
  CHECK(*parse_day_list("2026-01-01,2026-12-25") == std::vector<Day>{ymd(2026, 1, 1), ymd(2026, 12, 25)});
  CHECK_THAT(parse_day_list("2026-01-01,2026-02-31").error(), Catch::Contains("2026-02-31"));
  CHECK_FALSE(parse_day_list("2026-01-01,").ok());
}

TEST_CASE("Months are added from the start and clamped to the end of the month") {
  CHECK(add_months_clamped(ymd(2026, 1, 31), 1) == ymd(2026, 2, 28));
  CHECK(add_months_clamped(ymd(2026, 1, 31), 3) == ymd(2026, 4, 30));
  CHECK(add_months_clamped(ymd(2026, 1, 31), 12) == ymd(2027, 1, 31));
  CHECK(add_months_clamped(ymd(2026, 11, 15), 3) == ymd(2027, 2, 15));
}

TEST_CASE("Weekend days move to Monday") {
  CHECK(next_weekday_if_weekend(ymd(2026, 1, 31)) == ymd(2026, 2, 2));  // Saturday
  CHECK(next_weekday_if_weekend(ymd(2026, 2, 1)) == ymd(2026, 2, 2));   // Sunday
  CHECK(next_weekday_if_weekend(ymd(2026, 2, 3)) == ymd(2026, 2, 3));   // Tuesday
}

TEST_CASE("A day is written YYYY-MM-DD, as the date library formats it, every day of 1900 to 2200") {
  CHECK(format_day(ymd(2026, 3, 5)) == "2026-03-05");
  CHECK(format_day(ymd(999, 12, 31)) == "0999-12-31");
  for (Day d = ymd(1900, 1, 1); d <= ymd(2200, 12, 31); d += date::days{1}) {
    const std::string expected = date::format("%F", d);
    if (format_day(d) != expected) FAIL(expected);
    if (!parse_day(expected) || *parse_day(expected) != d) FAIL("parse " + expected);
  }
}
