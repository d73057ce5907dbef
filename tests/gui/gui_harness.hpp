#pragma once
// Headless ImGui for tests (docs/architecture.md, "Testing the GUI"): a context with a display size and a
// font atlas, frames of the real main window, and clicks on widgets found through their probes.
#include <imgui.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "headless_context.hpp"
#include "main_window.hpp"
#include "ui_probe.hpp"

namespace alsmeds::test {

class GuiHarness {
 public:
  /// A taller display than the app's default 800 puts more of a long view on screen to click.
  explicit GuiHarness(float height = 800) {
    context_ = gui::create_headless_context();
    ImGui::GetIO().DisplaySize.y = height;
    gui::set_probing(true);
    gui::clear_probes();
  }
  ~GuiHarness() {
    gui::set_probing(false);
    gui::clear_probes();
    ImGui::DestroyContext(context_);
  }
  GuiHarness(const GuiHarness&) = delete;
  GuiHarness& operator=(const GuiHarness&) = delete;

  /// One frame of the whole window, then the actions it pushed (as the app's loop does); probes are those of
  /// this frame only.
  void frame(gui::AppState& state) {
    gui::clear_probes();
    ImGui::NewFrame();
    if (after_new_frame) after_new_frame();
    gui::draw_main_window(state);
    ImGui::Render();
    if (!hold_actions) gui::apply_pending_actions(state);
  }
  /// While true, frames leave the actions views pushed queued in state.actions (not yet applied).
  bool hold_actions = false;
  void frames(gui::AppState& state, int n) {
    for (int i = 0; i < n; ++i) frame(state);
  }
  /// Frames for `seconds` of ImGui time (1/60 s each), the pointer still: as a person pauses.
  void pause(gui::AppState& state, double seconds) { frames(state, static_cast<int>(seconds * 60) + 1); }
  /// A double-click at the middle of the probed widget: two presses 0.2 s apart at the same place, whatever
  /// moved under the pointer after the first.
  bool double_click(gui::AppState& state, const std::string& probe) {
    auto r = gui::probed(probe);
    if (!r) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((r->x0 + r->x1) / 2, (r->y0 + r->y1) / 2);
    frame(state);
    for (int press = 0; press < 2; ++press) {
      io.MouseDown[0] = true;
      frame(state);
      io.MouseDown[0] = false;
      frames(state, 10);
    }
    io.MousePos = ImVec2(-1, -1);
    frame(state);
    return true;
  }
  /// A right click on the probed widget (opens its context menu).
  bool right_click(gui::AppState& state, const std::string& probe) {
    auto r = gui::probed(probe);
    if (!r) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((r->x0 + r->x1) / 2, (r->y0 + r->y1) / 2);
    frame(state);
    io.MouseDown[1] = true;
    frame(state);
    io.MouseDown[1] = false;
    frame(state);
    frame(state);  // the popup settles its place
    return true;
  }
  /// Presses on one probed widget, moves to another in steps, releases there (drag and drop).
  bool drag(gui::AppState& state, const std::string& from, const std::string& to) {
    auto a = gui::probed(from), b = gui::probed(to);
    if (!a || !b) return false;
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 start((a->x0 + a->x1) / 2, (a->y0 + a->y1) / 2),
        end((b->x0 + b->x1) / 2, (b->y0 + b->y1) / 2);
    io.MousePos = start;
    frame(state);
    io.MouseDown[0] = true;
    frame(state);
    for (int i = 1; i <= 8; ++i) {
      io.MousePos = ImVec2(start.x + (end.x - start.x) * i / 8.0f, start.y + (end.y - start.y) * i / 8.0f);
      frame(state);
    }
    io.MouseDown[0] = false;
    frame(state);
    io.MousePos = ImVec2(-1, -1);
    frame(state);
    return true;
  }
  /// Types into the widget that has keyboard focus, as a person would.
  void type(gui::AppState& state, const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    frame(state);
  }
  /// Moves the mouse over the probed widget, presses and releases; false when it was not drawn.
  bool click(gui::AppState& state, const std::string& probe) {
    auto r = gui::probed(probe);
    if (!r) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((r->x0 + r->x1) / 2, (r->y0 + r->y1) / 2);
    frame(state);
    io.MouseDown[0] = true;
    frame(state);
    io.MouseDown[0] = false;
    frame(state);
    io.MousePos = ImVec2(-1, -1);
    return true;
  }

  /// Frames until `done` holds (what a background job or the server probe brings arrives on a later frame),
  /// a few milliseconds apart, for at most `limit` of real time: whether it came. A bound, not a measure.
  bool frames_until(gui::AppState& state, const std::function<bool()>& done,
                    std::chrono::seconds limit = std::chrono::seconds{30}) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > end) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      frame(state);
    }
    return true;
  }

  /// Called between NewFrame and the window's controls (a test's request to ImGui's navigation).
  std::function<void()> after_new_frame;

 private:
  ImGuiContext* context_ = nullptr;
};

}  // namespace alsmeds::test
