// Fuzz target: the date, time, instant and list parsers. Whatever they accept must print back as it was read.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "alsmeds/calendar.hpp"
#include "alsmeds/zone_clock.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alsmeds;
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (auto d = parse_day(text); d && format_day(*d) != text) std::abort();
  if (auto t = parse_wall_clock(text); t && format_wall_clock(*t) != text) std::abort();
  static const Zone zone = *find_zone("America/New_York");
  if (auto i = parse_instant(text, zone)) {
    // An accepted instant's day is within a day of the day written in the text.
    const auto written = parse_day(text.substr(0, 10));
    if (!written) std::abort();
    const auto gap = (date::floor<date::days>(*i) - *written).count();
    if (gap < -1 || gap > 2) std::abort();
  }
  (void)parse_day_list(text);
  (void)parse_wall_clock_list(text);
  return 0;
}
