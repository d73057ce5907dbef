#include "views/oral_fast_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "alsmeds/regimens/oral_food_rule.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {

std::string OralFastPanel::said() const {
  const LastFood food = kLastFoods[static_cast<std::size_t>(last_food) % kLastFoods.size()];
  if (food == LastFood::overnight_fast) return oral_edaravone_wait(food, WallClock{0});
  auto at = parse_wall_clock(ate_at);
  if (!at) return "last food at: " + at.error();
  return oral_edaravone_wait(food, *at);
}

void OralFastPanel::draw() {
  wrapped_text("Oral edaravone: " + std::string(oral_edaravone_food_rule()));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Last food:");
  ImGui::SameLine();
  std::string items;
  for (LastFood f : kLastFoods) items += std::string(to_string(f)) + '\0';
  ImGui::SetNextItemWidth(em(16));
  ImGui::Combo("##last-food", &last_food, items.c_str());
  probe_item("today:last-food");
  if (kLastFoods[static_cast<std::size_t>(last_food) % kLastFoods.size()] != LastFood::overnight_fast) {
    same_line_if_fits(em(9));
    ImGui::SetNextItemWidth(em(4));
    ImGui::InputTextWithHint("at (HH:MM)##last-food-at", "HH:MM", &ate_at);
    probe_item("today:last-food-at");
  }
  wrapped_text(said());
}

}  // namespace alsmeds::gui
