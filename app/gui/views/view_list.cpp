#include "views/view_list.hpp"

#include <algorithm>

namespace alsmeds::gui {

const std::vector<RegisteredView>& registered_views() {
  static const std::vector<RegisteredView> views = {
      {"Today", "today", {Role::patient}, [](AppState& s) { s.today_view.draw(s); }},
      {"Cycle planner", "planner", {Role::nurse}, [](AppState& s) { s.planner.draw(s); }},
      // The pharmacist's first view stays Adherence; the pharmacy's list sits beside the board.
      {"Adherence", "adherence", {Role::pharmacist}, [](AppState& s) { s.adherence.draw(s); }},
      {"Infusion board", "board", {Role::nurse}, [](AppState& s) { s.board.draw(s); }},
      {"Pharmacy prep", "prep", {Role::nurse, Role::pharmacist}, [](AppState& s) { s.prep.draw(s); }},
      {"Course of therapy", "course", {Role::nurse}, [](AppState& s) { s.course.draw(s); }},
      {"Supply", "supply", {Role::pharmacist}, [](AppState& s) { s.supply.draw(s); }},
      {"Clinic today",
       "clinic",
       {Role::nurse, Role::pharmacist},
       [](AppState& s) { s.clinic_today.draw(s); }},
  };
  return views;
}

std::vector<const RegisteredView*> views_for(Role role) {
  std::vector<const RegisteredView*> out;
  for (const RegisteredView& v : registered_views())
    if (std::find(v.roles.begin(), v.roles.end(), role) != v.roles.end()) out.push_back(&v);
  return out;
}

std::optional<ViewChoice> parse_view_choice(std::string_view text) {
  const std::size_t dash = text.find('-');
  const auto role = parse_role(text.substr(0, dash));
  if (!role) return std::nullopt;
  if (dash == std::string_view::npos) return ViewChoice{*role, 0};
  const std::vector<const RegisteredView*> views = views_for(*role);
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i]->name == text.substr(dash + 1)) return ViewChoice{*role, static_cast<int>(i)};
  return std::nullopt;
}

std::vector<std::string> view_choice_names() {
  std::vector<std::string> out;
  for (Role role : {Role::patient, Role::nurse, Role::pharmacist}) {
    const std::string name(to_string(role));
    out.push_back(name);
    for (const RegisteredView* v : views_for(role)) out.push_back(name + "-" + std::string(v->name));
  }
  return out;
}

}  // namespace alsmeds::gui
