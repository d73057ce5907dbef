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

std::vector<Therapy> PgRecordStore::therapies(RecordId patient_id) {
  return read_therapies(*this, patient_id);
}

std::vector<Therapy> PgRecordStore::all_therapies() {
  return read_therapies(*this, std::nullopt);
}

Result<RecordId> PgRecordStore::add_alsfrs(const AlsfrsReport& r, const Actor& actor) {
  if (auto ok = check_text(actor); !ok) return fail(ok.error());
  try {
    return write([&]() -> Result<RecordId> {
      if (r.supersedes &&
          db_->exec("SELECT 1 FROM alsfrs_reports a WHERE a.id = $1 AND a.patient_id = $2 AND NOT EXISTS "
                    "(SELECT 1 FROM alsfrs_reports b WHERE b.supersedes = a.id)",
                    {pg(*r.supersedes), pg(r.patient_id)})
                  .rows() == 0)
        return fail(
            "report " + std::to_string(*r.supersedes) +
            " is not a current ALSFRS-R report of this patient (only the current version is corrected)");
      audit_as(actor);
      const PgResult res = db_->exec(
          "INSERT INTO alsfrs_reports (patient_id, day, items, gastrostomy, recorded_by, recorded_at, "
          "supersedes) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {pg(r.patient_id), pg(day_number(r.day)), format_alsfrs_items(r.items), pg(r.gastrostomy),
           actor.name, pg(seconds(actor.now)), pg(r.supersedes)});
      return RecordId{res.integer(0, 0)};
    });
  } catch (const PgError& e) {
    if (e.constraint() == "alsfrs_reports_patient_id_fkey")
      return fail("patient " + std::to_string(r.patient_id) + " does not exist");
    if (e.constraint() == "alsfrs_reports_supersedes_key")
      return fail("report " + std::to_string(*r.supersedes) + " was corrected meanwhile");
    throw;
  }
}

std::vector<AlsfrsReport> PgRecordStore::alsfrs_reports(std::optional<RecordId> patient_id) {
  return read_alsfrs_reports(*this, patient_id);
}

Result<RecordId> PgRecordStore::add_pause(const TherapyPause& pause, const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", pause.reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  try {
    return write([&]() -> Result<RecordId> {
      audit_as(actor);
      const PgResult r = db_->exec(
          "INSERT INTO therapy_pauses (therapy_id, from_day, to_day, reason, recorded_by, recorded_at) "
          "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
          {pg(pause.therapy_id), pg(day_number(pause.from)), pg(day_number(pause.to)), pause.reason,
           actor.name, pg(seconds(actor.now))});
      return RecordId{r.integer(0, 0)};
    });
  } catch (const PgError& e) {
    if (e.constraint() == "therapy_pauses_therapy_id_fkey")
      return fail("therapy " + std::to_string(pause.therapy_id) + " does not exist");
    throw;
  }
}

Result<RecordId> PgRecordStore::shift_cycle(RecordId therapy_id, const CycleShift& shift,
                                            const std::string& reason, const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  return write([&]() -> Result<RecordId> {
    const PgResult find = db_->exec(
        "SELECT t.patient_id, t.drug, s.stop_day FROM therapies t "
        "LEFT JOIN therapy_stops s ON s.therapy_id = t.id WHERE t.id = $1",
        {pg(therapy_id)});
    if (find.rows() == 0) return fail("therapy " + std::to_string(therapy_id) + " does not exist");
    if (find.text(0, 1) != "edaravone") return fail("only edaravone cycles can be shifted");
    if (!find.is_null(0, 2)) return fail("therapy " + std::to_string(therapy_id) + " was stopped");
    audit_as(actor);
    const PgResult r = db_->exec(
        "INSERT INTO cycle_adjustments (therapy_id, cycle, days, reflow, reason, recorded_by, recorded_at, "
        "resume_from) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        {pg(therapy_id), pg(shift.cycle), pg(shift.days), std::string(to_string(shift.reflow)), reason,
         actor.name, pg(seconds(actor.now)),
         shift.resume_from ? pg(day_number(*shift.resume_from)) : PgParam{}});
    return RecordId{r.integer(0, 0)};
  });
}

