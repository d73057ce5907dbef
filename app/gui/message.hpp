#pragma once
// What an action did, or why it was refused: drawn beside the control that asked (and in the status line).
#include <string>

namespace alsmeds::gui {

struct Message {
  std::string text;
  bool error = false;
  bool warning = false;  // done, with a rule's warning the person must read (shown in the warning colour)
};

}  // namespace alsmeds::gui
