// What a person meant by a dose record (issue 24): a press on a planned dose's button records that dose only
// inside its window, never a dose whose day has not come, and a second log of one dose within seconds is
// the same intent (a double-click, a repeated command), refused naming the first. Applied by log_dose for
// every front end.
#include <algorithm>

#include "action_checks.hpp"
#include "alsmeds/adherence/adherence.hpp"
#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds::rules {
namespace {

std::string clock_of(Instant at, Zone zone) {
  const auto local = date::make_zoned(zone, at).get_local_time();
  return format_wall_clock(std::chrono::duration_cast<WallClock>(local - date::floor<date::days>(local)));
}

std::string span(std::chrono::seconds s) {
  using namespace std::chrono;
  const auto m = duration_cast<minutes>(s < seconds{0} ? -s : s).count();
  return m >= 60 ? std::to_string(m / 60) + " h " + std::to_string(m % 60) + " min"
                 : std::to_string(m) + " min";
}

/// The planned dose `key` of course `t`: its local day, and for riluzole its instant. None when the plan
/// has no such dose (any more: the screen that named it is stale).
struct PlannedDose {
  Day day;
  std::optional<Instant> at;
  bool late_allowed = false;  // planned by the day (tofersen): a missed dose is given on a later day
};
std::optional<PlannedDose> find_planned(const PatientFacts& f, const Therapy& t, const std::string& key) {
  const PlannedRef ref = parse_planned_key(key);
  if (ref.empty() || ref.therapy_id != t.id) return std::nullopt;
  // A cycle or dose number no plan reaches (a plan holds at most 500 cycles): none, and no horizon to
  // overflow.
  if (t.drug != Drug::riluzole && (ref.first < 1 || ref.first > 2000)) return std::nullopt;
  switch (t.drug) {
    case Drug::riluzole: {
      std::vector<WallClock> times = t.times;
      std::sort(times.begin(), times.end());
      if (ref.second < 1 || static_cast<std::size_t>(ref.second) > times.size()) return std::nullopt;
      const Day day{date::days{ref.first}};
      const date::local_seconds local{date::local_days{day.time_since_epoch()}};
      return PlannedDose{day, resolve_local_time(f.zone, local + times[ref.second - 1]).instant};
    }
    case Drug::edaravone: {
      // The plan as it stands (missed days move make-up doses), far enough to hold the cycle named after
      // any delays (each at most a year).
      const Day horizon = t.start + date::days{28 * (ref.first + 1) + 366};
      const EdaravonePlan plan = edaravone_plan_for(t, f.closed, f.log, f.zone, horizon);
      for (const EdaravoneDose& d : plan.doses())
        if (d.cycle == ref.first && d.cycle_day == ref.second) return PlannedDose{d.day, std::nullopt};
      return std::nullopt;
    }
    default: {
      // A regimen planned by the day (tofersen; a registered drug): the dose not given yet, as the plan
      // anchored on the doses given has it (one given is not offered); a missed one is given on a later day.
      const Day horizon = t.start + date::days{28 * (ref.first + 1) + 366};
      for (const PlannedDay& d : planned_days(t, f.log, f.zone, horizon))
        if (d.first == ref.first && d.second == ref.second && !d.given)
          return PlannedDose{d.day, std::nullopt, true};
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<std::string>> check_dose_intent(const PatientFacts& f, const Therapy& t,
                                                   const DoseRequest& d) {
  std::vector<std::string> warnings;
  if (d.planned_key.empty() || d.status != DoseStatus::taken) return warnings;
  const std::string drug(to_string(d.drug));
  const auto planned = find_planned(f, t, d.planned_key);
  if (!planned)
    return fail("the planned " + drug + " dose " + d.planned_key +
                " is not in the plan as it stands (the plan changed since the screen was drawn): look again "
                "and record the dose shown now");
  const Day day = local_day(d.at, f.zone);
  if (planned->day > day)
    return fail("the " + drug + " dose planned for " + format_day(planned->day) +
                (planned->at ? " " + clock_of(*planned->at, f.zone) : std::string()) +
                " is not due yet: a dose is recorded given once it is given, on its day" +
                (d.drug == Drug::edaravone ? " (to give it earlier, change the plan first)" : ""));
  if (d.outside_window) {
    if (planned->at &&
        (d.at < *planned->at - kRiluzoleOnTimeWindow || d.at > *planned->at + kRiluzoleOnTimeWindow))
      warnings.push_back("recorded taken " + std::string(d.at < *planned->at ? "early" : "late") + " at " +
                         clock_of(d.at, f.zone) + ", " +
                         span(std::chrono::duration_cast<std::chrono::seconds>(d.at - *planned->at)) +
                         (d.at < *planned->at ? " before" : " after") + " its time (" +
                         clock_of(*planned->at, f.zone) + ")");
    return warnings;
  }
  const bool outside = planned->at ? (d.at < *planned->at - kRiluzoleOnTimeWindow ||
                                      d.at > *planned->at + kRiluzoleOnTimeWindow)
                                   : day != planned->day && !planned->late_allowed;
  if (!outside) return warnings;
  if (planned->at)
    return fail("the " + clock_of(*planned->at, f.zone) + " riluzole dose is taken from " +
                clock_of(*planned->at - kRiluzoleOnTimeWindow, f.zone) + " to " +
                clock_of(*planned->at + kRiluzoleOnTimeWindow, f.zone) + "; " + clock_of(d.at, f.zone) +
                " is " + span(std::chrono::duration_cast<std::chrono::seconds>(d.at - *planned->at)) +
                (d.at < *planned->at ? " before" : " after") +
                " its time: record it as taken early or late, with the time it was really taken");
  return fail("the edaravone dose planned for " + format_day(planned->day) + " is recorded on " +
              format_day(day) + ": record it as given late, with the day it was really given");
}

}  // namespace alsmeds::rules

namespace alsmeds {

std::vector<LogEntry> log_for_dose(RecordStore& store, RecordId patient_id, const DoseRequest& d) {
  if (d.corrects) return store.log_entries(patient_id);
  Instant from = d.at;
  // A riluzole planned dose's key holds its local day: a record of it is on or after that day. UTC offsets
  // are within 15 hours: the day's UTC midnight less one day is before its local start.
  if (const PlannedRef ref = parse_planned_key(d.planned_key); d.drug == Drug::riluzole && !ref.empty())
    from = std::min(from, Instant{date::sys_days{date::days{ref.first}}} - date::days{1});
  static_assert(kDoubledDoseGap < date::days{2} && kRepeatedIntentGap < date::days{2});
  return store.log_entries_beside_riluzole(patient_id, from - date::days{2});
}

}  // namespace alsmeds

namespace alsmeds::rules {

std::optional<std::string> repeated_intent(const PatientFacts& f, const LogEntry& e, const DoseRequest& d,
                                           Instant now) {
  for (const LogEntry& x : current_entries(f.log)) {
    if (x.kind != LogKind::dose || !x.status || x.drug != e.drug || (d.corrects && x.id == *d.corrects))
      continue;  // a withdrawal (no status) records no dose
    const bool same_dose = x.at == e.at || (!d.planned_key.empty() && x.planned_key == d.planned_key);
    const auto ago = now - x.recorded_at;
    if (!same_dose || ago >= kRepeatedIntentGap || ago <= -kRepeatedIntentGap) continue;
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(ago < Instant::duration{0} ? -ago : ago);
    return "this dose was recorded " + std::to_string(s.count()) + " s ago (record " + std::to_string(x.id) +
           ", " + std::string(to_string(d.drug)) + " " + std::string(to_string(*x.status)) + " at " +
           format_utc(x.at) +
           "): not recorded again (a second press or a repeated command); correct record " +
           std::to_string(x.id) + " if it is wrong";
  }
  return std::nullopt;
}

}  // namespace alsmeds::rules
