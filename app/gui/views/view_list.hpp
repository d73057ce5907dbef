#pragma once
// The one list of the app's views (as ImHex registers its views in one place): the tab each shows under,
// the roles that see it, and how it is drawn. The main window draws the selected role's views from here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app_state.hpp"

namespace alsmeds::gui {

struct RegisteredView {
  std::string_view title;   // the tab's label
  std::string_view name;    // for --view and the settings: "today", "planner", "board", ...
  std::vector<Role> roles;  // who sees it, in the order of the tabs
  void (*draw)(AppState&);
};

/// Every view, in the order of their tabs.
const std::vector<RegisteredView>& registered_views();
/// The views `role` sees, in the order of their tabs (AppState::tab indexes this list).
std::vector<const RegisteredView*> views_for(Role role);

/// What --view names: a role (its first view) or a role and one of its views ("nurse-board").
struct ViewChoice {
  Role role = Role::patient;
  int tab = 0;
};
std::optional<ViewChoice> parse_view_choice(std::string_view text);
/// Every name parse_view_choice accepts: "patient", "nurse", "nurse-planner", "nurse-board", ...
std::vector<std::string> view_choice_names();

}  // namespace alsmeds::gui
