// The iCalendar export, read back with libical's own parser: structure, stable UIDs, the zone's VTIMEZONE
// (checked by letting libical turn local times into UTC across a daylight-saving change), alarms, re-flows.
#include "alsmeds/ics_export.hpp"

#include <libical/ical.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace alsmeds;

namespace {

Day day(int y, unsigned m, unsigned d) {
  return Day{date::year{y} / date::month{m} / date::day{d}};
}

PatientFacts london_patient() {
  PatientFacts f;
  f.patient.id = 3;
  f.patient.name = "Ada";
  f.patient.tz = "Europe/London";
  f.zone = *find_zone("Europe/London");
  Therapy r;
  r.id = 1;
  r.drug = Drug::riluzole;
  r.product = "tablet";
  r.start = day(2026, 3, 20);
  r.times = {std::chrono::hours{8}, std::chrono::hours{20}};
  Therapy e;
  e.id = 2;
  e.drug = Drug::edaravone;
  e.product = "iv";
  e.start = day(2026, 3, 23);
  f.therapies = {r, e};
  return f;
}

struct ParsedEvent {
  std::string summary, tzid;
  icaltimetype start;
  int sequence = 0;
  bool alarm_ok = false;
};

struct Parsed {
  std::string version, prodid, vtimezone_tzid;
  int vtimezones = 0;
  std::map<std::string, ParsedEvent> events;  // by UID
  std::size_t event_count = 0;
};

Parsed parse(const std::string& text) {
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  REQUIRE(cal);
  Parsed p;
  p.version = icalproperty_get_version(icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY));
  p.prodid = icalproperty_get_prodid(icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY));
  for (icalcomponent* z = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT); z;
       z = icalcomponent_get_next_component(cal, ICAL_VTIMEZONE_COMPONENT)) {
    ++p.vtimezones;
    p.vtimezone_tzid = icalproperty_get_tzid(icalcomponent_get_first_property(z, ICAL_TZID_PROPERTY));
  }
  for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    ++p.event_count;
    ParsedEvent ev;
    ev.summary = icalcomponent_get_summary(e);
    icalproperty* start = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
    ev.start = icalproperty_get_dtstart(start);
    if (icalparameter* tz = icalproperty_get_first_parameter(start, ICAL_TZID_PARAMETER))
      ev.tzid = icalparameter_get_tzid(tz);
    ev.sequence = icalcomponent_get_sequence(e);
    icalcomponent* alarm = icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT);
    if (alarm) {
      icalproperty* action = icalcomponent_get_first_property(alarm, ICAL_ACTION_PROPERTY);
      icalproperty* trigger = icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY);
      icalproperty* description = icalcomponent_get_first_property(alarm, ICAL_DESCRIPTION_PROPERTY);
      ev.alarm_ok = action && icalproperty_get_action(action) == ICAL_ACTION_DISPLAY && trigger &&
                    icalproperty_get_trigger(trigger).duration.is_neg && description;
    }
    REQUIRE(icalcomponent_get_uid(e));
    p.events[icalcomponent_get_uid(e)] = ev;
  }
  icalcomponent_free(cal);
  return p;
}

/// The UTC hour libical computes for a parsed local time with the VTIMEZONE it was given.
int utc_hour(const std::string& text, const std::string& uid) {
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  int hour = -1;
  for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
    if (uid == icalcomponent_get_uid(e)) {
      const icaltimetype start = icalcomponent_get_dtstart(e);  // zone resolved from the calendar's VTIMEZONE
      const icaltimetype utc = icaltime_convert_to_zone(start, icaltimezone_get_utc_timezone());
      hour = utc.hour;
    }
  icalcomponent_free(cal);
  return hour;
}

}  // namespace

