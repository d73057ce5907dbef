// Patient - Today, driven by clicks on the real window's widgets.
#include "gui_fixture.hpp"
#include "gui_harness.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

std::vector<LogEntry> doses(gui::AppState& s, RecordId patient) {
  std::vector<LogEntry> out;
  for (const LogEntry& e : s.store->log_entries(patient))
    if (e.kind == LogKind::dose) out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("Today: Taken stores the dose against its planned key, at the moment it was pressed") {
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T08:30:00Z");  // London is on GMT in November: 08:30 local
  fx.state.role = gui::Role::patient;
  GuiHarness gui;
  gui.frame(fx.state);
  // The planned key of the 08:00 dose (slot 1, counted from 1) on 2026-11-25, by the rule in
  // therapy_plan.hpp.
  const std::string morning = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";
  const std::string evening = "riluzole:" + std::to_string(therapy) + ":2026-11-25:2";
  REQUIRE(gui::probed("today:taken:" + morning));
  REQUIRE(gui::probed("today:taken:" + evening));
  CHECK_FALSE(gui::probed("today:taken:riluzole:" + std::to_string(therapy) + ":2026-11-26:1"));  // tomorrow

  REQUIRE(gui.click(fx.state, "today:taken:" + morning));
  const auto logged = doses(fx.state, fx.patient);
  REQUIRE(logged.size() == 1);
  CHECK(logged[0].planned_key == morning);
  CHECK(logged[0].status == DoseStatus::taken);
  CHECK(logged[0].drug == Drug::riluzole);
  CHECK(logged[0].at == fx.state.now);
  CHECK(logged[0].recorded_by == "nurse.test");
  gui.frame(fx.state);
  CHECK_FALSE(gui::probed("today:taken:" + morning));  // logged: no button any more
  CHECK(gui::probed("today:taken:" + evening));
}

TEST_CASE("Today: a refused dose needs a note, a missed one does not") {
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T12:00:00Z");
  GuiHarness gui;
  gui.frame(fx.state);
  const std::string morning = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";
  const std::string evening = "riluzole:" + std::to_string(therapy) + ":2026-11-25:2";

  REQUIRE(gui.click(fx.state, "today:refused:" + morning));
  gui.frame(fx.state);                        // an auto-sized popup settles its place on its second frame
  REQUIRE(gui::probed("today:record-note"));  // the note popup is open
  REQUIRE(gui.click(fx.state, "today:record-note"));
  CHECK(doses(fx.state, fx.patient).empty());
  CHECK(fx.state.status.error);
  CHECK(fx.state.status.text.find("note") != std::string::npos);

  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:refused:" + morning));
  gui.frame(fx.state);
  gui.type(fx.state, "felt sick");  // the note field has the keyboard focus when the popup opens
  REQUIRE(gui.click(fx.state, "today:record-note"));
  gui.pause(fx.state, 1.0);  // the rows changed: their buttons are inert for a moment (safe hands)
  REQUIRE(gui.click(fx.state, "today:missed:" + evening));
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:record-note"));
  const auto logged = doses(fx.state, fx.patient);
  REQUIRE(logged.size() == 2);
  // Newest first; a missed or refused dose is recorded at its planned time (08:00 and 20:00 GMT).
  CHECK(logged[0].planned_key == evening);
  CHECK(logged[0].status == DoseStatus::missed);
  CHECK(format_utc(logged[0].at) == "2026-11-25T20:00:00Z");
  CHECK(logged[1].planned_key == morning);
  CHECK(logged[1].status == DoseStatus::refused);
  CHECK(logged[1].note == "felt sick");
  CHECK(format_utc(logged[1].at) == "2026-11-25T08:00:00Z");
}

TEST_CASE("Today: a riluzole dose is late three hours after its time") {
  GuiFixture fx("America/New_York");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  // 08:00 in New York is 13:00 UTC in November (EST, UTC-5).
  fx.set_now("2026-11-25T15:59:00Z");
  auto todays_morning = [&](const gui::TodayModel& m) {
    for (const auto& d : m.doses)
      if (d.day == ymd(2026, 11, 25) && d.key.ends_with(":1")) return d;
    FAIL("no morning dose today");
    return gui::TodayDose{};
  };
  auto model = gui::build_today(*fx.state.facts(), fx.state.now);
  CHECK(todays_morning(model).timing == gui::DoseTiming::due);
  CHECK(todays_morning(model).when == "08:00");
  CHECK(model.doses.front().timing == gui::DoseTiming::overdue);  // unlogged doses of earlier days come first
  fx.set_now("2026-11-25T16:01:00Z");
  model = gui::build_today(*fx.state.facts(), fx.state.now);
  CHECK(todays_morning(model).timing == gui::DoseTiming::late);
  REQUIRE(model.next_riluzole);
  CHECK(format_utc(*model.next_riluzole) == "2026-11-26T01:00:00Z");  // 20:00 EST
  CHECK(gui::time_until(fx.state.now, *model.next_riluzole) == "in 8 h 59 min");
}

TEST_CASE("Today: quick logging refuses impossible values and stores good ones") {
  GuiFixture fx("Europe/London");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T12:00:00Z");
  const PatientFacts facts = *fx.state.facts();
  const Actor a = fx.state.actor();
  CHECK_FALSE(gui::log_weight(*fx.state.store, facts, ymd(2026, 11, 25), -3, a).ok());
  CHECK_FALSE(gui::log_lab_result(*fx.state.store, facts, "ALT", ymd(2026, 11, 25), 50, 0, a).ok());
  CHECK_FALSE(gui::log_lab_result(*fx.state.store, facts, "ALT", ymd(2026, 11, 26), 50, 40, a).ok());
  CHECK_FALSE(gui::log_side_effect(*fx.state.store, facts, "nausea", 6, "", a).ok());
  CHECK(fx.state.store->log_entries(fx.patient).empty());
  REQUIRE(gui::log_lab_result(*fx.state.store, facts, "ALT", ymd(2026, 11, 25), 130, 40, a).ok());
  REQUIRE(gui::log_side_effect(*fx.state.store, facts, "fever", 2, "38.5", a).ok());
  CHECK(fx.state.store->log_entries(fx.patient).size() == 2);
}

TEST_CASE("Today: a stopped riluzole therapy shows no doses and no meal rule") {
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 10, 1), "tablet");
  REQUIRE(fx.state.store->stop_therapy(therapy, ymd(2026, 11, 1), "ALT 5x ULN", {"setup", Instant{}}).ok());
  fx.state.changed();
  fx.set_now("2026-11-25T12:00:00Z");
  const auto model = gui::build_today(*fx.state.facts(), fx.state.now);
  CHECK(model.doses.empty());
  CHECK(model.meal_rule.empty());
  CHECK_FALSE(model.next_riluzole);
  CHECK_FALSE(model.next_liver_test);
}

