#pragma once
// A patient's results of one lab test over time (issue 26: tofersen's NfL and CSF observations, charted in
// the app): the current version of each result, by day.
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/records/records.hpp"

namespace alsmeds {

struct LabPoint {
  Day day;
  double value = 0;
  double uln = 0;  // 0: none recorded
  RecordId id = 0;
};

struct LabSeries {
  std::string test;              // as registered (rules::kLabTests)
  std::string unit;              // the result's unit
  std::vector<LabPoint> points;  // by day, then by id (two results of one day both kept)
};

/// The current results of `test` in `log` (corrections replace what they correct; a withdrawn one is gone).
LabSeries lab_series(const std::vector<LogEntry>& log, std::string_view test);

/// The series of tofersen's observations (NfL, CSF-WBC, CSF-protein) that have a result, in the rulebook's
/// order.
std::vector<LabSeries> observation_series(const std::vector<LogEntry>& log);

}  // namespace alsmeds
