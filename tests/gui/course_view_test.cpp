// Nurse - Course of therapy (issue 13's course in the app): a switch of form, a restart after a stop with the
// prescriber's choice of cycle 1, and the decision on a stop alert, each clicked as a person would and read
// back from the database; a refusal stands next to its button and stores nothing.
#include "gui_fixture.hpp"
#include "gui_harness.hpp"
#include "views/view_list.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

int tab_of(gui::Role role, std::string_view name) {
  const auto views = gui::views_for(role);
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i]->name == name) return static_cast<int>(i);
  FAIL("no view " << name);
  return -1;
}

void open_course(GuiFixture& fx, GuiHarness& gui) {
  fx.state.role = gui::Role::nurse;
  fx.state.tab = tab_of(gui::Role::nurse, "course");
  fx.state.select_tab = true;
  gui.frames(fx.state, 2);
}

void log_alt(GuiFixture& fx, Day day, double value) {
  LogEntry e;
  e.patient_id = fx.patient;
  e.kind = LogKind::lab;
  e.test = "ALT";
  e.value = value;
  e.uln = 40;
  e.day = day;
  e.at = Instant{day};
  REQUIRE(fx.state.store->append_log(e, {"setup", fx.state.now}).ok());
  fx.state.changed();
}

}  // namespace

TEST_CASE("Course: edaravone switched from IV to oral from a day, with its reason, none without one") {
  GuiFixture fx("UTC");
  const RecordId t = fx.start(Drug::edaravone, ymd(2026, 10, 26), "iv");
  fx.set_now("2026-11-25T12:00:00Z");
  GuiHarness gui(1000);
  open_course(fx, gui);
  gui::CourseView& v = fx.state.course;
  REQUIRE(gui.click(fx.state, "course:switch-to"));  // the product's list opens
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "course:switch-product:oral"));
  v.switch_from = "2026-12-21";  // cycle 3's first day (Oct 26 + 56)
  gui.frame(fx.state);

  REQUIRE(gui.click(fx.state, "course:switch"));  // no reason typed
  gui.frame(fx.state);
  CHECK(v.switch_message.error);
  CHECK_THAT(v.switch_message.text, Catch::Contains("the reason for the switch"));
  CHECK(gui::probed("course:switch-message"));
  CHECK(fx.state.store->therapies(fx.patient).at(0).changes.empty());

  v.switch_reason = "swallows well, prefers home dosing";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "course:switch"));
  INFO(v.switch_message.text);
  CHECK_FALSE(v.switch_message.error);
  const auto therapies = fx.state.store->therapies(fx.patient);
  REQUIRE(therapies.size() == 1u);
  CHECK(therapies[0].id == t);
  REQUIRE(therapies[0].changes.size() == 1u);
  CHECK(therapies[0].changes[0].product == Product::edaravone_oral);
  CHECK(therapies[0].changes[0].from == ymd(2026, 12, 21));
  CHECK(therapies[0].changes[0].reason == "swallows well, prefers home dosing");
  CHECK(therapies[0].changes[0].recorded_by == "nurse.test");
  CHECK(product_on(therapies[0], ymd(2026, 12, 20)) == Product::edaravone_iv);
  CHECK(product_on(therapies[0], ymd(2026, 12, 21)) == Product::edaravone_oral);
}

TEST_CASE("Course: a restart after a stop needs the prescriber's choice of cycle 1, 10 of 14 is stored") {
  GuiFixture fx("UTC");
  const RecordId first = fx.start(Drug::edaravone, ymd(2026, 6, 1), "iv");
  REQUIRE(fx.state.store->stop_therapy(first, ymd(2026, 8, 1), "hospital stay", {"setup", Instant{}}).ok());
  fx.state.changed();
  fx.set_now("2026-11-25T12:00:00Z");
  GuiHarness gui(1000);
  open_course(fx, gui);
  gui::CourseView& v = fx.state.course;
  v.restart_start = "2026-11-30";
  v.restart_reason = "tolerated well before the stay";
  gui.frame(fx.state);

  REQUIRE(gui.click(fx.state, "course:restart"));  // cycle 1 not chosen
  gui.frame(fx.state);
  CHECK(v.restart_message.error);
  CHECK_THAT(v.restart_message.text, Catch::Contains("the prescriber's choice of cycle 1"));
  CHECK(gui::probed("course:restart-message"));
  CHECK(fx.state.store->therapies(fx.patient).size() == 1u);

  REQUIRE(gui.click(fx.state, "course:first-cycle-10-of-14"));
  REQUIRE(gui.click(fx.state, "course:restart"));
  INFO(v.restart_message.text);
  CHECK_FALSE(v.restart_message.error);
  const auto therapies = fx.state.store->therapies(fx.patient);
  REQUIRE(therapies.size() == 2u);
  const Therapy& restart = therapies[0].id == first ? therapies[1] : therapies[0];
  CHECK(restart.drug == Drug::edaravone);
  CHECK(restart.start == ymd(2026, 11, 30));
  CHECK(restart.product == Product::edaravone_iv);
  CHECK(restart.first_cycle == FirstCycle::ten_of_fourteen);
  CHECK(restart.restart_reason == "tolerated well before the stay");
}

