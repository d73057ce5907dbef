// The iCalendar export, read back with libical's own parser: structure, stable UIDs, the zone's VTIMEZONE
// (checked by letting libical turn local times into UTC across a daylight-saving change), alarms, re-flows.
#include "alsmeds/exchange/ics_export.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <tuple>
#include <vector>

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
  r.product = Product::riluzole_tablet;
  r.start = day(2026, 3, 20);
  r.times = {std::chrono::hours{8}, std::chrono::hours{20}};
  Therapy e;
  e.id = 2;
  e.drug = Drug::edaravone;
  e.product = Product::edaravone_iv;
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
  CHECK(first_infusion.summary == "Edaravone IV, 60 mg over 60 min - cycle 1, day 5");
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

namespace {

/// The VTIMEZONE's observances as (kind, DTSTART, TZOFFSETTO in seconds), in the file's order.
std::vector<std::tuple<std::string, std::string, int>> observances(const std::string& text) {
  std::vector<std::tuple<std::string, std::string, int>> out;
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  icalcomponent* z = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
  for (icalcomponent* o = z ? icalcomponent_get_first_component(z, ICAL_ANY_COMPONENT) : nullptr; o;
       o = icalcomponent_get_next_component(z, ICAL_ANY_COMPONENT)) {
    const icaltimetype start =
        icalproperty_get_dtstart(icalcomponent_get_first_property(o, ICAL_DTSTART_PROPERTY));
    out.emplace_back(
        icalcomponent_isa(o) == ICAL_XDAYLIGHT_COMPONENT ? "daylight" : "standard",
        icaltime_as_ical_string(start),
        icalproperty_get_tzoffsetto(icalcomponent_get_first_property(o, ICAL_TZOFFSETTO_PROPERTY)));
  }
  icalcomponent_free(cal);
  return out;
}

/// libical's UTC time (YYYYMMDDTHHMMSSZ) of an event, its zone resolved from the file's VTIMEZONE.
std::string utc_of(const std::string& text, const std::string& uid) {
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  std::string out;
  for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
    if (uid == icalcomponent_get_uid(e))
      out = icaltime_as_ical_string(
          icaltime_convert_to_zone(icalcomponent_get_dtstart(e), icaltimezone_get_utc_timezone()));
  icalcomponent_free(cal);
  return out;
}

std::string status_of(const std::string& text, const std::string& uid) {
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  std::string out = "none";
  for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
    if (uid == icalcomponent_get_uid(e))
      out = icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED ? "cancelled" : "";
  icalcomponent_free(cal);
  return out;
}

PatientFacts patient_in(const std::string& tz) {
  PatientFacts f = london_patient();
  f.patient.tz = tz;
  f.zone = *find_zone(tz);
  f.therapies[0].start = day(2026, 3, 1);
  return f;
}

}  // namespace

