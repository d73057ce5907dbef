#include "alsmeds/rules/patient_today.hpp"

#include <algorithm>
#include <set>

#include "alsmeds/adherence/adherence.hpp"
#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/oral_food_rule.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {
namespace {

using date::days;
constexpr auto kLateAfter = kRiluzoleOnTimeWindow;  // the rule lives in core (adherence.hpp)

bool active_on(const Therapy& t, Day d) {
  return t.start <= d && (!t.stop || d <= *t.stop);
}

std::string edaravone_what(const Therapy& t, Day day, int cycle, int cycle_day) {
  return dose_label(t, day).text() + " - cycle " + std::to_string(cycle) + ", day " +
         std::to_string(cycle_day);
}

}  // namespace

TodayModel build_today(const PatientFacts& f, Instant now, int refill_days) {
  TodayModel m;
  const Day today = local_day(now, f.zone);
  std::set<std::string> listed;
  for (const DueItem& item : due_items(f, today, now)) {
    if (item.planned_key.empty() || (item.kind != "dose" && item.kind != "infusion")) continue;
    if (item.status != DueStatus::overdue && item.status != DueStatus::due) continue;
    TodayDose d;
    d.key = item.planned_key;
    d.drug = stored_drug(item.drug);  // the due list's own word for the drug
    d.at = item.at;
    d.cycle = item.cycle;
    d.cycle_day = item.cycle_day;
    d.day = d.at ? local_day(*d.at, f.zone) : *parse_day(item.when);
    d.timing = item.status == DueStatus::overdue ? DoseTiming::overdue : DoseTiming::due;
    if (d.timing == DoseTiming::overdue && d.at && local_day(*d.at, f.zone) == today)
      d.timing = DoseTiming::missed;  // today's, and the next dose's time has come
    if (d.timing == DoseTiming::due && d.at && now > *d.at + kLateAfter) d.timing = DoseTiming::late;
    if (d.timing == DoseTiming::due && d.at && now < *d.at - kLateAfter) d.timing = DoseTiming::early;
    m.doses.push_back(d);
    listed.insert(d.key);
  }
  for (const DueItem& item : refill_items(f, today, refill_days))
    m.refills.push_back("Refill " + item.drug + " by " + item.when + ": " + item.detail);
  std::set<std::string> logged;
  for (const LogEntry& e : current_entries(f.log))
    if (e.kind == LogKind::dose && !e.planned_key.empty()) logged.insert(e.planned_key);

  for (const Therapy& t : f.therapies) {
    switch (t.drug) {
      case Drug::riluzole: {
        const Day first = std::max(t.start, today);
        const Day last =
            t.stop ? std::min(*t.stop, today + days{kUpcomingDays}) : today + days{kUpcomingDays};
        if (last < first) continue;  // stopped: no doses, no meal rule, no liver tests to show
        m.meal_rule = "Riluzole: take it at least 1 hour before or 2 hours after a meal.";
        const RiluzoleRegimen r = riluzole_regimen_for(t, f.zone, f.earlier_zones, first);
        auto planned = plan_riluzole(r, static_cast<int>((last - first).count()) + 1);
        if (!planned) continue;
        for (const RiluzoleDose& d : *planned) {
          const std::string key = planned_key(t, d);
          if (d.instant > now && (!m.next_riluzole || d.instant < *m.next_riluzole) && !logged.count(key))
            m.next_riluzole = d.instant;
          if (paused_on(t, d.local_day)) continue;  // a pause: nothing to take
          if (listed.count(key) || logged.count(key) || d.local_day == today) continue;
          m.doses.push_back(
              {key, Drug::riluzole, d.local_day, d.instant, "", "", DoseTiming::upcoming, {}, {}});
          listed.insert(key);
        }
        // The liver test due next: the first one not done (the schedule's or the early re-test), as `due`.
        const auto open = open_liver_tests(f, t, today, today + days{800});
        if (!open.empty() && (!m.next_liver_test || open.front().due < *m.next_liver_test)) {
          m.next_liver_test = open.front().due;
          m.next_liver_test_why =
              open.front().early ? "early re-test " + open.front().reason : open.front().reason;
        }
        break;
      }
      case Drug::edaravone: {
        if (!active_on(t, today) && t.start <= today) break;  // stopped before today
        if (product_on(t, std::max(today, t.start)) == Product::edaravone_oral)
          m.fasting_rule = "Oral edaravone: " + std::string(oral_edaravone_food_rule());
        const EdaravonePlan plan = edaravone_plan_for(t, f.closed, f.log, f.zone, today + days{90});
        for (const EdaravoneDose& d : plan.doses()) {
          if (d.day < today) continue;
          const std::string key = planned_key(t, d);
          if (logged.count(key)) continue;
          if (!m.next_infusion || d.day < *m.next_infusion) {  // the first dose not yet given, today included
            m.next_infusion = d.day;
            m.next_infusion_what = edaravone_what(t, d.day, d.cycle, d.cycle_day);
          }
          if (d.day > today && d.day <= today + days{kUpcomingDays} && !listed.count(key)) {
            m.doses.push_back({key, Drug::edaravone, d.day, std::nullopt, "", "", DoseTiming::upcoming,
                               d.cycle, d.cycle_day});
            listed.insert(key);
          }
        }
        break;
      }
      default: {  // planned by the day (tofersen): the next dose not given; the due list has it when due
        if (!active_on(t, today) && t.start <= today) break;
        for (const PlannedDay& d : planned_days(t, f.log, f.zone, today + days{kUpcomingDays})) {
          if (d.given) continue;
          const std::string key = planned_key(t.drug, PlannedRef{t.id, d.first, d.second});
          if (d.day > today && !listed.count(key)) {  // the later ones follow the day it is given
            m.doses.push_back({key, t.drug, d.day, std::nullopt, "", "", DoseTiming::upcoming, {}, {}});
            listed.insert(key);
          }
          break;
        }
        break;
      }
    }
  }
  // Text, and order: overdue, then today's by time, then the next days.
  const std::optional<Day> hold = riluzole_on_hold(f, today);
  for (TodayDose& d : m.doses) {
    const Therapy* t = nullptr;
    for (const Therapy& th : f.therapies)
      if (d.key.rfind(std::string(to_string(th.drug)) + ":" + std::to_string(th.id) + ":", 0) == 0) t = &th;
    if (!t) continue;
    switch (d.drug) {
      case Drug::riluzole:
        d.what = dose_label(*t, d.day).text();
        break;
      case Drug::edaravone:
        d.what = edaravone_what(*t, d.day, d.cycle.value_or(0), d.cycle_day.value_or(0));
        break;
      default: {  // planned by the day: "Tofersen intrathecal, 100 mg ... - loading dose 2"
        d.what = dose_label(*t, d.day).text();
        const PlannedRef ref = parse_planned_key(d.key);
        for (const PlannedDay& p : planned_days(*t, f.log, f.zone, std::max(d.day, t->start) + days{366}))
          if (p.first == ref.first && p.second == ref.second) d.what += " - " + p.name;
        break;
      }
    }
    if (d.drug == Drug::riluzole && hold)  // a stop alert stands: no dose until the prescriber decides
      d.what +=
          " - ON HOLD pending the prescriber's decision (ALT 5x ULN or more on " + format_day(*hold) + ")";
    const std::string clock = d.at ? format_wall_clock(std::chrono::duration_cast<WallClock>(
                                         date::make_zoned(f.zone, *d.at).get_local_time() -
                                         date::local_days{d.day.time_since_epoch()}))
                                   : "";
    d.when = d.day == today
                 ? (clock.empty() ? "today" : clock)
                 : weekday_name(d.day) + " " + format_day(d.day) + (clock.empty() ? "" : " " + clock);
  }
  auto order = [](const TodayDose& d) {
    return d.timing == DoseTiming::overdue || d.timing == DoseTiming::missed ? 0
           : d.timing == DoseTiming::upcoming                                ? 2
                                                                             : 1;
  };
  std::stable_sort(m.doses.begin(), m.doses.end(), [&](const TodayDose& a, const TodayDose& b) {
    if (order(a) != order(b)) return order(a) < order(b);
    if (a.day != b.day) return a.day < b.day;
    return a.at.value_or(Instant{}) < b.at.value_or(Instant{});
  });
  return m;
}

