#include "alsmeds/ics_export.hpp"

#include <libical/ical.h>

#include <memory>
#include <stdexcept>

#include "alsmeds/liver_tests.hpp"
#include "alsmeds/riluzole.hpp"
#include "alsmeds/therapy_plan.hpp"

namespace alsmeds {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

/// The patient's zone as libical knows it (from the same OS time-zone database); null for UTC.
icaltimezone* ical_zone(const std::string& name) {
  if (name == "UTC" || name == "Etc/UTC") return nullptr;
  icaltimezone_set_tzid_prefix("");  // TZID is the IANA name itself, as in the patient's record
  icaltimezone* zone = icaltimezone_get_builtin_timezone(name.c_str());
  if (!zone) throw std::runtime_error("time zone '" + name + "' is unknown to libical");
  return zone;
}

icaltimetype wall_time(date::local_seconds local, icaltimezone* zone) {
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<seconds> hms{local - day};
  icaltimetype t = icaltime_null_time();
  t.year = static_cast<int>(ymd.year());
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  t.hour = static_cast<int>(hms.hours().count());
  t.minute = static_cast<int>(hms.minutes().count());
  t.second = static_cast<int>(hms.seconds().count());
  t.is_date = 0;
  t.zone = zone ? zone : icaltimezone_get_utc_timezone();
  return t;
}

struct PlannedEvent {
  std::string uid;
  date::local_seconds start;
  seconds length;
  int sequence = 0;
  std::string summary;
  seconds remind_before;
};

void add_event(icalcomponent* calendar, const PlannedEvent& e, icaltimezone* zone, Instant now) {
  icalcomponent* event = icalcomponent_new_vevent();
  icalcomponent_add_property(event, icalproperty_new_uid(e.uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
                                        now.time_since_epoch().count(), 0, icaltimezone_get_utc_timezone())));
  icalproperty* start = icalproperty_new_dtstart(wall_time(e.start, zone));
  if (zone && !icalproperty_get_first_parameter(start, ICAL_TZID_PARAMETER))
    icalproperty_add_parameter(start, icalparameter_new_tzid(icaltimezone_get_tzid(zone)));
  icalcomponent_add_property(event, start);
  icalcomponent_add_property(
      event, icalproperty_new_duration(icaldurationtype_from_int(static_cast<int>(e.length.count()))));
  icalcomponent_add_property(event, icalproperty_new_sequence(e.sequence));
  icalcomponent_add_property(event, icalproperty_new_summary(e.summary.c_str()));
  icalcomponent* alarm = icalcomponent_new_valarm();
  icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
  icaltriggertype trigger{};
  trigger.time = icaltime_null_time();
  trigger.duration = icaldurationtype_from_int(-static_cast<int>(e.remind_before.count()));
  icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
  icalcomponent_add_property(alarm, icalproperty_new_description(e.summary.c_str()));
  icalcomponent_add_component(event, alarm);
  icalcomponent_add_component(calendar, event);
}

std::string uid_of(const std::string& key) {
  return key + "@alsmeds";
}

date::local_seconds at_local(Day day, WallClock time) {
  return date::local_seconds{date::local_days{day.time_since_epoch()}} + time;
}

void riluzole_events(const PatientFacts& f, const Therapy& t, const IcsRequest& r,
                     std::vector<PlannedEvent>& out) {
  const Day first = std::max(r.from, t.start);
  const Day last = t.stop ? std::min(*t.stop, r.to) : r.to;
  if (last < first) return;
  RiluzoleRegimen regimen;
  regimen.start = first;
  regimen.zone = f.zone;
  regimen.times = t.times;
  auto doses = plan_riluzole(regimen, static_cast<int>((last - first).count()) + 1);
  if (!doses) return;
  for (const RiluzoleDose& d : *doses) {
    const std::string slot = std::to_string(d.slot + 1) + " of " + std::to_string(t.times.size());
    out.push_back({uid_of(planned_key(t, d)),
                   date::local_seconds{(d.instant + d.utc_offset).time_since_epoch()}, minutes{15}, 0,
                   "Riluzole 50 mg - dose " + slot + " (1 h before or 2 h after a meal)", minutes{10}});
  }
}