TEST_CASE("Course: the prescriber discontinues riluzole on a stop alert: the hold ends, the stop is stored") {
  GuiFixture fx("UTC");
  const RecordId t = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T09:00:00Z");
  log_alt(fx, ymd(2026, 10, 30), 30);   // baseline, normal
  log_alt(fx, ymd(2026, 11, 20), 240);  // 6x ULN: a stop alert, riluzole on hold
  REQUIRE(riluzole_on_hold(*fx.state.facts(), ymd(2026, 11, 25)));
  GuiHarness gui(1000);
  open_course(fx, gui);
  gui::CourseView& v = fx.state.course;
  v.prescriber = "Dr Ruiz";
  v.decision_reason = "ALT 6x ULN, hepatology review";
  gui.frame(fx.state);

  REQUIRE(gui.click(fx.state, "course:decide"));  // neither continue nor discontinue chosen
  gui.frame(fx.state);
  CHECK(v.decision_message.error);
  CHECK_THAT(v.decision_message.text, Catch::Contains("continue or discontinue"));
  CHECK(fx.state.store->alert_acknowledgments(fx.patient).empty());

  REQUIRE(gui.click(fx.state, "course:decision-discontinue"));
  gui.frame(fx.state);
  v.stop_day = "2026-11-25";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "course:decide"));
  INFO(v.decision_message.text);
  CHECK_FALSE(v.decision_message.error);
  const auto therapies = fx.state.store->therapies(fx.patient);
  REQUIRE(therapies.size() == 1u);
  CHECK(therapies[0].id == t);
  REQUIRE(therapies[0].stop);
  CHECK(*therapies[0].stop == ymd(2026, 11, 25));
  CHECK(fx.state.store->alert_acknowledgments(fx.patient).size() == 1u);
  CHECK_FALSE(riluzole_on_hold(*fx.state.facts(), ymd(2026, 11, 25)));
}

TEST_CASE("Course: 'continue riluzole' answers the stop alert and keeps the course running") {
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T09:00:00Z");
  log_alt(fx, ymd(2026, 10, 30), 30);
  log_alt(fx, ymd(2026, 11, 20), 240);
  GuiHarness gui(1000);
  open_course(fx, gui);
  gui::CourseView& v = fx.state.course;
  REQUIRE(gui.click(fx.state, "course:decision-continue"));
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "course:decide"));  // no prescriber, no reason: refused by the rules
  gui.frame(fx.state);
  CHECK(v.decision_message.error);
  CHECK(fx.state.store->alert_acknowledgments(fx.patient).empty());
  v.prescriber = "Dr Ruiz";
  v.decision_reason = "known fatty liver, re-test in a week";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "course:decide"));
  INFO(v.decision_message.text);
  CHECK_FALSE(v.decision_message.error);
  CHECK_FALSE(fx.state.store->therapies(fx.patient).at(0).stop);
  const auto acks = fx.state.store->alert_acknowledgments(fx.patient);
  REQUIRE(acks.size() == 1u);
  CHECK(acks[0].acknowledged_by == "nurse.test");
  CHECK_FALSE(riluzole_on_hold(*fx.state.facts(), ymd(2026, 11, 25)));
}

TEST_CASE("Course: switching patient empties the course forms and their messages") {
  GuiFixture fx("UTC");
  fx.start(Drug::edaravone, ymd(2026, 10, 26), "iv");
  NewPatient p;
  p.name = "Ben Next";
  p.mrn = "MRN-2";
  p.tz = "UTC";
  const RecordId next = std::move(fx.state.store->add_patient(p, {"setup", Instant{}})).value();
  fx.state.changed();
  fx.set_now("2026-11-25T12:00:00Z");
  GuiHarness gui(1000);
  open_course(fx, gui);
  gui::CourseView& v = fx.state.course;
  v.switch_reason = "for Ada only";
  v.prescriber = "Dr Ruiz";
  v.decision = 1;
  v.first_cycle = 0;
  REQUIRE(gui.click(fx.state, "course:switch"));  // refused: no reason kept for the next patient either
  REQUIRE_FALSE(v.switch_message.text.empty());
  fx.state.patient_id = next;
  gui.frames(fx.state, 2);
  CHECK(v.switch_reason.empty());
  CHECK(v.prescriber.empty());
  CHECK(v.decision == -1);
  CHECK(v.first_cycle == -1);
  CHECK(v.switch_message.text.empty());
}

