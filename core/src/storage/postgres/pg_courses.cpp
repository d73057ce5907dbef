// The clinic server store's courses of therapy (start, stop, delays, switches, pauses) and ALSFRS-R reports
// (PgRecordStore, pg_record_store.hpp).
#include <chrono>
#include <string>
#include <vector>

#include "alsmeds/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "pg_record_store.hpp"
#include "pg_rows.hpp"

namespace alsmeds::storage {

Result<RecordId> PgRecordStore::start_therapy(const NewTherapy& t, const Actor& actor) {
  if (auto ok = check_text_fields({{"restart reason", t.restart_reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  if (!find_patient(t.patient_id)) return fail("patient " + std::to_string(t.patient_id) + " does not exist");
  std::string confirmations;  // one per line (a line break in one is refused)
  for (const std::string& c : t.confirmations) {
    if (auto ok = check_text_fields({{"confirmation", c}}); !ok) return fail(ok.error());
    confirmations += (confirmations.empty() ? "" : "\n") + c;
  }
  return write([&]() -> Result<RecordId> {
    audit_as(actor);
    const PgResult r = db_->exec(
        "INSERT INTO therapies (patient_id, drug, product, start_day, policy, times, lft_schedule, "
        "lft_weekdays_only, created_at, first_cycle, restart_reason, confirmations, dose_days) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        {pg(t.patient_id), std::string(to_string(t.drug)), std::string(to_string(t.product)),
         pg(day_number(t.start)), std::string(to_string(t.policy)), format_times(t.times),
         std::string(to_string(t.liver_tests)), pg(t.liver_tests_weekdays_only), pg(seconds(actor.now)),
         std::string(to_string(t.first_cycle)), t.restart_reason, confirmations,
         format_dose_day_pattern(t.dose_days)});
    return RecordId{r.integer(0, 0)};
  });
}

}  // namespace alsmeds::storage
