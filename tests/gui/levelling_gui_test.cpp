// Issue 27 in the app: the Cycle planner's "Level the chairs" (ranked starts against the unit's load, Use,
// Start: the course keeps the proposal's dose days) and Settings' infusion unit saved for the clinic.
#include "alsmeds/rules/clinic_actions.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

// One chair from 09:00 to 10:00 (one infusion a day) and Ana's IV course from Monday 2026-03-02: cycle 1 on
// 03-02..03-15, then 10 days from every 28th day. The only start from 03-02 to 03-29 whose 14 daily doses
// miss Ana's is 03-16; each of its later windows (from 03-16 + 28k) falls in Ana's drug-free days, so the
// best proposal has no day over capacity, peak 1 (by hand, as board_cli_test.cpp's propose test).
void busy_unit(GuiFixture& fx) {
  const Actor setup{"setup", Instant{}};
  UnitSettings one;
  one.chairs = 1;
  one.opens_minute = 9 * 60;
  one.closes_minute = 10 * 60;
  REQUIRE(fx.state.store->add_unit_settings(one, setup).ok());
  NewPatient ana;
  ana.name = "Ana Silva";
  ana.tz = "Europe/Paris";
  const RecordId id = *fx.state.store->add_patient(ana, setup);
  NewTherapy t;
  t.patient_id = id;
  t.drug = Drug::edaravone;
  t.product = Product::edaravone_iv;
  t.start = ymd(2026, 3, 2);
  REQUIRE(fx.state.store->start_therapy(t, setup).ok());
  fx.state.changed();
}

}  // namespace

TEST_CASE("Planner: Level the chairs ranks the starts, Use fills the start, Start keeps its dose days") {
  GuiFixture fx("Europe/Paris");
  busy_unit(fx);
  fx.set_now("2026-03-02T08:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = 0;
  GuiHarness gui(1600);
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:level"));
  fx.state.wait_for_background();
  gui.frames(fx.state, 3);  // a new table settles its columns' widths over its first frames
  const gui::LevelledStartsPanel& panel = fx.state.planner.levelling;
  INFO(panel.message.text);
  REQUIRE(panel.result.has_value());
  CHECK(panel.result->unit.chairs == 1);  // the clinic's stored settings, not this machine's
  REQUIRE_FALSE(panel.result->proposals.empty());
  const StartProposal& best = panel.result->proposals.front();
  CHECK(best.rank == 1);
  CHECK(best.start == ymd(2026, 3, 16));
  CHECK(best.over_capacity_days == 0);
  CHECK(best.peak_day_load == 1);
  const StartProposal& earliest = panel.result->proposals.back();
  CHECK(earliest.earliest);
  CHECK(earliest.start == ymd(2026, 3, 2));
  CHECK(earliest.over_capacity_days > 0);

  REQUIRE(gui.click(fx.state, "planner:level-use:1"));
  CHECK(fx.state.planner.start_text == "2026-03-16");
  const DoseDayPattern days = fx.state.planner.dose_days_for_start();
  REQUIRE_FALSE(days.empty());
  CHECK(days.at(2) == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:start"));
  gui.frame(fx.state);
  const auto courses = fx.state.store->therapies(fx.patient);
  REQUIRE(courses.size() == 1u);
  CHECK(courses[0].start == ymd(2026, 3, 16));
  CHECK(courses[0].dose_days == days);
}

TEST_CASE("Planner: a start typed after Use takes the policy's days, said beside the field") {
  GuiFixture fx("Europe/Paris");
  busy_unit(fx);
  fx.set_now("2026-03-02T08:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = 0;
  GuiHarness gui(1600);
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:level"));
  fx.state.wait_for_background();
  gui.frames(fx.state, 3);  // a new table settles its columns' widths over its first frames
  REQUIRE(gui.click(fx.state, "planner:level-use:1"));
  fx.state.planner.start_text = "2026-03-23";  // the nurse typed another day
  CHECK(fx.state.planner.dose_days_for_start().empty());
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:start"));
  gui.frame(fx.state);
  const auto courses = fx.state.store->therapies(fx.patient);
  REQUIRE(courses.size() == 1u);
  CHECK(courses[0].dose_days.empty());
}

TEST_CASE("Settings: the infusion unit saved in the app is the clinic's, read by another workstation") {
  GuiFixture fx;
  fx.state.role = gui::Role::nurse;
  fx.state.shell.unit.fill(fx.state.settings);
  fx.state.shell.unit.chairs = 6;
  fx.state.shell.unit.opening_hour = 7;
  fx.state.shell.unit.weekdays_only = true;
  fx.state.shell.unit.save(fx.state);
  gui::apply_pending_actions(fx.state);
  INFO(fx.state.status.text);
  const auto stored = fx.state.store->unit_settings();
  REQUIRE(stored.has_value());
  CHECK(stored->chairs == 6);
  CHECK(stored->opens_minute == 7 * 60);
  CHECK(stored->weekdays_only);
  CHECK(stored->recorded_by == "nurse.test");
  CHECK(fx.state.settings.chairs == 6);
  // Another workstation opening the clinic's database has them, whatever its own settings file said.
  gui::AppState other;
  other.settings.chairs = 2;
  REQUIRE(gui::open_database(other, (fx.dir / "gui.db").string()).ok());
  CHECK(other.settings.chairs == 6);
  CHECK(other.settings.opening_hour == 7);
  CHECK(other.settings.weekdays_only);
  other.store.reset();
}

TEST_CASE("Settings: a draft taken before a colleague's change is refused, and shows theirs") {
  GuiFixture fx;
  fx.state.role = gui::Role::nurse;
  fx.state.shell.unit.fill(fx.state.settings);  // the dialog opened: 4 chairs, the defaults
  // Meanwhile alsmeds-cli (or another workstation) sets 12 chairs.
  UnitSettings theirs;
  theirs.chairs = 12;
  REQUIRE(fx.state.store->add_unit_settings(theirs, {"nurse.lee", Instant{}}).ok());
  fx.state.shell.unit.opening_hour = 7;  // this nurse moves the opening hour only
  fx.state.shell.unit.save(fx.state);
  gui::apply_pending_actions(fx.state);
  CHECK(fx.state.shell.unit.message.error);
  CHECK_THAT(fx.state.shell.unit.message.text, Catch::Contains("changed meanwhile by nurse.lee"));
  CHECK(fx.state.store->unit_settings()->chairs == 12);  // theirs kept, nothing of the stale draft
  CHECK(fx.state.store->unit_settings()->opens_minute == 8 * 60);
  CHECK(fx.state.shell.unit.chairs == 12);  // the dialog shows theirs now
  // Set again on what is shown: saved.
  fx.state.shell.unit.opening_hour = 7;
  fx.state.shell.unit.save(fx.state);
  gui::apply_pending_actions(fx.state);
  CHECK_FALSE(fx.state.shell.unit.message.error);
  CHECK(fx.state.store->unit_settings()->chairs == 12);
  CHECK(fx.state.store->unit_settings()->opens_minute == 7 * 60);
}
