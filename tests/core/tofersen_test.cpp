// Tofersen's plan, every expected day worked by hand from the labels (docs/domain.md "Tofersen"):
// US PI 2.1 "Initiate QALSODY treatment with three (3) loading doses administered at 14-day intervals.
// Administer a maintenance dose every 28 days thereafter. If the second loading dose is missed, administer
// QALSODY as soon as possible, and administer the third loading dose 14 days later. If the third loading dose
// or a maintenance dose is missed, administer QALSODY as soon as possible, and administer the next dose 28
// days later." EU SmPC 4.2: "Subsequent maintenance doses should be administered every 28 days from the last
// dose."
#include "alsmeds/regimens/tofersen.hpp"

#include <catch2/catch.hpp>
#include <optional>

#include "alsmeds/schedule/lab_observations.hpp"

using namespace alsmeds;
using date::days;

namespace {

Day d(int y, int m, int dd) {
  return date::year{y} / m / dd;
}

std::vector<Day> days_of(const TofersenPlan& plan) {
  std::vector<Day> out;
  for (const auto& dose : plan.doses) out.push_back(dose.day);
  return out;
}

TofersenPlan plan(Day start, std::vector<Day> given, int horizon) {
  const auto p = plan_tofersen({start, std::move(given), horizon});
  REQUIRE(p.ok());
  return *p;
}

}  // namespace

TEST_CASE("tofersen: 3 loading doses 14 days apart, then one every 28 days") {
  // Mon 5 Jan 2026: loading 5 Jan, 19 Jan, 2 Feb; maintenance 2 Feb + 28 = 2 Mar, then 30 Mar, 27 Apr.
  const auto p = plan(d(2026, 1, 5), {}, 113);  // up to 27 Apr (5 Jan + 112 days)
  CHECK(days_of(p) == std::vector<Day>{d(2026, 1, 5), d(2026, 1, 19), d(2026, 2, 2), d(2026, 3, 2),
                                       d(2026, 3, 30), d(2026, 4, 27)});
  CHECK(p.doses[2].kind == TofersenDoseKind::loading);
  CHECK(p.doses[3].kind == TofersenDoseKind::maintenance);
  CHECK_FALSE(p.doses[0].given);
  CHECK(p.warnings.empty());
  CHECK(plan(d(2026, 1, 5), {}, 112).doses.size() == 5);  // 27 Apr is day 113: outside a 112-day horizon
}

TEST_CASE("tofersen: loading dose 2 missed and given late, dose 3 follows it by 14 days") {
  // Dose 2 was due 19 Jan, given Fri 23 Jan: dose 3 = 23 Jan + 14 = 6 Feb; dose 4 = 6 Feb + 28 = 6 Mar.
  const auto p = plan(d(2026, 1, 5), {d(2026, 1, 5), d(2026, 1, 23)}, 70);
  REQUIRE(p.doses.size() >= 4);
  CHECK(p.doses[1].given);
  CHECK(p.doses[1].due == d(2026, 1, 19));
  CHECK(p.doses[1].days_late() == 4);
  CHECK(p.doses[2].day == d(2026, 2, 6));
  CHECK_FALSE(p.doses[2].given);
  CHECK(p.doses[3].day == d(2026, 3, 6));
  CHECK(p.doses[3].kind == TofersenDoseKind::maintenance);
}

TEST_CASE("tofersen: loading dose 3 given late, the first maintenance dose 28 days after it") {
  // On time 5 and 19 Jan; dose 3 due 2 Feb, given Mon 9 Feb: dose 4 = 9 Feb + 28 = 9 Mar, dose 5 = 6 Apr.
  const auto p = plan(d(2026, 1, 5), {d(2026, 1, 5), d(2026, 1, 19), d(2026, 2, 9)}, 100);
  REQUIRE(p.doses.size() == 5);
  CHECK(p.doses[2].due == d(2026, 2, 2));
  CHECK(p.doses[3].day == d(2026, 3, 9));
  CHECK(p.doses[4].day == d(2026, 4, 6));
}

TEST_CASE("tofersen: a maintenance dose given late, the next 28 days from the dose actually given") {
  // Dose 4 due 2 Mar, given Thu 5 Mar: dose 5 = 5 Mar + 28 = 2 Apr (not 30 Mar), dose 6 = 30 Apr.
  const auto p = plan(d(2026, 1, 5), {d(2026, 1, 5), d(2026, 1, 19), d(2026, 2, 2), d(2026, 3, 5)}, 120);
  REQUIRE(p.doses.size() == 6);
  CHECK(p.doses[3].days_late() == 3);
  CHECK(p.doses[4].day == d(2026, 4, 2));
  CHECK(p.doses[5].day == d(2026, 4, 30));
}

