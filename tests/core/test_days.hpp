#pragma once
// Test helpers: calendar days written as numbers, independent of the parsers under test.
#include <date/date.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "alsmeds/calendar.hpp"

namespace alsmeds::test {

inline Day ymd(int y, unsigned m, unsigned d) {
  const date::year_month_day v{date::year{y}, date::month{m}, date::day{d}};
  REQUIRE(v.ok());
  return Day{v};
}

/// Every day from `first` to `last` inclusive.
inline std::vector<Day> day_range(Day first, Day last) {
  std::vector<Day> out;
  for (Day d = first; d <= last; d += date::days{1}) out.push_back(d);
  return out;
}

}  // namespace alsmeds::test
