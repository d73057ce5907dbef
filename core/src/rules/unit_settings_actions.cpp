// board settings (issue 27): the infusion unit's chairs and hours, stored in the clinic's database (one
// setting for every workstation, the CLI and the app), a version each time they change.
#include <algorithm>

#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {

UnitSettings unit_settings_in_force(RecordStore& store) {
  if (auto stored = store.unit_settings()) return *stored;
  return UnitSettings{};
}

BoardHours board_hours_of(const UnitSettings& s) {
  return {s.chairs, (s.opens_minute + 59) / 60, s.closes_minute / 60};
}

Result<std::pair<WallClock, WallClock>> parse_opening_hours(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos)
    return fail(quote_short(text) + " is not opening hours HH:MM-HH:MM (e.g. 08:00-17:00)");
  auto opens = parse_wall_clock(text.substr(0, dash));
  auto closes = parse_wall_clock(text.substr(dash + 1));
  if (!opens || !closes)
    return fail(quote_short(text) + " is not opening hours HH:MM-HH:MM (e.g. 08:00-17:00)");
  return std::make_pair(*opens, *closes);
}

Result<ActionOutcome> set_unit_settings(RecordStore& store, const UnitSettingsChange& change, Day today,
                                        const Actor& actor) {
  const UnitSettings before = unit_settings_in_force(store);
  if (change.seen && *change.seen != before.id) {
    UnitSettings now = before;
    now.reason.clear();
    return fail("the unit's settings were changed meanwhile by " + before.recorded_by + " (now " +
                describe(now) + "): nothing was saved; look at them and set yours again");
  }
  UnitSettings after = before;
  after.chairs = change.chairs.value_or(before.chairs);
  if (change.open) {
    after.opens_minute = static_cast<int>(change.open->first.count());
    after.closes_minute = static_cast<int>(change.open->second.count());
  }
  after.weekdays_only = change.weekdays_only.value_or(before.weekdays_only);
  after.lp_rooms = change.lp_rooms.value_or(before.lp_rooms);
  after.lp_minutes = change.lp_minutes.value_or(before.lp_minutes);
  after.reason = change.reason;
  if (after.lp_rooms < 0 || after.lp_rooms > kMaxPunctureRooms)
    return fail("lumbar-puncture rooms: " + std::to_string(after.lp_rooms) + " is not 0 to " +
                std::to_string(kMaxPunctureRooms));
  if (after.lp_minutes < kPunctureMinutes.first || after.lp_minutes > kPunctureMinutes.second)
    return fail("lumbar-puncture minutes: " + std::to_string(after.lp_minutes) + " is not " +
                std::to_string(kPunctureMinutes.first) + " to " + std::to_string(kPunctureMinutes.second));
  if (after.chairs < 1 || after.chairs > 20)
    return fail("chairs: " + std::to_string(after.chairs) + " is not 1 to 20");
  if (after.opens_minute % 60 != 0 || after.closes_minute % 60 != 0)
    return fail("opening hours " + format_wall_clock(WallClock{after.opens_minute}) + "-" +
                format_wall_clock(WallClock{after.closes_minute}) +
                ": the board's slots are whole hours (an infusion is 60 minutes): give HH:00-HH:00");
  if (const std::string why = check_board_hours(board_hours_of(after)); !why.empty())
    return fail("opening hours " + format_wall_clock(WallClock{after.opens_minute}) + "-" +
                format_wall_clock(WallClock{after.closes_minute}) + ": " + why);
  if (before.id != 0 && after.chairs == before.chairs && after.opens_minute == before.opens_minute &&
      after.closes_minute == before.closes_minute && after.weekdays_only == before.weekdays_only &&
      after.lp_rooms == before.lp_rooms && after.lp_minutes == before.lp_minutes) {
    UnitSettings same = after;
    same.reason.clear();
    return fail("the unit's settings are already " + describe(same) + ": nothing to change");
  }
  auto id = store.add_unit_settings(after, actor);
  if (!id) return fail(id.error());
  ActionOutcome out{*id, {}};
  // Bookings the new board no longer holds: the nurse moves them (the board shows them as problems too).
  const BoardHours hours = board_hours_of(after);
  int outside = 0;
  std::string first;
  std::vector<InfusionBooking> live = store.infusion_bookings(today, today + date::days{366});
  for (const InfusionBooking& b : store.procedure_bookings(today, today + date::days{366})) live.push_back(b);
  for (const InfusionBooking& b : live) {
    const bool weekend_closed = after.weekdays_only && is_weekend(b.day);
    const int places = is_procedure_booking(b.planned_key) ? after.lp_rooms : hours.chairs;
    if (b.chair > places || b.start < WallClock{hours.opening_hour * 60} ||
        b.start + std::chrono::minutes{b.minutes} > WallClock{hours.closing_hour * 60} || weekend_closed) {
      if (!outside++) first = format_day(b.day) + " " + format_wall_clock(b.start) + " " + booking_place(b);
    }
  }
  if (outside)
    out.warnings.push_back(std::to_string(outside) + " booking" + (outside == 1 ? "" : "s") + " from " +
                           format_day(today) + " on fall outside the new board (the first " + first +
                           "): move them (board list, board book)");
  return out;
}

}  // namespace alsmeds
