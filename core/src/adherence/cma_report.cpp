#include "alsmeds/adherence/cma_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

namespace alsmeds {
namespace {

std::string fraction(const std::optional<double>& v) {
  if (!v) return "NA";
  char text[32];
  std::snprintf(text, sizeof text, "%.6f", *v);
  return text;
}

}  // namespace

std::vector<CmaRow> cma_rows(const std::vector<Patient>& patients,
                             const std::vector<DispensingRecord>& dispensings,
                             const CmaReportOptions& options) {
  std::map<std::pair<RecordId, Drug>, std::vector<SupplyEvent>> events;
  for (const DispensingRecord& d : dispensings)
    events[{d.patient_id, d.drug}].push_back({d.day, d.days_supply});
  std::unordered_map<RecordId, const Patient*> by_id;
  for (const Patient& p : patients) by_id.emplace(p.id, &p);

  std::vector<CmaRow> out;
  for (auto& [key, list] : events) {
    const auto patient = by_id.find(key.first);
    if (patient == by_id.end()) continue;  // not asked for
    std::stable_sort(list.begin(), list.end(),
                     [](const SupplyEvent& a, const SupplyEvent& b) { return a.day < b.day; });
    const Day start = options.from ? *options.from : list.front().day;
    const CmaWindows windows = cma_windows(start, options.lead_in, options.days);
    if (options.slide_days > 0) {
      for (const SlidingCma& s : sliding_cma(list, windows, options.slide_days, options.step_days))
        out.push_back({*patient->second, key.second, s.start, s.end, s.values});
    } else {
      out.push_back({*patient->second, key.second, windows.observation_start, windows.observation_end,
                     compute_cma(list, windows)});
    }
  }
  return out;
}

RecordTable cma_table(const std::vector<CmaRow>& rows, bool with_windows) {
  RecordTable t;
  t.title = "CMA1-CMA9 (AdhereR definitions) per patient and drug";
  t.columns = {{"patient_id", true}, {"mrn", false}, {"drug", false}};
  for (int i = 1; i <= 9; ++i) t.columns.push_back({"CMA" + std::to_string(i), true});
  if (with_windows) {
    t.columns.push_back({"window_start", false});
    t.columns.push_back({"window_end", false});
  }
  for (const CmaRow& r : rows) {
    std::vector<std::string> row{std::to_string(r.patient.id), r.patient.mrn.value_or(""),
                                 std::string(to_string(r.drug))};
    for (const auto& v : r.values) row.push_back(fraction(v));
    if (with_windows) {
      row.push_back(format_day(r.window_start));
      row.push_back(format_day(r.window_end));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace alsmeds
