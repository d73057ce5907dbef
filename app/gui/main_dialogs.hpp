#pragma once
// The main window's dialogs (database file, backup, export, CSV import, demo clinic).

namespace alsmeds::gui {

struct AppState;

/// Draws whichever dialog the menu or a shortcut opened (AppState's shell state), and starts its work.
void draw_dialogs(AppState& s);

}  // namespace alsmeds::gui