TEST_CASE("Alerts: the stop alert that holds riluzole opens the decision, it is never just acknowledged") {
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T09:00:00Z");
  log_alt(fx, ymd(2026, 10, 30), 30);
  log_alt(fx, ymd(2026, 11, 20), 240);
  fx.state.role = gui::Role::patient;
  GuiHarness gui(1000);
  gui.frames(fx.state, 2);
  std::string key;
  for (const auto& l : fx.state.alerts.lines)
    if (l.item.detail.find("5x ULN or more") != std::string::npos) key = l.key;
  REQUIRE_FALSE(key.empty());
  CHECK_FALSE(gui::probed("alerts:ack:" + key));  // no plain Acknowledge that would end the hold
  REQUIRE(gui.click(fx.state, "alerts:decide:" + key));
  gui.frames(fx.state, 2);  // the tab bar selects the tab on the frame after
  CHECK(fx.state.role == gui::Role::nurse);
  CHECK(fx.state.tab == tab_of(gui::Role::nurse, "course"));
  CHECK(gui::probed("course:decide"));
  CHECK(fx.state.store->alert_acknowledgments(fx.patient).empty());
  CHECK(riluzole_on_hold(*fx.state.facts(), ymd(2026, 11, 25)));
}

TEST_CASE(
    "Course: the switch's default From is a day with no dose logged yet, so the default is never refused") {
  // IV from Nov 23 (cycle 1: every day); Nov 25's infusion logged: a switch from Nov 25 would be refused.
  GuiFixture fx("UTC");
  const RecordId t = fx.start(Drug::edaravone, ymd(2026, 11, 23), "iv");
  fx.set_now("2026-11-25T12:00:00Z");
  LogEntry e;
  e.patient_id = fx.patient;
  e.kind = LogKind::dose;
  e.drug = Drug::edaravone;
  e.status = DoseStatus::taken;
  e.at = *parse_instant("2026-11-25T10:00:00Z", *find_zone("UTC"));
  e.planned_key = "edaravone:" + std::to_string(t) + ":c1:d3";
  REQUIRE(fx.state.store->append_log(e, {"setup", fx.state.now}).ok());
  fx.state.changed();
  GuiHarness gui(1000);
  open_course(fx, gui);
  CHECK(fx.state.course.switch_from == "2026-11-26");
}

TEST_CASE("Details on the patient line: a PEG and a move stored as a new version, refused without a reason") {
  GuiFixture fx("America/New_York");
  fx.start(Drug::riluzole, ymd(2026, 11, 2), "film");
  fx.set_now("2026-11-25T15:00:00Z");
  GuiHarness gui(1000);
  open_course(fx, gui);
  REQUIRE(gui.click(fx.state, "details"));
  gui.frame(fx.state);
  gui::PatientDetailsView& v = fx.state.details;
  CHECK(v.tz == "America/New_York");
  CHECK(v.from == "2026-11-25");
  v.feeding_tube = true;
  v.tz = "America/Los_Angeles";
  v.from = "2026-12-01";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "details:save"));  // no reason
  gui.frame(fx.state);
  CHECK(v.message.error);
  CHECK_THAT(v.message.text, Catch::Contains("reason"));
  CHECK(fx.state.store->find_patient(fx.patient)->tz == "America/New_York");

  v.reason = "PEG placed; moving to Los Angeles";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "details:save"));
  gui.frame(fx.state);
  INFO(v.message.text);
  CHECK_FALSE(v.message.error);
  CHECK(v.message.warning);  // the film is not for feeding tubes: therapy start's warning said again
  CHECK_THAT(v.message.text, Catch::Contains("not for feeding tubes"));
  const Patient p = *fx.state.store->find_patient(fx.patient);
  CHECK(p.tz == "America/Los_Angeles");
  CHECK(p.feeding_tube);
  REQUIRE(p.earlier_zones.size() == 1u);
  CHECK(p.earlier_zones[0].until == ymd(2026, 12, 1));
  CHECK(p.earlier_zones[0].tz == "America/New_York");
}

TEST_CASE("Details: only the facts changed are asked for, and a bad day is refused before any write") {
  gui::PatientDetailsView v;
  Patient p;
  p.id = 7;
  p.name = "Ada";
  p.tz = "UTC";
  v.fill(p, ymd(2026, 11, 25));
  v.reason = "why";
  auto same = v.change(p);
  REQUIRE(same.ok());
  CHECK_FALSE(same->name.has_value());
  CHECK_FALSE(same->tz.has_value());
  CHECK_FALSE(same->feeding_tube.has_value());
  v.sulfite_allergy = true;
  v.tz = "Europe/Oslo";
  v.from = "2026-13-01";
  CHECK_FALSE(v.change(p).ok());
  v.from = "2026-12-01";
  auto moved = v.change(p);
  REQUIRE(moved.ok());
  CHECK(*moved->tz == "Europe/Oslo");
  CHECK(*moved->tz_from == ymd(2026, 12, 1));
  CHECK(*moved->sulfite_allergy);
}

TEST_CASE("Today, oral edaravone: the patient's last food says which wait applies, a bad time says so") {
  gui::OralFastPanel p;
  CHECK_THAT(p.said(), Catch::Contains("after an overnight fast"));
  p.last_food = 2;  // low-fat meal
  p.ate_at = "07:15";
  CHECK(p.said() ==
        "after a low-fat meal at 07:15: take it from 11:15 (4 h), then nothing but water for 1 h");
  p.ate_at = "7h15";
  CHECK_THAT(p.said(), Catch::StartsWith("last food at: "));
}
