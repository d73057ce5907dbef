#pragma once
// An ImGui context without a window or GL (docs/architecture.md, "Testing the GUI"): a display size, a frame
// time and a built font atlas, so that frames of the real views can run in tests and benchmarks.
struct ImGuiContext;

namespace alsmeds::gui {

/// Creates and makes current a 1280 x 800 context at 60 frames a second, with no ini file.
ImGuiContext* create_headless_context();

}  // namespace alsmeds::gui
