#pragma once
// The text size: the readable sans font of the system (DejaVu or Noto, through fontconfig) at 17 px times the
// scale, and every ImGui size scaled with it. Applied at once when the setting changes (no restart).
#include <imgui.h>

#include <string>

namespace alsmeds::gui {

/// A scalable sans font file of the system, or empty (ImGui's own font is used then).
std::string system_font();

/// The letters the app's font holds: Latin with its extensions, Greek, Cyrillic and the app's punctuation.
const ImWchar* name_glyph_ranges();

/// Rebuilds the font atlas and the style for `scale` (the screen's content scale times Settings::text_scale).
/// Call between frames (never between NewFrame and Render); a renderer must then upload the new atlas.
void apply_text_size(float scale);

/// The shell's call before each frame: applies `scale` when it is not `applied` (then updated). True when it
/// did, and the renderer must upload the new font atlas.
bool follow_text_size(float scale, float& applied);

}  // namespace alsmeds::gui
