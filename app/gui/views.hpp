#pragma once
// The desktop app's views (one file each) and the window that holds them. Each draws from AppState and
// never writes while drawing: it pushes actions (AppState::push) that apply_pending_actions runs after the
// frame; none keeps state of its own outside AppState.
#include <string>

#include "app_state.hpp"

namespace alsmeds::gui {

void draw_main_window(AppState& state);
/// The status line names the open database by its file name (the whole path in its tooltip).
std::string database_file_name(
    const std::string& path);  // menu, role switcher, patient picker, the view, alerts, status
void draw_today_view(AppState& state);
void draw_planner_view(AppState& state);
void draw_board_view(AppState& state);
void draw_adherence_view(AppState& state);
void draw_alerts_panel(AppState& state);

}  // namespace alsmeds::gui
