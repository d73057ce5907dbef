#pragma once
// CMA1-CMA9, the continuous multiple-interval measures of medication availability, with the semantics of the
// AdhereR R package (Dima & Dediu; definitions from Vollmer et al. 2012). docs/domain.md, "Adherence
// measures"; docs/cli.md, "report cma".
//
// Windows, as AdhereR draws them: the follow-up window runs from its start day to its end day, the
// observation window inside it likewise. Both end days are `start + duration`, and an event dated on the end
// day still counts. Durations (denominators) are differences of days: a 90-day window from 1 January ends
// on 1 April and has 90 days.
//
// One reading differs on purpose: where AdhereR divides by zero (CMA2, CMA4 and CMA6 when the first event
// is on the observation window's last day; CMA8 when supply carried in covers the whole window), it gives
// Inf or NaN, or 1 after capping. A pharmacist must not read those as adherence, so the value is NA here.
#include <array>
#include <optional>
#include <vector>

#include "alsmeds/calendar.hpp"

namespace alsmeds {

/// One dispensing (AdhereR's "medication event"): the day it was dispensed and the days it lasts.
struct SupplyEvent {
  Day day;
  int days_supply = 0;
};

struct CmaWindows {
  Day follow_up_start;
  Day follow_up_end;  // follow_up_start + follow-up duration
  Day observation_start;
  Day observation_end;  // observation_start + observation duration
};

/// --from and --days N with --lead-in D (docs/cli.md): the follow-up window lasts D+N days, the observation
/// window starts D days into it and lasts N days.
CmaWindows cma_windows(Day follow_up_start, int lead_in_days, int observation_days);

using CmaValues = std::array<std::optional<double>, 9>;  // [0] = CMA1 ... [8] = CMA9; empty = NA

/// All nine measures for one patient and drug. Events in any order; those outside the follow-up window are
/// ignored, as AdhereR drops them. Requires observation_start < observation_end, both inside follow-up.
CmaValues compute_cma(std::vector<SupplyEvent> events, const CmaWindows& windows);

/// AdhereR's CMA_sliding_window: windows of `window_days` starting every `step_days` from the observation
/// window's start, as long as they end inside it; each keeps the whole follow-up window for carry-over.
struct SlidingCma {
  Day start, end;
  CmaValues values;
};
std::vector<SlidingCma> sliding_cma(const std::vector<SupplyEvent>& events, const CmaWindows& windows,
                                    int window_days, int step_days);

}  // namespace alsmeds