Result<ActionOutcome> log_today_dose(RecordStore& store, const PatientFacts& f, const TodayDose& dose,
                                     DoseStatus status, const std::string& note, const Actor& actor) {
  if (dose.timing == DoseTiming::upcoming && status == DoseStatus::taken)
    return fail("this dose is planned for " + format_day(dose.day) + ": it cannot be taken yet");
  if (dose.timing == DoseTiming::missed && status == DoseStatus::taken)
    return fail("the " + dose.when +
                " dose is missed: the next dose's time has come; skip it, never double. If it was taken, "
                "record it taken earlier with the time it was really taken");
  if (dose.timing == DoseTiming::early && status == DoseStatus::taken)
    return fail("the " + dose.when +
                " dose is not due yet: if it was taken, record it taken early with the " +
                "time it was really taken");
  const Day today = local_day(actor.now, f.zone);
  DoseRequest d;
  d.drug = dose.drug;
  d.status = status;
  d.note = note;
  d.planned_key = dose.key;
  d.cycle = dose.cycle;
  d.cycle_day = dose.cycle_day;
  const Instant planned = dose.at ? *dose.at : day_dose_instant(dose.day, f.zone);
  d.at = status == DoseStatus::taken && dose.day == today ? actor.now : planned;
  d.outside_window = dose.timing == DoseTiming::late && status == DoseStatus::taken;  // "Taken late"
  return log_dose(store, f, d, actor);
}

Result<ActionOutcome> log_today_dose_taken_at(RecordStore& store, const PatientFacts& f,
                                              const TodayDose& dose, WallClock taken_at, const Actor& actor) {
  if (dose.timing == DoseTiming::upcoming)
    return fail("this dose is planned for " + format_day(dose.day) + ": it cannot be taken yet");
  DoseRequest d;
  d.drug = dose.drug;
  d.status = DoseStatus::taken;
  d.planned_key = dose.key;
  d.cycle = dose.cycle;
  d.cycle_day = dose.cycle_day;
  const auto at_on = [&](Day day) {
    return resolve_local_time(f.zone, date::local_seconds{day.time_since_epoch()} + taken_at).instant;
  };
  d.at = at_on(dose.day);
  d.outside_window = true;  // the person gave the time it was really taken
  // Before the planned time on its day: the evening dose taken after midnight.
  if (dose.at && d.at < *dose.at && at_on(dose.day + days{1}) <= actor.now) d.at = at_on(dose.day + days{1});
  return log_dose(store, f, d, actor);
}

}  // namespace alsmeds
