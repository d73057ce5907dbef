// Alert acknowledgments and the infusion board on the clinic server. One booking per chair slot is kept by
// the database itself (infusion_slot_taken, see pg_schema.cpp): of two nurses booking one slot at the same
// moment, exactly one gets it and the other a clear refusal.
#include "alsmeds/text.hpp"
#include "pg_record_store.hpp"
#include "pg_rows.hpp"

namespace alsmeds::storage {
namespace {

constexpr const char* kLatestBooking =
    "SELECT id, patient_id, planned_key, day, chair, start_minute, booked_by, booked_at, minutes, cancelled "
    "FROM infusion_bookings WHERE planned_key = $1 ORDER BY version DESC LIMIT 1";
constexpr int kCancelledColumn = 9;

RecordId insert_booking(PgConnection& db, const InfusionBooking& b, const Actor& actor, bool cancelled) {
  // version, released_* and slot_generation are the trigger's (whatever a client sends).
  const PgResult r = db.exec(
      "INSERT INTO infusion_bookings (patient_id, planned_key, day, chair, start_minute, booked_by, "
      "booked_at, cancelled, version, minutes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9) RETURNING id",
      {pg(b.patient_id), b.planned_key, pg(day_number(b.day)), pg(b.chair),
       pg(static_cast<std::int64_t>(b.start.count())), actor.name,
       pg(static_cast<std::int64_t>(actor.now.time_since_epoch().count())), pg(cancelled), pg(b.minutes)});
  return r.integer(0, 0);
}

}  // namespace

Result<RecordId> PgRecordStore::book_infusion(const InfusionBooking& b, const Actor& actor,
                                              std::optional<RecordId> seen) {
  if (auto ok = check_text_fields({{"planned dose", b.planned_key}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  if (!find_patient(b.patient_id)) return fail("patient " + std::to_string(b.patient_id) + " does not exist");
  if (auto ok = check_booking(b); !ok) return fail(ok.error());
  try {
    return write([&]() -> Result<RecordId> {
      const PgResult old = db_->exec(kLatestBooking, {b.planned_key});
      if (old.rows() == 1) {
        const InfusionBooking was = booking_of(PgRow(old, 0));
        if (was.patient_id != b.patient_id)
          return fail(quote_short(b.planned_key) + " is booked for another patient");
        if (seen && *seen != (old.boolean(0, kCancelledColumn) ? 0 : was.id))
          return fail(booking_changed_meanwhile(was, old.boolean(0, kCancelledColumn)));
      } else if (seen && *seen != 0) {
        return fail(quote_short(b.planned_key) + " has no booking any more; the board is read again");
      }
      // The place for the dose's time held by another planned dose of a drug of that place (board_places;
      // the latest version of each). The server's trigger takes the same lock and checks the same
      // (pg_schema18.cpp): here the refusal gets the words of the SQLite store; the constraint still
      // refuses two bookings of one slot.
      const PgResult taken = db_->exec(
          "SELECT 1 FROM infusion_bookings b WHERE b.day = $1::bigint AND b.chair = $2::integer "
          "AND b.start_minute < $3::integer + $5::integer AND $3::integer < b.start_minute + b.minutes "
          "AND b.resource IN (SELECT drug FROM board_places WHERE place = (SELECT place FROM board_places "
          "WHERE drug = split_part($4::text, ':', 1))) "
          "AND NOT b.cancelled AND b.planned_key <> $4 AND b.version = "
          "(SELECT max(version) FROM infusion_bookings WHERE planned_key = b.planned_key)",
          {pg(day_number(b.day)), pg(b.chair), pg(static_cast<std::int64_t>(b.start.count())), b.planned_key,
           pg(b.minutes)});
      if (taken.rows() > 0) return fail(place_taken(b));
      audit_as(actor);
      return insert_booking(*db_, b, actor, false);
    });
  } catch (const PgError& e) {
    if (e.constraint() == "infusion_slot_taken" || e.sqlstate() == "23P01") return fail(place_taken(b));
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
      const InfusionBooking was = booking_of(PgRow(old, 0));
      const bool cancelled = old.boolean(0, kCancelledColumn);
      if (seen && *seen != (cancelled ? 0 : was.id)) return fail(booking_changed_meanwhile(was, cancelled));
      if (cancelled) return fail(quote_short(planned_key) + " has no booking");
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

std::vector<InfusionBooking> PgRecordStore::bookings_of(BoardPlace place, Day from, Day to) {
  std::vector<InfusionBooking> out;
  const std::vector<std::string_view> drugs = drugs_held_in(place);
  if (drugs.empty()) return out;
  std::vector<PgParam> params{pg(day_number(from)), pg(day_number(to))};
  std::string drug_in;
  for (std::size_t i = 0; i < drugs.size(); ++i) {
    drug_in += (i == 0 ? "$" : ", $") + std::to_string(i + 3);
    params.emplace_back(std::string(drugs[i]));
  }
  // resource: the key's drug word (schema 16, generated).
  const PgResult r =
      read(std::string("SELECT ") + kBookingColumns +
               " FROM infusion_bookings b WHERE b.day >= $1 AND b.day <= $2 AND NOT b.cancelled "
               "AND b.resource IN (" +
               drug_in +
               ") AND b.version = (SELECT max(version) FROM infusion_bookings WHERE planned_key "
               "= b.planned_key) ORDER BY b.day, b.start_minute, b.chair, b.id",
           params);
  for (int i = 0; i < r.rows(); ++i) out.push_back(booking_of(PgRow(r, i)));
  return out;
}

std::vector<InfusionBooking> PgRecordStore::infusion_bookings(Day from, Day to) {
  return bookings_of(BoardPlace::chair, from, to);
}

std::vector<InfusionBooking> PgRecordStore::procedure_bookings(Day from, Day to) {
  return bookings_of(BoardPlace::procedure_room, from, to);
}

}  // namespace alsmeds::storage
