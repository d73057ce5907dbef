// The rules' warnings (ActionOutcome::warnings) reach the person: beside the control and in the status line,
// after a write that succeeded.
#include "gui_fixture.hpp"
#include "gui_harness.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

TEST_CASE("Warnings: an ALT above 5x ULN logged in Today shows the stop alert beside the button") {
  GuiFixture fx("Europe/London");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::patient;
  GuiHarness gui(1400);  // the quick-logging form below the dose list
  gui::TodayView& v = fx.state.today_view;
  v.lab_value = "200";
  v.lab_uln = "40";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-lab"));
  INFO(v.lab_message.text);
  REQUIRE(fx.state.store->log_entries(fx.patient).size() == 1);  // written
  CHECK_FALSE(v.lab_message.error);
  CHECK(v.lab_message.warning);
  CHECK(v.lab_message.text.rfind("Lab result logged: ALT 200 U/L", 0) == 0);
  CHECK(v.lab_message.text.find("Warning: ") != std::string::npos);
  CHECK(v.lab_message.text.find("5.0x ULN") != std::string::npos);
  CHECK(fx.state.status.text == v.lab_message.text);
  CHECK(fx.state.status.warning);
  gui.frame(fx.state);
  CHECK(gui::probed("today:lab-message"));

  v.lab_value = "30";  // normal: done, no warning
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-lab"));
  CHECK_FALSE(v.lab_message.warning);
  CHECK(v.lab_message.text.find("Warning") == std::string::npos);
}

TEST_CASE("Warnings: an infusion marked given twice in the planner says it was already recorded taken") {
  GuiFixture fx("Europe/Paris");
  fx.start(Drug::edaravone, ymd(2026, 11, 2), "iv");
  fx.set_now("2026-11-04T09:00:00Z");  // cycle 1, day 3
  fx.state.role = gui::Role::nurse;
  GuiHarness gui;
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:day:2026-11-04"));
  REQUIRE(gui.click(fx.state, "planner:given"));
  CHECK_FALSE(fx.state.planner.infusion_message.warning);
  gui.frame(fx.state);
  // Pressed again at once: one intent, refused naming the first record.
  REQUIRE(gui.click(fx.state, "planner:given"));
  CHECK(fx.state.planner.infusion_message.error);
  CHECK_THAT(fx.state.planner.infusion_message.text, Catch::Contains("not recorded again"));
  CHECK(fx.state.store->log_entries(fx.patient).size() == 1);
  // A minute later, a second decision: recorded, with the warning.
  fx.state.now += std::chrono::minutes{1};
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:given"));
  const gui::Message& m = fx.state.planner.infusion_message;
  INFO(m.text);
  CHECK(fx.state.store->log_entries(fx.patient).size() == 2);
  CHECK_FALSE(m.error);
  CHECK(m.warning);
  CHECK(m.text.find("already recorded") != std::string::npos);
  CHECK(fx.state.status.text == m.text);
}
