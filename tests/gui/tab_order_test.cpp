// Issue 15, "Keyboard: Tab moves through every control of a view in reading order; the patient picker opens
// at the patient field". On the demo clinic, for every view of every role: Tab pressed again and again (key
// events into ImGui's io, as the keyboard gives them) visits controls whose rectangles go down the window a
// line at a time and left to right along a line, and it visits every control the window submitted: ImGui's
// own count of the window's items (its focus request, SetKeyboardFocusHere's, counts every item with an id).
#include <imgui.h>
#include <imgui_internal.h>

#include <map>
#include <optional>
#include <set>

#include "demo_app.hpp"
#include "gui_harness.hpp"
#include "layout_check.hpp"
#include "views/view_list.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

constexpr int kTabKey = 1, kSpaceKey = 2;

struct Control {
  ImGuiID id = 0;
  ImRect rect;  // in the window's content, as if nothing were scrolled
  std::string window;
  bool disabled = false;
};

ImGuiWindow* main_window() {
  return ImGui::FindWindowByName("alsmeds");
}

/// Where the item is in its window's content: scrolling the window (a table that scrolls) moves nothing.
ImRect content_rect(ImGuiWindow* w, const ImRect& rel) {
  ImRect r = ImGui::WindowRectRelToAbs(w, rel);
  r.Translate(w->Scroll);
  return r;
}

/// The k-th item with an id (0 the first) that the main window and the children drawn in its Tab order
/// submitted, by ImGui's own focus request; nothing when there are fewer. Moves no focus.
std::optional<Control> item_at(GuiHarness& gui, gui::AppState& state, int k) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  gui.after_new_frame = [&g, k] {
    g.NavId = 0;
    g.NavWindow = main_window();
    ImGui::NavMoveRequestSubmit(ImGuiDir_None, ImGuiDir_Down,
                                ImGuiNavMoveFlags_Tabbing | ImGuiNavMoveFlags_FocusApi,
                                ImGuiScrollFlags_None);
    g.NavTabbingDir = 1;
    g.NavTabbingCounter = k + 1;
  };
  gui.frame(state);
  gui.after_new_frame = nullptr;
  const ImGuiNavItemData found = g.NavMoveResultLocal;
  g.NavMoveSubmitted = g.NavMoveScoringItems = false;  // only counted: the next frame focuses nothing
  g.NavMoveResultLocal.Clear();
  if (found.ID == 0) return std::nullopt;
  return Control{found.ID, content_rect(found.Window, found.RectRel), found.Window->Name,
                 (found.InFlags & ImGuiItemFlags_Disabled) != 0};
}

/// Every control a person can reach: items with an id, not disabled, with an area, below the menu bar.
std::vector<Control> every_control(GuiHarness& gui, gui::AppState& state) {
  std::vector<Control> out;
  const float menu_bottom = main_window()->MenuBarRect().Max.y;
  for (int k = 0; k < 2000; ++k) {
    auto c = item_at(gui, state, k);
    if (!c) break;
    if (c->disabled) continue;                                        // not usable now: Tab passes it by
    if (c->rect.GetWidth() < 1 || c->rect.GetHeight() < 1) continue;  // a tab bar's bookkeeping item
    if (c->window == "alsmeds" && c->rect.Max.y <= menu_bottom) continue;
    out.push_back(*c);
  }
  return out;
}

void press(GuiHarness& gui, gui::AppState& state, int key, bool shift = false) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyShift = shift;
  io.KeysDown[key] = true;
  gui.frame(state);
  io.KeysDown[key] = false;
  io.KeyShift = false;
  gui.frame(state);
}

std::optional<Control> focused() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.NavId == 0 || !g.NavWindow) return std::nullopt;
  return Control{g.NavId, content_rect(g.NavWindow, g.NavWindow->NavRectRel[ImGuiNavLayer_Main]),
                 g.NavWindow->Name, false};
}

/// Tab from nothing focused until the focus comes back to the first control (or stays put).
std::vector<Control> tab_through(GuiHarness& gui, gui::AppState& state, std::size_t most) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  g.NavId = 0;
  ImGui::GetIO().MousePos = ImVec2(-1, -1);
  gui.after_new_frame = [&g] { g.NavWindow = main_window(); };
  gui.frame(state);
  gui.after_new_frame = nullptr;
  std::vector<Control> out;
  for (std::size_t i = 0; i < most; ++i) {
    press(gui, state, kTabKey);
    auto c = focused();
    if (!c || (!out.empty() && (c->id == out.front().id || c->id == out.back().id))) break;
    out.push_back(*c);
  }
  return out;
}

