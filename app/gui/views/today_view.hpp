#pragma once
// Patient - Today: the view's state (what is typed and chosen, the derived model and what it was derived
// from) and its draw(). The model (today_model.hpp) is a plain struct tests build without a window.
#include <string>

#include "alsmeds/clinic_actions.hpp"
#include "message.hpp"
#include "today_model.hpp"

namespace alsmeds::gui {

struct AppState;

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

  void draw(AppState& s);
};

}  // namespace alsmeds::gui
