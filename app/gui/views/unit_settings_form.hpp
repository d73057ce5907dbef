#pragma once
// Settings > the infusion unit (issue 27): the clinic's chairs, opening hours and open days, stored in the
// clinic's database for every workstation and for alsmeds-cli (board settings). The sliders edit a draft;
// "Save for the clinic" writes a new version through core's set_unit_settings. Plain state: tests drive it.
#include "alsmeds/records/records.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;
struct Settings;

struct UnitSettingsForm {
  bool filled = false;  // the draft was taken from the settings in force (when the dialog opened)
  int chairs = 4, opening_hour = 8, closing_hour = 17;
  bool weekdays_only = false;
  int lp_rooms = 1, lp_minutes = 60;  // tofersen's lumbar-puncture rooms and their minutes
  RecordId seen = 0;                  // the version of the clinic's settings the draft was taken from
  Message message;

  /// The draft from the settings in force.
  void fill(const Settings& settings);
  /// Whether the draft differs from the settings in force.
  bool changed(const Settings& settings) const;
  /// Queues the write of the draft (a new version, audited); its outcome shown in `message`.
  void save(AppState& s);
  void draw(AppState& s);
};

}  // namespace alsmeds::gui
