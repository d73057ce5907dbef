#include "board_model.hpp"

#include <map>
#include <set>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"

namespace alsmeds::gui {
namespace {

using date::days;

}  // namespace

BoardHours board_hours(const Settings& settings) {
  return {settings.chairs, settings.opening_hour, settings.closing_hour};
}

BoardModel build_board(const std::vector<BoardPatient>& patients,
                       const std::vector<InfusionBooking>& bookings, Day from, Day to,
                       const Settings& settings, const std::vector<InfusionBooking>& punctures) {
  BoardModel m;
  m.from = from;
  m.to = to;
  m.chairs = settings.chairs;
  m.opening_hour = settings.opening_hour;
  m.closing_hour = settings.closing_hour;
  m.rooms = {settings.lp_rooms, settings.lp_minutes, settings.opening_hour, settings.closing_hour};
  std::map<std::string, const InfusionBooking*> in_room;
  for (const InfusionBooking& b : punctures) in_room[b.planned_key] = &b;
  std::set<std::string> shown_punctures;
  std::map<std::string, const InfusionBooking*> booked;
  for (const InfusionBooking& b : bookings) booked[b.planned_key] = &b;
  std::map<Day, BoardDay> by_day;
  for (Day d = from; d <= to; d += days{1}) by_day[d].day = d;
  std::set<std::string> placed;
  for (const BoardPatient& p : patients) {
    for (const Therapy& t : p.facts.therapies) {
      if (t.drug == Drug::tofersen)  // the same doses as the pharmacy's list (an overdue one on `from`)
        for (const TofersenDose& d : tofersen_doses_between(t, p.given_tofersen, from, to)) {
          BoardProcedure proc{p.facts.patient.id, p.facts.patient.name, d, planned_key(t, d)};
          const auto b = in_room.find(proc.key);
          if (!d.given && b != in_room.end()) proc.booking = *b->second;
          const Day shown_on = proc.booking && proc.booking->day >= from && proc.booking->day <= to
                                   ? proc.booking->day
                                   : d.day;
          shown_punctures.insert(proc.key);
          by_day[shown_on].procedures.push_back(std::move(proc));
        }
      if (t.drug != Drug::edaravone) continue;
      const EdaravonePlan plan = edaravone_plan_for(t, p.facts.closed, p.missed_edaravone, to);
      for (const EdaravoneDose& d : plan.doses()) {
        if ((t.stop && d.day > *t.stop) || d.form != EdaravoneForm::iv) continue;  // infusions only
        BoardInfusion inf{p.facts.patient.id,
                          p.facts.patient.name,
                          planned_key(t, d),
                          d.day,
                          d.cycle,
                          d.cycle_day,
                          std::nullopt,
                          {}};
        if (auto b = booked.find(inf.key); b != booked.end()) inf.booking = *b->second;
        const Day shown_on = inf.booking ? inf.booking->day : d.day;
        if (shown_on < from || shown_on > to) continue;
        placed.insert(inf.key);
        by_day[shown_on].infusions.push_back(std::move(inf));
      }
    }
  }
  // Bookings whose planned dose is gone (therapy stopped, re-flow past the range): still shown, as problems.
  for (const InfusionBooking& b : bookings) {
    if (placed.count(b.planned_key) || b.day < from || b.day > to) continue;
    std::string name;
    for (const BoardPatient& p : patients)
      if (p.facts.patient.id == b.patient_id) name = p.facts.patient.name;
    BoardInfusion inf{b.patient_id, name, b.planned_key, b.day, 0, 0, b, {}};
    inf.problems = booking_problems(b, std::nullopt, {}, board_hours(settings), name);
    by_day[b.day].infusions.push_back(std::move(inf));
  }
  // Punctures booked whose dose the plan no longer has in these days (given on another day, course stopped).
  for (const InfusionBooking& b : punctures) {
    if (shown_punctures.count(b.planned_key) || b.day < from || b.day > to) continue;
    BoardProcedure proc{b.patient_id, {}, {}, b.planned_key, b};
    for (const BoardPatient& p : patients)
      if (p.facts.patient.id == b.patient_id) proc.patient_name = p.facts.patient.name;
    proc.dose.day = proc.dose.due = b.day;
    proc.problems = puncture_problems(b, std::nullopt, {}, {}, m.rooms);
    by_day[b.day].procedures.push_back(std::move(proc));
  }
  const BoardHours hours = board_hours(settings);
  for (auto& [day, bd] : by_day) {
    std::vector<InfusionBooking> rooms_today, chairs_today;
    for (const BoardProcedure& p : bd.procedures)
      if (p.booking && p.booking->day == day) rooms_today.push_back(*p.booking);
    for (const BoardInfusion& i : bd.infusions)
      if (i.booking) chairs_today.push_back(*i.booking);
    for (BoardProcedure& p : bd.procedures)
      if (p.booking && p.problems.empty())
        p.problems = puncture_problems(*p.booking, p.dose.due, rooms_today, chairs_today, m.rooms);
    bd.capacity = settings.weekdays_only && is_weekend(day)
                      ? 0
                      : settings.chairs * (settings.closing_hour - settings.opening_hour);
    bd.over_capacity = static_cast<int>(bd.infusions.size()) > bd.capacity;
    std::vector<InfusionBooking> same_day;
    for (const BoardInfusion& i : bd.infusions)
      if (i.booking) same_day.push_back(*i.booking);
    for (BoardInfusion& i : bd.infusions) {
      if (!i.booking || i.cycle == 0) continue;  // unbooked, or no planned infusion (flagged above)
      i.problems = booking_problems(*i.booking, i.planned_day, same_day, hours, i.patient_name);
    }
    for (const BoardInfusion& i : bd.infusions) bd.conflicts += i.problems.empty() ? 0 : 1;
    m.days.push_back(std::move(bd));
  }
  return m;
}

PrepList board_prep(const std::vector<BoardPatient>& patients, const std::vector<InfusionBooking>& bookings,
                    Day from, Day to) {
  std::vector<PrepPatient> prep;
  prep.reserve(patients.size());
  for (const BoardPatient& p : patients)
    prep.push_back({&p.facts, p.missed_edaravone, p.dispensings, p.given_tofersen});
  return pharmacy_prep(prep, bookings, from, to);
}

std::vector<BoardPatient> load_board_patients(RecordStore& store, Day from, Day to) {
  std::vector<Patient> patients = store.patients();
  auto facts = load_cohort_facts(store, patients);
  if (!facts) throw std::runtime_error(facts.error());
  std::vector<BoardPatient> out;
  std::map<RecordId, std::size_t> index;
  for (PatientFacts& f : facts.value()) {
    bool iv = false;
    for (const Therapy& t : f.therapies) {
      bool any_iv = t.product == Product::edaravone_iv;
      for (const ProductChange& c : t.changes) any_iv = any_iv || c.product == Product::edaravone_iv;
      iv = iv || (t.drug == Drug::edaravone && any_iv) || t.drug == Drug::tofersen;  // tofersen: prep only
    }
    if (!iv) continue;
    index[f.patient.id] = out.size();
    out.push_back({std::move(f)});
  }
  // Missed and refused edaravone doses come whatever the range (they shape every later window).
  const CohortLog log =
      store.cohort_log(Instant{from.time_since_epoch()}, Instant{(to + days{1}).time_since_epoch()});
  // So do tofersen doses given (the plan is anchored on them).
  for (const DoseRecord& d : log.doses) {
    const auto it = index.find(d.patient_id);
    if (it == index.end()) continue;
    BoardPatient& p = out[it->second];
    if (d.drug == Drug::edaravone && d.status != DoseStatus::taken)
      p.missed_edaravone.push_back(local_day(d.at, p.facts.zone));
    if (d.drug == Drug::tofersen && d.status == DoseStatus::taken)
      p.given_tofersen.push_back(local_day(d.at, p.facts.zone));
  }
  for (const LogEntry& e : log.other)
    if (e.kind == LogKind::dispensing && e.drug == Drug::edaravone)
      if (auto it = index.find(e.patient_id); it != index.end()) out[it->second].dispensings.push_back(e);
  return out;
}

ProcedureLine procedure_line(const BoardProcedure& p, Day shown_on, Day today) {
  const TofersenDose& x = p.dose;
  ProcedureLine line;
  line.overdue = !x.given && (x.due < shown_on || x.due < today);
  line.text = p.patient_name + " - " + std::string(to_string(x.kind)) + " dose " + std::to_string(x.number);
  if (x.given)
    line.text += ", given";
  else if (line.overdue)
    line.text += ", overdue since " + format_day(x.due) + ": as soon as possible";
  if (p.booking) {
    const InfusionBooking& b = *p.booking;
    line.text += (b.day == shown_on ? ": " : ": booked " + format_day(b.day) + " ") +
                 format_wall_clock(b.start) + "-" + format_wall_clock(b.start + WallClock{b.minutes}) +
                 ", room " + std::to_string(b.chair);
  }
  return line;
}

Result<ActionOutcome> book_puncture(RecordStore& store, const BoardProcedure& procedure, Day day,
                                    const PunctureRooms& rooms, const Actor& actor) {
  const std::optional<Patient> patient = store.find_patient(procedure.patient_id);
  if (!patient) return fail("patient " + std::to_string(procedure.patient_id) + " does not exist");
  auto facts = load_facts(store, *patient);
  if (!facts) return fail(facts.error());
  const auto place = first_free_room(procedure.patient_id, store.procedure_bookings(day, day),
                                     store.infusion_bookings(day, day), rooms);
  if (!place)
    return fail(rooms.rooms < 1 ? "the unit has no lumbar-puncture room: set them first (Settings)"
                                : format_day(day) + " has no free lumbar-puncture room left");
  PunctureBookingRequest r{day, place->first, place->second, std::nullopt};
  r.seen_booking = procedure.booking ? procedure.booking->id : 0;  // the version this board shows
  return book_lumbar_puncture(store, *facts, r, rooms, actor);
}

std::optional<std::pair<int, WallClock>> first_free_slot(const BoardDay& day, const BoardModel& board) {
  std::set<std::pair<long, int>> taken;
  for (const BoardInfusion& i : day.infusions)
    if (i.booking) taken.insert({static_cast<long>(i.booking->start.count()), i.booking->chair});
  for (int h = board.opening_hour; h < board.closing_hour; ++h)
    for (int c = 1; c <= board.chairs; ++c)
      if (!taken.count({h * 60L, c})) return std::make_pair(c, WallClock{h * 60});
  return std::nullopt;
}

Result<RecordId> book_slot(RecordStore& store, const BoardInfusion& infusion, Day day, int chair,
                           WallClock start, const Settings& settings, const Actor& actor) {
  const std::optional<Patient> patient = store.find_patient(infusion.patient_id);
  if (!patient) return fail("patient " + std::to_string(infusion.patient_id) + " does not exist");
  auto facts = load_facts(store, *patient);
  if (!facts) return fail(facts.error());
  BookingRequest request{infusion.key, day, chair, start, std::nullopt};
  request.seen_booking = infusion.booking ? infusion.booking->id : 0;  // the version this board shows
  auto r = book_infusion(store, *facts, request, board_hours(settings), actor);
  if (!r) return fail(r.error());
  return r->id;
}

}  // namespace alsmeds::gui
