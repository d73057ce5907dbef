// The fake fourth drug in the app (issue 26), in its own program with the drug registered: the Cycle
// planner starts its course from the registry's form for a drug planned by the day and names its next doses,
// Today offers the dose due. Days by hand from the fake label (placebine.cpp: one tablet a week from the
// course's start).
#include "alsmeds/rules/clinic_actions.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"
#include "placebine.hpp"
#include "today_model.hpp"
#include "views/day_plan_form.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

const Drug kPlacebine = register_regimen(placebine_regimen());  // the registration line

PatientFacts facts_of_patient(GuiFixture& fx) {
  return std::move(load_facts(*fx.state.store, *fx.state.store->find_patient(fx.patient))).value();
}

// The nurse's Cycle planner at 10:00 in Paris on Monday 2026-01-05, "Start another drug" opened.
void open_form(GuiFixture& fx, GuiHarness& gui) {
  fx.set_now("2026-01-05T09:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = 0;
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:by-day-header"));
  gui.frame(fx.state);
}

}  // namespace

TEST_CASE("Fake regimen: the planner starts its course, names its next doses and Today offers week 1") {
  REQUIRE(gui::DayPlanForm::drugs() == std::vector<Drug>{kPlacebine});
  GuiFixture fx("Europe/Paris");
  GuiHarness gui(1600);
  open_form(fx, gui);
  CHECK(fx.state.planner.by_day.start == "2026-01-05");  // today by default
  REQUIRE(gui.click(fx.state, "planner:start-by-day"));
  gui.frame(fx.state);
  INFO(fx.state.planner.by_day.message.text);
  const auto courses = fx.state.store->therapies(fx.patient);
  REQUIRE(courses.size() == 1u);
  CHECK(courses[0].drug == kPlacebine);
  CHECK(courses[0].product == kPlacebineTablet);
  CHECK(courses[0].start == ymd(2026, 1, 5));
  CHECK(fx.state.planner.by_day.message.text == "Placebine started on 2026-01-05");

  const PatientFacts f = facts_of_patient(fx);
  CHECK(gui::DayPlanForm::course_line(f, kPlacebine, ymd(2026, 1, 5)) ==
        "Placebine since 2026-01-05: week 1 on 2026-01-05 (today), then week 2 on 2026-01-12.");
  int offered = 0;
  for (const gui::TodayDose& d : gui::build_today(f, fx.state.now).doses)
    if (d.drug == kPlacebine) {
      ++offered;
      CHECK(d.key == "placebine:" + std::to_string(courses[0].id) + ":w1");
      CHECK(d.what == "Placebine tablet, 1 tablet (10 mg) - week 1");
      REQUIRE(gui::log_today_dose(*fx.state.store, f, d, DoseStatus::taken, "", fx.state.actor()).ok());
    }
  CHECK(offered == 1);
  // Week 1 given: the line moves on; week 2 not given by Wednesday the 14th is overdue, with its advice.
  const PatientFacts after = facts_of_patient(fx);
  CHECK(gui::DayPlanForm::course_line(after, kPlacebine, ymd(2026, 1, 5)) ==
        "Placebine since 2026-01-05: week 2 on 2026-01-12, then week 3 on 2026-01-19.");
  CHECK(
      gui::DayPlanForm::course_line(after, kPlacebine, ymd(2026, 1, 14)) ==
      "Placebine since 2026-01-05: week 2 on 2026-01-12 (overdue: take it as soon as possible), then week 3 "
      "on 2026-01-19.");
}

TEST_CASE("Fake regimen: a double-click on its Start stores one course") {
  GuiFixture fx("Europe/Paris");
  GuiHarness gui(1600);
  open_form(fx, gui);
  REQUIRE(gui.double_click(fx.state, "planner:start-by-day"));
  gui.frames(fx.state, 2);
  fx.state.wait_for_background();
  gui.frame(fx.state);
  CHECK(fx.state.store->therapies(fx.patient).size() == 1u);
}

TEST_CASE("Fake regimen: a start that is not a date is said beside the button, nothing stored") {
  GuiFixture fx("Europe/Paris");
  GuiHarness gui(1600);
  open_form(fx, gui);
  fx.state.planner.by_day.start = "next Monday";
  REQUIRE(gui.click(fx.state, "planner:start-by-day"));
  gui.frame(fx.state);
  CHECK(fx.state.planner.by_day.message.error);
  CHECK(fx.state.planner.by_day.message.text.rfind("start: ", 0) == 0);
  CHECK(fx.state.store->therapies(fx.patient).empty());
}