TEST_CASE("Today: lab values and weight are typed as text, and what is not a number is named, not logged") {
  GuiFixture fx("Europe/London");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::patient;
  GuiHarness gui(1400);  // the quick-logging form below the dose list
  gui::TodayView& v = fx.state.today_view;
  gui.frame(fx.state);

  v.lab_value = "abc";
  v.lab_uln = "40";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-lab"));
  CHECK(v.lab_message.error);
  CHECK(v.lab_message.text.rfind("ALT value: ", 0) == 0);
  CHECK(v.lab_message.text.find("abc") != std::string::npos);
  CHECK(fx.state.status.text == v.lab_message.text);
  gui.frame(fx.state);
  CHECK(gui::probed("today:lab-message"));  // beside the field

  v.lab_value = "130";
  v.lab_uln = "";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-lab"));
  CHECK(v.lab_message.error);
  CHECK(v.lab_message.text.rfind("ULN: ", 0) == 0);

  v.weight_kg = "72,5";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-weight"));
  CHECK(v.weight_message.error);
  CHECK(v.weight_message.text.rfind("weight: ", 0) == 0);
  CHECK(v.weight_message.text.find("72,5") != std::string::npos);
  CHECK(fx.state.store->log_entries(fx.patient).empty());  // nothing written on a parse error

  // Typed as a person types: into the field, then the button.
  v.weight_kg.clear();
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:weight"));
  gui.type(fx.state, "72.5");
  REQUIRE(gui.click(fx.state, "today:log-weight"));
  INFO(v.weight_message.text);
  CHECK_FALSE(v.weight_message.error);
  v.lab_value = "130";
  v.lab_uln = "40";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-lab"));
  CHECK_FALSE(v.lab_message.error);
  const auto logged = fx.state.store->log_entries(fx.patient);
  REQUIRE(logged.size() == 2);
  CHECK(logged[0].kind == LogKind::lab);
  CHECK(logged[1].kind == LogKind::weight);
}

