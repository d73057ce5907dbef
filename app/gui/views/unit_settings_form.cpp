// Settings > the infusion unit: a draft of the clinic's chairs and hours, saved for every workstation.
#include "views/unit_settings_form.hpp"

#include <imgui.h>

#include "alsmeds/rules/clinic_actions.hpp"
#include "app_state.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {

void UnitSettingsForm::fill(const Settings& settings) {
  chairs = settings.chairs;
  opening_hour = settings.opening_hour;
  closing_hour = settings.closing_hour;
  weekdays_only = settings.weekdays_only;
  lp_rooms = settings.lp_rooms;
  lp_minutes = settings.lp_minutes;
  seen = settings.unit_version;
  filled = true;
}

bool UnitSettingsForm::changed(const Settings& settings) const {
  return chairs != settings.chairs || opening_hour != settings.opening_hour ||
         closing_hour != settings.closing_hour || weekdays_only != settings.weekdays_only ||
         lp_rooms != settings.lp_rooms || lp_minutes != settings.lp_minutes;
}

void UnitSettingsForm::save(AppState& s) {
  UnitSettingsChange c;
  c.chairs = chairs;
  c.open = std::make_pair(WallClock{opening_hour * 60}, WallClock{closing_hour * 60});
  c.weekdays_only = weekdays_only;
  c.lp_rooms = lp_rooms;
  c.lp_minutes = lp_minutes;
  c.reason = "set in the app's Settings";
  c.seen = seen;
  s.push_message("the infusion unit's settings", &message, [c](AppState& a) -> Result<Message> {
    auto r = set_unit_settings(*a.store, c, a.clinic_day(), a.actor());
    if (!r) {
      // A colleague's version since the dialog opened: shown now, for the nurse to set theirs again.
      if (auto unit = a.store->unit_settings()) apply_unit_settings(a.settings, *unit);
      a.shell.unit.fill(a.settings);
      a.board.loaded = false;
      return fail(r.error());
    }
    a.settings.chairs = *c.chairs;  // in force here at once; every other workstation reads them on refresh
    a.settings.opening_hour = static_cast<int>(c.open->first.count()) / 60;
    a.settings.closing_hour = static_cast<int>(c.open->second.count()) / 60;
    a.settings.weekdays_only = *c.weekdays_only;
    a.settings.lp_rooms = *c.lp_rooms;
    a.settings.lp_minutes = *c.lp_minutes;
    a.settings.unit_version = r->id;
    a.shell.unit.seen = r->id;
    a.board.loaded = false;
    return done_message("The unit's settings are saved for every workstation", *r);
  });
}

void UnitSettingsForm::draw(AppState& s) {
  if (!filled) fill(s.settings);
  ImGui::TextDisabled("The infusion unit (the clinic's: every workstation and alsmeds-cli use them)");
  ImGui::SliderInt("Infusion chairs", &chairs, 1, 20);
  probe_item("settings:chairs");
  ImGui::SliderInt("Opening hour", &opening_hour, 0, 22);
  ImGui::SliderInt("Closing hour", &closing_hour, 1, 23);
  ImGui::Checkbox("Closed on Saturday and Sunday", &weekdays_only);
  ImGui::SliderInt("Lumbar-puncture rooms", &lp_rooms, 0, kMaxPunctureRooms);
  probe_item("settings:lp-rooms");
  ImGui::SliderInt("Minutes a lumbar puncture holds its room", &lp_minutes, kPunctureMinutes.first,
                   kPunctureMinutes.second);
  probe_item("settings:lp-minutes");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Tofersen (intrathecal): the labels give the bolus, 1 to 3 minutes; 60 is our default");
  const std::string why = check_board_hours(BoardHours{chairs, opening_hour, closing_hour});
  if (!why.empty()) {
    ImGui::TextColored(colour::overdue, "%s", why.c_str());
  } else if (changed(s.settings)) {
    if (ImGui::Button("Save for the clinic")) save(s);
    probe_item("settings:save-unit");
    ImGui::SameLine();
    if (ImGui::Button("Undo")) fill(s.settings);
  }
  draw_message(message, "settings:unit-message");
}

}  // namespace alsmeds::gui
