// Tofersen's lumbar punctures booked in a room (lumbar_punctures.hpp): which dose a day gives, and whether a
// room and time can take it.
#include "alsmeds/rules/lumbar_punctures.hpp"

#include <chrono>

#include "action_checks.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {
namespace {

bool overlaps(const InfusionBooking& a, const InfusionBooking& b) {
  return a.day == b.day && a.start < b.start + WallClock{b.minutes} &&
         b.start < a.start + WallClock{a.minutes};
}

std::string words(const TofersenDose& d) {
  return std::string(to_string(d.kind)) + " dose " + std::to_string(d.number);
}

}  // namespace

PunctureRooms puncture_rooms_of(const UnitSettings& s) {
  const BoardHours h = board_hours_of(s);
  return {s.lp_rooms, s.lp_minutes, h.opening_hour, h.closing_hour};
}

PunctureOnDay puncture_on(const PatientFacts& f, Day day) {
  PunctureOnDay out;
  const Therapy* t = latest_therapy(f, Drug::tofersen);
  if (!t) {
    out.why = f.patient.name + " has no tofersen course";
    return out;
  }
  if (t->stop && *t->stop < day) {
    out.why = f.patient.name + "'s tofersen course stopped on " + format_day(*t->stop);
    return out;
  }
  if (day < t->start) {
    out.why = f.patient.name + "'s tofersen course starts on " + format_day(t->start);
    return out;
  }
  const std::vector<Day> given = given_tofersen_days(*t, f.log, f.zone);
  for (const TofersenDose& d : tofersen_doses_between(*t, given, day, day)) {
    if (d.given) {
      out.why = words(d) + " of " + f.patient.name + " was given on " + format_day(d.day);
      return out;
    }
    out.dose = d;
    out.key = planned_key(*t, d);
    return out;
  }
  // Nothing that day: the next dose is later (never before its day: the labels give no earlier dose).
  for (const TofersenDose& d : tofersen_plan_for(*t, given, day + date::days{60}).doses)
    if (!d.given && d.day > day) {
      out.why = words(d) + " of " + f.patient.name + " is due on " + format_day(d.day) + ", not " +
                format_day(day) + " (the labels give no earlier dose): book it that day or later";
      return out;
    }
  out.why = f.patient.name + " has no tofersen dose to give on " + format_day(day);
  return out;
}

std::vector<std::string> puncture_problems(const InfusionBooking& b, std::optional<Day> due,
                                           const std::vector<InfusionBooking>& same_day,
                                           const std::vector<InfusionBooking>& infusions,
                                           const PunctureRooms& rooms) {
  std::vector<std::string> out;
  if (!due)
    out.push_back("no tofersen dose to give matches this booking any more: cancel it");
  else if (b.day < *due)
    out.push_back("booked " + format_day(b.day) + " but due " + format_day(*due) +
                  " (an earlier dose was given late): move it");
  if (b.chair < 1 || b.chair > rooms.rooms)
    out.push_back("room " + std::to_string(b.chair) + " does not exist (" + std::to_string(rooms.rooms) +
                  (rooms.rooms == 1 ? " room)" : " rooms)"));
  if (b.start < WallClock{rooms.opening_hour * 60} ||
      b.start + WallClock{b.minutes} > WallClock{rooms.closing_hour * 60})
    out.push_back(format_wall_clock(b.start) + " room " + std::to_string(b.chair) +
                  " is outside opening hours (" + format_wall_clock(WallClock{rooms.opening_hour * 60}) +
                  " to " + format_wall_clock(WallClock{rooms.closing_hour * 60}) + ")");
  for (const InfusionBooking& o : same_day)
    if (o.planned_key != b.planned_key && o.chair == b.chair && overlaps(o, b)) {
      out.push_back("room " + std::to_string(b.chair) + " at " + format_wall_clock(b.start) +
                    " is double-booked (with " + format_wall_clock(o.start) + ")");
      break;
    }
  for (const InfusionBooking& o : infusions)
    if (o.patient_id == b.patient_id && overlaps(o, b)) {
      out.push_back("the patient has an infusion at the same time (" + format_wall_clock(o.start) +
                    ", chair " + std::to_string(o.chair) + ")");
      break;
    }
  return out;
}

