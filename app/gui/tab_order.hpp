#pragma once
// Keyboard: Tab moves through every control of a view in reading order (issue 15). ImGui 1.86 stops Tab only
// at text fields, sliders and drags (items flagged Inputable), keeps each child window (a view, a table that
// scrolls) to itself, and from a button that has keyboard focus a Tab jumps back to the first field. These
// calls make every control a Tab stop, one order through the window and its children, and a Tab go on from
// the control that has focus.

namespace alsmeds::gui {

/// Right after ImGui::NewFrame(): a Tab pressed while a control has keyboard focus goes to the next control
/// (not back to the first), and a control reached by Tab shows the keyboard highlight (Space presses it).
void follow_tab_order();

/// Every control submitted between the two is a Tab stop (controls under BeginDisabled excepted).
void begin_tab_stops();
void end_tab_stops();

/// Call inside a child window (a BeginChild, or a BeginTable that scrolls, after it returned true): its
/// controls take their place in the Tab order of the window around it, where they are drawn.
void join_parent_tab_order();

/// Puts the keyboard on the item just drawn (after a press replaced the control it was on): Tab goes on from
/// it; the highlight shows as the person left it (after a key, not after a click).
/// False when it is disabled (it takes no focus).
bool focus_last_item();

}  // namespace alsmeds::gui
