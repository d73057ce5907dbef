#pragma once
// Patient - Today: the view's state (what is typed and chosen, the derived model and what it was derived
// from) and its draw(). The model (today_model.hpp) is a plain struct tests build without a window.
#include <optional>
#include <string>

#include "alsmeds/clinic_actions.hpp"
#include "message.hpp"
#include "today_model.hpp"

namespace alsmeds::gui {

struct AppState;

/// A "Taken" just recorded here: for kTakenUndoWindow an Undo beside its message withdraws it (a correction
/// record; nothing is deleted).
struct TakenUndo {
  RecordId record = 0, patient = 0;
  std::string key, what;  // the planned dose and how it was shown
  Instant recorded_at;    // AppState::now when it was recorded (the app's clock; tests set it)
};

struct TodayView {
  TodayModel model;
  RecordId patient = 0;
  int revision = -1;
  long long minute = -1;
  int refill_days = -1;                         // the refill threshold the model was built with (Settings)
  std::string pending_key, pending_what, note;  // the Missed / Refused note popup
  DoseStatus pending_status = DoseStatus::missed;
  int term_index = 0, grade = 1;
  std::string other_term, effect_note;
  int lab_test = 0;                           // 0 ALT, 1 AST
  std::string lab_value, lab_uln, weight_kg;  // as typed; parsed (rules::parse_decimal) when logged
  Message dose_message;          // Taken, Missed, Refused: shown in the row of dose_message_key, else above
  std::string dose_message_key;  // the planned key of the dose acted on
  Message effect_message, lab_message, weight_message;
  std::optional<TakenUndo> undo;
  /// Whether the Undo of the last Taken is still offered for `patient` at `now`.
  bool undo_offered(RecordId patient, Instant now) const;

  void draw(AppState& s);
};

}  // namespace alsmeds::gui
