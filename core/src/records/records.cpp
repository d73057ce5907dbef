#include "alsmeds/records/records.hpp"

#include <algorithm>

#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {

std::string_view to_string(LogKind kind) {
  switch (kind) {
    case LogKind::dose:
      return "dose";
    case LogKind::effect:
      return "effect";
    case LogKind::lab:
      return "lab";
    case LogKind::weight:
      return "weight";
    case LogKind::dispensing:
      return "dispensing";
  }
  return "dose";
}

std::string_view to_string(DoseStatus status) {
  switch (status) {
    case DoseStatus::taken:
      return "taken";
    case DoseStatus::missed:
      return "missed";
    case DoseStatus::refused:
      return "refused";
  }
  return "taken";
}

Result<DoseStatus> parse_dose_status(std::string_view text) {
  if (text == "taken") return DoseStatus::taken;
  if (text == "missed") return DoseStatus::missed;
  if (text == "refused") return DoseStatus::refused;
  return fail(quote_short(text) + " is not a dose status (taken, missed or refused)");
}

bool paused_on(const Therapy& therapy, Day day) {
  for (const TherapyPause& p : therapy.pauses)
    if (p.from <= day && day <= p.to) return true;
  return false;
}

std::vector<TherapyPause> pauses_in_force(const std::vector<TherapyPause>& rows) {
  std::vector<TherapyPause> out;
  for (const TherapyPause& r : rows) {
    auto same = std::find_if(out.begin(), out.end(), [&](const TherapyPause& p) { return p.from == r.from; });
    if (same != out.end())
      *same = r;
    else
      out.push_back(r);
  }
  std::erase_if(out, [](const TherapyPause& p) { return p.to < p.from; });
  std::sort(out.begin(), out.end(),
            [](const TherapyPause& a, const TherapyPause& b) { return a.from < b.from; });
  return out;
}

std::string describe_pause(const TherapyPause& row, const TherapyPause* replaces) {
  if (!replaces) return "paused " + format_day(row.from) + " to " + format_day(row.to) + ": " + row.reason;
  return "resumed " + format_day(row.to + date::days{1}) + " (pause from " + format_day(row.from) +
         "): " + row.reason;
}

Product product_on(const Therapy& therapy, Day day) {
  Product product = therapy.product;
  Day since = Day::min();
  for (const ProductChange& c : therapy.changes)
    if (c.from <= day && c.from >= since) {
      product = c.product;
      since = c.from;
    }
  return product;
}

std::string format_times(const std::vector<WallClock>& times) {
  std::string out;
  for (WallClock t : times) out += (out.empty() ? "" : ",") + format_wall_clock(t);
  return out;
}

Result<bool> check_text(const NewPatient& p) {
  return check_text_fields({{"name", p.name}, {"mrn", p.mrn ? std::string_view(*p.mrn) : ""}, {"tz", p.tz}});
}

Result<bool> check_text(const PatientVersion& v) {
  return check_text_fields({{"name", v.name}, {"tz", v.tz}, {"reason", v.reason}});
}

void apply_version(Patient& p, const PatientVersion& v) {
  if (v.tz_from && v.tz != p.tz) p.earlier_zones.push_back({*v.tz_from, p.tz});
  p.name = v.name;
  p.tz = v.tz;
  p.born = v.born;
  p.sulfite_allergy = v.sulfite_allergy;
  p.feeding_tube = v.feeding_tube;
  p.onset = v.onset;
}

Result<bool> check_text(const LogEntry& e) {  // planned_key is made by core, never typed
  return check_text_fields({{"note", e.note}, {"term", e.term}, {"test", e.test}});
}

Result<bool> check_text(const Actor& actor) {
  return check_text_fields({{"recorded by", actor.name}});
}

std::string describe(const NewPatient& p) {
  std::string out = p.name + " (" + p.tz + ")";
  if (p.mrn) out += " MRN " + *p.mrn;
  if (p.sulfite_allergy) out += ", sulfite allergy";
  return out;
}

std::string describe(const PatientVersion& v) {
  std::string out = v.name + " (" + v.tz + ")";
  if (v.tz_from) out += " from " + format_day(*v.tz_from);
  if (v.born) out += ", born " + format_day(*v.born);
  if (v.sulfite_allergy) out += ", sulfite allergy";
  if (v.feeding_tube) out += ", feeding tube";
  if (v.onset) out += ", onset " + format_day(*v.onset);
  return out + ": " + v.reason;
}

std::string describe(const UnitSettings& s) {
  std::string out = std::to_string(s.chairs) + " chairs, " + format_wall_clock(WallClock{s.opens_minute}) +
                    "-" + format_wall_clock(WallClock{s.closes_minute}) +
                    (s.weekdays_only ? ", weekdays" : ", every day") + ", " + std::to_string(s.lp_rooms) +
                    (s.lp_rooms == 1 ? " lumbar-puncture room" : " lumbar-puncture rooms") + " of " +
                    std::to_string(s.lp_minutes) + " minutes";
  return s.reason.empty() ? out : out + ": " + s.reason;
}

