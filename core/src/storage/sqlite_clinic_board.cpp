// Alert acknowledgments and infusion bookings (schema version 4): what the desktop app's alerts panel and
// infusion board write.
#include "alsmeds/text.hpp"
#include "row_mapping.hpp"
#include "sqlite_record_store.hpp"

namespace alsmeds::storage {
namespace {

std::string describe(const InfusionBooking& b) {
  return b.planned_key + " on " + format_day(b.day) + " " + format_wall_clock(b.start) + ", " +
         booking_place(b);
}

}  // namespace

// The booking of a planned infusion is its latest version; a version marked cancelled frees the slot.
constexpr const char* kLatestBooking =
    "SELECT id, patient_id, planned_key, day, chair, start_minute, booked_by, booked_at, minutes, cancelled "
    "FROM infusion_bookings WHERE planned_key = ?1 ORDER BY id DESC LIMIT 1";
constexpr int kCancelledColumn = 9;
// A live booking (the latest version of its infusion, not cancelled) of another planned dose in the same
// place (a chair, or a room: the keys' drugs of one place in board_places, schema 18) whose time overlaps.
constexpr const char* kPlaceTaken =
    "SELECT b.id FROM infusion_bookings b WHERE b.day = ?1 AND b.chair = ?2 AND b.planned_key <> ?3 "
    "AND b.cancelled = 0 AND b.start_minute < ?4 + ?5 AND ?4 < b.start_minute + b.minutes "
    "AND (SELECT place FROM board_places WHERE drug = substr(b.planned_key, 1, instr(b.planned_key, ':') - "
    "1)) "
    "= (SELECT place FROM board_places WHERE drug = substr(?3, 1, instr(?3, ':') - 1)) "
    "AND b.id = (SELECT max(id) FROM infusion_bookings WHERE planned_key = b.planned_key) LIMIT 1";
constexpr const char* kInsertBooking =
    "INSERT INTO infusion_bookings (patient_id, planned_key, day, chair, start_minute, booked_by, booked_at, "
    "cancelled, minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

namespace {

RecordId insert_booking(Connection& db, const InfusionBooking& b, const Actor& actor, bool cancelled) {
  Statement add(db, kInsertBooking);
  add.bind(1, b.patient_id).bind(2, b.planned_key).bind(3, day_number(b.day));
  add.bind(4, static_cast<std::int64_t>(b.chair)).bind(5, static_cast<std::int64_t>(b.start.count()));
  add.bind(6, actor.name).bind(7, static_cast<std::int64_t>(actor.now.time_since_epoch().count()));
  add.bind(8, cancelled ? 1 : 0).bind(9, static_cast<std::int64_t>(b.minutes)).run();
  return db.last_insert_id();
}

}  // namespace

Result<RecordId> SqliteRecordStore::book_infusion(const InfusionBooking& b, const Actor& actor,
                                                  std::optional<RecordId> seen) {
  if (auto ok = check_text_fields({{"planned dose", b.planned_key}, {"recorded by", actor.name}}); !ok)
    return fail(ok.error());
  if (!find_patient(b.patient_id)) return fail("patient " + std::to_string(b.patient_id) + " does not exist");
  if (auto ok = check_booking(b); !ok) return fail(ok.error());
  Transaction tx(*db_);
  std::string previous;
  {
    Statement old(*db_, kLatestBooking);
    old.bind(1, b.planned_key);
    RecordId live = 0;
    if (old.step()) {
      const InfusionBooking was = booking_of(SqliteRow(old));
      if (was.patient_id != b.patient_id)
        return fail(quote_short(b.planned_key) + " is booked for another patient");
      if (old.get_int(kCancelledColumn) == 0) {
        previous = describe(was);
        live = was.id;
      }
      if (seen && *seen != live)
        return fail(booking_changed_meanwhile(was, old.get_int(kCancelledColumn) != 0));
    } else if (seen && *seen != 0) {
      return fail(quote_short(b.planned_key) + " has no booking any more; the board is read again");
    }
  }
  // The place is free for the time: checked here, inside the write transaction (BEGIN IMMEDIATE: one writer
  // at a time), so two workstations booking one chair at one moment get one booking and one refusal.
  {
    Statement taken(*db_, kPlaceTaken);
    taken.bind(1, day_number(b.day)).bind(2, static_cast<std::int64_t>(b.chair)).bind(3, b.planned_key);
    taken.bind(4, static_cast<std::int64_t>(b.start.count())).bind(5, static_cast<std::int64_t>(b.minutes));
    if (taken.step()) return fail(place_taken(b));
  }
  // A move is a new version: the old row stays as it was.
  const RecordId id = insert_booking(*db_, b, actor, false);
  record_audit(actor, previous.empty() ? "insert" : "move", "booking", id, b.patient_id, describe(b),
               previous);
  tx.commit();
  return id;
}

Result<RecordId> SqliteRecordStore::cancel_booking(const std::string& planned_key, const Actor& actor,
                                                   std::optional<RecordId> seen) {
  if (auto ok = check_text_fields({{"recorded by", actor.name}}); !ok) return fail(ok.error());
  Transaction tx(*db_);
  InfusionBooking was;
  {
    Statement old(*db_, kLatestBooking);
    old.bind(1, planned_key);
    if (!old.step()) return fail(quote_short(planned_key) + " has no booking");
    was = booking_of(SqliteRow(old));
    const bool cancelled = old.get_int(kCancelledColumn) != 0;
    if (seen && *seen != (cancelled ? 0 : was.id)) return fail(booking_changed_meanwhile(was, cancelled));
    if (cancelled) return fail(quote_short(planned_key) + " has no booking");
  }
  // A cancellation is a new version marked cancelled, keeping the slot it frees.
  const RecordId id = insert_booking(*db_, was, actor, true);
  record_audit(actor, "cancel", "booking", id, was.patient_id, "booking cancelled", describe(was));
  tx.commit();
  return id;
}

std::vector<InfusionBooking> SqliteRecordStore::bookings_of(BoardPlace place, Day from, Day to) {
  std::vector<InfusionBooking> out;
  const std::vector<std::string_view> drugs = drugs_held_in(place);
  if (drugs.empty()) return out;
  std::string drug_in;
  for (std::size_t i = 0; i < drugs.size(); ++i) drug_in += (i == 0 ? "?" : ", ?") + std::to_string(i + 3);
  Statement s(*db_,
              "SELECT b.id, b.patient_id, b.planned_key, b.day, b.chair, b.start_minute, b.booked_by, "
              "b.booked_at, b.minutes FROM infusion_bookings b WHERE b.day >= ?1 AND b.day <= ?2 "
              "AND b.cancelled = 0 AND substr(b.planned_key, 1, instr(b.planned_key, ':') - 1) IN (" +
                  drug_in +
                  ") "
                  "AND b.id = (SELECT max(id) FROM infusion_bookings WHERE planned_key = b.planned_key) "
                  "ORDER BY b.day, b.start_minute, b.chair, b.id");
  s.bind(1, day_number(from)).bind(2, day_number(to));
  for (std::size_t i = 0; i < drugs.size(); ++i) s.bind(static_cast<int>(i) + 3, drugs[i]);
  while (s.step()) out.push_back(booking_of(SqliteRow(s)));
  return out;
}

std::vector<InfusionBooking> SqliteRecordStore::infusion_bookings(Day from, Day to) {
  return bookings_of(BoardPlace::chair, from, to);
}

std::vector<InfusionBooking> SqliteRecordStore::procedure_bookings(Day from, Day to) {
  return bookings_of(BoardPlace::procedure_room, from, to);
}

}  // namespace alsmeds::storage
