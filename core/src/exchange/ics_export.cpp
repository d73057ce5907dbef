#include "alsmeds/exchange/ics_export.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>

#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/oral_food_rule.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "document_module.hpp"

namespace alsmeds {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

bool is_utc(const std::string& name) {
  return name == "UTC" || name == "Etc/UTC";
}

/// A floating local time: DTSTART gets the TZID parameter (the IANA name) beside it; UTC when `utc`.
icaltimetype wall_time(date::local_seconds local, bool utc) {
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
  t.zone = utc ? icaltimezone_get_utc_timezone() : nullptr;
  return t;
}

icaltimetype local_time_of(Instant at, seconds offset) {
  return wall_time(date::local_seconds{(at + offset).time_since_epoch()}, false);
}

icalcomponent* observance(const date::sys_info& info, seconds offset_before) {
  icalcomponent* o =
      info.save != std::chrono::minutes{0} ? icalcomponent_new_xdaylight() : icalcomponent_new_xstandard();
  // DTSTART is the wall-clock time at the change, in the offset in force before it (RFC 5545, 3.6.5).
  icalcomponent_add_property(o, icalproperty_new_dtstart(local_time_of(info.begin, offset_before)));
  icalcomponent_add_property(o, icalproperty_new_tzoffsetfrom(static_cast<int>(offset_before.count())));
  icalcomponent_add_property(o, icalproperty_new_tzoffsetto(static_cast<int>(info.offset.count())));
  icalcomponent_add_property(o, icalproperty_new_tzname(info.abbrev.c_str()));
  return o;
}

/// The zone's VTIMEZONE for the events from `first` to `last`: the observances in force in that span only
/// (each with its own DTSTART, no RRULE), with the IANA name as TZID. A span in daylight time only also
/// gets the standard observance before it: readers (python3-icalendar) measure the daylight saving from it.
icalcomponent* vtimezone(Zone zone, const std::string& tzid, Instant first, Instant last) {
  icalcomponent* tz = icalcomponent_new_vtimezone();
  icalcomponent_add_property(tz, icalproperty_new_tzid(tzid.c_str()));
  std::vector<date::sys_info> in_force{zone->get_info(first)};
  while (in_force.back().end <= last) in_force.push_back(zone->get_info(in_force.back().end));
  const bool all_daylight = std::all_of(in_force.begin(), in_force.end(), [](const date::sys_info& i) {
    return i.save != std::chrono::minutes{0};
  });
  const Instant dawn = first - date::days{366 * 200};  // the earliest rule period begins at the dawn of time
  if (all_daylight && in_force.front().begin > dawn)
    in_force.insert(in_force.begin(), zone->get_info(in_force.front().begin - seconds{1}));
  for (const date::sys_info& info : in_force) {
    // A rule period from the dawn of time starts a day before the first event instead.
    date::sys_info shown = info;
    seconds before = info.offset;
    if (info.begin < dawn)
      shown.begin = date::floor<date::days>(first) - date::days{1};
    else
      before = zone->get_info(info.begin - seconds{1}).offset;
    icalcomponent_add_component(tz, observance(shown, before));
  }
  return tz;
}

struct PlannedEvent {
  std::string uid;
  date::local_seconds start;
  seconds length;
  int sequence = 0;
  std::string summary;
  seconds remind_before;
  bool cancelled = false;                   // a planned dose a re-flow or a stop took out of the plan
  std::string description{};                // DESCRIPTION (oral edaravone: its food rule)
  std::optional<seconds> evening_before{};  // a second alarm this long before the start (the evening before)
  std::string evening_text{};
};

// Radicava ORS, US PI (as reported from its 12/2025 revision; ../shared/docs/domain.md, "Oral edaravone food
// rule"): the advice each oral dose's event carries, and the evening before's reminder of the overnight fast.
constexpr const char* kOralFastTonight =
    "Edaravone oral suspension tomorrow morning: take it after an overnight fast (no food after tonight's "
    "meal; water is fine)";
constexpr WallClock kEveningReminder{20 * 60};

void add_event(icalcomponent* calendar, const PlannedEvent& e, const std::string& tzid, Instant now) {
  icalcomponent* event = icalcomponent_new_vevent();
  icalcomponent_add_property(event, icalproperty_new_uid(e.uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
                                        now.time_since_epoch().count(), 0, icaltimezone_get_utc_timezone())));
  icalproperty* start = icalproperty_new_dtstart(wall_time(e.start, is_utc(tzid)));
  if (!is_utc(tzid)) icalproperty_add_parameter(start, icalparameter_new_tzid(tzid.c_str()));
  icalcomponent_add_property(event, start);
  if (e.cancelled) icalcomponent_add_property(event, icalproperty_new_status(ICAL_STATUS_CANCELLED));
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
  if (!e.description.empty())
    icalcomponent_add_property(event, icalproperty_new_description(e.description.c_str()));
  if (e.evening_before && !e.cancelled) {
    icalcomponent* evening = icalcomponent_new_valarm();
    icalcomponent_add_property(evening, icalproperty_new_action(ICAL_ACTION_DISPLAY));
    icaltriggertype before{};
    before.time = icaltime_null_time();
    before.duration = icaldurationtype_from_int(-static_cast<int>(e.evening_before->count()));
    icalcomponent_add_property(evening, icalproperty_new_trigger(before));
    icalcomponent_add_property(evening, icalproperty_new_description(e.evening_text.c_str()));
    icalcomponent_add_component(event, evening);
  }
  icalcomponent_add_component(calendar, event);
}