TEST_CASE("ics: one VTIMEZONE, every planned dose and infusion day as an event with an alarm") {
  const PatientFacts f = london_patient();
  const IcsRequest r{day(2026, 3, 27), day(2026, 4, 2), Instant{day(2026, 3, 1)}};
  const std::string text = ics_calendar(f, r);
  const Parsed p = parse(text);
  CHECK(p.version == "2.0");
  CHECK_FALSE(p.prodid.empty());
  CHECK(p.vtimezones == 1);
  // 7 days x 2 riluzole doses, and edaravone cycle 1 days 5 to 11 (it started on 23 March). Baseline and
  // month-1 liver tests (20 March, 20 April) are outside the range.
  CHECK(p.event_count == 21u);
  CHECK(p.events.size() == 21u);  // UIDs are unique
  for (const auto& [uid, ev] : p.events) {
    INFO(uid);
    CHECK(ev.tzid == p.vtimezone_tzid);
    CHECK(ev.alarm_ok);
  }
  const auto& first_infusion = p.events.at("edaravone:2:c1:d5@alsmeds");
  CHECK(first_infusion.summary == "Edaravone IV 60 mg - cycle 1, day 5");
  CHECK(first_infusion.start.day == 27);
  const auto& evening = p.events.at("riluzole:1:2026-04-02:2@alsmeds");
  CHECK(evening.start.hour == 20);
  // London moves to BST on 29 March 2026: 08:00 local is 08:00 UTC on the 28th and 07:00 UTC on the 30th.
  CHECK(utc_hour(text, "riluzole:1:2026-03-28:1@alsmeds") == 8);
  CHECK(utc_hour(text, "riluzole:1:2026-03-30:1@alsmeds") == 7);
  // A second export is the same calendar but for DTSTAMP.
  CHECK(ics_calendar(f, r) == text);
}

TEST_CASE("ics: a re-flowed cycle keeps its UIDs, moves its days and raises SEQUENCE") {
  PatientFacts f = london_patient();
  const IcsRequest r{day(2026, 4, 15), day(2026, 5, 20), Instant{day(2026, 3, 1)}};
  const Parsed before = parse(ics_calendar(f, r));
  CycleAdjustment delay;
  delay.therapy_id = 2;
  delay.shift = {2, 3, Reflow::shift_all_later, std::nullopt};  // cycle 2 three days later
  delay.reason = "chair closed";
  f.therapies[1].adjustments.push_back(delay);
  const Parsed after = parse(ics_calendar(f, r));

  // Cycle 2's doses keep their UIDs (a calendar updates them instead of adding copies). Cycle 3 moves too,
  // partly out of the range, so only cycle 2 is compared.
  std::set<std::string> uids_before, uids_after;
  for (const auto& [uid, ev] : before.events)
    if (uid.starts_with("edaravone:2:c2:")) uids_before.insert(uid);
  for (const auto& [uid, ev] : after.events)
    if (uid.starts_with("edaravone:2:c2:")) uids_after.insert(uid);
  CHECK(uids_before.size() == 10u);
  CHECK(uids_before == uids_after);
  // Cycle 2 starts 28 days after 23 March: 20 April, then 23 April after the delay.
  const auto& day1_before = before.events.at("edaravone:2:c2:d1@alsmeds");
  const auto& day1_after = after.events.at("edaravone:2:c2:d1@alsmeds");
  CHECK(day1_before.start.day == 20);
  CHECK(day1_after.start.day == 23);
  CHECK(day1_after.sequence > day1_before.sequence);
  // Cycle 1 and riluzole are not touched.
  CHECK(after.events.at("riluzole:1:2026-04-15:1@alsmeds").sequence == 0);
}

TEST_CASE("ics: a patient in UTC gets UTC times and no VTIMEZONE") {
  PatientFacts f = london_patient();
  f.patient.tz = "UTC";
  f.zone = *find_zone("UTC");
  const Parsed p = parse(ics_calendar(f, {day(2026, 6, 1), day(2026, 6, 1), Instant{day(2026, 3, 1)}}));
  CHECK(p.vtimezones == 0);
  const auto& dose = p.events.at("riluzole:1:2026-06-01:1@alsmeds");
  CHECK(dose.start.hour == 8);
  CHECK(icaltime_is_utc(dose.start));
}