TEST_CASE("ics: the VTIMEZONE is named by the IANA zone and holds the observances of the range only") {
  // Riluzole 08:00 local from 1 March 2026; the range is March and April 2026.
  struct Case {
    std::string tz;
    std::vector<std::tuple<std::string, std::string, int>> observances;  // worked from each zone's rules
    std::string before_change, after_change;  // UTC of the 08:00 dose of two days around the change
    std::string uid_before, uid_after;
  };
  const std::vector<Case> cases{
      {"America/New_York",
       {{"standard", "20251102T020000", -5 * 3600}, {"daylight", "20260308T020000", -4 * 3600}},
       "20260307T130000Z",
       "20260309T120000Z",
       "riluzole:1:2026-03-07:1@alsmeds",
       "riluzole:1:2026-03-09:1@alsmeds"},
      {"Europe/Paris",
       {{"standard", "20251026T030000", 3600}, {"daylight", "20260329T020000", 7200}},
       "20260328T070000Z",
       "20260330T060000Z",
       "riluzole:1:2026-03-28:1@alsmeds",
       "riluzole:1:2026-03-30:1@alsmeds"},
      {"Australia/Sydney",
       {{"daylight", "20251005T020000", 11 * 3600}, {"standard", "20260405T030000", 10 * 3600}},
       "20260403T210000Z",
       "20260405T220000Z",
       "riluzole:1:2026-04-04:1@alsmeds",
       "riluzole:1:2026-04-06:1@alsmeds"},
  };
  for (const Case& c : cases) {
    INFO(c.tz);
    const PatientFacts f = patient_in(c.tz);
    const std::string text = ics_calendar(f, {day(2026, 3, 1), day(2026, 4, 30), Instant{day(2026, 2, 1)}});
    CHECK(text.find("freeassociation") == std::string::npos);
    CHECK(text.find("RRULE") == std::string::npos);
    const Parsed p = parse(text);
    CHECK(p.vtimezones == 1);
    CHECK(p.vtimezone_tzid == c.tz);
    for (const auto& [uid, ev] : p.events) CHECK(ev.tzid == c.tz);
    CHECK(observances(text) == c.observances);
    CHECK(utc_of(text, c.uid_before) == c.before_change);
    CHECK(utc_of(text, c.uid_after) == c.after_change);
  }
  // India has no change: one observance; 08:00 IST is 02:30 UTC.
  const std::string india =
      ics_calendar(patient_in("Asia/Kolkata"), {day(2026, 3, 1), day(2026, 4, 30), Instant{day(2026, 2, 1)}});
  CHECK(observances(india).size() == 1u);
  CHECK(utc_of(india, "riluzole:1:2026-03-08:1@alsmeds") == "20260308T023000Z");
  // A range in summer time only also holds the standard observance before it (readers measure the saving
  // from it): New York, June.
  const std::string summer = ics_calendar(patient_in("America/New_York"),
                                          {day(2026, 6, 1), day(2026, 6, 30), Instant{day(2026, 2, 1)}});
  const auto june = observances(summer);
  REQUIRE(june.size() == 2u);
  CHECK(std::get<0>(june[0]) == "standard");
  CHECK(std::get<1>(june[1]) == "20260308T020000");
}

TEST_CASE("ics: a delayed started cycle keeps the UIDs of the doses it moves") {
  // Edaravone IV from Mon 23 March: cycle 2 from Mon 20 April, days 1-10 = Apr 20-29. Apr 20-22 given, then
  // the rest delayed 5 days: cycle days 4-10 (Apr 23-29) move to Apr 28 - May 4.
  PatientFacts f = london_patient();
  const IcsRequest r{day(2026, 4, 15), day(2026, 5, 20), Instant{day(2026, 3, 1)}};
  for (unsigned d : {20u, 21u, 22u}) {
    LogEntry e;
    e.id = d;
    e.patient_id = 3;
    e.kind = LogKind::dose;
    e.drug = Drug::edaravone;
    e.status = DoseStatus::taken;
    e.at = Instant{day(2026, 4, d)} + std::chrono::hours{10};
    e.planned_key = "edaravone:2:c2:d" + std::to_string(d - 19);
    f.log.push_back(e);
  }
  const Parsed before = parse(ics_calendar(f, r));
  CycleAdjustment delay;
  delay.therapy_id = 2;
  delay.shift = {2, 5, Reflow::shift_all_later, day(2026, 4, 23)};
  f.therapies[1].adjustments.push_back(delay);
  const Parsed after = parse(ics_calendar(f, r));
  std::set<std::string> c2_before, c2_after;
  for (const auto& [uid, ev] : before.events)
    if (uid.starts_with("edaravone:2:c2:")) c2_before.insert(uid);
  for (const auto& [uid, ev] : after.events)
    if (uid.starts_with("edaravone:2:c2:")) c2_after.insert(uid);
  CHECK(c2_before.size() == 10u);
  CHECK(c2_after == c2_before);  // d1..d10 as first planned, no d11..d15
  const auto& fourth = after.events.at("edaravone:2:c2:d4@alsmeds");
  CHECK(before.events.at("edaravone:2:c2:d4@alsmeds").start.day == 23);
  CHECK(fourth.start.month == 4);
  CHECK(fourth.start.day == 28);
  CHECK(fourth.sequence > before.events.at("edaravone:2:c2:d4@alsmeds").sequence);
  CHECK(after.events.at("edaravone:2:c2:d1@alsmeds").start.day == 20);  // given: never moves
}

