#pragma once
// What the desktop app remembers per user, in $XDG_CONFIG_HOME/alsmeds (never the working folder): the
// last database, view and patient, the infusion board's chairs and opening hours, the text size. ImGui keeps
// the window layout in imgui.ini beside settings.json.
#include <string>

#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/records/alsfrs.hpp"
#include "alsmeds/records/records.hpp"
#include "alsmeds/result.hpp"

namespace alsmeds::gui {

struct Settings {
  std::string last_db;    // empty: the embedded default (docs/cli.md)
  std::string last_view;  // patient, nurse, pharmacist
  long long last_patient = 0;
  int chairs = 4;           // infusion chairs
  int opening_hour = 8;     // first slot starts
  int closing_hour = 17;    // last slot ends
  float text_scale = 1.0f;  // on top of the screen's content scale
  /// Today's refill line and the refill notification come this many days before a supply runs out.
  int refill_days = kDefaultRefillDays;
  int alsfrs_every_days = kAlsfrsEveryDays;      // the ALSFRS-R self-report asked every this many days
  int window_width = 1280, window_height = 800;  // the OS window, as the user left it
  /// The clinic's time zone (IANA name) for the nurse's board: its days are the clinic's, whichever patient
  /// is open. Empty: this computer's zone.
  std::string clinic_tz;
  /// The unit closes on Saturday and Sunday (the clinic's setting, read from its database with the chairs
  /// and hours: board settings; the chairs and hours saved here are used until the database has them).
  bool weekdays_only = false;
  /// Tofersen's lumbar-puncture rooms and the minutes each puncture holds one (the clinic's, read with the
  /// chairs; not saved in the file: the defaults until the database has them).
  int lp_rooms = 1, lp_minutes = 60;
  /// The version of the clinic's unit settings applied (0: none stored); not saved in the file.
  RecordId unit_version = 0;
};

/// $XDG_CONFIG_HOME/alsmeds, or ~/.config/alsmeds; created (mode 0700) on first save.
std::string settings_folder();

/// Missing file: the defaults. A damaged file: the defaults too, and the error says why (the app shows it).
Result<Settings> load_settings(const std::string& path);
/// Written to a temporary file, then renamed over the old one.
Result<bool> save_settings(const Settings& settings, const std::string& path);

/// The refill threshold's range, days (as alsmeds-cli supply --refill-days).

/// Chairs 1..20 and 0 <= opening < closing <= 23 (an infusion is 60 minutes); the reason otherwise.
std::string check_board_hours(const Settings& settings);
/// The clinic's unit settings (its database's board settings) over the chairs, hours and open days here.
void apply_unit_settings(Settings& settings, const UnitSettings& unit);

}  // namespace alsmeds::gui
