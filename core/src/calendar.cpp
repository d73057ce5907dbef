#include "alsmeds/calendar.hpp"

#include <charconv>
#include <cstdio>

#include "alsmeds/text.hpp"

namespace alsmeds {
namespace {

// Reads exactly `width` ASCII digits at `pos`.
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  const char* first = text.data() + pos;
  for (std::size_t i = 0; i < width; ++i)
    if (first[i] < '0' || first[i] > '9') return false;
  return std::from_chars(first, first + width, out).ec == std::errc{};
}

template <class T, class Parse>
Result<std::vector<T>> parse_list(std::string_view text, Parse parse) {
  std::vector<T> out;
  if (text.empty()) return out;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = text.find(',', begin);
    const std::string_view item =
        text.substr(begin, comma == std::string_view::npos ? text.npos : comma - begin);
    auto parsed = parse(item);
    if (!parsed) return fail(parsed.error());
    out.push_back(*parsed);
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return out;
}

}  // namespace

Result<Day> parse_day(std::string_view text) {
  int y = 0, m = 0, d = 0;
  const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-' && read_digits(text, 0, 4, y) &&
                     read_digits(text, 5, 2, m) && read_digits(text, 8, 2, d);
  const auto ymd =
      date::year{y} / date::month{static_cast<unsigned>(m)} / date::day{static_cast<unsigned>(d)};
  if (!shape || !ymd.ok() || y < 1900) return fail(quote_short(text) + " is not a valid date (YYYY-MM-DD)");
  return Day{ymd};
}

Result<WallClock> parse_wall_clock(std::string_view text) {
  int h = 0, m = 0;
  if (text.size() != 5 || text[2] != ':' || !read_digits(text, 0, 2, h) || !read_digits(text, 3, 2, m) ||
      h > 23 || m > 59)
    return fail(quote_short(text) + " is not a valid time (HH:MM, 00:00 to 23:59)");
  return WallClock{h * 60 + m};
}

Result<std::vector<Day>> parse_day_list(std::string_view text) {
  return parse_list<Day>(text, parse_day);
}

Result<std::vector<WallClock>> parse_wall_clock_list(std::string_view text) {
  return parse_list<WallClock>(text, parse_wall_clock);
}

std::string format_day(Day day) {
  // Hand-formatted: date::format goes through iostreams and costs a microsecond per call, snprintf a
  // tenth of one (an import of a million doses formats a day for each).
  const date::year_month_day ymd{day};
  int year = static_cast<int>(ymd.year()) % 10000;
  if (year < 0) year = -year;  // outside the era the rules allow: shown, never stored
  const unsigned month = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
  std::string out = "0000-00-00";
  out[0] = static_cast<char>('0' + year / 1000);
  out[1] = static_cast<char>('0' + year / 100 % 10);
  out[2] = static_cast<char>('0' + year / 10 % 10);
  out[3] = static_cast<char>('0' + year % 10);
  out[5] = static_cast<char>('0' + month / 10);
  out[6] = static_cast<char>('0' + month % 10);
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

std::string format_wall_clock(WallClock t) {
  const auto m = t.count();
  std::string out(5, '0');
  out[0] = static_cast<char>('0' + m / 600);
  out[1] = static_cast<char>('0' + (m / 60) % 10);
  out[2] = ':';
  out[3] = static_cast<char>('0' + (m % 60) / 10);
  out[4] = static_cast<char>('0' + m % 10);
  return out;
}

std::string format_utc(Instant t) {
  return date::format("%FT%TZ", t);
}

std::string weekday_name(Day day) {
  return date::format("%a", day);
}

bool is_weekend(Day day) {
  const date::weekday wd{day};
  return wd == date::Saturday || wd == date::Sunday;
}

Day add_months_clamped(Day start, int months) {
  const date::year_month_day ymd{start};
  const date::year_month target = date::year_month{ymd.year(), ymd.month()} + date::months{months};
  const date::day last = date::year_month_day_last{target.year(), date::month_day_last{target.month()}}.day();
  return Day{target.year() / target.month() / (ymd.day() > last ? last : ymd.day())};
}

Day next_weekday_if_weekend(Day day) {
  const date::weekday wd{day};
  if (wd == date::Saturday) return day + date::days{2};
  if (wd == date::Sunday) return day + date::days{1};
  return day;
}

}  // namespace alsmeds
