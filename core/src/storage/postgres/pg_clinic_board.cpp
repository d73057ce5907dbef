// Alert acknowledgments and the infusion board on the clinic server. One booking per chair slot is kept by
// the database itself (infusion_slot_taken, see pg_schema.cpp): of two nurses booking one slot at the same
// moment, exactly one gets it and the other a clear refusal.
#include "alsmeds/text.hpp"
#include "pg_record_store.hpp"
#include "pg_rows.hpp"

namespace alsmeds::storage {
namespace {

std::string slot_taken(const InfusionBooking& b) {  // the same words as the SQLite store's
  return "chair " + std::to_string(b.chair) + " is taken at " + format_wall_clock(b.start) + " on " +
         format_day(b.day) + " (an infusion is 60 minutes): choose another chair or time";
}

constexpr const char* kBookingColumns =
    "id, patient_id, planned_key, day, chair, start_minute, booked_by, booked_at";
constexpr const char* kLatestBooking =
    "SELECT id, patient_id, planned_key, day, chair, start_minute, booked_by, booked_at, cancelled "
    "FROM infusion_bookings WHERE planned_key = $1 ORDER BY version DESC LIMIT 1";

RecordId insert_booking(PgConnection& db, const InfusionBooking& b, const Actor& actor, bool cancelled) {
  // version, released_* and slot_generation are the trigger's (whatever a client sends).
  const PgResult r = db.exec(
      "INSERT INTO infusion_bookings (patient_id, planned_key, day, chair, start_minute, booked_by, "
      "booked_at, "
      "cancelled, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0) RETURNING id",
      {pg(b.patient_id), b.planned_key, pg(day_number(b.day)), pg(b.chair),
       pg(static_cast<std::int64_t>(b.start.count())), actor.name,
       pg(static_cast<std::int64_t>(actor.now.time_since_epoch().count())), pg(cancelled)});
  return r.integer(0, 0);
}

}  // namespace

Result<RecordId> PgRecordStore::acknowledge_alert(const AlertAcknowledgment& ack, const Actor& actor) {
  if (auto ok =
          check_text_fields({{"alert", ack.alert_key}, {"note", ack.note}, {"recorded by", actor.name}});
      !ok)
    return fail(ok.error());
  if (!find_patient(ack.patient_id))
    return fail("patient " + std::to_string(ack.patient_id) + " does not exist");
  if (ack.alert_key.empty()) return fail("an acknowledgment needs the alert it answers");
  return write([&] { return insert_acknowledgment(ack, actor); });
}

Result<RecordId> PgRecordStore::insert_acknowledgment(const AlertAcknowledgment& ack, const Actor& actor) {
  audit_as(actor);
  const PgResult r = db_->exec(
      "INSERT INTO alert_acknowledgments (patient_id, alert_key, acknowledged_by, acknowledged_at, note) "
      "VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {pg(ack.patient_id), ack.alert_key, actor.name,
       pg(static_cast<std::int64_t>(actor.now.time_since_epoch().count())), ack.note});
  return RecordId{r.integer(0, 0)};
}

std::vector<AlertAcknowledgment> PgRecordStore::alert_acknowledgments(std::optional<RecordId> patient_id) {
  std::vector<AlertAcknowledgment> out;
  const PgResult r = read(
      "SELECT id, patient_id, alert_key, acknowledged_by, acknowledged_at, note FROM alert_acknowledgments "
      "WHERE $1::bigint IS NULL OR patient_id = $1 ORDER BY id",
      {pg(patient_id)});
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.integer(i, 0), r.integer(i, 1), r.text(i, 2), r.text(i, 3),
                   Instant{std::chrono::seconds{r.integer(i, 4)}}, r.text(i, 5)});
  return out;
}

