// The single-machine store's courses of therapy (start, stop, delays, switches, pauses) and ALSFRS-R reports
// (SqliteRecordStore, sqlite_record_store.hpp).
#include <string>
#include <vector>

#include "alsmeds/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "row_mapping.hpp"
#include "sqlite_record_store.hpp"

namespace alsmeds::storage {

Result<RecordId> SqliteRecordStore::start_therapy(const NewTherapy& t, const Actor& actor) {
  if (auto ok = check_text_fields({{"restart reason", t.restart_reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  if (!find_patient(t.patient_id)) return fail("patient " + std::to_string(t.patient_id) + " does not exist");
  Transaction tx(*db_);
  Statement s(*db_,
              "INSERT INTO therapies (patient_id, drug, product, start_day, policy, times, lft_schedule, "
              "lft_weekdays_only, created_at, first_cycle, restart_reason, dose_days) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  s.bind(1, t.patient_id).bind(2, to_string(t.drug)).bind(3, to_string(t.product));
  s.bind(4, static_cast<std::int64_t>(t.start.time_since_epoch().count())).bind(5, to_string(t.policy));
  s.bind(6, format_times(t.times))
      .bind(7, to_string(t.liver_tests))
      .bind(8, t.liver_tests_weekdays_only ? 1 : 0);
  s.bind(9, seconds(actor.now)).bind(10, to_string(t.first_cycle)).bind(11, t.restart_reason);
  s.bind(12, format_dose_day_pattern(t.dose_days)).run();
  const RecordId id = db_->last_insert_id();
  record_audit(actor, "insert", "therapy", id, t.patient_id, describe(t));
  tx.commit();
  return id;
}

}  // namespace alsmeds::storage