TEST_CASE("Status line: the open database by its file name, not its directory") {
  CHECK(gui::database_file_name("/tmp/alsmeds-window-x1/demo.db") == "demo.db");
  CHECK(gui::database_file_name("clinic.db") == "clinic.db");
  GuiFixture fx("Europe/London");
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.status = {};
  GuiHarness gui;
  gui.frame(fx.state);
  CHECK(gui::probed("status:database"));
}

TEST_CASE("Today: Taken can be undone for a minute, by a correction record, and the dose is open again") {
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T08:30:00Z");
  fx.state.role = gui::Role::patient;
  GuiHarness gui;
  gui.frame(fx.state);
  const std::string morning = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";
  CHECK_FALSE(gui::probed("today:undo"));  // nothing taken yet
  REQUIRE(gui.click(fx.state, "today:taken:" + morning));
  REQUIRE(doses(fx.state, fx.patient).size() == 1);
  const RecordId taken = doses(fx.state, fx.patient)[0].id;
  gui.frame(fx.state);
  CHECK_FALSE(gui::probed("today:taken:" + morning));
  REQUIRE(gui::probed("today:undo"));

  SECTION("59 s later: Undo withdraws it; both records stay, the audit trail names the correction") {
    fx.state.now += std::chrono::seconds{59};
    gui.pause(fx.state, 1.0);  // Undo came under the pointer with Taken's press: inert for a moment
    REQUIRE(gui.click(fx.state, "today:undo"));
    const auto logged = doses(fx.state, fx.patient);
    REQUIRE(logged.size() == 2);  // nothing deleted: the taken record and its correction
    CHECK(logged[1].id == taken);
    CHECK(logged[1].status == DoseStatus::taken);
    CHECK(logged[0].supersedes == taken);
    CHECK_FALSE(logged[0].status.has_value());  // records no dose
    CHECK(logged[0].planned_key.empty());
    CHECK_FALSE(fx.state.status.error);
    bool correction_audited = false;
    for (const AuditEntry& a : fx.state.store->audit(fx.patient))
      if (a.entity_id == logged[0].id) correction_audited = true;
    CHECK(correction_audited);
    gui.frame(fx.state);
    CHECK(gui::probed("today:taken:" + morning));  // not taken again: the button is back
    CHECK_FALSE(gui::probed("today:undo"));        // one Undo per Taken
    // Taken again: a dose like any other, no warning of a repeat (the withdrawn record gave no dose).
    gui.pause(fx.state, 1.0);
    REQUIRE(gui.click(fx.state, "today:taken:" + morning));
    CHECK(doses(fx.state, fx.patient).size() == 3);
    CHECK(fx.state.today_view.dose_message.text.find("already") == std::string::npos);
  }
  SECTION("61 s later: no Undo") {
    fx.state.now += std::chrono::seconds{61};
    gui.frame(fx.state);
    CHECK_FALSE(gui::probed("today:undo"));
    CHECK_FALSE(fx.state.today_view.undo_offered(fx.patient, fx.state.now));
    CHECK(doses(fx.state, fx.patient).size() == 1);
  }
  SECTION("a withdrawal cannot be withdrawn, nor one record withdrawn twice (core's withdraw_dose)") {
    auto facts = gui::stored_facts(fx.state, fx.patient);
    REQUIRE(facts);
    const Actor nurse{"nurse.test", fx.state.now};
    auto first = withdraw_dose(*fx.state.store, *facts, taken, "", nurse);
    REQUIRE(first);
    facts = gui::stored_facts(fx.state, fx.patient);
    auto again = withdraw_dose(*fx.state.store, *facts, taken, "", nurse);
    REQUIRE_FALSE(again);
    CHECK(again.error().find("already corrected") != std::string::npos);
    auto of_withdrawal = withdraw_dose(*fx.state.store, *facts, first->id, "", nurse);
    REQUIRE_FALSE(of_withdrawal);
    CHECK(of_withdrawal.error().find("already withdrawn") != std::string::npos);
  }
}
