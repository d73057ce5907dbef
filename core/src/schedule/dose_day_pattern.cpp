// The text of a chosen dose-day pattern (edaravone.hpp DoseDayPattern): the form board propose prints,
// "c1:1-14;c2:1-5,8-12;c3:1-10", read back when a nurse starts a course from a proposal.
#include <algorithm>
#include <charconv>
#include <set>

#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {
namespace {

std::optional<int> number(std::string_view text) {
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t from = 0;;) {
    const auto at = text.find(sep, from);
    out.push_back(text.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    if (at == std::string_view::npos) return out;
    from = at + 1;
  }
}

}  // namespace

std::string format_dose_day_pattern(const DoseDayPattern& pattern) {
  std::string out;
  for (const auto& [cycle, days] : pattern) {
    out += (out.empty() ? "c" : ";c") + std::to_string(cycle) + ":";
    for (std::size_t i = 0; i < days.size();) {
      std::size_t j = i;
      while (j + 1 < days.size() && days[j + 1] == days[j] + 1) ++j;
      out += (i ? "," : "") + std::to_string(days[i]) + (j > i ? "-" + std::to_string(days[j]) : "");
      i = j + 1;
    }
  }
  return out;
}

Result<DoseDayPattern> parse_dose_day_pattern(std::string_view text) {
  DoseDayPattern out;
  if (text.empty()) return out;
  for (const std::string_view part : split(text, ';')) {
    const auto colon = part.find(':');
    const auto cycle = part.size() > 1 && part[0] == 'c' && colon != std::string_view::npos
                           ? number(part.substr(1, colon - 1))
                           : std::nullopt;
    if (!cycle || *cycle < 1 || *cycle > 500)
      return fail(quote_short(part) + " is not cN:DAYS with a cycle N from 1 to 500");
    std::set<int> days;
    for (const std::string_view run : split(part.substr(colon + 1), ',')) {
      const auto dash = run.find('-');
      const auto first = number(run.substr(0, dash));
      const auto last = dash == std::string_view::npos ? first : number(run.substr(dash + 1));
      if (!first || !last || *first < 1 || *last > kDosingWindowDays || *first > *last)
        return fail("cycle " + std::to_string(*cycle) + ": " + quote_short(run) +
                    " is not a day or a run of days from 1 to 14");
      for (int d = *first; d <= *last; ++d)
        if (!days.insert(d).second)
          return fail("cycle " + std::to_string(*cycle) + ": day " + std::to_string(d) + " is given twice");
    }
    if (out.count(*cycle)) return fail("cycle " + std::to_string(*cycle) + " is given twice");
    if (*cycle == 1) {
      if (days.size() != static_cast<std::size_t>(kFirstCycleDoses))
        return fail("cycle 1 is its 14 consecutive days (c1:1-14), not " + quote_short(part));
      out[1];  // marks it seen; removed below
      continue;
    }
    if (days.size() != static_cast<std::size_t>(kLaterCycleDoses))
      return fail("cycle " + std::to_string(*cycle) + " has " + std::to_string(days.size()) +
                  " days: a later cycle doses on 10 days of its 14");
    out[*cycle] = std::vector<int>(days.begin(), days.end());
  }
  out.erase(1);
  return out;
}

}  // namespace alsmeds
