#pragma once
// The pharmacist's adherence report: one row per patient and drug, riskiest first (docs/cli.md, "report
// adherence").
#include <optional>
#include <vector>

#include "alsmeds/adherence/adherence.hpp"
#include "alsmeds/record_table.hpp"
#include "alsmeds/records/alsfrs.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds {

struct AdherenceRow {
  Patient patient;
  Drug drug = Drug::riluzole;
  DoseAdherence doses;
  RefillAdherence refills;
  std::optional<double> last_alt_x_uln;
  std::vector<std::pair<Day, double>> alt_x_uln;  // every ALT result up to the period's end, oldest first
  int open_alerts = 0;
  int effects_grade2_plus = 0;
  bool flagged = false;  // PDC or taking adherence under 80%
  /// Supply at the end of the period (docs/supply.md), for a drug the patient was dispensed: what is on
  /// hand ("40 tablet") and the day it runs out (none: lasts the course).
  std::string supply_on_hand;
  std::optional<Day> supply_runs_out_on;
  /// The patient's ALSFRS-R up to the period's end (issue 28: the cohort report beside adherence).
  AlsfrsSummary alsfrs{};
};

/// Rows for every therapy of the patient active at some point in the period.
std::vector<AdherenceRow> adherence_rows(const PatientFacts& facts, const Period& period);
/// The same with the patient's current dose records given apart (facts.log may then hold no doses), and the
/// dose records before those in `earlier_doses`: the supply columns count every dose since the first
/// dispensing, not only the report's.
std::vector<AdherenceRow> adherence_rows(const PatientFacts& facts, const std::vector<DoseRecord>& doses,
                                         const Period& period,
                                         const std::vector<DoseRecord>& earlier_doses = {});

/// adherence_rows for a cohort, on two threads: `patients` without their log (each gets its records from
/// `cohort`, which holds every patient's), rows in the patients' order.
std::vector<AdherenceRow> cohort_adherence_rows(std::vector<PatientFacts>& patients, const CohortLog& cohort,
                                                const Period& period);

/// The dose records a report over `period` reads: from a day before its first day to two days after its last
/// (its local days in any zone), and from far enough before its last day for the open alerts' look-back (a
/// doubled riluzole dose: due_list.hpp, kOverdueLookbackDays).
std::pair<Instant, Instant> report_dose_span(const Period& period);

/// The rows of `patients` (one patient, or every patient) read from the store: one code path for
/// `report adherence --patient` and `--all`, so a patient's row is the same in both. Fails when a stored zone
/// is unknown to this machine.
Result<std::vector<AdherenceRow>> report_adherence_rows(RecordStore& store,
                                                        const std::vector<Patient>& patients,
                                                        const Period& period);

/// Riskiest first: the lower of PDC and taking adherence, unknown values last.
void sort_by_risk(std::vector<AdherenceRow>& rows);

/// The rows a report document draws charts for: every row of one patient's report; of the cohort's, the
/// flagged rows (the calls to make) in their order (sort_by_risk: riskiest first), at most kMaxChartedRows.
inline constexpr std::size_t kMaxChartedRows = 50;
std::vector<std::size_t> rows_to_chart(const std::vector<AdherenceRow>& rows, bool cohort);

/// patient_id,mrn,drug,scheduled,taken,taking_pct,timing_pct,pdc_pct then the further measures.
RecordTable adherence_table(const std::vector<AdherenceRow>& rows, const Period& period);

}  // namespace alsmeds
