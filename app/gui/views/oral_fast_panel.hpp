#pragma once
// Today, for a patient on oral edaravone: the food rule, and which wait applies after what the patient ate
// last (the choice is the patient's, here; core's oral_food_rule.hpp says the wait). Nothing is stored.
#include <string>

namespace alsmeds::gui {

struct OralFastPanel {
  int last_food = 0;             // index in kLastFoods: overnight fast first
  std::string ate_at = "07:00";  // HH:MM, when the last food was eaten (not asked after an overnight fast)

  /// What the choice says: the wait and from when, or why the time typed is not one.
  std::string said() const;
  /// The rule, the choice and what it says.
  void draw();
};

}  // namespace alsmeds::gui
