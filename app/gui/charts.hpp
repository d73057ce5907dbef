#pragma once
// The pharmacist's charts drawn with ImGui's draw lists: the same three pictures as the PDF report.
#include "alsmeds/adherence_report.hpp"

namespace alsmeds::gui {

/// One cell per therapy day: taken, late, partly missed, missed, drug-free.
void draw_dose_timeline(const AdherenceRow& row, float width);
/// Edaravone cycles: planned doses as outlines, given doses filled.
void draw_cycle_bars(const AdherenceRow& row, float width);
/// ALT as multiples of ULN over time, with 1x, 3x and 5x lines.
void draw_alt_trend(const AdherenceRow& row, const Period& period, float width);

}  // namespace alsmeds::gui
