#pragma once
// The window that holds the views: menu, role switcher, patient picker, the role's views
// (views/view_list.hpp) beside the alerts panel, and the status line. Views draw from AppState and never
// write while drawing: they push actions (AppState::push) that apply_pending_actions runs after the frame.
#include <string>

#include "app_state.hpp"

namespace alsmeds::gui {

void draw_main_window(AppState& state);
/// The status line names the open database by its file name (the whole path in its tooltip).
std::string database_file_name(const std::string& path);
/// A database as the window shows it: a file's path, a server's address without its password.
std::string shown_database(const std::string& path);

}  // namespace alsmeds::gui
