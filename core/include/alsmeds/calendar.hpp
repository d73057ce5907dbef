#pragma once
// Calendar days, wall-clock times and their text forms. Every parser checks validity (year_month_day::ok())
// and says which value was wrong, so the front ends can print it as is.
#include <date/date.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/result.hpp"

namespace alsmeds {

using Day = date::sys_days;              // a calendar day
using Instant = date::sys_seconds;       // an absolute moment (UTC seconds)
using WallClock = std::chrono::minutes;  // minutes after local midnight, 0..1439

/// Parses YYYY-MM-DD; rejects 2026-02-30, 2026-2-3, trailing text.
Result<Day> parse_day(std::string_view text);
/// Parses HH:MM in 24 h form, 00:00..23:59.
Result<WallClock> parse_wall_clock(std::string_view text);
/// Parses a comma-separated list of days (empty text gives an empty list).
Result<std::vector<Day>> parse_day_list(std::string_view text);
/// Parses a comma-separated list of HH:MM times.
Result<std::vector<WallClock>> parse_wall_clock_list(std::string_view text);

std::string format_day(Day day);             // 2026-03-08
std::string format_wall_clock(WallClock t);  // 08:00
std::string format_utc(Instant t);           // 2026-03-08T12:00:00Z
std::string weekday_name(Day day);           // Mon

bool is_weekend(Day day);
/// `months` calendar months after `start`, counted from the start (never chained); a day that does not exist
/// in the target month becomes that month's last day (31 Jan + 1 month = 28/29 Feb).
Day add_months_clamped(Day start, int months);
/// Saturday and Sunday move to the following Monday; other days are returned unchanged.
Day next_weekday_if_weekend(Day day);

}  // namespace alsmeds