TEST_CASE("ics: doses a re-flow or a stop takes out of the plan stay in the file, cancelled") {
  // Paris, edaravone IV from Mon 2 March, policy weekdays: cycle 2 from Mon 30 March on Mar 30, 31, Apr 1,
  // 2, 3, 6, 7, 8, 9, 10 (cycle days 1-5, 8-12). Closed Apr 13-17. Delayed 5 days, cycle 2 starts Sat Apr 4
  // and its window Apr 4-17 has only Apr 6-10 open: 5 doses stay, the 5 planned last are cancelled.
  PatientFacts f = patient_in("Europe/Paris");
  f.therapies.erase(f.therapies.begin());
  Therapy& e = f.therapies[0];
  e.start = day(2026, 3, 2);
  e.policy = DayPolicy::weekdays;
  for (unsigned d = 13; d <= 17; ++d) f.closed.push_back({std::nullopt, day(2026, 4, d), "holiday"});
  const IcsRequest r{day(2026, 3, 1), day(2026, 5, 31), Instant{day(2026, 2, 1)}};
  const std::string before = ics_calendar(f, r);
  CycleAdjustment delay;
  delay.therapy_id = e.id;
  delay.shift = {2, 5, Reflow::shift_all_later, std::nullopt};
  e.adjustments.push_back(delay);
  const std::string after = ics_calendar(f, r);
  const Parsed b = parse(before), a = parse(after);
  for (const auto& [uid, ev] : b.events) CHECK(a.events.count(uid));  // nothing left behind
  for (int d : {8, 9, 10, 11, 12}) {
    const std::string uid = "edaravone:2:c2:d" + std::to_string(d) + "@alsmeds";
    INFO(uid);
    CHECK(status_of(before, uid).empty());
    CHECK(status_of(after, uid) == "cancelled");
    CHECK(a.events.at(uid).sequence > b.events.at(uid).sequence);
  }
  for (int d : {1, 2, 3, 4, 5})
    CHECK(status_of(after, "edaravone:2:c2:d" + std::to_string(d) + "@alsmeds").empty());
  CHECK(a.events.at("edaravone:2:c2:d1@alsmeds").start.day == 6);  // Mon Apr 6
  // A stop on Apr 30 (after cycle 3's first days) cancels what was planned after it.
  e.stop = day(2026, 4, 30);
  const std::string stopped = ics_calendar(f, r);
  const Parsed s = parse(stopped);
  for (const auto& [uid, ev] : a.events) CHECK(s.events.count(uid));
  int cancelled_after_stop = 0;
  for (const auto& [uid, ev] : s.events)
    if (uid.starts_with("edaravone:2:c3:") && status_of(stopped, uid) == "cancelled") ++cancelled_after_stop;
  // Cycle 3 (delayed with cycle 2) starts Sat May 2: every one of its 10 doses is after the stop.
  CHECK(cancelled_after_stop == 10);
}

TEST_CASE("ics: riluzole doses and liver tests after a stop are cancelled, not left as reminders") {
  // Riluzole from 20 March 2026 (London), month-1 liver test on 20 April; stopped on 25 March.
  PatientFacts f = london_patient();
  const IcsRequest r{day(2026, 3, 24), day(2026, 4, 22), Instant{day(2026, 3, 1)}};
  const std::string before = ics_calendar(f, r);
  f.therapies[0].stop = day(2026, 3, 25);
  const std::string after = ics_calendar(f, r);
  const Parsed b = parse(before), a = parse(after);
  CHECK(a.events.size() == b.events.size());  // every event of the earlier file is still there
  CHECK(status_of(after, "riluzole:1:2026-03-25:2@alsmeds").empty());
  CHECK(status_of(after, "riluzole:1:2026-03-26:1@alsmeds") == "cancelled");
  CHECK(a.events.at("riluzole:1:2026-03-26:1@alsmeds").sequence >
        b.events.at("riluzole:1:2026-03-26:1@alsmeds").sequence);
  CHECK(status_of(after, "riluzole:1:2026-04-22:2@alsmeds") == "cancelled");
  CHECK(status_of(before, "lft:1:month-1@alsmeds").empty());
  CHECK(status_of(after, "lft:1:month-1@alsmeds") == "cancelled");
  CHECK(a.events.at("lft:1:month-1@alsmeds").sequence > b.events.at("lft:1:month-1@alsmeds").sequence);
}

