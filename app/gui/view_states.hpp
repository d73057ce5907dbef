#pragma once
// Each view's own state (what is typed, chosen, and the derived model with what it was derived from), kept
// in AppState so tests drive the views without a window.
#include <optional>
#include <string>
#include <vector>

#include "adherence_model.hpp"
#include "alerts_model.hpp"
#include "alsmeds/clinic_actions.hpp"
#include "board_model.hpp"
#include "message.hpp"
#include "planner_model.hpp"
#include "today_model.hpp"

namespace alsmeds::gui {

struct TodayViewState {
  TodayModel model;
  RecordId patient = 0;
  int revision = -1;
  long long minute = -1;
  std::string pending_key, pending_what, note;  // the Missed / Refused note popup
  DoseStatus pending_status = DoseStatus::missed;
  int term_index = 0, grade = 1;
  std::string other_term, effect_note;
  int lab_test = 0;                           // 0 ALT, 1 AST
  std::string lab_value, lab_uln, weight_kg;  // as typed; parsed (rules::parse_decimal) when logged
  Message dose_message;          // Taken, Missed, Refused: shown in the row of dose_message_key, else above
  std::string dose_message_key;  // the planned key of the dose acted on
  Message effect_message, lab_message, weight_message;
};

struct PlannerViewState {
  PlannerModel model;
  RecordId patient = 0;
  int revision = -1;
  bool month_set = false;
  date::year_month month{date::year{2026}, date::month{1}};
  Day selected;
  std::string start_text;
  int form = 0, policy = 0;
  Confirmation sulfite_risk;  // the prescriber and why, typed in the planner
  int delay_cycle = 0, delay_days = 7, reflow = 0;
  std::string riluzole_start, riluzole_times = "08:00,20:00";
  Confirmation baseline_alt;
  std::string reason;
  Message start_message, riluzole_message, infusion_message, delay_message;
};

struct BoardViewState {
  bool from_set = false, loaded = false, loading = false;
  int revision = -1;
  Day from, day;  // the week's Monday, the day shown
  std::vector<BoardPatient> patients;
  BoardModel model;
  Message message;       // the last booking, move or cancellation
  Message read_failure;  // why the week could not be read (retried once the database or the week changes)
};

struct AdherenceViewState {
  std::string from_text, to_text;
  Period period;
  std::vector<AdherenceRow> rows;
  bool loaded = false, loading = false;
  int revision = -1;
  AdherenceFilter filter;
  AdherenceColumn sort_by = AdherenceColumn::taking;
  bool ascending = true;
  std::size_t selected = std::string::npos;
  bool scroll_to_selected = false;
  std::string export_path;
  int export_format = 0;
  Message read_failure;  // why the cohort could not be read (retried once the database changes, or Compute)
};

struct AlertsPanelState {
  std::vector<AlertLine> lines;
  RecordId patient = 0;
  int revision = -1;
  Day day;
  Message message;  // the last acknowledgment
};

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
};

}  // namespace alsmeds::gui
