#pragma once
// The pharmacist's charts drawn with ImGui's draw lists: the same three pictures as the PDF report.
#include "alsmeds/adherence/adherence_report.hpp"
#include "alsmeds/schedule/lab_observations.hpp"

namespace alsmeds::gui {

/// One cell per therapy day: taken, late, partly missed, missed, drug-free.
void draw_dose_timeline(const AdherenceRow& row, float width);
/// The ALSFRS-R total (0-48) on the dose timeline's axis, drawn under it: each report of the timeline's days
/// as a point, the last total, delta FS and the 6-month slope in its title.
void draw_alsfrs_chart(const AdherenceRow& row, float width);
/// Edaravone cycles: planned doses as outlines, given doses filled.
void draw_cycle_bars(const AdherenceRow& row, float width);
/// ALT as multiples of ULN over time, with 1x, 3x and 5x lines.
void draw_alt_trend(const AdherenceRow& row, const Period& period, float width);
/// One lab test's results over time in their unit (tofersen's observations), from the first result to `to`,
/// with the last ULN recorded as a line where there is one.
void draw_lab_series(const LabSeries& series, Day to, float width);

}  // namespace alsmeds::gui
