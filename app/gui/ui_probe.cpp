#include "ui_probe.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <unordered_map>

namespace alsmeds::gui {
namespace {

bool probing = false;
std::unordered_map<std::string, ProbeRect>& rects() {
  static std::unordered_map<std::string, ProbeRect> r;
  return r;
}
std::unordered_map<std::string, ProbedWidget>& widgets() {
  static std::unordered_map<std::string, ProbedWidget> w;
  return w;
}

void remember(const std::string& name, const ProbeRect& r) {
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImRect clip = window->InnerClipRect;
  ProbedWidget& w = widgets()[name];
  w.name = name;
  w.rect = r;
  w.visible = {std::max(r.x0, clip.Min.x), std::max(r.y0, clip.Min.y), std::min(r.x1, clip.Max.x),
               std::min(r.y1, clip.Max.y)};
  w.root_window = window->RootWindow ? window->RootWindow->ID : window->ID;
}

}  // namespace

void set_probing(bool on) {
  probing = on;
}

void probe_item(const std::string& name) {
  if (!probing) return;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  rects()[name] = {a.x, a.y, b.x, b.y};
  remember(name, rects()[name]);
}

void probe_visible_item(const std::string& name) {
  if (!probing) return;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 c0 = list->GetClipRectMin(), c1 = list->GetClipRectMax();
  rects()[name] = {std::max(a.x, c0.x), std::max(a.y, c0.y), std::min(b.x, c1.x), std::min(b.y, c1.y)};
  remember(name, rects()[name]);
}

std::optional<ProbeRect> probed(const std::string& name) {
  auto it = rects().find(name);
  if (it == rects().end()) return std::nullopt;
  return it->second;
}

void clear_probes() {
  rects().clear();
  widgets().clear();
}

std::vector<ProbedWidget> probed_widgets() {
  std::vector<ProbedWidget> out;
  for (const auto& [name, w] : widgets()) out.push_back(w);
  std::sort(out.begin(), out.end(),
            [](const ProbedWidget& a, const ProbedWidget& b) { return a.name < b.name; });
  return out;
}

namespace {
std::vector<std::string>& problems() {
  static std::vector<std::string> p;
  return p;
}
}  // namespace

void note_layout_problem(std::string what) {
  if (probing) problems().push_back(std::move(what));
}
const std::vector<std::string>& layout_problems() {
  return problems();
}
void clear_layout_problems() {
  problems().clear();
}

void check_words_fit(const std::string& text, float width) {
  if (!probing) return;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \n", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) {
      const std::string word = text.substr(start, end - start);
      const float w = ImGui::CalcTextSize(word.c_str()).x;
      if (w > width + 0.5f)
        note_layout_problem("'" + word + "' (" + std::to_string(static_cast<int>(w)) +
                            " px) wraps inside the word in " + std::to_string(static_cast<int>(width)) +
                            " px, in \"" + text.substr(0, 60) + "\"");
    }
    start = end + 1;
  }
}

}  // namespace alsmeds::gui
