#pragma once
// Colours that mean the same thing in every view (never colour alone: each goes with a word).
#include <imgui.h>

#include <algorithm>
#include <initializer_list>
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

/// Sizes in the text's own unit: `n` times the font's height, so layouts follow the text size.
inline float em(float n) {
  return ImGui::GetFontSize() * n;
}

/// A window too short for the text size (under 30 lines, as 800x600 at text 2.0): views keep their primary
/// rows on screen by folding what is around them (one-line header, one-line day strip, the list before its
/// export).
inline bool short_window() {
  return ImGui::GetIO().DisplaySize.y < em(30);
}

/// The width of a button labelled `label` (its ##id not shown).
inline float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}
/// The width of a combo box that shows the widest of `options` whole (its arrow button beside).
inline float combo_width(std::initializer_list<const char*> options) {
  float widest = 0;
  for (const char* o : options) widest = std::max(widest, ImGui::CalcTextSize(o).x);
  return widest + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight();
}
/// The width of a widget `item` wide with its label on the right.
inline float labelled_width(float item, const char* label) {
  const float text = ImGui::CalcTextSize(label, nullptr, true).x;
  return item + (text > 0 ? ImGui::GetStyle().ItemInnerSpacing.x + text : 0);
}
/// The width of a check box or radio button with its label.
inline float check_width(const char* label) {
  return labelled_width(ImGui::GetFrameHeight(), label);
}

/// On the same line when the next item, `width` wide, still fits there; else on the next line (flow layout).
inline void same_line_if_fits(float width) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

/// Text wrapped at the window's edge, never inside a word (checked while probing).
/// `text`'s first line, cut to `width` with "..." when longer (at a character's boundary): a message that
/// must take one line.
inline std::string one_line(const std::string& text, float width) {
  std::string line = text.substr(0, text.find('\n'));
  const bool more = line.size() < text.size();
  if (!more && ImGui::CalcTextSize(line.c_str()).x <= width) return line;
  const float dots = ImGui::CalcTextSize("...").x;
  while (!line.empty() && ImGui::CalcTextSize(line.c_str()).x + dots > width) {
    while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) line.pop_back();
    if (!line.empty()) line.pop_back();  // the character's first byte
  }
  return line + "...";
}

/// Wrapped at the visible edge (GetContentRegionMax): ImGui's default, its work rectangle, grows with the
/// content of a window that scrolls sideways, and text wrapped there kept the window scrolling.
inline void wrapped_text(const std::string& text) {
  check_words_fit(text, ImGui::GetContentRegionAvail().x);
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

inline void draw_message(const Message& m, const std::string& probe) {
  if (m.text.empty()) return;
  check_words_fit(m.text, ImGui::GetContentRegionAvail().x);
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(message_colour(m), "%s", m.text.c_str());
  ImGui::PopTextWrapPos();
  probe_item(probe);
}

/// Where a patient's records would be, while the clinic server is unreachable and they were not read yet
/// (AppState::waits_for_server): false, nothing drawn, when `text` is empty.
inline bool draw_server_wait(const std::string& text) {
  if (text.empty()) return false;
  draw_message({text, true}, "patient:waits-for-server");
  return true;
}

}  // namespace alsmeds::gui
