#pragma once
// Tofersen's lumbar punctures on the board (issue 26, docs/domain.md "Tofersen": given in clinic, in a
// procedure room, not an infusion chair): the unit's rooms and the minutes a puncture holds one (board
// settings), which dose of a patient is given on a day, and the rules of booking it into a room. The app's
// board and alsmeds-cli's `board book --room` both come here; the store checks the room again inside its
// write transaction (records.hpp check_booking, place_taken).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "alsmeds/regimens/tofersen.hpp"
#include "alsmeds/rules/clinic_actions.hpp"

namespace alsmeds {

/// The unit's lumbar-puncture rooms and hours (from UnitSettings: the same opening hours as the chairs).
struct PunctureRooms {
  int rooms = 1;
  int minutes = 60;
  int opening_hour = 8, closing_hour = 17;
};
PunctureRooms puncture_rooms_of(const UnitSettings& settings);

/// The tofersen dose of the patient's latest course that is given on `day`: the dose planned that day, or one
/// overdue then (given as soon as possible: any day from its due day on). None when the course has no dose to
/// give that day (the reason in `why`: the next dose's day, a dose given already, no course).
struct PunctureOnDay {
  std::optional<TofersenDose> dose;
  std::string key;  // planned_key of the dose
  std::string why;  // when there is none
};
PunctureOnDay puncture_on(const PatientFacts& facts, Day day);

struct PunctureBookingRequest {
  Day day;
  int room = 1;
  WallClock start{9 * 60};
  /// The dose's live booking version (id) the front end showed, 0 for none: refused when it changed
  /// meanwhile.
  std::optional<RecordId> seen_booking;
};
/// Books (or moves) the patient's tofersen dose of `day` into a lumbar-puncture room for the unit's minutes.
/// Refused: no room in the unit, a room it does not have, no dose to give that day (a day before the dose is
/// due: the labels give no earlier dose), a time outside opening hours, the room held at an overlapping time,
/// the patient in an infusion chair at an overlapping time, the same room and time again. A day after the due
/// day is booked with a warning (late: "as soon as possible"). facts.log must hold the patient's records (the
/// plan is anchored on the doses given).
Result<ActionOutcome> book_lumbar_puncture(RecordStore& store, const PatientFacts& facts,
                                           const PunctureBookingRequest& request, const PunctureRooms& rooms,
                                           const Actor& actor);

/// What is wrong with a lumbar puncture booked on the board: `due` is the day the dose is due now (none when
/// the course has no such dose to give any more), `same_day` the other punctures and `infusions` the chair
/// bookings of its day.
std::vector<std::string> puncture_problems(const InfusionBooking& b, std::optional<Day> due,
                                           const std::vector<InfusionBooking>& same_day,
                                           const std::vector<InfusionBooking>& infusions,
                                           const PunctureRooms& rooms);

/// The first room and start (from opening, in steps of the unit's minutes) free for the patient on the day:
/// no puncture in the room and no infusion of the patient at an overlapping time.
std::optional<std::pair<int, WallClock>> first_free_room(RecordId patient_id,
                                                         const std::vector<InfusionBooking>& same_day,
                                                         const std::vector<InfusionBooking>& infusions,
                                                         const PunctureRooms& rooms);

}  // namespace alsmeds