TEST_CASE("tofersen: a dose given before it was due is kept, with a warning") {
  const auto p = plan(d(2026, 1, 5), {d(2026, 1, 5), d(2026, 1, 10)}, 30);
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0].find("9 days before it was due (2026-01-19)") != std::string::npos);
  CHECK(p.doses[2].day == d(2026, 1, 24));  // 10 Jan + 14
}

TEST_CASE("tofersen: given days out of order or before the start are refused") {
  const auto before = plan_tofersen({d(2026, 1, 5), {d(2026, 1, 4)}, 30});
  REQUIRE_FALSE(before.ok());
  CHECK(before.error().find("2026-01-04") != std::string::npos);
  const auto twice = plan_tofersen({d(2026, 1, 5), {d(2026, 1, 5), d(2026, 1, 5)}, 30});
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().find("dose 2") != std::string::npos);
}

// A course's plan (therapy_plan.hpp): the doses logged given anchor it, a pause moves the dose due in it to
// the day after, a stop ends it; a logged dose answers the next dose not given.
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"

namespace {

Therapy course(Day start) {
  Therapy t;
  t.id = 7;
  t.drug = Drug::tofersen;
  t.product = Product::tofersen_intrathecal;
  t.start = start;
  return t;
}

LogEntry given(RecordId id, Day day, DoseStatus status = DoseStatus::taken) {
  LogEntry e;
  e.id = id;
  e.kind = LogKind::dose;
  e.drug = Drug::tofersen;
  e.status = status;
  e.at = Instant{date::sys_days{day.time_since_epoch()}} + std::chrono::hours{10};
  return e;
}

}  // namespace

TEST_CASE("tofersen course: a pause over the dose due moves it to the day after, the later ones follow") {
  // Doses 5 Jan and 19 Jan given; dose 3 due 2 Feb falls in a hospital stay 30 Jan - 8 Feb: due 9 Feb, dose 4
  // = 9 Feb + 28 = 9 Mar.
  Therapy t = course(d(2026, 1, 5));
  t.pauses.push_back({1, 7, d(2026, 1, 30), d(2026, 2, 8), "hospital", "nurse", Instant{}});
  const std::vector<LogEntry> log{given(1, d(2026, 1, 5)), given(2, d(2026, 1, 19))};
  const TofersenPlan p = tofersen_plan_for(t, log, date::locate_zone("UTC"), d(2026, 3, 31));
  REQUIRE(p.doses.size() == 4);
  CHECK(p.doses[2].day == d(2026, 2, 9));
  CHECK(p.doses[2].days_late() == 0);  // a pause is no lateness
  CHECK(p.doses[3].day == d(2026, 3, 9));
}

TEST_CASE("tofersen course: a dose already overdue is not listed during a pause, overdue again after it") {
  // Dose 1 given 5 Jan; dose 2 due 19 Jan not given; paused 22 Jan - 31 Jan (a hospital stay).
  PatientFacts f;
  f.patient.id = 1;
  f.zone = date::locate_zone("UTC");
  Therapy t = course(d(2026, 1, 5));
  t.pauses.push_back({1, 7, d(2026, 1, 22), d(2026, 1, 31), "hospital", "nurse", Instant{}});
  f.therapies.push_back(t);
  f.log.push_back(given(1, d(2026, 1, 5)));
  const auto tofersen_items = [&](Day on) {
    std::vector<DueItem> out;
    for (const DueItem& i : due_items(f, on))
      if (i.drug == "tofersen" && i.kind == "dose") out.push_back(i);
    return out;
  };
  REQUIRE(tofersen_items(d(2026, 1, 21)).size() == 1u);  // overdue before the pause
  CHECK(tofersen_items(d(2026, 1, 21))[0].status == DueStatus::overdue);
  CHECK(tofersen_items(d(2026, 1, 25)).empty());  // in the pause
  const auto after = tofersen_items(d(2026, 2, 1));
  REQUIRE(after.size() == 1u);
  CHECK(after[0].status == DueStatus::overdue);
  CHECK(after[0].when == "2026-01-19");
}

TEST_CASE("tofersen course: a stop ends the plan, a corrected or missed record does not count as given") {
  Therapy t = course(d(2026, 1, 5));
  t.stop = d(2026, 2, 1);
  LogEntry wrong = given(2, d(2026, 1, 19));
  LogEntry corrected = given(3, d(2026, 1, 19), DoseStatus::missed);
  corrected.supersedes = 2;
  const std::vector<LogEntry> log{given(1, d(2026, 1, 5)), wrong, corrected};
  const TofersenPlan p = tofersen_plan_for(t, log, date::locate_zone("UTC"), d(2026, 12, 31));
  // Dose 1 given; dose 2 (19 Jan) not given; dose 3 (2 Feb) is after the stop.
  REQUIRE(p.doses.size() == 2);
  CHECK(p.doses[0].given);
  CHECK_FALSE(p.doses[1].given);
  CHECK(p.doses[1].day == d(2026, 1, 19));
}

