#pragma once
// Nurse - Course of therapy: tofersen's observations (issue 26), plasma NfL and the CSF's white cells and
// protein, each charted over time in its unit with the laboratory's ULN where recorded, and listed.
#include <vector>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/schedule/lab_observations.hpp"

namespace alsmeds::gui {

struct AppState;

struct ObservationsPanel {
  // The series drawn, read again when the patient or the records change.
  RecordId series_for = 0;
  int revision = -1;
  std::vector<LabSeries> series;

  /// Drawn for a patient with a tofersen course or any such result.
  void draw(AppState& s, const PatientFacts& f);
};

}  // namespace alsmeds::gui