TEST_CASE("ics: oral edaravone's events carry the food rule and a reminder the evening before") {
  // Radicava ORS (US PI, as ../shared/docs/domain.md reports it): in the morning after an overnight fast, or
  // 8 h / 4 h / 2 h after a high-fat meal / low-fat meal / supplement; nothing but water for 1 h after. The
  // event is at 09:00, so the evening reminder at 20:00 the day before is 13 h before it.
  PatientFacts f = london_patient();
  f.therapies[1].product = Product::edaravone_oral;
  const std::string text = ics_calendar(f, {day(2026, 3, 23), day(2026, 3, 24), Instant{day(2026, 3, 1)}});
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  REQUIRE(cal);
  int oral_events = 0;
  for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    if (std::string(icalcomponent_get_uid(e)).rfind("edaravone:", 0) != 0) continue;
    ++oral_events;
    const char* description = icalcomponent_get_description(e);
    REQUIRE(description);
    const std::string rule = description;
    CHECK(rule.find("overnight fast") != std::string::npos);
    CHECK(rule.find("8 h after a high-fat meal, 4 h after a low-fat meal, 2 h after a caloric supplement") !=
          std::string::npos);
    CHECK(rule.find("nothing but water for 1 h") != std::string::npos);
    std::vector<int> triggers;
    for (icalcomponent* a = icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT); a;
         a = icalcomponent_get_next_component(e, ICAL_VALARM_COMPONENT))
      triggers.push_back(icaldurationtype_as_int(
          icalproperty_get_trigger(icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY)).duration));
    std::sort(triggers.begin(), triggers.end());
    REQUIRE(triggers.size() == 2u);
    CHECK(triggers[0] == -13 * 3600);  // 20:00 the evening before
    CHECK(triggers[1] == -10 * 60);
  }
  CHECK(oral_events == 2);  // Mar 23 and 24
  icalcomponent_free(cal);
  // An IV infusion has neither.
  const std::string iv =
      ics_calendar(london_patient(), {day(2026, 3, 23), day(2026, 3, 23), Instant{day(2026, 3, 1)}});
  CHECK(iv.find("overnight fast") == std::string::npos);
}

TEST_CASE("ics: a given or missed infusion keeps its UID when later doses are missed (issue 25)") {
  // Edaravone IV from Mon 23 March (London): cycle 2 from Mon 20 April, its 10 earliest days Apr 20-29. Given
  // Apr 20-23, missed Apr 24, given Apr 27 (the weekend Apr 25-26 passed unlogged). The day given keeps the
  // UID it had; then Apr 28 and 29 are missed as well, and nothing given or missed changes its UID or its
  // day.
  PatientFacts f = london_patient();
  const IcsRequest r{day(2026, 4, 15), day(2026, 5, 20), Instant{day(2026, 3, 1)}};
  RecordId id = 100;
  const auto log = [&](unsigned d, DoseStatus status) {
    LogEntry e;
    e.id = ++id;
    e.patient_id = 3;
    e.kind = LogKind::dose;
    e.drug = Drug::edaravone;
    e.status = status;
    e.at = Instant{day(2026, 4, d)} + std::chrono::hours{10};
    f.log.push_back(e);
  };
  for (unsigned d : {20u, 21u, 22u, 23u}) log(d, DoseStatus::taken);
  log(24, DoseStatus::missed);
  log(27, DoseStatus::taken);
  const Parsed first = parse(ics_calendar(f, r));
  const auto days_of = [](const Parsed& p) {
    std::map<int, std::string> out;  // April day -> UID
    for (const auto& [uid, ev] : p.events)
      if (uid.starts_with("edaravone:2:c2:") && ev.start.month == 4 &&
          ev.summary.find("Cancelled") == std::string::npos)
        out[ev.start.day] = uid;
    return out;
  };
  const auto before = days_of(first);
  REQUIRE(before.count(27));
  log(28, DoseStatus::missed);
  log(29, DoseStatus::missed);
  const Parsed second = parse(ics_calendar(f, r));
  const auto after = days_of(second);
  for (unsigned d : {20u, 21u, 22u, 23u, 27u}) {
    INFO("April " << d);
    REQUIRE(after.count(static_cast<int>(d)));
    CHECK(after.at(static_cast<int>(d)) == before.at(static_cast<int>(d)));
  }
  // No cancelled event lands on a day an infusion was given.
  for (const auto& [uid, ev] : second.events)
    if (ev.summary.find("Cancelled") != std::string::npos && uid.starts_with("edaravone:") &&
        ev.start.month == 4)
      for (unsigned d : {20u, 21u, 22u, 23u, 27u}) CHECK(ev.start.day != static_cast<int>(d));
}
