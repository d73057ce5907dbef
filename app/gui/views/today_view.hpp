#pragma once
// Patient - Today: the view's state (what is typed and chosen, the derived model and what it was derived
// from) and its draw(). The model (today_model.hpp) is a plain struct tests build without a window.
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/rules/clinic_actions.hpp"
#include "message.hpp"
#include "today_model.hpp"
#include "views/alsfrs_form.hpp"
#include "views/oral_fast_panel.hpp"

namespace alsmeds::gui {

struct AppState;

/// A "Taken" just recorded here: for kTakenUndoWindow an Undo beside its message withdraws it (a correction
/// record; nothing is deleted).
struct TakenUndo {
  RecordId record = 0, patient = 0;
  std::string key, what;  // the planned dose and how it was shown
  Instant recorded_at;    // AppState::now when it was recorded (the app's clock; tests set it)
};

/// A dose just recorded from its row: the row stays where it was (saying what was recorded, with Undo for a
/// Taken) for kTakenUndoWindow, so the rows under the pointer do not move after a press.
struct KeptDoseRow {
  TodayDose dose;
  std::size_t index = 0;  // its place in the list when pressed
  DoseStatus status = DoseStatus::taken;
  RecordId patient = 0;
  Instant recorded_at;
};

/// After the rows of the list changed (a dose recorded, the minute turned), their buttons ignore presses
/// this long: the second click of a double-click never lands on the control that came under the pointer.
inline constexpr double kInertAfterChangeSeconds = 0.5;

struct TodayView {
  TodayModel model;
  RecordId patient = 0;
  int revision = -1;
  long long minute = -1;
  int refill_days = -1;                         // the refill threshold the model was built with (Settings)
  std::string pending_key, pending_what, note;  // the Missed / Refused note popup
  DoseStatus pending_status = DoseStatus::missed;
  bool pending_early = false;     // "Taken early at ..." (the window has not opened) rather than "earlier"
  std::size_t pending_index = 0;  // the row's place in the list
  std::string focus_key;          // the row whose first control takes the keyboard next frame (after a press)
  std::vector<KeptDoseRow> kept;
  std::string rows_seen;  // the rows as drawn last frame (keys and states), for patient rows_patient
  RecordId rows_patient = 0;
  double rows_changed_at = -1e9;  // ImGui time of the last change of the rows
  /// Whether the row buttons ignore presses at ImGui time `time` (kInertAfterChangeSeconds after a change).
  bool inert(double time) const { return time < rows_changed_at + kInertAfterChangeSeconds; }
  OralFastPanel fast;
  AlsfrsForm alsfrs;  // the patient's ALSFRS-R self-report  // oral edaravone: the food rule and the wait
                      // after the last food
  int term_index = 0, grade = 1;
  std::string other_term, effect_note;
  int lab_test = 0;                           // an index into rules::kLabTests (0 ALT, 1 AST, ...)
  std::string lab_value, lab_uln, weight_kg;  // as typed; parsed (rules::parse_decimal) when logged
  Message dose_message;          // Taken, Missed, Refused: shown above the list, in a space of its own
  std::string dose_message_key;  // the planned key of the dose acted on
  Message effect_message, lab_message, weight_message;
  std::optional<TakenUndo> undo;
  /// Whether the Undo of the last Taken is still offered for `patient` at `now`.
  bool undo_offered(RecordId patient, Instant now) const;

  void draw(AppState& s);
};

}  // namespace alsmeds::gui
