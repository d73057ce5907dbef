#include "board_model.hpp"

#include <map>
#include <set>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/therapy_plan.hpp"

namespace alsmeds::gui {
namespace {

using date::days;

std::string slot_text(const InfusionBooking& b) {
  return format_day(b.day) + " " + format_wall_clock(b.start) + " chair " + std::to_string(b.chair);
}

}  // namespace

BoardModel build_board(const std::vector<BoardPatient>& patients,
                       const std::vector<InfusionBooking>& bookings, Day from, Day to,
                       const Settings& settings) {
  BoardModel m;
  m.from = from;
  m.to = to;
  m.chairs = settings.chairs;
  m.opening_hour = settings.opening_hour;
  m.closing_hour = settings.closing_hour;
  std::map<std::string, const InfusionBooking*> booked;
  for (const InfusionBooking& b : bookings) booked[b.planned_key] = &b;
  std::map<Day, BoardDay> by_day;
  for (Day d = from; d <= to; d += days{1}) by_day[d].day = d;
  std::set<std::string> placed;
  for (const BoardPatient& p : patients) {
    for (const Therapy& t : p.facts.therapies) {
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
    inf.problems.push_back("no planned infusion matches this booking any more: cancel or re-book it");
    by_day[b.day].infusions.push_back(std::move(inf));
  }
  const int hours = settings.closing_hour - settings.opening_hour;
  for (auto& [day, bd] : by_day) {
    bd.capacity = settings.chairs * hours;
    bd.over_capacity = static_cast<int>(bd.infusions.size()) > bd.capacity;
    std::map<std::pair<int, long>, int> per_slot;  // (chair, start) -> bookings
    for (const BoardInfusion& i : bd.infusions)
      if (i.booking) ++per_slot[{i.booking->chair, static_cast<long>(i.booking->start.count())}];
    for (BoardInfusion& i : bd.infusions) {
      if (!i.booking) continue;
      const InfusionBooking& b = *i.booking;
      if (b.day != i.planned_day && i.cycle > 0)
        i.problems.push_back("booked " + format_day(b.day) + " but planned " + format_day(i.planned_day) +
                             " (re-flowed): move it");
      if (per_slot[{b.chair, static_cast<long>(b.start.count())}] > 1)
        i.problems.push_back("chair " + std::to_string(b.chair) + " at " + format_wall_clock(b.start) +
                             " is double-booked");
      if (b.chair > settings.chairs)
        i.problems.push_back("chair " + std::to_string(b.chair) + " does not exist (" +
                             std::to_string(settings.chairs) + " chairs)");
      if (b.start < WallClock{settings.opening_hour * 60} ||
          b.start + WallClock{60} > WallClock{settings.closing_hour * 60})
        i.problems.push_back(slot_text(b) + " is outside opening hours");
      long overlaps = 0;
      for (const BoardInfusion& other : bd.infusions)
        if (&other != &i && other.booking && other.patient_id == i.patient_id &&
            std::chrono::abs(other.booking->start - b.start) < WallClock{60})
          ++overlaps;
      if (overlaps) i.problems.push_back(i.patient_name + " has another infusion at the same time");
    }
    for (const BoardInfusion& i : bd.infusions) bd.conflicts += i.problems.empty() ? 0 : 1;
    m.days.push_back(std::move(bd));
  }
  return m;
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
      bool any_iv = t.product != "oral";
      for (const ProductChange& c : t.changes) any_iv = any_iv || c.product != "oral";
      iv = iv || (t.drug == Drug::edaravone && any_iv);
    }
    if (!iv) continue;
    index[f.patient.id] = out.size();
    out.push_back({std::move(f), {}});
  }
  // Missed and refused edaravone doses come whatever the range (they shape every later window).
  const CohortLog log =
      store.cohort_log(Instant{from.time_since_epoch()}, Instant{(to + days{1}).time_since_epoch()});
  for (const DoseRecord& d : log.doses) {
    if (d.drug != Drug::edaravone || d.status == DoseStatus::taken) continue;
    if (auto it = index.find(d.patient_id); it != index.end())
      out[it->second].missed_edaravone.push_back(local_day(d.at, out[it->second].facts.zone));
  }
  return out;
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
                           WallClock start, const Actor& actor) {
  InfusionBooking b;
  b.patient_id = infusion.patient_id;
  b.planned_key = infusion.key;
  b.day = day;
  b.chair = chair;
  b.start = start;
  return store.book_infusion(b, actor);
}

}  // namespace alsmeds::gui