Result<RecordId> PgRecordStore::insert_stop(RecordId therapy_id, Day stop, const std::string& reason,
                                            const Actor& actor) {
  const PgResult find = db_->exec(
      "SELECT t.patient_id, t.start_day, s.stop_day FROM therapies t "
      "LEFT JOIN therapy_stops s ON s.therapy_id = t.id WHERE t.id = $1",
      {pg(therapy_id)});
  if (find.rows() == 0) return fail("therapy " + std::to_string(therapy_id) + " does not exist");
  const Day start{date::days{find.integer(0, 1)}};
  if (!find.is_null(0, 2)) return fail("therapy " + std::to_string(therapy_id) + " was already stopped");
  if (stop < start)
    return fail("stop date " + format_day(stop) + " is before the start " + format_day(start));
  audit_as(actor);
  db_->exec(
      "INSERT INTO therapy_stops (therapy_id, stop_day, reason, recorded_by, recorded_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {pg(therapy_id), pg(day_number(stop)), reason, actor.name, pg(seconds(actor.now))});
  return therapy_id;
}

Result<RecordId> PgRecordStore::stop_therapy(RecordId therapy_id, Day stop, const std::string& reason,
                                             const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  try {
    return write([&] { return insert_stop(therapy_id, stop, reason, actor); });
  } catch (const PgError& e) {
    if (e.constraint() == "therapy_stops_once")  // stopped by another workstation meanwhile
      return fail("therapy " + std::to_string(therapy_id) + " was already stopped");
    throw;
  }
}

Result<RecordId> PgRecordStore::stop_therapy_acknowledging(RecordId therapy_id, Day stop,
                                                           const std::string& reason,
                                                           const AlertAcknowledgment& ack,
                                                           const Actor& actor) {
  if (auto ok = check_text_fields(
          {{"reason", reason}, {"alert", ack.alert_key}, {"note", ack.note}, {"recorded by", actor.name}});
      !ok)
    return fail(ok.error());
  if (ack.alert_key.empty()) return fail("an acknowledgment needs the alert it answers");
  try {
    return write([&]() -> Result<RecordId> {  // both rows and their audit rows, or nothing
      auto stopped = insert_stop(therapy_id, stop, reason, actor);
      if (!stopped) return stopped;
      return insert_acknowledgment(ack, actor);
    });
  } catch (const PgError& e) {
    if (e.constraint() == "therapy_stops_once")
      return fail("therapy " + std::to_string(therapy_id) + " was already stopped");
    throw;
  }
}

Result<RecordId> PgRecordStore::switch_product(RecordId therapy_id, Day from, Product product,
                                               const std::string& reason, const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  return write([&]() -> Result<RecordId> {
    const PgResult find = db_->exec(
        "SELECT t.patient_id, t.start_day, s.stop_day FROM therapies t "
        "LEFT JOIN therapy_stops s ON s.therapy_id = t.id WHERE t.id = $1",
        {pg(therapy_id)});
    if (find.rows() == 0) return fail("therapy " + std::to_string(therapy_id) + " does not exist");
    if (from < Day{date::days{find.integer(0, 1)}})
      return fail("switch date " + format_day(from) + " is before the therapy started");
    if (!find.is_null(0, 2) && from > Day{date::days{find.integer(0, 2)}})
      return fail("switch date " + format_day(from) + " is after the therapy was stopped");
    audit_as(actor);
    const PgResult r = db_->exec(
        "INSERT INTO therapy_changes (therapy_id, from_day, product, reason, recorded_by, recorded_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        {pg(therapy_id), pg(day_number(from)), std::string(to_string(product)), reason, actor.name,
         pg(seconds(actor.now))});
    return RecordId{r.integer(0, 0)};
  });
}

}  // namespace alsmeds::storage
