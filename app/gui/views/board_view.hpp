#pragma once
// Nurse - Infusion board: the view's state (the week and day shown, the week's model) and its draw(). The
// model (board_model.hpp) is a plain struct tests build without a window.
#include <vector>

#include "board_model.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;

struct BoardView {
  bool from_set = false, loaded = false, loading = false;
  int revision = -1;
  Day from, day;  // the week's Monday, the day shown
  Day strip_day;  // the day the week strip last scrolled to (a short window's strip scrolls sideways)
  std::vector<BoardPatient> patients;
  BoardModel model;
  PrepList prep;         // the pharmacy's preparation list of the week (the Pharmacy prep view shows it)
  Message message;       // the last booking, move or cancellation
  Message read_failure;  // why the week could not be read (retried once the database or the week changes)

  void draw(AppState& s);
};

/// Loads the board's week when it is not loaded or the database changed (the board and the pharmacy's
/// list beside it share it): the week of today at first. False while it is not loaded.
bool ensure_board_week(AppState& s);
/// Shows the week `weeks` weeks later (earlier when negative), from its Monday.
void move_board_week(AppState& s, int weeks);

}  // namespace alsmeds::gui