Result<RecordId> PgRecordStore::book_infusion(const InfusionBooking& b, const Actor& actor,
                                              std::optional<RecordId> seen) {
  if (auto ok = check_text_fields({{"planned dose", b.planned_key}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  if (!find_patient(b.patient_id)) return fail("patient " + std::to_string(b.patient_id) + " does not exist");
  if (b.planned_key.rfind("edaravone:", 0) != 0)
    return fail(quote_short(b.planned_key) + " is not a planned edaravone infusion");
  if (b.chair < 1) return fail("chair " + std::to_string(b.chair) + " does not exist (chairs count from 1)");
  if (b.start < WallClock{0} || b.start > WallClock{23 * 60})
    return fail("start " + format_wall_clock(b.start) + " leaves no 60 minutes before midnight");
  try {
    return write([&]() -> Result<RecordId> {
      const PgResult old = db_->exec(kLatestBooking, {b.planned_key});
      if (old.rows() == 1) {
        const InfusionBooking was = read_booking(old, 0);
        if (was.patient_id != b.patient_id)
          return fail(quote_short(b.planned_key) + " is booked for another patient");
        if (seen && *seen != (old.boolean(0, 8) ? 0 : was.id))
          return fail(booking_changed_meanwhile(was, old.boolean(0, 8)));
      } else if (seen && *seen != 0) {
        return fail(quote_short(b.planned_key) + " has no booking any more; the board is read again");
      }
      // The chair for the infusion's hour held by another planned infusion (the latest version of each).
      // Bookings of one chair and day wait for each other here (a lock held to the end of the
      // transaction), so of two nurses booking overlapping hours at the same moment the second sees the
      // first's booking; the constraint still refuses two bookings of one exact slot.
      db_->exec(
          "SELECT pg_advisory_xact_lock(1651470706, (($1::bigint * 64 + $2::bigint) % 2147483647)::int)",
          {pg(day_number(b.day)), pg(b.chair)});
      const PgResult taken = db_->exec(
          "SELECT 1 FROM infusion_bookings b WHERE b.day = $1 AND b.chair = $2 AND abs(b.start_minute - $3) "
          "< 60 "
          "AND NOT b.cancelled AND b.planned_key <> $4 AND b.version = "
          "(SELECT max(version) FROM infusion_bookings WHERE planned_key = b.planned_key)",
          {pg(day_number(b.day)), pg(b.chair), pg(static_cast<std::int64_t>(b.start.count())),
           b.planned_key});
      if (taken.rows() > 0) return fail(slot_taken(b));
      audit_as(actor);
      return insert_booking(*db_, b, actor, false);
    });
  } catch (const PgError& e) {
    if (e.constraint() == "infusion_slot_taken") return fail(slot_taken(b));
    if (e.constraint() == "infusion_booking_changed_meanwhile")
      return fail("the booking of " + quote_short(b.planned_key) +
                  " was changed at another workstation meanwhile; look at the board again");
    throw;
  }
}

Result<RecordId> PgRecordStore::cancel_booking(const std::string& planned_key, const Actor& actor,
                                               std::optional<RecordId> seen) {
  if (auto ok = check_text_fields({{"recorded by", actor.name}}); !ok) return fail(ok.error());
  try {
    return write([&]() -> Result<RecordId> {
      const PgResult old = db_->exec(kLatestBooking, {planned_key});
      if (old.rows() == 0) return fail(quote_short(planned_key) + " has no booking");
      const InfusionBooking was = read_booking(old, 0);
      if (seen && *seen != (old.boolean(0, 8) ? 0 : was.id))
        return fail(booking_changed_meanwhile(was, old.boolean(0, 8)));
      if (old.boolean(0, 8)) return fail(quote_short(planned_key) + " has no booking");
      audit_as(actor);
      return insert_booking(*db_, was, actor, true);
    });
  } catch (const PgError& e) {
    if (e.constraint() == "infusion_booking_changed_meanwhile")
      return fail("the booking of " + quote_short(planned_key) +
                  " was changed at another workstation meanwhile; look at the board again");
    throw;
  }
}

std::vector<InfusionBooking> PgRecordStore::infusion_bookings(Day from, Day to) {
  std::vector<InfusionBooking> out;
  const PgResult r = read(
      std::string("SELECT ") + kBookingColumns +
          " FROM infusion_bookings b WHERE b.day >= $1 AND b.day <= $2 AND NOT b.cancelled "
          "AND b.version = (SELECT max(version) FROM infusion_bookings WHERE planned_key = b.planned_key) "
          "ORDER BY b.day, b.start_minute, b.chair, b.id",
      {pg(day_number(from)), pg(day_number(to))});
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_booking(r, i));
  return out;
}

Result<RecordId> PgRecordStore::add_unit_settings(const UnitSettings& u, const Actor& actor) {
  if (auto ok = check_text_fields({{"reason", u.reason}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  return write([&]() -> Result<RecordId> {
    audit_as(actor);
    const PgResult r = db_->exec(
        "INSERT INTO unit_settings (chairs, opens_minute, closes_minute, weekdays_only, reason, recorded_by, "
        "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        {pg(u.chairs), pg(u.opens_minute), pg(u.closes_minute), pg(u.weekdays_only), u.reason, actor.name,
         pg(static_cast<std::int64_t>(actor.now.time_since_epoch().count()))});
    return RecordId{r.integer(0, 0)};
  });
}

std::optional<UnitSettings> PgRecordStore::unit_settings() {
  const PgResult r = read(
      "SELECT id, chairs, opens_minute, closes_minute, weekdays_only, reason, recorded_by, recorded_at "
      "FROM unit_settings ORDER BY id DESC LIMIT 1",
      {});
  if (r.rows() == 0) return std::nullopt;
  UnitSettings u;
  u.id = r.integer(0, 0);
  u.chairs = static_cast<int>(r.integer(0, 1));
  u.opens_minute = static_cast<int>(r.integer(0, 2));
  u.closes_minute = static_cast<int>(r.integer(0, 3));
  u.weekdays_only = r.boolean(0, 4);
  u.reason = r.text(0, 5);
  u.recorded_by = r.text(0, 6);
  u.recorded_at = Instant{std::chrono::seconds{r.integer(0, 7)}};
  return u;
}

}  // namespace alsmeds::storage