void edaravone_events(const PatientFacts& f, const Therapy& t, const IcsRequest& r,
                      std::vector<PlannedEvent>& out) {
  const std::vector<LogEntry> log = current_entries(f.log);
  const EdaravonePlan plan = edaravone_plan_for(t, f.closed, log, f.zone, r.to);
  // Local days of every edaravone dose ever logged missed or refused, superseded ones too (see below).
  std::vector<Day> missed;
  for (const LogEntry& e : f.log)
    if (e.kind == LogKind::dose && e.drug == Drug::edaravone && e.status && *e.status != DoseStatus::taken)
      missed.push_back(local_day(e.at, f.zone));
  for (const EdaravoneDose& d : plan.doses()) {
    if (d.day < r.from || d.day > r.to) continue;
    // Records that could have moved this day: re-flows of its cycle or an earlier one, doses logged missed
    // before it (the make-up rule). Superseded ones count too, so the number never goes down.
    const bool oral = d.form == EdaravoneForm::oral;  // the form in force that day (a switch changes it)
    int sequence = 0;
    for (const CycleAdjustment& a : t.adjustments) sequence += a.shift.cycle <= d.cycle;
    for (const ProductChange& c : t.changes) sequence += c.from <= d.day;
    for (Day m : missed) sequence += m < d.day;
    out.push_back({uid_of(planned_key(t, d)), at_local(d.day, kUnbookedEventTime),
                   oral ? minutes{15} : minutes{60}, sequence,
                   std::string(oral ? "Edaravone oral 105 mg" : "Edaravone IV 60 mg") + " - cycle " +
                       std::to_string(d.cycle) + ", day " + std::to_string(d.cycle_day),
                   oral ? minutes{10} : minutes{60}});
  }
}

void liver_test_events(const PatientFacts& f, const Therapy& t, const IcsRequest& r,
                       std::vector<PlannedEvent>& out) {
  // The early re-test after a high ALT (the same one `due` lists).
  for (const OpenLiverTest& test : open_liver_tests(f, t, r.to, r.to))
    if (test.early && test.due >= r.from)
      out.push_back({uid_of("lft:" + std::to_string(t.id) + ":retest:" + format_day(test.due)),
                     at_local(test.due, kUnbookedEventTime), minutes{30}, 0,
                     "ALT liver test (early re-test " + test.reason + ") for riluzole",
                     std::chrono::hours{24}});
  auto plan = plan_liver_tests({t.start, 60, t.liver_tests, t.liver_tests_weekdays_only});
  if (!plan) return;
  for (const LiverTest& test : plan->tests) {
    if (test.due < r.from || test.due > r.to || (t.stop && test.due > *t.stop)) continue;
    out.push_back({uid_of("lft:" + std::to_string(t.id) + ":" + test.reason),
                   at_local(test.due, kUnbookedEventTime), minutes{30}, 0,
                   "ALT liver test (" + test.reason + ") for riluzole", std::chrono::hours{24}});
  }
}

}  // namespace

std::string ics_calendar(const PatientFacts& facts, const IcsRequest& request) {
  icaltimezone* zone = ical_zone(facts.patient.tz);
  Component calendar(icalcomponent_new_vcalendar());
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//alsmeds//alsmeds plan//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  if (zone)
    icalcomponent_add_component(calendar.get(), icalcomponent_new_clone(icaltimezone_get_component(zone)));

  std::vector<PlannedEvent> events;
  for (const Therapy& t : facts.therapies) {
    if (t.drug == Drug::riluzole) {
      riluzole_events(facts, t, request, events);
      liver_test_events(facts, t, request, events);
    } else {
      edaravone_events(facts, t, request, events);
    }
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const PlannedEvent& a, const PlannedEvent& b) { return a.start < b.start; });
  for (const PlannedEvent& e : events) add_event(calendar.get(), e, zone, request.now);

  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string out(text);
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace alsmeds
