#pragma once
// Nurse - Course of therapy: the patient's doses of the last 6 months with the ALSFRS-R under each drug's
// dose timeline (issue 28: function and adherence on one time axis), and the clinician's ALSFRS-R rating.
#include <vector>

#include "alsmeds/adherence/adherence_report.hpp"
#include "views/alsfrs_form.hpp"

namespace alsmeds::gui {

struct AppState;

struct FunctionPanel {
  AlsfrsForm form;
  // The rows drawn, computed again when the patient, the records or the day change.
  RecordId rows_for = 0;
  int revision = -1;
  Day rows_day;
  std::vector<AdherenceRow> rows;

  void draw(AppState& s, const PatientFacts& f);
};

}  // namespace alsmeds::gui
