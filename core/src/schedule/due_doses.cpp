// The due list's dose items, drug by drug (due_doses.hpp).
#include "due_doses.hpp"

#include <algorithm>

#include "alsmeds/regimens/oral_food_rule.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds::due_detail {

using date::days;

void riluzole_items(const PatientFacts& f, const Therapy& t, Day on, std::optional<Instant> now,
                    const std::set<std::string>& logged, std::vector<DueItem>& out) {
  const RiluzoleRegimen r =
      riluzole_regimen_for(t, f.zone, f.earlier_zones, std::max(t.start, on - days{kOverdueLookbackDays}));
  const Day last = t.stop ? std::min(*t.stop, on) : on;
  if (last < r.start) return;
  auto doses = plan_riluzole(r, static_cast<int>((last - r.start).count()) + 1);
  if (!doses) return;
  const std::optional<Day> hold = riluzole_on_hold(f, on);
  // A stop result, whether or not a decision answered it since: the doses of the days it held riluzole
  // (from the result's day until the decision was recorded) were not to be taken; they are neither due nor
  // missed after the decision (issue 25: they became "overdue, record taken or missed").
  const bool ever_held = riluzole_on_hold_as_of(f, on, Instant{}).has_value();
  for (const RiluzoleDose& d : *doses) {
    if (logged.count(planned_key(t, d))) continue;
    if (paused_on(t, d.local_day)) continue;  // a pause (therapy pause): neither due nor missed
    if (ever_held && d.local_day < on && riluzole_on_hold_as_of(f, d.local_day, d.instant)) continue;
    DueItem item;
    item.status = d.local_day < on ? DueStatus::overdue : DueStatus::due;
    item.kind = "dose";
    item.when = format_local_with_offset(d.instant, d.utc_offset);
    item.drug = "riluzole";
    item.planned_key = planned_key(t, d);
    item.at = d.instant;
    item.detail = dose_label(t, d.local_day).dose + ", 1 h before or 2 h after a meal";
    const Instant missed_from = riluzole_missed_from(t.times, f.zone, d.local_day, d.slot);
    if (hold && item.status == DueStatus::due) {
      item.detail = "ON HOLD pending the prescriber's decision (stop alert: ALT 5x ULN or more on " +
                    format_day(*hold) + "): do not take it until the decision is recorded";
    } else if (item.status == DueStatus::due && now && *now >= missed_from) {
      item.status = DueStatus::overdue;
      item.detail = "missed: the next dose's time has come (" +
                    format_local_with_offset(missed_from, d.utc_offset) +
                    "): skip it, never double; if it was taken, log it with the time it was really taken";
    } else if (item.status == DueStatus::overdue) {
      item.detail = "not logged: record taken or missed (a missed dose is skipped, never doubled)";
    }
    out.push_back(std::move(item));
  }
}

void edaravone_items(const PatientFacts& f, const Therapy& t, Day on, const std::set<std::string>& logged,
                     std::vector<DueItem>& out) {
  const EdaravonePlan plan = edaravone_plan_for(t, f.closed, f.log, f.zone, on + days{60});
  bool coming_listed = false;
  for (const EdaravoneDose& d : plan.doses()) {
    if (d.day < on - days{kOverdueLookbackDays} || logged.count(planned_key(t, d))) continue;
    const bool iv = d.form == EdaravoneForm::iv;  // the form in force that day (a switch changes it)
    const DoseLabel label = dose_label(product_of(d.form));
    DueItem item;
    item.kind = iv ? "infusion" : "dose";
    item.when = format_day(d.day);
    item.drug = "edaravone";
    item.planned_key = planned_key(t, d);
    item.cycle = d.cycle;
    item.cycle_day = d.cycle_day;
    item.detail = label.form + " " + label.dose +
                  (iv ? "" : " " + std::string(oral_edaravone_food_rule_short())) + ", cycle " +
                  std::to_string(d.cycle) + " day " + std::to_string(d.cycle_day) +
                  (d.cycle == 1 && !t.restart_reason.empty()
                       ? " (restart: cycle 1 " + std::string(to_string(t.first_cycle)) + ")"
                       : "");
    if (d.day < on) {
      item.status = DueStatus::overdue;
    } else if (d.day == on) {
      item.status = DueStatus::due;
    } else if (!coming_listed && d.day <= on + days{kComingDays}) {
      item.status = DueStatus::coming;
      coming_listed = true;
    } else {
      continue;
    }
    out.push_back(std::move(item));
  }
  for (const InfusionCycle& c : plan.cycles)
    if (c.is_short() && c.next_start > on && c.start <= on + days{kComingDays})
      out.push_back(make_item(DueStatus::alert, "alert", format_day(c.start), "edaravone",
                              "short cycle " + std::to_string(c.number) + ": " +
                                  std::to_string(c.doses_planned) + " of " +
                                  std::to_string(c.doses_required) + " doses fit around closed days"));
}

// A regimen planned by the day (tofersen; a registered drug): its next dose not given, within the days to
// come, overdue with the regimen's advice when missed.
void day_plan_items(const PatientFacts& f, const Therapy& t, Day on, std::vector<DueItem>& out) {
  const std::vector<PlannedDay> plan = planned_days(t, f.log, f.zone, on + days{kComingDays});
  const auto next = std::find_if(plan.begin(), plan.end(), [](const PlannedDay& d) { return !d.given; });
  if (next == plan.end() || next->day > on + days{kComingDays}) return;
  // A pause (a hospital stay) holds a dose already overdue too: not listed on its days; overdue again after.
  if (next->day < on && paused_on(t, on)) return;
  const DoseLabel label = dose_label(t, next->day);
  DueItem item;
  item.status = next->day < on ? DueStatus::overdue : next->day == on ? DueStatus::due : DueStatus::coming;
  item.kind = "dose";
  item.when = format_day(next->day);
  item.drug = std::string(to_string(t.drug));
  item.planned_key = planned_key(t.drug, PlannedRef{t.id, next->first, next->second});
  item.detail = label.form + " " + label.dose + ", " + next->name + next->series;
  if (item.status == DueStatus::overdue) item.detail += ": missed, " + next->missed_advice;
  out.push_back(std::move(item));
}

}  // namespace alsmeds::due_detail
