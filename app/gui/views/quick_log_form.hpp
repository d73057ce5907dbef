#pragma once
// Patient - Today: the quick-logging form (side effect, lab result, weight) under the dose list.
#include "alsmeds/patient_facts.hpp"

namespace alsmeds::gui {

struct AppState;

/// Draws the form in a collapsing header; its state is TodayView's (app_state.hpp).
void draw_quick_log(AppState& s, const PatientFacts& f);

}  // namespace alsmeds::gui