std::string uid_of(const std::string& key) {
  return key + "@alsmeds";
}

date::local_seconds at_local(Day day, WallClock time) {
  return date::local_seconds{date::local_days{day.time_since_epoch()}} + time;
}

// How many pause rows changed the event of `day`: each row of a pause whose days (as first or later
// recorded) hold `day`.
int pause_versions(const Therapy& t, Day day) {
  int n = 0;
  for (const TherapyPause& row : t.pause_rows) {
    if (row.from > day) continue;
    Day widest = row.to;
    for (const TherapyPause& other : t.pause_rows)
      if (other.from == row.from) widest = std::max(widest, other.to);
    n += day <= widest;
  }
  return n;
}

void riluzole_events(const PatientFacts& f, const Therapy& t, const IcsRequest& r,
                     std::vector<PlannedEvent>& out) {
  // Up to the stop the planned doses; after it, in the range, the doses an earlier export held: cancelled,
  // so a calendar stops reminding the patient of a drug the prescriber stopped.
  const Day first = std::max(r.from, t.start);
  if (r.to < first) return;
  const RiluzoleRegimen regimen = riluzole_regimen_for(t, f.zone, f.earlier_zones, first);
  auto doses = plan_riluzole(regimen, static_cast<int>((r.to - first).count()) + 1);
  if (!doses) return;
  for (const RiluzoleDose& d : *doses) {
    const bool stopped = t.stop && d.local_day > *t.stop;
    const bool paused = !stopped && paused_on(t, d.local_day);
    const std::string slot = std::to_string(d.slot + 1) + " of " + std::to_string(t.times.size());
    // The product in force that day (a switch changes it from its day on): a switch raises SEQUENCE, a stop
    // one more.
    int sequence = stopped;
    for (const ProductChange& c : t.changes) sequence += c.from <= d.local_day;
    // A pause cancels its own events only, a version later; a resumption that ends it early plans them
    // again, a version later still.
    sequence += pause_versions(t, d.local_day);
    const std::string what =
        dose_label(t, d.local_day).text() + " - dose " + slot + " (1 h before or 2 h after a meal)";
    out.push_back({uid_of(planned_key(t, d)),
                   date::local_seconds{(d.instant + d.utc_offset).time_since_epoch()}, minutes{15}, sequence,
                   stopped  ? "Cancelled (riluzole stopped on " + format_day(*t.stop) + "): " + what
                   : paused ? "Cancelled (riluzole paused): " + what
                            : what,
                   minutes{10}, stopped || paused});
  }
}

