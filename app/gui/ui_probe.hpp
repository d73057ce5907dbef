#pragma once
// Where widgets were drawn, for headless tests that click them: views call probe_item("name") right after
// a widget; tests read the rectangle back and move the mouse there.
#include <optional>
#include <string>
#include <vector>

namespace alsmeds::gui {

struct ProbeRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

void set_probing(bool on);
/// Records the last ImGui item's rectangle under `name` (only while probing).
void probe_item(const std::string& name);
/// The same, cut to the part drawn inside the current clip rectangle: for a row that spans every column of a
/// table that scrolls sideways, where a person (and a test's click) can reach it.
void probe_visible_item(const std::string& name);
std::optional<ProbeRect> probed(const std::string& name);
void clear_probes();

/// Every probed widget of the frame: its rectangle, the part of it inside its window's visible area (empty
/// when scrolled away), and the top-level window it belongs to (pop-ups are windows of their own). The layout
/// test reads them to find two widgets drawn over each other.
struct ProbedWidget {
  std::string name;
  ProbeRect rect, visible;
  unsigned root_window = 0;
};
std::vector<ProbedWidget> probed_widgets();

/// Layout problems found while drawing (only while probing): a wrapped text whose longest word is wider than
/// the space it wraps in (it would break inside the word). Tests read them with the item rectangles.
void note_layout_problem(std::string what);
const std::vector<std::string>& layout_problems();
void clear_layout_problems();
/// Notes a problem when a word of `text` is wider than `width`.
void check_words_fit(const std::string& text, float width);

}  // namespace alsmeds::gui
