#pragma once
// The patient line's "Details": a patient's facts as they are now (name, zone, birth date, feeding tube,
// sulfite allergy), changed as alsmeds-cli's `patient update` does: a new version with a reason, a new zone
// from a named day. Core's rules decide (update_patient); what they say stands under the Save button.
#include <string>

#include "alsmeds/rules/clinic_actions.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;

struct PatientDetailsView {
  RecordId filled_for = 0;  // the patient the fields were filled from (another patient fills them again)
  std::string name, tz, from, born, reason;
  bool feeding_tube = false, sulfite_allergy = false;
  bool open_requested = false;  // "Details of this patient..." in the patient picker's list
  Message message;

  /// The fields from the patient's facts; the zone's day defaults to `today`.
  void fill(const Patient& p, Day today);
  /// What the fields ask to change, compared with `p`: only the facts that differ (a new zone with its day).
  /// Refused: a day that is not a date.
  Result<PatientChange> change(const Patient& p) const;
  /// The "Details" button on the patient line and its form (nurse and pharmacist roles).
  void draw(AppState& s);
};

}  // namespace alsmeds::gui