TEST_CASE("tofersen course: a dose logged answers the dose given that day, else the next not given") {
  const Therapy t = course(d(2026, 1, 5));
  const std::vector<LogEntry> log{given(1, d(2026, 1, 5))};
  const auto utc = date::locate_zone("UTC");
  const auto at = [](Day day) {
    return Instant{date::sys_days{day.time_since_epoch()}} + std::chrono::hours{11};
  };
  CHECK(match_planned_dose(t, {}, log, utc, at(d(2026, 1, 23))).key == "tofersen:7:d2");  // dose 2, late
  CHECK(match_planned_dose(t, {}, log, utc, at(d(2026, 1, 5))).key == "tofersen:7:d1");   // the same day
  CHECK(match_planned_dose(t, {}, log, utc, at(d(2026, 1, 4))).key.empty());              // before the start
}

// Tofersen's warnings (US PI 5.1 myelitis and radiculitis, 5.2 papilledema and elevated intracranial
// pressure, 5.3 aseptic meningitis): a side effect naming one, or its symptom, during a course is an alert.
#include "alsmeds/schedule/due_list.hpp"

TEST_CASE("tofersen course: a side effect among the label's warnings raises an alert, others do not") {
  PatientFacts f;
  f.patient.id = 1;
  f.zone = date::locate_zone("UTC");
  f.therapies.push_back(course(d(2026, 1, 5)));
  const auto effect = [&](RecordId id, const std::string& term, Day day) {
    LogEntry e;
    e.id = id;
    e.kind = LogKind::effect;
    e.term = term;
    e.grade = 2;
    e.at = Instant{date::sys_days{day.time_since_epoch()}} + std::chrono::hours{12};
    f.log.push_back(e);
  };
  effect(1, "neck stiffness", d(2026, 1, 20));
  effect(2, "papilledema", d(2026, 1, 21));
  effect(3, "numbness or tingling", d(2026, 1, 22));
  effect(4, "nausea", d(2026, 1, 22));
  effect(5, "aseptic meningitis", d(2026, 1, 1));  // before the course: not tofersen's
  std::vector<std::string> alerts;
  for (const DueItem& i : due_items(f, d(2026, 1, 23)))
    if (i.kind == "alert" && i.drug == "tofersen") alerts.push_back(i.when + " " + i.detail);
  REQUIRE(alerts.size() == 3u);
  CHECK_THAT(alerts[0], Catch::StartsWith("2026-01-20 neck stiffness on tofersen") &&
                            Catch::Contains("aseptic meningitis (US PI 5.3)"));
  CHECK_THAT(alerts[1], Catch::Contains("papilledema or raised intracranial pressure (US PI 5.2)"));
  CHECK_THAT(alerts[2], Catch::Contains("myelitis or radiculitis (US PI 5.1)"));
}

TEST_CASE("tofersen observations: a series by day, a correction replacing what it corrects, ALT apart") {
  auto lab = [](RecordId id, const char* test, Day d, double value, std::optional<RecordId> corrects = {}) {
    LogEntry e;
    e.id = id;
    e.kind = LogKind::lab;
    e.test = test;
    e.value = value;
    e.day = d;
    e.at = Instant{d};
    e.supersedes = corrects;
    return e;
  };
  const Day a = Day{date::year{2026} / 3 / 2}, b = Day{date::year{2026} / 3 / 30};
  // Logged out of order; the 03-30 NfL typed 710 and corrected to 71.
  const std::vector<LogEntry> log{lab(1, "NfL", b, 710), lab(2, "NfL", a, 96), lab(3, "ALT", a, 30),
                                  lab(4, "CSF-WBC", a, 2), lab(5, "NfL", b, 71, RecordId{1})};
  const LabSeries nfl = lab_series(log, "nfl");
  CHECK(nfl.test == "NfL");
  CHECK(nfl.unit == "pg/mL");
  REQUIRE(nfl.points.size() == 2u);
  CHECK(nfl.points[0].day == a);
  CHECK(nfl.points[0].value == 96);
  CHECK(nfl.points[1].value == 71);
  const std::vector<LabSeries> all = observation_series(log);
  REQUIRE(all.size() == 2u);  // NfL and CSF-WBC; ALT is charted as a multiple of its ULN elsewhere
  CHECK(all[0].test == "NfL");
  CHECK(all[1].test == "CSF-WBC");
}