std::optional<std::pair<int, WallClock>> first_free_room(RecordId patient_id,
                                                         const std::vector<InfusionBooking>& same_day,
                                                         const std::vector<InfusionBooking>& infusions,
                                                         const PunctureRooms& rooms) {
  if (rooms.minutes <= 0) return std::nullopt;
  for (int m = rooms.opening_hour * 60; m + rooms.minutes <= rooms.closing_hour * 60; m += rooms.minutes)
    for (int r = 1; r <= rooms.rooms; ++r) {
      InfusionBooking b;
      b.patient_id = patient_id;
      b.planned_key = "tofersen:";
      b.chair = r;
      b.start = WallClock{m};
      b.minutes = rooms.minutes;
      bool free = true;
      for (const InfusionBooking& o : same_day) {
        b.day = o.day;
        free = free && !(o.chair == r && overlaps(o, b));
      }
      for (const InfusionBooking& o : infusions) {
        b.day = o.day;
        free = free && !(o.patient_id == patient_id && overlaps(o, b));
      }
      if (free) return std::make_pair(r, WallClock{m});
    }
  return std::nullopt;
}

Result<ActionOutcome> book_lumbar_puncture(RecordStore& store, const PatientFacts& f,
                                           const PunctureBookingRequest& r, const PunctureRooms& rooms,
                                           const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  if (auto d = rules::check_era_day(r.day, "the day"); !d) return fail(d.error());
  if (rooms.rooms < 1)
    return fail("the unit has no lumbar-puncture room: set them first (board settings --lp-rooms N)");
  if (r.room < 1 || r.room > rooms.rooms)
    return fail("room " + std::to_string(r.room) + " does not exist (" + std::to_string(rooms.rooms) +
                (rooms.rooms == 1 ? " lumbar-puncture room)" : " lumbar-puncture rooms)"));
  const PunctureOnDay on = puncture_on(f, r.day);
  if (!on.dose) return fail(on.why);
  InfusionBooking b;
  b.patient_id = f.patient.id;
  b.planned_key = on.key;
  b.day = r.day;
  b.chair = r.room;
  b.start = r.start;
  b.minutes = rooms.minutes;
  if (b.start < WallClock{rooms.opening_hour * 60} ||
      b.start + WallClock{b.minutes} > WallClock{rooms.closing_hour * 60})
    return fail(format_day(b.day) + " " + format_wall_clock(b.start) + " room " + std::to_string(b.chair) +
                " is outside opening hours (" + format_wall_clock(WallClock{rooms.opening_hour * 60}) +
                " to " + format_wall_clock(WallClock{rooms.closing_hour * 60}) +
                ", a lumbar puncture holds its room " + std::to_string(b.minutes) + " minutes)");
  // The dose's live booking, whatever its day (a move keeps the key; a dose is booked within a year of it).
  for (const InfusionBooking& live :
       store.procedure_bookings(r.day - date::days{366}, r.day + date::days{366})) {
    if (live.planned_key != b.planned_key) continue;
    if (r.seen_booking && *r.seen_booking != live.id) return fail(booking_changed_meanwhile(live, false));
    if (live.day == b.day && live.chair == b.chair && live.start == b.start)
      return fail(f.patient.name + "'s lumbar puncture is already booked in room " + std::to_string(b.chair) +
                  " at " + format_wall_clock(b.start) + " on " + format_day(b.day) + ": nothing to change");
  }
  const std::vector<InfusionBooking> same_day = store.procedure_bookings(r.day, r.day);
  for (const InfusionBooking& o : same_day)
    if (o.planned_key != b.planned_key && o.chair == b.chair && overlaps(o, b)) return fail(place_taken(b));
  for (const InfusionBooking& o : store.infusion_bookings(r.day, r.day))
    if (o.patient_id == b.patient_id && overlaps(o, b))
      return fail(f.patient.name + " has an infusion at the same time (" + format_wall_clock(o.start) +
                  ", chair " + std::to_string(o.chair) + "): choose another time");
  auto id = store.book_infusion(b, actor, r.seen_booking);
  if (!id) return fail(id.error());
  ActionOutcome out{*id, {}};
  const int late = static_cast<int>((r.day - on.dose->due).count());
  if (late > 0)
    out.warnings.push_back(words(*on.dose) + " was due on " + format_day(on.dose->due) + ": booked " +
                           std::to_string(late) + (late == 1 ? " day" : " days") +
                           " after it (a late dose is given as soon as possible; on time within " +
                           std::to_string(kTofersenOnTimeDays) + " days, our default)");
  return out;
}

}  // namespace alsmeds
