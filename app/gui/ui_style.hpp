#pragma once
// Colours that mean the same thing in every view (never colour alone: each goes with a word).
#include <imgui.h>

#include <string>

#include "message.hpp"
#include "ui_probe.hpp"

namespace alsmeds::gui::colour {

inline const ImVec4 late{0.95f, 0.55f, 0.10f, 1.0f};     // late or due now
inline const ImVec4 overdue{0.90f, 0.25f, 0.25f, 1.0f};  // missed, overdue, alert
inline const ImVec4 ok{0.30f, 0.75f, 0.35f, 1.0f};       // taken, given
inline const ImVec4 muted{0.60f, 0.60f, 0.62f, 1.0f};    // drug-free, upcoming
inline const ImVec4 closed{0.45f, 0.35f, 0.60f, 1.0f};   // closed day
inline const ImVec4 dose{0.25f, 0.50f, 0.85f, 1.0f};     // planned dose day

inline ImU32 u32(const ImVec4& c, float alpha = 1.0f) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, c.w * alpha));
}

}  // namespace alsmeds::gui::colour

namespace alsmeds::gui {

/// An action's outcome beside its control (wrapped; red when refused or failed); probed as `probe`.
inline ImVec4 message_colour(const Message& m) {
  return m.error ? colour::overdue : m.warning ? colour::late : colour::ok;
}

inline void draw_message(const Message& m, const std::string& probe) {
  if (m.text.empty()) return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(message_colour(m), "%s", m.text.c_str());
  ImGui::PopTextWrapPos();
  probe_item(probe);
}

}  // namespace alsmeds::gui
