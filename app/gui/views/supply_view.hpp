#pragma once
// Pharmacist - Supply: who runs out within the next 7 or 14 days, riskiest first (the earliest run-out day
// first; a supply already run out at the top), as `alsmeds-cli supply --runs-out-within` lists them; one
// click on a row opens that patient's own view. The rows are plain structs tests build without a window.
#include <vector>

#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;

/// The list's widest reach: the view reads the supplies running out within 14 days and shows 7 or 14.
inline constexpr int kSupplyListDays = 14;

struct SupplyView {
  std::vector<PatientSupply> rows;  // within kSupplyListDays, riskiest first
  int within = 7;                   // 7 or 14: the days shown
  bool loaded = false, loading = false;
  int revision = -1, refill_days = -1;
  long long day = -1;    // re-read when the day turns (each patient's today)
  Message read_failure;  // why the supplies could not be read (retried once the database changes)

  void draw(AppState& s);
};

/// Every patient's supplies that run out within kSupplyListDays days of each patient's today at `now`,
/// riskiest first (core supplies_running_out over each patient's whole log). Run it off the UI thread.
Result<std::vector<PatientSupply>> load_supply_list(RecordStore& store, Instant now, int refill_days);

/// The rows of `rows` that run out within `within` days of their day (or have run out), in their order.
std::vector<const PatientSupply*> supply_rows_within(const std::vector<PatientSupply>& rows, int within);

}  // namespace alsmeds::gui
