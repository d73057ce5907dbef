// The per-patient forms follow the selected patient: nothing typed for one patient is offered, written or
// shown under the next (issue "One rulebook": ALT 130, ULN 0, weight -5 and the old error moved along).
#include "gui_fixture.hpp"
#include "gui_harness.hpp"
#include "text_size.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

RecordId second_patient(GuiFixture& fx) {
  NewPatient p;
  p.name = "Ben Next";
  p.mrn = "MRN-2";
  p.tz = "Europe/London";
  const RecordId id = std::move(fx.state.store->add_patient(p, {"setup", Instant{}})).value();
  fx.state.changed();
  return id;
}

}  // namespace

TEST_CASE("Forms: switching patient empties Today's quick logging, its messages and the note popup") {
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  const RecordId next = second_patient(fx);
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::patient;
  GuiHarness gui(1400);  // the quick-logging form below the dose list
  gui.frame(fx.state);
  gui::TodayView& v = fx.state.today_view;
  v.lab_value = "130";
  v.lab_uln = "0";
  v.weight_kg = "-5";
  v.effect_note = "dizzy after lunch";
  v.other_term = "tremor";
  v.grade = 3;
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-lab"));
  gui.frame(fx.state);  // the refusal moves the widgets below it
  REQUIRE(gui.click(fx.state, "today:log-weight"));
  INFO(v.lab_message.text + " / " + v.weight_message.text);
  REQUIRE(v.lab_message.error);  // ULN 0 refused
  REQUIRE(v.weight_message.error);
  const std::string morning = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";
  REQUIRE(gui.click(fx.state, "today:refused:" + morning));
  gui.frame(fx.state);
  gui.type(fx.state, "felt sick");
  REQUIRE(gui::probed("today:record-note"));

  fx.state.patient_id = next;  // any way of selecting: picker, Ctrl+F, demo data, another database
  gui.frames(fx.state, 3);
  CHECK(v.lab_value.empty());
  CHECK(v.lab_uln.empty());
  CHECK(v.weight_kg.empty());
  CHECK(v.effect_note.empty());
  CHECK(v.other_term.empty());
  CHECK(v.grade == 1);
  CHECK(v.lab_message.text.empty());
  CHECK(v.weight_message.text.empty());
  CHECK(v.pending_key.empty());
  CHECK(v.note.empty());
  CHECK_FALSE(gui::probed("today:record-note"));  // the popup closed, unsaved
  CHECK_FALSE(gui::probed("today:lab-message"));
  CHECK_FALSE(gui::probed("today:weight-message"));
  CHECK(fx.state.store->log_entries(fx.patient).empty());
  CHECK(fx.state.store->log_entries(next).empty());

  // Back to the first patient: the forms stay empty (nothing typed for anyone comes back).
  fx.state.patient_id = fx.patient;
  gui.frames(fx.state, 2);
  CHECK(v.weight_kg.empty());
  CHECK(v.lab_message.text.empty());
}

TEST_CASE("Forms: switching patient empties the planner's start form, confirmations and delay reason") {
  GuiFixture fx("Europe/London", true);
  const RecordId next = second_patient(fx);
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = 0;
  GuiHarness gui;
  gui.frame(fx.state);
  gui::PlannerView& v = fx.state.planner;
  v.start_text = "2026-12-01";
  v.sulfite_risk = {"Dr Ruiz", "tolerated before"};
  v.baseline_alt = {"Dr Ruiz", "known fatty liver"};
  v.reason = "hospital stay";
  v.riluzole_times = "07:00,19:00";
  v.start_message = {"start: refused", true};
  gui.frame(fx.state);

  REQUIRE(gui::select_patient(fx.state, "MRN-2"));
  gui.frame(fx.state);
  CHECK(fx.state.patient_id == next);
  CHECK(v.sulfite_risk.prescriber.empty());
  CHECK(v.sulfite_risk.reason.empty());
  CHECK(v.baseline_alt.prescriber.empty());
  CHECK(v.reason.empty());
  CHECK(v.riluzole_times == "08:00,20:00");
  CHECK(v.start_message.text.empty());
  CHECK(v.start_text != "2026-12-01");  // proposed again for this patient
  CHECK_FALSE(gui::probed("planner:start-message"));
}

TEST_CASE(
    "Planner: Propose never replaces a date the person typed unsaid: both dates shown, the person chooses") {
  GuiFixture fx;
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = 0;  // Cycle planner; no edaravone yet: the start form
  GuiHarness gui;
  gui.frame(fx.state);
  gui::PlannerView& v = fx.state.planner;
  const std::string proposed = v.start_text;  // filled by the app when the form first showed
  REQUIRE_FALSE(proposed.empty());
  CHECK_FALSE(v.start_typed());

  SECTION("the app's own date: Propose fills the field again, nothing to ask") {
    v.start_text = "";
    gui.frame(fx.state);
    CHECK(v.start_text == proposed);
    REQUIRE(gui.click(fx.state, "planner:propose"));
    CHECK(v.start_text == proposed);
    CHECK_FALSE(v.proposal_waiting);
  }
  SECTION("a typed date stays; the proposal waits beside it until Use or Keep") {
    v.start_text = "2027-01-04";  // typed
    gui.frame(fx.state);
    REQUIRE(gui.click(fx.state, "planner:propose"));
    gui.frame(fx.state);
    CHECK(v.start_text == "2027-01-04");
    REQUIRE(v.proposal_waiting);
    CHECK(*v.proposal_waiting == proposed);
    REQUIRE(gui::probed("planner:use-proposal"));
    REQUIRE(gui::probed("planner:keep-typed"));
    SECTION("Use") {
      REQUIRE(gui.click(fx.state, "planner:use-proposal"));
      CHECK(v.start_text == proposed);
    }
    SECTION("Keep") {
      REQUIRE(gui.click(fx.state, "planner:keep-typed"));
      CHECK(v.start_text == "2027-01-04");
    }
    CHECK_FALSE(v.proposal_waiting);
    gui.frame(fx.state);
    CHECK_FALSE(gui::probed("planner:use-proposal"));
  }
  SECTION("through the state struct alone") {
    gui::PlannerView p;
    p.propose_start("2026-12-01");
    CHECK(p.start_text == "2026-12-01");
    p.start_text = "2026-12-08";
    p.propose_start("2026-12-01");
    CHECK(p.start_text == "2026-12-08");
    CHECK(p.proposal_waiting == std::optional<std::string>("2026-12-01"));
    p.start_text = "2026-12-01";  // typed the proposal itself: nothing left to choose
    p.propose_start("2026-12-01");
    CHECK_FALSE(p.proposal_waiting);
  }
}

TEST_CASE(
    "Planner: the start form's choices show whole (\"earliest 10 days\" was cut to \"earliest 10 day\")") {
  GuiFixture fx;
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = 0;
  GuiHarness gui;
  for (const float scale : {1.0f, 2.0f}) {
    gui::apply_text_size(scale);  // Settings > Text size
    gui.frames(fx.state, 2);
    auto box = gui::probed("planner:later-cycles");
    REQUIRE(box);
    // The preview's text, its padding both sides and the arrow button (a square as tall as the frame).
    const ImGuiStyle& st = ImGui::GetStyle();
    const float needed =
        ImGui::CalcTextSize("earliest 10 days").x + 2 * st.FramePadding.x + ImGui::GetFrameHeight();
    const float label = ImGui::CalcTextSize("Later cycles").x + st.ItemInnerSpacing.x;
    CHECK(box->x1 - box->x0 - label >= needed - 0.5f);
  }
}
