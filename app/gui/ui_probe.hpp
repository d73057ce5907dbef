#pragma once
// Where widgets were drawn, for headless tests that click them: views call probe_item("name") right after
// a widget; tests read the rectangle back and move the mouse there.
#include <optional>
#include <string>

namespace alsmeds::gui {

struct ProbeRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

void set_probing(bool on);
/// Records the last ImGui item's rectangle under `name` (only while probing).
void probe_item(const std::string& name);
std::optional<ProbeRect> probed(const std::string& name);
void clear_probes();

}  // namespace alsmeds::gui
