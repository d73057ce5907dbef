#include "alsmeds/records/alsfrs.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <unordered_set>

namespace alsmeds {
namespace {

constexpr std::string_view kNames[kAlsfrsItems] = {
    "speech",         "salivation",   "swallowing",
    "handwriting",    "cutting food", "dressing and hygiene",
    "turning in bed", "walking",      "climbing stairs",
    "dyspnea",        "orthopnea",    "respiratory insufficiency"};

constexpr double kDaysPerMonth = 30.436875;

}  // namespace

std::string alsfrs_item_name(int index, bool gastrostomy) {
  const std::string name(kNames[index]);
  if (index == 4) return gastrostomy ? "cutting food with gastrostomy (5b)" : "cutting food (5a)";
  return "item " + std::to_string(index + 1) + " (" + name + ")";
}

Result<AlsfrsItems> parse_alsfrs_items(std::string_view text, bool gastrostomy) {
  AlsfrsItems out{};
  int n = 0;
  std::size_t at = 0;
  while (true) {
    const std::size_t comma = text.find(',', at);
    std::string_view cell =
        text.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
    while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
    while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
    if (n < kAlsfrsItems) {
      int v = -1;
      const auto r = std::from_chars(cell.data(), cell.data() + cell.size(), v);
      const std::string name =
          n == 4 ? "item 5, " + alsfrs_item_name(4, gastrostomy) : alsfrs_item_name(n, false);
      if (cell.empty()) return fail(name + ": no answer (12 values 0-4, in the scale's order)");
      if (cell.size() != 1 || r.ec != std::errc() || r.ptr != cell.data() + cell.size() || v < 0 || v > 4)
        return fail(name + ": '" + std::string(cell) + "' is not an answer from 0 to 4");
      out[static_cast<std::size_t>(n)] = v;
    }
    ++n;
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  if (n != kAlsfrsItems)
    return fail(std::to_string(n) + " answers given, 12 needed (" +
                (n < kAlsfrsItems ? "the first missing is " + (n == 4 ? alsfrs_item_name(4, gastrostomy)
                                                                      : alsfrs_item_name(n, false))
                                  : std::string("one per item, speech to respiratory insufficiency")) +
                ")");
  return out;
}

AlsfrsScore score(const AlsfrsItems& i) {
  AlsfrsScore s;
  s.bulbar = i[0] + i[1] + i[2];
  s.fine_motor = i[3] + i[4] + i[5];
  s.gross_motor = i[6] + i[7] + i[8];
  s.respiratory = i[9] + i[10] + i[11];
  s.total = s.bulbar + s.fine_motor + s.gross_motor + s.respiratory;
  return s;
}

double months_between(Day from, Day to) {
  return static_cast<double>((to - from).count()) / kDaysPerMonth;
}

std::vector<AlsfrsReport> current_reports(const std::vector<AlsfrsReport>& reports) {
  std::unordered_set<RecordId> replaced;
  for (const AlsfrsReport& r : reports)
    if (r.supersedes) replaced.insert(*r.supersedes);
  std::vector<AlsfrsReport> out;
  for (const AlsfrsReport& r : reports)
    if (!replaced.count(r.id)) out.push_back(r);
  std::sort(out.begin(), out.end(), [](const AlsfrsReport& a, const AlsfrsReport& b) {
    return a.day != b.day ? a.day < b.day : a.id < b.id;
  });
  return out;
}

std::optional<double> delta_fs(const std::vector<AlsfrsReport>& reports, std::optional<Day> onset) {
  const std::vector<AlsfrsReport> r = current_reports(reports);
  if (!onset || r.empty() || r.front().day <= *onset) return std::nullopt;
  return (48.0 - score(r.front().items).total) / months_between(*onset, r.front().day);
}

std::optional<double> slope_6m(const std::vector<AlsfrsReport>& reports, Day as_of) {
  std::vector<AlsfrsReport> r = current_reports(reports);
  std::erase_if(r, [&](const AlsfrsReport& x) { return x.day > as_of; });
  if (r.empty()) return std::nullopt;
  const Day last = r.back().day;
  std::erase_if(r, [&](const AlsfrsReport& x) { return x.day < last - date::days{183}; });
  if (r.size() < 2 || r.front().day == last) return std::nullopt;
  double sx = 0, sy = 0;
  for (const AlsfrsReport& x : r) {
    sx += months_between(last, x.day);
    sy += score(x.items).total;
  }
  const double n = static_cast<double>(r.size()), mx = sx / n, my = sy / n;
  double sxy = 0, sxx = 0;
  for (const AlsfrsReport& x : r) {
    const double dx = months_between(last, x.day) - mx;
    sxy += dx * (score(x.items).total - my);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

std::string format_alsfrs_items(const AlsfrsItems& items) {
  std::string out;
  for (int v : items) out += (out.empty() ? "" : ",") + std::to_string(v);
  return out;
}

std::string describe_alsfrs(const AlsfrsReport& r) {
  return "ALSFRS-R " + format_day(r.day) + ": " + format_alsfrs_items(r.items) +
         (r.gastrostomy ? " (5b)" : "") +
         (r.supersedes ? ", corrects report " + std::to_string(*r.supersedes) : "");
}

std::vector<std::string> alsfrs_flags(const std::vector<AlsfrsReport>& reports) {
  const std::vector<AlsfrsReport> r = current_reports(reports);
  std::vector<std::string> out;
  for (std::size_t i = 1; i < r.size(); ++i) {
    const AlsfrsScore a = score(r[i - 1].items), b = score(r[i].items);
    const auto said = [&](const char* domain, int before, int now) {
      out.push_back(format_day(r[i].day) + ": " + domain + " down " + std::to_string(before - now) + " (" +
                    std::to_string(before) + " to " + std::to_string(now) + ") since " +
                    format_day(r[i - 1].day));
    };
    if (a.bulbar - b.bulbar >= 2) said("bulbar", a.bulbar, b.bulbar);
    if (a.fine_motor - b.fine_motor >= 2) said("fine motor", a.fine_motor, b.fine_motor);
    if (a.gross_motor - b.gross_motor >= 2) said("gross motor", a.gross_motor, b.gross_motor);
    if (b.respiratory < a.respiratory) said("respiratory", a.respiratory, b.respiratory);
  }
  return out;
}

std::optional<Day> alsfrs_next_due(const std::vector<AlsfrsReport>& reports, int every_days) {
  const std::vector<AlsfrsReport> r = current_reports(reports);
  if (r.empty()) return std::nullopt;
  Day last = r.front().day;
  for (const AlsfrsReport& x : r) last = std::max(last, x.day);
  return last + date::days{every_days};
}

std::string format_points_a_month(std::optional<double> v) {
  if (!v) return "NA";
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", *v);
  return std::string(b) == "-0.00" ? "0.00" : b;
}

AlsfrsSummary alsfrs_summary(const std::vector<AlsfrsReport>& reports, std::optional<Day> onset, Day as_of) {
  std::vector<AlsfrsReport> by_then;
  for (AlsfrsReport& r : current_reports(reports))
    if (r.day <= as_of) by_then.push_back(std::move(r));
  AlsfrsSummary s;
  if (by_then.empty()) return s;
  for (const AlsfrsReport& r : by_then) s.totals.emplace_back(r.day, score(r.items).total);
  s.last_day = by_then.back().day;
  s.last_total = score(by_then.back().items).total;
  s.delta_fs = delta_fs(by_then, onset);
  s.slope_6m = slope_6m(by_then, as_of);
  return s;
}

}  // namespace alsmeds
