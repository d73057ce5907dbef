#include "alsmeds/pharmacy/clinic_due.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/pharmacy/supply.hpp"

namespace alsmeds {

std::vector<DueItem> patient_due_items(const PatientFacts& facts, Instant now, std::optional<Day> on,
                                       int refill_days) {
  return patient_due_items(facts, current_doses(facts.log), now, on, refill_days);
}

std::vector<DueItem> patient_due_items(const PatientFacts& facts, const std::vector<DoseRecord>& doses,
                                       Instant now, std::optional<Day> on, int refill_days) {
  const Day day = on ? *on : local_day(now, facts.zone);  // "today" in the patient's own zone
  std::vector<DueItem> items = due_items(facts, day, on ? std::nullopt : std::optional<Instant>(now));
  std::vector<DueItem> refills = refill_items(facts, doses, day, refill_days);
  items.insert(items.end(), std::make_move_iterator(refills.begin()), std::make_move_iterator(refills.end()));
  std::stable_sort(items.begin(), items.end(),
                   [](const DueItem& a, const DueItem& b) { return a.status < b.status; });
  return items;
}

std::vector<ClinicDueRow> clinic_due_rows(const ClinicSupplyFacts& facts, Instant now, std::optional<Day> on,
                                          int refill_days) {
  // Patients are independent: two workers take them in turn (the lists are pure functions of the facts).
  const std::size_t n = facts.patients.size();
  std::vector<std::vector<DueItem>> items(n);
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < n; i = next++)
      items[i] = patient_due_items(facts.patients[i], facts.doses[i], now, on, refill_days);
  };
  std::thread helper(worker);
  worker();
  helper.join();
  std::vector<ClinicDueRow> rows;
  for (std::size_t i = 0; i < n; ++i)
    for (DueItem& item : items[i]) rows.push_back({facts.patients[i].patient, std::move(item)});
  return rows;
}

Result<std::vector<ClinicDueRow>> clinic_due_list(RecordStore& store, Instant now, std::optional<Day> on,
                                                  int refill_days, int alsfrs_every_days) {
  // Without --on, the westernmost zone's today is at most a day behind UTC's.
  const Day earliest = on ? *on : date::floor<date::days>(now) - date::days{1};
  auto facts = load_clinic_supply_facts(store, store.patients(), earliest);
  if (!facts) return fail(facts.error());
  ClinicSupplyFacts loaded = std::move(facts).value();
  for (PatientFacts& f : loaded.patients) f.alsfrs_every_days = alsfrs_every_days;
  return clinic_due_rows(loaded, now, on, refill_days);
}

}  // namespace alsmeds
