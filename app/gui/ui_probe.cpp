#include "ui_probe.hpp"

#include <imgui.h>

#include <unordered_map>

namespace alsmeds::gui {
namespace {

bool probing = false;
std::unordered_map<std::string, ProbeRect>& rects() {
  static std::unordered_map<std::string, ProbeRect> r;
  return r;
}

}  // namespace

void set_probing(bool on) {
  probing = on;
}

void probe_item(const std::string& name) {
  if (!probing) return;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  rects()[name] = {a.x, a.y, b.x, b.y};
}

std::optional<ProbeRect> probed(const std::string& name) {
  auto it = rects().find(name);
  if (it == rects().end()) return std::nullopt;
  return it->second;
}

void clear_probes() {
  rects().clear();
}

}  // namespace alsmeds::gui
