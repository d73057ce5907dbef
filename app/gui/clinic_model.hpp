#pragma once
// Clinic today (nurses, pharmacists): every patient's due and overdue doses, infusions, liver tests and open
// alerts and refills, the rows of alsmeds-cli's `due` for the whole clinic (core clinic_due.hpp), with
// filtering and sorting. Plain structs tests drive without a window.
#include <string>
#include <vector>

#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds::gui {

struct ClinicRow {
  RecordId patient_id = 0;
  std::string mrn, name;
  DueItem item;
};

/// The rows of `due` for every patient at `now` (each patient's today in their own zone), in `due`'s order:
/// patient by patient, alerts first, then overdue, due, coming. One pass over the log: run it off the UI
/// thread. Fails when a patient's stored zone is unknown here.
/// The refill items come at `refill_days` (the app's refill threshold; `due`'s is 7).
Result<std::vector<ClinicRow>> load_clinic_today(RecordStore& store, Instant now,
                                                 int refill_days = kDefaultRefillDays,
                                                 int alsfrs_every_days = kAlsfrsEveryDays);

enum class ClinicColumn { due_order, patient, kind, when, status, drug, detail };

struct ClinicFilter {
  bool doses = true, infusions = true, liver_tests = true, alerts = true;  // by kind
  bool overdue_only = false;  // overdue and alerts only (what cannot wait)
  std::string text;           // part of the name, MRN, drug or detail, any case
};

/// Indices into `rows` that pass the filter, in the order asked; ties keep `due`'s order.
std::vector<std::size_t> clinic_rows_shown(const std::vector<ClinicRow>& rows, const ClinicFilter& filter,
                                           ClinicColumn sort_by, bool ascending);

}  // namespace alsmeds::gui
