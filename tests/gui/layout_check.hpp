#pragma once
// What a person would see as broken, read from ImGui's own item rectangles after a frame (issue 15, "The
// app in any window"): content that runs past a window's edge with no scroll bar to reach it, a table column
// narrower than its header (a table that scrolls sideways too) or its content (where the table cannot scroll
// sideways), a tab squeezed narrower than its label, and wrapped text that breaks inside a word (noted by the
// views while probing).
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui_probe.hpp"

namespace alsmeds::test {

inline std::string px(float v) {
  return std::to_string(static_cast<int>(v + 0.5f));
}

/// Two widgets drawn over each other (issue 24: the adherence rows were drawn over the format box): the parts
/// of two probed widgets that a person sees, in one top-level window, cross by more than a pixel each way and
/// neither holds the other (a button inside its row is held). Pop-ups are windows of their own: they cover.
inline std::vector<std::string> overlapping_widgets() {
  std::vector<std::string> out;
  const auto all = gui::probed_widgets();
  constexpr float slack = 1.0f;
  auto empty = [](const gui::ProbeRect& r) { return r.x1 - r.x0 < slack || r.y1 - r.y0 < slack; };
  auto holds = [](const gui::ProbeRect& a, const gui::ProbeRect& b) {
    return a.x0 <= b.x0 + slack && a.y0 <= b.y0 + slack && a.x1 + slack >= b.x1 && a.y1 + slack >= b.y1;
  };
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      const gui::ProbedWidget &a = all[i], &b = all[j];
      if (a.root_window != b.root_window || empty(a.visible) || empty(b.visible)) continue;
      const float w = std::min(a.visible.x1, b.visible.x1) - std::max(a.visible.x0, b.visible.x0);
      const float h = std::min(a.visible.y1, b.visible.y1) - std::max(a.visible.y0, b.visible.y0);
      if (w <= slack || h <= slack || holds(a.visible, b.visible) || holds(b.visible, a.visible)) continue;
      out.push_back("'" + a.name + "' (" + px(a.visible.x0) + "," + px(a.visible.y0) + "-" +
                    px(a.visible.x1) + "," + px(a.visible.y1) + ") and '" + b.name + "' (" +
                    px(b.visible.x0) + "," + px(b.visible.y0) + "-" + px(b.visible.x1) + "," +
                    px(b.visible.y1) + ") overlap");
    }
  return out;
}

/// Call after ImGui::Render(). Each problem in words.
inline std::vector<std::string> layout_problems_now() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  std::vector<std::string> out = gui::layout_problems();
  constexpr float slack = 1.0f;
  for (ImGuiWindow* w : g.Windows) {
    if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_Tooltip)) continue;
    const std::string name = w->Name;
    const ImRect clip = w->InnerClipRect;
    const ImVec2 end = w->DC.CursorMaxPos;
    // A multi-line text field's own text area (a child ImGui makes with NoMove) pads its content by the frame
    // padding past its edge, empty or not: not a cut.
    const bool text_area = (w->Flags & ImGuiWindowFlags_ChildWindow) && (w->Flags & ImGuiWindowFlags_NoMove);
    const float x_slack = text_area ? slack + 2 * g.Style.FramePadding.x : slack;
    if (end.x > clip.Max.x + x_slack && !w->ScrollbarX)
      out.push_back("window '" + name + "': content ends at x=" + px(end.x) + ", its edge at " +
                    px(clip.Max.x) + ", no horizontal scroll bar");
    if (end.y > clip.Max.y + slack && !w->ScrollbarY)
      out.push_back("window '" + name + "': content ends at y=" + px(end.y) + ", its edge at " +
                    px(clip.Max.y) + ", no vertical scroll bar");
    if (w->Pos.x < -slack || w->Pos.y < -slack || w->Pos.x + w->Size.x > g.IO.DisplaySize.x + slack ||
        w->Pos.y + w->Size.y > g.IO.DisplaySize.y + slack)
      out.push_back("window '" + name + "' reaches outside the display");
  }
  for (int n = 0; n < g.Tables.GetMapSize(); ++n) {
    ImGuiTable* t = g.Tables.TryGetMapData(n);
    if (!t || t->LastFrameActive != g.FrameCount) continue;
    const std::string where = "table in '" + std::string(t->OuterWindow ? t->OuterWindow->Name : "?") + "'";
    for (int c = 0; c < t->ColumnsCount; ++c) {
      const ImGuiTableColumn& col = t->Columns[c];
      if (!col.IsEnabled) continue;
      const float room = col.WorkMaxX - col.WorkMinX;
      // A table that scrolls sideways: every column at least as wide as its header (one letter wide is read
      // by no one), measured here as a column scrolled out of view draws none. Every table: the content check
      // below (issue 24: "edaravo", a column cut where the table could have scrolled).
      if (!(t->Flags & ImGuiTableFlags_ScrollX)) continue;
      // The header's text (up to "##"), measured here too: a column scrolled out of view draws no header.
      const std::string name = ImGui::TableGetColumnName(t, c);
      const float text = ImGui::CalcTextSize(name.substr(0, name.find("##")).c_str()).x;
      const float header = std::max(col.ContentMaxXHeadersIdeal - col.WorkMinX, text);
      if (header > room + slack)
        out.push_back(where + ", column " + std::string(ImGui::TableGetColumnName(t, c)) + ": " + px(room) +
                      " px wide, its header " + px(header) + " px (narrower than its header)");
    }
    for (int c = 0; c < t->ColumnsCount; ++c) {
      const ImGuiTableColumn& col = t->Columns[c];
      if (!col.IsEnabled) continue;
      const float content =
          std::max({col.ContentMaxXHeadersIdeal, col.ContentMaxXFrozen, col.ContentMaxXUnfrozen}) -
          col.WorkMinX;
      const float room = col.WorkMaxX - col.WorkMinX;
      if (content > room + slack)
        out.push_back(where + ", column " + std::string(ImGui::TableGetColumnName(t, c)) + ": content " +
                      px(content) + " px in " + px(room) + " px (cut)");
    }
  }
  for (int n = 0; n < g.TabBars.GetMapSize(); ++n) {
    ImGuiTabBar* b = g.TabBars.TryGetMapData(n);
    if (!b || b->CurrFrameVisible != g.FrameCount) continue;
    for (const ImGuiTabItem& tab : b->Tabs)
      if (tab.LastFrameVisible == g.FrameCount && tab.Width + slack < tab.ContentWidth)
        out.push_back("tab '" + std::string(b->GetTabName(&tab)) + "' squeezed to " + px(tab.Width) +
                      " px, its label " + px(tab.ContentWidth) + " px");
  }
  for (std::string& o : overlapping_widgets()) out.push_back(std::move(o));
  return out;
}

}  // namespace alsmeds::test
