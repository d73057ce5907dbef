// board level (issue 27): moves of future IV edaravone cycles that cut the infusion unit's peaks.
//
// A heuristic, not an exact search (moves interact through the shared load and a clinic has hundreds of
// movable cycles): every movable cycle's delay by 1..max_delay days is planned once with the plan engine
// (edaravone_plan_for with the delay added as `therapy shift --only-this-cycle` records it, so closures, the
// patient's day policy, make-up days and the 14 drug-free days are the label's, as they would be once
// accepted), which gives the days it takes away and the days it adds. Then, greedily, the move whose
// result ranks best (fewest over-capacity days, then the lowest peak, then the smallest sum of squares above
// the mean) is taken while it is strictly better than the unit before it, at most once per cycle and `top`
// moves in all. Each move is proposed, never applied: a nurse accepts it with the command it prints.
#include <algorithm>
#include <map>
#include <set>

#include "alsmeds/board/chair_levelling.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds {
namespace {

struct Candidate {
  LevellingMove move;
  std::vector<Day> removed, added;  // the unit's days losing and gaining an infusion
};

// The IV infusion days of a plan by planned key (booked doses excluded: the caller skips moves touching one).
std::map<std::string, Day> iv_days(const Therapy& t, const EdaravonePlan& plan) {
  std::map<std::string, Day> out;
  for (const EdaravoneDose& d : plan.doses())
    if (d.form == EdaravoneForm::iv && !(t.stop && d.day > *t.stop)) out[planned_key(t, d)] = d.day;
  return out;
}

std::vector<Candidate> candidates(const PatientFacts& f, const Therapy& t,
                                  const std::set<std::string>& booked, const UnitLevellingRequest& r,
                                  Day scored_end) {
  std::vector<Candidate> out;
  const std::vector<Day> missed = missed_edaravone_days(f.log, f.zone);
  const Day through = scored_end + date::days{kCycleLengthDays};
  const EdaravonePlan before = edaravone_plan_for(t, f.closed, missed, through);
  const auto before_days = iv_days(t, before);
  std::vector<Day> logged;
  for (const LogEntry& e : current_entries(f.log))
    if (e.kind == LogKind::dose && e.drug == Drug::edaravone) logged.push_back(local_day(e.at, f.zone));
  const Day last_start = r.from + date::days{7 * r.weeks};
  for (const InfusionCycle& c : before.cycles) {
    if (c.start <= r.today || c.start < r.from || c.start >= last_start) continue;
    if (t.stop && c.start > *t.stop) continue;
    if (std::any_of(logged.begin(), logged.end(), [&](Day d) { return d >= c.start; })) continue;
    for (int delay = 1; delay <= r.max_delay; ++delay) {
      Therapy moved = t;
      moved.adjustments.push_back(
          {0, t.id, CycleShift{c.number, delay, Reflow::only_this_cycle, std::nullopt}, "", "", Instant{}});
      const auto after_days = iv_days(moved, edaravone_plan_for(moved, f.closed, missed, through));
      Candidate cand;
      bool touches_booking = false;
      for (const auto& [key, day] : before_days) {
        const auto a = after_days.find(key);
        if (a != after_days.end() && a->second == day) continue;
        touches_booking |= booked.count(key) > 0;
        cand.removed.push_back(day);
      }
      for (const auto& [key, day] : after_days) {
        const auto b = before_days.find(key);
        if (b != before_days.end() && b->second == day) continue;
        touches_booking |= booked.count(key) > 0;
        cand.added.push_back(day);
      }
      if (touches_booking || (cand.removed.empty() && cand.added.empty())) continue;
      cand.move.patient_id = f.patient.id;
      cand.move.therapy_id = t.id;
      cand.move.cycle = c.number;
      cand.move.start = c.start;
      cand.move.new_start = c.start + date::days{delay};
      cand.move.delay_days = delay;
      out.push_back(std::move(cand));
    }
  }
  return out;
}

void apply(ChairLoad& load, const Candidate& c, int sign) {
  for (const Day d : c.removed) {
    const auto i = (d - load.from).count();
    if (i >= 0 && i < static_cast<long>(load.infusions.size()))
      load.infusions[static_cast<std::size_t>(i)] -= sign;
  }
  for (const Day d : c.added) {
    const auto i = (d - load.from).count();
    if (i >= 0 && i < static_cast<long>(load.infusions.size()))
      load.infusions[static_cast<std::size_t>(i)] += sign;
  }
}

}  // namespace

std::vector<LevellingMove> level_unit(const std::vector<PatientFacts>& patients,
                                      const std::vector<InfusionBooking>& bookings,
                                      const UnitLevellingRequest& r, const InfusionUnit& unit) {
  // Scored: the weeks looked at, a cycle and the longest delay beyond them (a moved dose stays in view).
  const int days = 7 * r.weeks + kCycleLengthDays + r.max_delay;
  const Day scored_end = r.from + date::days{days};
  ChairLoad load = iv_chair_load(patients, bookings, r.from, days);
  std::set<std::string> booked;
  for (const InfusionBooking& b : bookings) booked.insert(b.planned_key);
  std::vector<Candidate> all;
  for (const PatientFacts& f : patients)
    for (const Therapy& t : f.therapies)
      if (t.drug == Drug::edaravone && !(t.stop && *t.stop < r.from))
        for (Candidate& c : candidates(f, t, booked, r, scored_end)) all.push_back(std::move(c));

  std::vector<LevellingMove> moves;
  std::set<std::pair<RecordId, int>> moved_cycles;
  UnitScore current = score_unit(load, unit, r.from, days);
  while (static_cast<int>(moves.size()) < r.top) {
    const Candidate* best = nullptr;
    UnitScore best_score = current;
    for (const Candidate& c : all) {
      if (moved_cycles.count({c.move.therapy_id, c.move.cycle})) continue;
      apply(load, c, +1);
      const UnitScore s = score_unit(load, unit, r.from, days);
      apply(load, c, -1);
      if (better(s, best_score)) {
        best = &c;
        best_score = s;
      }
    }
    if (!best) break;
    apply(load, *best, +1);
    LevellingMove m = best->move;
    m.before = current;
    m.after = best_score;
    moves.push_back(m);
    moved_cycles.insert({m.therapy_id, m.cycle});
    current = best_score;
  }
  return moves;
}

}  // namespace alsmeds
