#include "tab_order.hpp"

#include <imgui.h>
#include <imgui_internal.h>

namespace alsmeds::gui {

void follow_tab_order() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  // A control reached by Tab last frame: show where the keyboard is (ImGui leaves the highlight off when the
  // control is a Tab stop, as every control is here), so Space or Enter presses it.
  if (g.NavJustMovedToId != 0 && g.NavJustMovedToId == g.NavId && g.NavWindow) {
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
  }
  // ImGui 1.86 starts a Tab with no active control from the first Tab stop ("Tab Init"); with a control that
  // has focus it should go on from there, as it does from an active text field (1.87 does so).
  const bool tabbing = g.NavMoveScoringItems && (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) &&
                       !(g.NavMoveFlags & ImGuiNavMoveFlags_FocusApi);
  if (tabbing && g.NavTabbingDir == 0 && g.NavId != 0) g.NavTabbingDir = +1;
}

bool focus_last_item() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.LastItemData.ID == 0 || (g.LastItemData.InFlags & ImGuiItemFlags_Disabled)) return false;
  ImGui::SetFocusID(g.LastItemData.ID, g.CurrentWindow);
  return true;
}

void begin_tab_stops() {
  ImGui::PushItemFlag(ImGuiItemFlags_Inputable, true);
}

void end_tab_stops() {
  ImGui::PopItemFlag();
}

void join_parent_tab_order() {
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  if (!w->ParentWindow || !(w->Flags & ImGuiWindowFlags_ChildWindow)) return;
  w->Flags |= ImGuiWindowFlags_NavFlattened;
  w->RootWindowForNav = w->ParentWindow->RootWindowForNav;
}

}  // namespace alsmeds::gui