std::string describe(const NewTherapy& t) {
  std::string out = std::string(to_string(t.drug)) + " " + std::string(to_string(t.product)) + " from " +
                    format_day(t.start);
  if (t.drug == Drug::edaravone) out += ", policy " + std::string(to_string(t.policy));
  if (t.drug == Drug::edaravone && !t.dose_days.empty())
    out += ", dose days " + format_dose_day_pattern(t.dose_days);
  if (t.drug == Drug::edaravone && !t.restart_reason.empty())
    out += ", restart with cycle 1 " + std::string(to_string(t.first_cycle)) + ": " + t.restart_reason;
  else if (!t.times.empty())  // tofersen has no dose times (schema 15's words: no dangling " at ")
    out += " at " + format_times(t.times);
  for (const std::string& c : t.confirmations) out += "; confirmed: " + c;
  return out;
}

bool is_procedure_booking(const std::string& planned_key) {
  const Regimen* r = regimen_of_key(planned_key);
  return r != nullptr && r->board_place == BoardPlace::procedure_room;
}

std::string booking_place(const InfusionBooking& b) {
  return (is_procedure_booking(b.planned_key) ? "room " : "chair ") + std::to_string(b.chair);
}

Result<bool> check_booking(const InfusionBooking& b) {
  const Regimen* regimen = regimen_of_key(b.planned_key);
  if (regimen == nullptr || regimen->board_place == BoardPlace::none)
    return fail(quote_short(b.planned_key) + " is not a planned dose of " +
                drug_words([](const Regimen& r) { return r.board_place != BoardPlace::none; }) +
                " (the drugs given in the clinic)");
  const bool room = regimen->board_place == BoardPlace::procedure_room;
  if (b.chair < 1)
    return fail(booking_place(b) + " does not exist (" + (room ? "rooms" : "chairs") + " count from 1)");
  if (!room && b.minutes != 60) return fail("an infusion holds its chair 60 minutes");
  if (room && (b.minutes < 15 || b.minutes > 240))
    return fail("a lumbar puncture holds its room 15 to 240 minutes, not " + std::to_string(b.minutes));
  if (b.start < WallClock{0} || b.start + WallClock{b.minutes} > WallClock{24 * 60})
    return fail("start " + format_wall_clock(b.start) + " leaves no " + std::to_string(b.minutes) +
                " minutes before midnight");
  return true;
}

std::string place_taken(const InfusionBooking& b) {
  const bool room = is_procedure_booking(b.planned_key);
  return booking_place(b) + " is taken at " + format_wall_clock(b.start) + " on " + format_day(b.day) +
         (room ? " (a lumbar puncture holds it " + std::to_string(b.minutes) +
                     " minutes): choose another room or time"
               : " (an infusion is 60 minutes): choose another chair or time");
}

std::string booking_changed_meanwhile(const InfusionBooking& latest, bool cancelled) {
  const std::string what = cancelled ? "cancelled it"
                                     : "booked it in " + booking_place(latest) + " at " +
                                           format_wall_clock(latest.start) + " on " + format_day(latest.day);
  return "the booking of " + latest.planned_key + " changed since the board was read: " + latest.booked_by +
         " " + what + " (" + format_utc(latest.booked_at) +
         "); nothing was changed: the board is read again, look and choose again";
}

std::string describe(const LogEntry& e) {
  std::string out;
  switch (e.kind) {
    case LogKind::dose:
      out = std::string(e.status ? to_string(*e.status) : "withdrawn (recorded in error)");
      if (!e.planned_key.empty()) out += " (" + e.planned_key + ")";
      break;
    case LogKind::effect:
      out = e.term + ", grade " + std::to_string(e.grade);
      if (e.cycle)
        out += ", cycle " + std::to_string(*e.cycle) + " day " + std::to_string(e.cycle_day.value_or(0));
      break;
    case LogKind::lab:
      // The test's unit (schema 15: NfL and the CSF's besides ALT and AST), the ULN where given.
      if (const rules::LabTest* t = rules::find_lab_test(e.test))
        out = e.test + " " + format_quantity(e.value) + " " + t->value.unit;
      else
        out = e.test + " " + format_quantity(e.value) + " U/L";
      if (e.uln > 0) out += " (ULN " + format_quantity(e.uln) + ")";
      break;
    case LogKind::weight:
      out = format_quantity(e.value) + " kg";
      break;
    case LogKind::dispensing:
      out = std::to_string(e.days_supply) + " days' supply";
      if (e.quantity > 0) out += ": " + format_quantity(e.quantity) + " " + e.unit + ", product " + e.product;
      break;
  }
  if (e.supersedes) out += ", corrects record " + std::to_string(*e.supersedes);
  if (!e.note.empty()) out += "; " + e.note;
  return out;
}

}  // namespace alsmeds
