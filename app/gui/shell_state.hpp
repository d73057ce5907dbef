#pragma once
// The main window's own state (dialogs, the patient picker), kept in AppState so tests drive it without a
// window. Each view's state lives with its draw() in views/.
#include <string>

#include "message.hpp"
#include "views/unit_settings_form.hpp"

namespace alsmeds::gui {

/// The main window's dialogs and the patient picker.
struct ShellState {
  std::string patient_search;
  std::string picker_message;  // why Enter picked nobody (two patients named, several match)
  bool focus_search = false;
  std::string dialog;  // "", "open", "new", "backup", "export", "settings", "about", "demo"
  std::string path_input;
  std::string export_kind = "ics";
  std::string import_kind = "doses";
  bool demo_offered = false;
  int demo_patients = 40;
  Message dialog_message;     // the open dialog's outcome (a refused file, a failed backup), shown in it
  bool close_dialog = false;  // set by an action that finished what the dialog asked
  float text_scale_edit = 0;  // the text size while its slider is held (0: not held)
  /// A nurse who opened a patient from Clinic today: the view to go back to (a "Back to Clinic today"
  /// button above the patient's view); -1 when none.
  int back_to_clinic_tab = -1;
  std::string clinic_tz_edit;  // Settings' clinic time zone as typed (applied once it names a zone)
  UnitSettingsForm unit;       // Settings' infusion unit (chairs, hours), saved for the clinic
};

}  // namespace alsmeds::gui
