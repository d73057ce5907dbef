#pragma once
// The alerts panel, beside every view: its state (the selected patient's alert lines, the last
// acknowledgment) and its draw().
#include <vector>

#include "alerts_model.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;

struct AlertsPanel {
  std::vector<AlertLine> lines;
  RecordId patient = 0;
  int revision = -1;
  Day day;
  Message message;      // the last acknowledgment
  bool folded = false;  // under the view (a narrow window): only the count line shows; a click unfolds it

  void draw(AppState& s);
};

}  // namespace alsmeds::gui
