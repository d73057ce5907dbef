// The infusion board's rules (docs/domain.md: IV edaravone, 60 minutes in a chair): which infusion can be
// booked where and when, and what is wrong with a booking already on the board. The desktop app's board and
// alsmeds-cli's `board book` both come here; the store checks the chair again inside its write transaction.
#include <chrono>

#include "action_checks.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {
namespace {

constexpr WallClock kInfusion{60};

bool overlaps(const InfusionBooking& a, const InfusionBooking& b) {
  return a.day == b.day && std::chrono::abs(a.start - b.start) < kInfusion;
}

std::string slot_text(const InfusionBooking& b) {
  return format_day(b.day) + " " + format_wall_clock(b.start) + " chair " + std::to_string(b.chair);
}

struct PlannedInfusion {
  std::string key;
  Day day;
  int cycle = 0, cycle_day = 0;
};

// The patient's planned IV infusion named by `key`, or (no key) the one planned on `day`.
std::optional<PlannedInfusion> find_planned(const PatientFacts& f, const std::string& key, Day day) {
  for (const Therapy& t : f.therapies) {
    if (t.drug != Drug::edaravone) continue;
    const Day through = day + date::days{40};  // a key's infusion may be planned later than `day`
    const EdaravonePlan plan = edaravone_plan_for(t, f.closed, f.log, f.zone, through);
    for (const EdaravoneDose& d : plan.doses()) {
      if ((t.stop && d.day > *t.stop) || d.form != EdaravoneForm::iv) continue;
      const std::string k = planned_key(t, d);
      if (key.empty() ? d.day == day : k == key) return PlannedInfusion{k, d.day, d.cycle, d.cycle_day};
    }
  }
  return std::nullopt;
}

}  // namespace

std::string check_board_hours(const BoardHours& h) {
  if (h.chairs < 1 || h.chairs > 20) return "chairs must be 1 to 20";
  if (h.opening_hour < 0 || h.closing_hour > 23 || h.opening_hour >= h.closing_hour)
    return "opening hours must be 0 <= opening < closing <= 23 (an infusion is 60 minutes)";
  return {};
}

std::vector<std::string> booking_problems(const InfusionBooking& b, std::optional<Day> planned_day,
                                          const std::vector<InfusionBooking>& same_day,
                                          const BoardHours& hours, const std::string& patient_name) {
  std::vector<std::string> out;
  if (!planned_day)
    out.push_back("no planned infusion matches this booking any more: cancel or re-book it");
  else if (*planned_day != b.day)
    out.push_back("booked " + format_day(b.day) + " but planned " + format_day(*planned_day) +
                  " (re-flowed): move it");
  for (const InfusionBooking& o : same_day)
    if (o.planned_key != b.planned_key && o.chair == b.chair && overlaps(o, b)) {
      out.push_back("chair " + std::to_string(b.chair) + " at " + format_wall_clock(b.start) +
                    " is double-booked (with " + format_wall_clock(o.start) + ")");
      break;
    }
  if (b.chair < 1 || b.chair > hours.chairs)
    out.push_back("chair " + std::to_string(b.chair) + " does not exist (" + std::to_string(hours.chairs) +
                  " chairs)");
  if (b.start < WallClock{hours.opening_hour * 60} ||
      b.start + kInfusion > WallClock{hours.closing_hour * 60})
    out.push_back(slot_text(b) + " is outside opening hours (" +
                  format_wall_clock(WallClock{hours.opening_hour * 60}) + " to " +
                  format_wall_clock(WallClock{hours.closing_hour * 60}) + ")");
  for (const InfusionBooking& o : same_day)
    if (o.planned_key != b.planned_key && o.patient_id == b.patient_id && overlaps(o, b)) {
      out.push_back((patient_name.empty() ? "the patient" : patient_name) +
                    " has another infusion at the same time (" + format_wall_clock(o.start) + ", chair " +
                    std::to_string(o.chair) + ")");
      break;
    }
  return out;
}

