#pragma once
// The pharmacist's adherence report: one row per patient and drug, riskiest first (docs/cli.md, "report
// adherence").
#include <optional>
#include <vector>

#include "alsmeds/adherence.hpp"
#include "alsmeds/record_table.hpp"

namespace alsmeds {

struct AdherenceRow {
  Patient patient;
  Drug drug = Drug::riluzole;
  DoseAdherence doses;
  RefillAdherence refills;
  std::optional<double> last_alt_x_uln;
  int open_alerts = 0;
  int effects_grade2_plus = 0;
  bool flagged = false;  // PDC or taking adherence under 80%
};

/// Rows for every therapy of the patient active at some point in the period.
std::vector<AdherenceRow> adherence_rows(const PatientFacts& facts, const Period& period);

/// Riskiest first: the lower of PDC and taking adherence, unknown values last.
void sort_by_risk(std::vector<AdherenceRow>& rows);

/// patient_id,mrn,drug,scheduled,taken,taking_pct,timing_pct,pdc_pct then the further measures.
RecordTable adherence_table(const std::vector<AdherenceRow>& rows, const Period& period);

}  // namespace alsmeds