// Each dose of the plan with the planned key it had in the plan as first made (no re-flow, no make-up, no
// stop): its calendar identity, kept when a re-flow or a missed day moves it. The n-th dose of a cycle,
// counted in the order of the days first planned (a make-up dose takes the place of the day it replaces),
// is the n-th dose of that cycle first planned.
struct CalendarDose {
  EdaravoneDose dose;
  std::string key;  // its identity: the planned key of the dose as first planned
  Day first_day;    // the day first planned for it
};
struct CalendarDoses {
  std::vector<CalendarDose> planned;
  std::vector<EdaravoneDose> removed;  // doses first planned that the plan no longer holds
};

CalendarDoses calendar_doses(const PatientFacts& f, const Therapy& t, Day through) {
  const std::vector<LogEntry> log = current_entries(f.log);
  const EdaravonePlan plan = edaravone_plan_for(t, f.closed, log, f.zone, through);
  Therapy first_made = t;
  first_made.adjustments.clear();
  first_made.pauses.clear();  // a pause moves doses as a delay does: their identity stays
  first_made.stop.reset();
  const EdaravonePlan base = edaravone_plan_for(first_made, f.closed, std::vector<Day>{}, through);
  CalendarDoses out;
  std::set<std::string> kept;
  for (const InfusionCycle& c : plan.cycles) {
    // The cycle's doses and its missed days that found no other day (they keep their place in the count).
    std::vector<std::pair<Day, const EdaravoneDose*>> places;
    for (const EdaravoneDose& d : c.doses) places.emplace_back(d.moved_from.value_or(d.day), &d);
    for (Day m : c.missed) places.emplace_back(m, nullptr);
    std::stable_sort(places.begin(), places.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    const InfusionCycle* first = nullptr;
    for (const InfusionCycle& b : base.cycles)
      if (b.number == c.number) first = &b;
    for (std::size_t i = 0; i < places.size(); ++i) {
      if (!places[i].second) continue;
      const EdaravoneDose& d = *places[i].second;
      const bool known = first && i < first->doses.size();
      out.planned.push_back(
          {d, planned_key(t, known ? first->doses[i] : d), known ? first->doses[i].day : d.day});
      kept.insert(out.planned.back().key);
    }
  }
  for (const EdaravoneDose& d : base.doses())
    if (!kept.count(planned_key(t, d))) out.removed.push_back(d);
  return out;
}

void edaravone_events(const PatientFacts& f, const Therapy& t, const IcsRequest& r,
                      std::vector<PlannedEvent>& out) {
  // Local days of every edaravone dose ever logged missed or refused, superseded ones too (see below).
  std::vector<Day> missed;
  for (const LogEntry& e : f.log)
    if (e.kind == LogKind::dose && e.drug == Drug::edaravone && e.status && *e.status != DoseStatus::taken)
      missed.push_back(local_day(e.at, f.zone));
  // A cycle moved by a re-flow may reach past the range: plan a cycle further so no dose looks removed.
  const CalendarDoses doses = calendar_doses(f, t, r.to + date::days{kCycleLengthDays});
  for (const auto& [d, key, first_day] : doses.planned) {
    // A dose moved out of the range is still written where it is now: a calendar that has it at its first
    // day moves it instead of keeping it there.
    if ((d.day < r.from || d.day > r.to) && (first_day < r.from || first_day > r.to)) continue;
    // Records that could have moved this day: re-flows of its cycle or an earlier one, doses logged missed
    // before it (the make-up rule), switches. Superseded ones count too, so the number never goes down.
    const bool oral = d.form == EdaravoneForm::oral;  // the form in force that day (a switch changes it)
    int sequence = 0;
    for (const CycleAdjustment& a : t.adjustments) sequence += a.shift.cycle <= d.cycle;
    for (const ProductChange& c : t.changes) sequence += c.from <= d.day;
    for (const TherapyPause& p : t.pause_rows) sequence += p.from <= d.day;
    for (Day m : missed) sequence += m < d.day;
    PlannedEvent event{uid_of(key),
                       at_local(d.day, kUnbookedEventTime),
                       oral ? minutes{15} : minutes{60},
                       sequence,
                       dose_label(t, d.day).text() + " - cycle " + std::to_string(d.cycle) + ", day " +
                           std::to_string(d.cycle_day),
                       oral ? minutes{10} : minutes{60}};
    if (oral) {
      event.description = std::string(oral_edaravone_food_rule());
      event.evening_before = event.start - at_local(d.day - date::days{1}, kEveningReminder);
      event.evening_text = kOralFastTonight;
    }
    out.push_back(std::move(event));
  }
  // A planned dose a re-flow or a stop took out of the plan: cancelled, with a SEQUENCE above any it had
  // (every record that could have changed it, and one more).
  const int above_all =
      static_cast<int>(t.adjustments.size() + t.changes.size() + t.pause_rows.size() + missed.size()) + 1;
  for (const EdaravoneDose& d : doses.removed) {
    if (d.day < r.from || d.day > r.to) continue;
    out.push_back({uid_of(planned_key(t, d)), at_local(d.day, kUnbookedEventTime), minutes{60}, above_all,
                   "Cancelled: " + dose_label(t, d.day).text() + " - cycle " + std::to_string(d.cycle) +
                       ", day " + std::to_string(d.cycle_day),
                   minutes{60}, true});
  }
}

// A regimen planned by the day (tofersen, docs/domain.md; a registered drug): every dose of the plan anchored
// on the doses given, one event a dose (its UID kept for good). A dose given late moves the later ones: their
// SEQUENCE counts the course's dose records and pause rows up to their day (superseded ones too, so it never
// goes down). Given in the clinic: an hour (our default), reminded the day before.
void day_plan_events(const PatientFacts& f, const Therapy& t, const IcsRequest& r,
                     std::vector<PlannedEvent>& out) {
  std::vector<Day> records;
  for (const LogEntry& e : f.log)
    if (e.kind == LogKind::dose && e.drug == t.drug) records.push_back(local_day(e.at, f.zone));
  for (const PlannedDay& d : planned_days(t, f.log, f.zone, r.to)) {
    if (d.day < r.from || d.day > r.to) continue;
    int sequence = 0;
    for (Day m : records) sequence += m <= d.day;
    for (const TherapyPause& p : t.pause_rows) sequence += p.from <= d.day;
    out.push_back({uid_of(planned_key(t.drug, PlannedRef{t.id, d.first, d.second})),
                   at_local(d.day, kUnbookedEventTime), minutes{60}, sequence,
                   dose_label(t, d.day).text() + " - " + d.name + (d.given ? " (given)" : ""),
                   std::chrono::hours{24}});
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
    if (test.due < r.from || test.due > r.to) continue;
    const bool stopped = t.stop && test.due > *t.stop;  // cancelled, as the doses after the stop
    out.push_back({uid_of("lft:" + std::to_string(t.id) + ":" + test.reason),
                   at_local(test.due, kUnbookedEventTime), minutes{30}, stopped,
                   std::string(stopped ? "Cancelled (riluzole stopped): " : "") + "ALT liver test (" +
                       test.reason + ") for riluzole",
                   std::chrono::hours{24}, stopped});
  }
}

}  // namespace

std::string documents::ics_calendar(const PatientFacts& facts, const IcsRequest& request) {
  Component calendar(icalcomponent_new_vcalendar());
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//alsmeds//alsmeds plan//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));

  std::vector<PlannedEvent> events;
  for (const Therapy& t : facts.therapies) {
    if (regimen(t.drug).plan_days) {
      day_plan_events(facts, t, request, events);
      continue;
    }
    switch (t.drug) {
      case Drug::riluzole: {
        riluzole_events(facts, t, request, events);
        liver_test_events(facts, t, request, events);
        break;
      }
      case Drug::edaravone: {
        edaravone_events(facts, t, request, events);
        break;
      }
      default:
        break;
    }
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const PlannedEvent& a, const PlannedEvent& b) { return a.start < b.start; });
  const std::string& tzid = facts.patient.tz;
  if (!is_utc(tzid) && !events.empty())
    icalcomponent_add_component(
        calendar.get(),
        vtimezone(facts.zone, tzid, resolve_local_time(facts.zone, events.front().start).instant,
                  resolve_local_time(facts.zone, events.back().start + events.back().length).instant));
  for (const PlannedEvent& e : events) add_event(calendar.get(), e, tzid, request.now);

  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string out(text);
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace alsmeds
