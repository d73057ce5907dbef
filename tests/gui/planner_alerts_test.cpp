// Nurse - Cycle planner and the alerts panel, driven through the window.
#include "alsmeds/schedule/therapy_plan.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

const gui::CalendarDay* day_of(const gui::PlannerModel& m, Day d) {
  for (const gui::CalendarDay& c : m.days)
    if (c.day == d) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("Planner: delaying a cycle re-flows the calendar and records the reason") {
  GuiFixture fx("Europe/Paris");
  // Cycle 1 from Mon 2026-10-05: 28-day cycles start 11-02 and 11-30 (label: 14 on, 14 off; 28-day cycles).
  fx.start(Drug::edaravone, ymd(2026, 10, 5), "iv");
  fx.set_now("2026-11-25T09:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = 0;
  GuiHarness gui;
  gui.frame(fx.state);
  fx.state.planner.month = date::year{2026} / date::month{11};
  gui.frame(fx.state);
  const auto* before = day_of(fx.state.planner.model, ymd(2026, 11, 30));
  REQUIRE(before);
  CHECK(before->cycle == 3);
  CHECK(before->cycle_day == 1);

  fx.state.planner.delay_cycle = 3;
  fx.state.planner.delay_days = 7;
  fx.state.planner.reflow = 0;
  fx.state.planner.reason = "hospital stay";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:delay"));
  CHECK_FALSE(fx.state.status.error);
  gui.frame(fx.state);
  // Cycle 3 now starts 7 days later, Mon 2026-12-07; 11-30 is a drug-free day of cycle 2.
  const auto* moved = day_of(fx.state.planner.model, ymd(2026, 11, 30));
  REQUIRE(moved);
  CHECK(moved->cycle == 2);
  CHECK(moved->mark == gui::DayMark::drug_free);
  fx.state.planner.month = date::year{2026} / date::month{12};
  gui.frame(fx.state);
  const auto* start = day_of(fx.state.planner.model, ymd(2026, 12, 7));
  REQUIRE(start);
  CHECK(start->cycle == 3);
  CHECK(start->cycle_day == 1);
  CHECK(start->mark == gui::DayMark::dose);
  const auto therapies = fx.state.store->therapies(fx.patient);
  REQUIRE(therapies[0].adjustments.size() == 1);
  CHECK(therapies[0].adjustments[0].reason == "hospital stay");
  CHECK(therapies[0].adjustments[0].recorded_by == "nurse.test");
}

TEST_CASE("Planner: a delay without a reason is refused and changes nothing") {
  GuiFixture fx("Europe/Paris");
  fx.start(Drug::edaravone, ymd(2026, 10, 5), "iv");
  fx.set_now("2026-11-25T09:00:00Z");
  fx.state.role = gui::Role::nurse;
  GuiHarness gui;
  gui.frame(fx.state);
  fx.state.planner.delay_cycle = 3;
  fx.state.planner.reason.clear();
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:delay"));
  CHECK(fx.state.status.error);
  CHECK(fx.state.store->therapies(fx.patient)[0].adjustments.empty());
}

TEST_CASE("Planner: marking today's infusion given logs it against the planned dose") {
  GuiFixture fx("Europe/Paris");
  const RecordId therapy = fx.start(Drug::edaravone, ymd(2026, 11, 2), "iv");
  fx.set_now("2026-11-04T09:00:00Z");  // cycle 1, day 3
  fx.state.role = gui::Role::nurse;
  GuiHarness gui;
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:day:2026-11-04"));
  REQUIRE(gui.click(fx.state, "planner:given"));
  const auto log = fx.state.store->log_entries(fx.patient);
  REQUIRE(log.size() == 1);
  CHECK(log[0].planned_key == "edaravone:" + std::to_string(therapy) + ":c1:d3");
  CHECK(log[0].status == DoseStatus::taken);
  gui.frame(fx.state);
  CHECK(day_of(fx.state.planner.model, ymd(2026, 11, 4))->mark == gui::DayMark::given);
}

TEST_CASE("Alerts: acknowledging the sulfite alert records who and when") {
  GuiFixture fx("Europe/London", /*sulfite_allergy=*/true);
  fx.start(Drug::edaravone, ymd(2026, 11, 2), "iv");
  fx.set_now("2026-11-25T10:00:00Z");
  GuiHarness gui;
  gui.frame(fx.state);
  REQUIRE(fx.state.alerts.lines.size() == 1);
  const std::string key = fx.state.alerts.lines[0].key;
  CHECK(key.find("sulfite") != std::string::npos);
  CHECK(gui::open_alert_count(fx.state.alerts.lines) == 1);
  REQUIRE(gui.click(fx.state, "alerts:ack:" + key));
  const auto acks = fx.state.store->alert_acknowledgments(fx.patient);
  REQUIRE(acks.size() == 1);
  CHECK(acks[0].alert_key == key);
  CHECK(acks[0].acknowledged_by == "nurse.test");
  CHECK(acks[0].acknowledged_at == fx.state.now);
  gui.frame(fx.state);
  CHECK(gui::open_alert_count(fx.state.alerts.lines) == 0);
  CHECK_FALSE(gui::probed("alerts:ack:" + key));
}

TEST_CASE("Role switcher: a click changes the view shown") {
  GuiFixture fx;
  fx.set_now("2026-11-25T10:00:00Z");
  GuiHarness gui;
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "role:nurse"));
  CHECK(fx.state.role == gui::Role::nurse);
  gui.frame(fx.state);
  CHECK(gui::probed("planner:start"));  // no edaravone yet: the start form
  CHECK_FALSE(gui::probed("today:log-effect"));
}

TEST_CASE("Starting riluzole with a baseline ALT above 3x ULN needs the prescriber's confirmation") {
  GuiFixture fx("Europe/London");
  fx.set_now("2026-11-25T10:00:00Z");
  const std::vector<WallClock> times{WallClock{8 * 60}, WallClock{20 * 60}};
  // ALT 130 U/L against a ULN of 40: 3.25x, above 3x (EU SmPC contraindication at baseline).
  REQUIRE(gui::log_lab_result(*fx.state.store, *fx.state.facts(), "ALT", ymd(2026, 11, 20), 130, 40,
                              fx.state.actor())
              .ok());
  fx.state.changed();
  auto refused = gui::start_riluzole(*fx.state.store, *fx.state.facts(), ymd(2026, 11, 26), times,
                                     Confirmation{}, fx.state.actor());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().find("prescriber") != std::string::npos);
  CHECK(fx.state.store->therapies(fx.patient).empty());
  CHECK_FALSE(gui::start_riluzole(*fx.state.store, *fx.state.facts(), ymd(2026, 11, 26),
                                  {WallClock{8 * 60}, WallClock{9 * 60}},
                                  Confirmation{"Dr Ruiz", "benefit outweighs"},
                                  fx.state.actor())
                  .ok());  // doses 1 hour apart: refused whatever the ALT
  REQUIRE(gui::start_riluzole(*fx.state.store, *fx.state.facts(), ymd(2026, 11, 26), times,
                              Confirmation{"Dr Ruiz", "benefit outweighs"}, fx.state.actor())
              .ok());
  const auto therapies = fx.state.store->therapies(fx.patient);
  REQUIRE(therapies.size() == 1);
  CHECK(therapies[0].drug == Drug::riluzole);
  CHECK(therapies[0].start == ymd(2026, 11, 26));
}
