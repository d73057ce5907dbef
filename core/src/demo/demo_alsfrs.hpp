#pragma once
// The demo's ALSFRS-R reports (issue 28): a home self-report about every 4 weeks, declining at a rate drawn
// around the trial cohorts' average (docs/domain.md: about 0.9-1.0 points a month, PRO-ACT -0.99) with
// spread.
#include <cstdint>
#include <vector>

#include "alsmeds/records/alsfrs.hpp"

namespace alsmeds {

struct DemoFunction {
  RecordId patient_id = 0;
  Day onset;  // symptom onset
  Day first;  // the first report's day
  Day today;  // reports up to the day before
  bool bulbar_onset = false;
  bool gastrostomy = false;
  std::uint32_t seed = 1;
};

/// The reports, oldest first; deterministic for a seed. Each total falls by the patient's rate with a little
/// noise, rising by at most 1 between reports; the points lost go first to the items of the onset's region.
std::vector<AlsfrsReport> demo_alsfrs_reports(const DemoFunction& f);

}  // namespace alsmeds
