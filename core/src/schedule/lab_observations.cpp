// A patient's results of one lab test over time, from the current versions of the log's lab entries.
#include "alsmeds/schedule/lab_observations.hpp"

#include <algorithm>

#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/schedule/due_list.hpp"

namespace alsmeds {

LabSeries lab_series(const std::vector<LogEntry>& log, std::string_view test) {
  LabSeries out;
  const rules::LabTest* t = rules::find_lab_test(test);
  out.test = t ? t->code : std::string(test);
  out.unit = t ? t->value.unit : "";
  std::vector<LogEntry> holder;
  for (const LogEntry& e : current_entries(log, holder))
    if (e.kind == LogKind::lab && e.test == out.test && e.day)
      out.points.push_back({*e.day, e.value, e.uln, e.id});
  std::sort(out.points.begin(), out.points.end(), [](const LabPoint& a, const LabPoint& b) {
    return a.day != b.day ? a.day < b.day : a.id < b.id;
  });
  return out;
}

std::vector<LabSeries> observation_series(const std::vector<LogEntry>& log) {
  std::vector<LabSeries> out;
  for (const rules::LabTest& t : rules::kLabTests) {
    if (t.transaminase) continue;  // the liver tests have their own chart (ALT as multiples of ULN)
    LabSeries s = lab_series(log, t.code);
    if (!s.points.empty()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace alsmeds
