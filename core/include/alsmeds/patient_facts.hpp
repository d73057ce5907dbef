#pragma once
// Reading a patient's (or every patient's) stored facts from a RecordStore: what plans, due lists, reports,
// exports and the desktop views are derived from.
#include <vector>

#include "alsmeds/result.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds {

/// The patient's zone, therapies and closed days (the clinic's and the patient's), and with `with_log` the
/// whole clinical log. Fails only when the stored zone is unknown to this machine's time-zone database.
Result<PatientFacts> load_facts(RecordStore& store, const Patient& patient, bool with_log = true);

/// load_facts(p, false) for each of `patients`, in their order, read in three queries in all rather than
/// three per patient.
Result<std::vector<PatientFacts>> load_cohort_facts(RecordStore& store, const std::vector<Patient>& patients);

/// Every patient's facts for due lists on days from `earliest_on`: load_cohort_facts plus each patient's log
/// without riluzole doses older than due lists look back (due_list.hpp, kOverdueLookbackDays), read in one
/// pass. due_items over these facts equals due_items over load_facts (tested on the demo clinic).
Result<std::vector<PatientFacts>> load_clinic_due_facts(RecordStore& store,
                                                        const std::vector<Patient>& patients,
                                                        Day earliest_on);

/// load_clinic_due_facts plus, with `with_supply`, what supply_status and refill_items (supply.hpp) read: for
/// each patient with a dispensing, the current dose records, the older riluzole ones read compact in the same
/// pass; none for the others.
/// refill_items(patients[i], doses[i], day) equals refill_items over load_facts (tested on the demo clinic).
struct ClinicSupplyFacts {
  std::vector<PatientFacts> patients;
  std::vector<std::vector<DoseRecord>> doses;  // by patient, as `patients`
};
Result<ClinicSupplyFacts> load_clinic_supply_facts(RecordStore& store, const std::vector<Patient>& patients,
                                                   Day earliest_on, bool with_supply = true);

/// Where a record stands in a list of records by time: a dose or side effect at its instant; a record dated
/// by day only (lab, weight, dispensing) at the start of that day in the patient's zone, not at 00:00 UTC
/// (the evening before in the Americas, among the doses of the day before).
Instant listing_instant(const LogEntry& entry, Zone zone);
/// Newest first by listing_instant, the later id first on a tie: `history` and every list of records.
void sort_newest_first(std::vector<LogEntry>& entries, Zone zone);

}  // namespace alsmeds
