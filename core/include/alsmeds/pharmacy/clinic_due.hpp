#pragma once
// What is due, overdue and coming, with the refills of supply.hpp: for one patient, and for the whole clinic
// (the nurse's morning list: alsmeds-cli `due` without --patient and the app's Clinic today).
#include <optional>
#include <vector>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/result.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds {

/// due_items and refill_items of one patient, alerts first, then overdue, due, coming (refills among their
/// status). On `on` when given; else on the patient's own today at `now`, where a riluzole dose whose next
/// dose's time has come is listed as missed (due_items with `now`). facts.log must hold the whole log
/// (load_facts).
std::vector<DueItem> patient_due_items(const PatientFacts& facts, Instant now, std::optional<Day> on,
                                       int refill_days = kDefaultRefillDays);
/// The same with the patient's current dose records, for the refills, given compact in `doses` (supply.hpp).
std::vector<DueItem> patient_due_items(const PatientFacts& facts, const std::vector<DoseRecord>& doses,
                                       Instant now, std::optional<Day> on,
                                       int refill_days = kDefaultRefillDays);

struct ClinicDueRow {
  Patient patient;
  DueItem item;
};

/// patient_due_items for each patient of `facts`, patient by patient in their order.
std::vector<ClinicDueRow> clinic_due_rows(const ClinicSupplyFacts& facts, Instant now, std::optional<Day> on,
                                          int refill_days = kDefaultRefillDays);

/// The whole clinic's rows, read in few passes (load_clinic_supply_facts). Fails when a patient's stored zone
/// is unknown here.
/// The refill items come from `refill_days` days before a supply runs out (`due`: kDefaultRefillDays).
/// The ALSFRS-R self-report is asked every `alsfrs_every_days` (PatientFacts::alsfrs_every_days).
Result<std::vector<ClinicDueRow>> clinic_due_list(RecordStore& store, Instant now, std::optional<Day> on,
                                                  int refill_days = kDefaultRefillDays,
                                                  int alsfrs_every_days = kAlsfrsEveryDays);

}  // namespace alsmeds