std::string where(const Control& c) {
  return "(" + px(c.rect.Min.x) + "," + px(c.rect.Min.y) + ")-(" + px(c.rect.Max.x) + "," + px(c.rect.Max.y) +
         ") in " + c.window;
}

/// Reading order from a to b: on the same line, to the right; else further down; or up to a new column that
/// starts right of a (the next cell of a table row, the alerts beside the view).
bool reads_after(const Control& a, const Control& b) {
  constexpr float slack = 2;
  const float overlap = std::min(a.rect.Max.y, b.rect.Max.y) - std::max(a.rect.Min.y, b.rect.Min.y);
  const bool same_line = overlap > 0.5f * std::min(a.rect.GetHeight(), b.rect.GetHeight());
  if (same_line) return b.rect.Min.x >= a.rect.Min.x - slack;
  if (b.rect.Min.y >= a.rect.Min.y) return true;
  return b.rect.Min.x >= a.rect.Max.x - slack;
}

}  // namespace

TEST_CASE("Tab moves through every control of each view in reading order") {
  DemoApp app;
  app.state.patient_id = busiest_patient(app.state);
  GuiHarness gui;
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.KeyMap[ImGuiKey_Tab] = kTabKey;
  io.KeyMap[ImGuiKey_Space] = kSpaceKey;
  io.DisplaySize = ImVec2(2400, 2000);  // nothing scrolls but the tables, whose scrolling is taken out
  for (gui::Role role : {gui::Role::patient, gui::Role::nurse, gui::Role::pharmacist}) {
    const auto views = gui::views_for(role);
    for (std::size_t i = 0; i < views.size(); ++i) {
      app.state.role = role;
      app.state.tab = static_cast<int>(i);
      app.state.select_tab = true;
      gui.frames(app.state, 3);
      app.state.wait_for_background();
      gui.frames(app.state, 3);
      const std::string view = std::string(gui::to_string(role)) + " - " + std::string(views[i]->title);
      INFO(view);
      const std::vector<Control> all = every_control(gui, app.state);
      CHECK(all.size() >= 3);  // the patient picker, the roles, the view's own
      const std::vector<Control> tabbed = tab_through(gui, app.state, all.size() + 5);
      std::set<ImGuiID> reached;
      for (const Control& c : tabbed) reached.insert(c.id);
      std::string missed;
      for (const Control& c : all)
        if (!reached.count(c.id)) missed += " " + where(c);
      INFO("controls Tab never reached:" << missed);
      CHECK(missed.empty());
      std::string out_of_order;
      for (std::size_t k = 1; k < tabbed.size(); ++k)
        if (!reads_after(tabbed[k - 1], tabbed[k]))
          out_of_order += " " + where(tabbed[k - 1]) + " then " + where(tabbed[k]) + ";";
      INFO("Tab went back against the reading order:" << out_of_order);
      CHECK(out_of_order.empty());
    }
  }
}

TEST_CASE("The patient picker opens with the keyboard in its patient field, by click and by Ctrl+F") {
  DemoApp app;
  GuiHarness gui;
  gui.frames(app.state, 2);
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const auto typing_in_picker = [&] {  // the active item is a text field, in the picker's popup
    return g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId && g.ActiveIdWindow &&
           (g.ActiveIdWindow->Flags & ImGuiWindowFlags_Popup);
  };
  SECTION("a click on the patient") {
    REQUIRE(gui.click(app.state, "picker"));
    gui.frames(app.state, 2);
  }
  SECTION("Ctrl+F") {
    app.state.shell.focus_search = true;  // what Ctrl+F sets (main_window.cpp)
    gui.frames(app.state, 2);
  }
  SECTION("Tab to the patient, then Space") {
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.KeyMap[ImGuiKey_Tab] = kTabKey;
    io.KeyMap[ImGuiKey_Space] = kSpaceKey;
    const auto tabbed = tab_through(gui, app.state, 1);
    REQUIRE(tabbed.size() == 1);
    auto picker = gui::probed("picker");
    REQUIRE(picker);
    CHECK(tabbed[0].rect.Min.x == Approx(picker->x0));  // the first control: the patient
    CHECK(tabbed[0].rect.Min.y == Approx(picker->y0));
    CHECK_FALSE(typing_in_picker());
    press(gui, app.state, kSpaceKey);
    gui.frames(app.state, 2);
  }
  CHECK(typing_in_picker());
  gui.type(app.state, "zzz");  // typed straight away, no click into the field
  CHECK(app.state.shell.patient_search == "zzz");
}