Result<ActionOutcome> cancel_day_booking(RecordStore& store, const Patient& patient, Day day,
                                         std::optional<Drug> drug, const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  std::vector<InfusionBooking> mine;
  if (!drug || *drug == Drug::edaravone)
    for (const InfusionBooking& b : store.infusion_bookings(day, day))
      if (b.patient_id == patient.id) mine.push_back(b);
  if (!drug || *drug == Drug::tofersen)
    for (const InfusionBooking& b : store.procedure_bookings(day, day))
      if (b.patient_id == patient.id) mine.push_back(b);
  if (mine.empty())
    return fail(patient.name + " has no " +
                (drug ? std::string(to_string(*drug)) + " booking" : std::string("booking")) + " on " +
                format_day(day));
  if (mine.size() > 1)
    return fail(patient.name + " has " + std::to_string(mine.size()) + " bookings on " + format_day(day) +
                ": say which with --drug edaravone or tofersen");
  const InfusionBooking& b = mine.front();
  auto id = store.cancel_booking(b.planned_key, actor, b.id);
  if (!id) return fail(id.error());
  return ActionOutcome{*id, {}};
}

Result<ActionOutcome> book_infusion(RecordStore& store, const PatientFacts& f, const BookingRequest& r,
                                    const BoardHours& hours, const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  if (const std::string why = check_board_hours(hours); !why.empty()) return fail(why);
  if (auto d = rules::check_era_day(r.day, "the day"); !d) return fail(d.error());
  const auto planned = find_planned(f, r.planned_key, r.day);
  if (!planned)
    return fail(r.planned_key.empty()
                    ? f.patient.name + " has no IV edaravone infusion planned on " + format_day(r.day)
                    : quote_short(r.planned_key) + " is not a planned IV infusion of " + f.patient.name);
  if (planned->day != r.day)
    return fail("cycle " + std::to_string(planned->cycle) + " day " + std::to_string(planned->cycle_day) +
                " of " + f.patient.name + " is planned on " + format_day(planned->day) + ", not " +
                format_day(r.day) + ": book it that day, or delay the cycle (therapy shift) first");
  InfusionBooking b;
  b.patient_id = f.patient.id;
  b.planned_key = planned->key;
  b.day = r.day;
  b.chair = r.chair;
  b.start = r.start;
  const std::vector<InfusionBooking> same_day = store.infusion_bookings(r.day, r.day);
  for (const InfusionBooking& live : same_day) {
    if (live.planned_key != b.planned_key) continue;
    if (r.seen_booking && *r.seen_booking != live.id) return fail(booking_changed_meanwhile(live, false));
    if (live.chair == b.chair && live.start == b.start)
      return fail(f.patient.name + "'s infusion is already booked in chair " + std::to_string(b.chair) +
                  " at " + format_wall_clock(b.start) + " on " + format_day(b.day) + ": nothing to change");
  }
  const auto problems = booking_problems(b, planned->day, same_day, hours, f.patient.name);
  if (!problems.empty()) {
    std::string why = problems.front();
    if (why.find("double-booked") != std::string::npos)
      why = "chair " + std::to_string(b.chair) + " is taken at " + format_wall_clock(b.start) + " on " +
            format_day(b.day) + " (an infusion is 60 minutes): choose another chair or time";
    return fail(why);
  }
  for (const InfusionBooking& o : store.procedure_bookings(r.day, r.day))  // a lumbar puncture's room
    if (o.patient_id == b.patient_id && o.start < b.start + kInfusion &&
        b.start < o.start + WallClock{o.minutes})
      return fail(f.patient.name + " has a lumbar puncture at the same time (" + format_wall_clock(o.start) +
                  ", room " + std::to_string(o.chair) + "): choose another time");
  auto id = store.book_infusion(b, actor, r.seen_booking);
  if (!id) return fail(id.error());
  return ActionOutcome{*id, {}};
}

}  // namespace alsmeds
