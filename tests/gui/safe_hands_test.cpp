// Safe hands (issue 24): what a hand did by accident (a double-click, a press far from a dose's time, a stale
// screen) never becomes a record. Each case first reproduced the defect in the trial.
#include <imgui_internal.h>

#include <cmath>

#include "gui_fixture.hpp"
#include "gui_harness.hpp"
#include "outbox.hpp"
#include "planner_model.hpp"
#include "text_size.hpp"

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

TEST_CASE("Safe hands: a double-click on Taken records one dose, and nothing moves under the pointer") {
  // Riluzole 08:00 and 20:00 (London, GMT in November). At 08:05 on Nov 25 the list is: yesterday's 20:00
  // (not logged), today's 08:00 (due), today's 20:00 (later). Before the fix the first row left the list
  // after its Taken and today's 08:00 Taken slid under the pointer: the double-click recorded both.
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T08:05:00Z");
  fx.state.role = gui::Role::patient;
  GuiHarness gui;
  gui.frame(fx.state);
  const std::string yesterday = "riluzole:" + std::to_string(therapy) + ":2026-11-24:2";
  const std::string morning = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";
  const auto first = gui::probed("today:taken:" + yesterday);
  const auto second = gui::probed("today:taken:" + morning);
  REQUIRE(first);
  REQUIRE(second);
  REQUIRE(first->y1 <= second->y0);  // yesterday's row above today's
  REQUIRE(gui.double_click(fx.state, "today:taken:" + yesterday));
  const auto logged = doses(fx.state, fx.patient);
  REQUIRE(logged.size() == 1);
  CHECK(logged[0].planned_key == yesterday);
  CHECK(logged[0].status == DoseStatus::taken);
  // The row keeps its place, saying what was recorded, with Undo where Taken was; today's Taken is where it
  // was too.
  gui.frame(fx.state);
  const auto undo = gui::probed("today:undo");
  REQUIRE(undo);
  CHECK(undo->y0 == Approx(first->y0));
  const auto still = gui::probed("today:taken:" + morning);
  REQUIRE(still);
  CHECK(still->y0 == Approx(second->y0));
  // The second press landed on Undo while it was inert: the dose is still recorded taken, once.
  CHECK(fx.state.store->log_entries(fx.patient).size() == 1);
  // Once the rows have been still for a moment, Undo works as offered.
  gui.pause(fx.state, 1.0);
  REQUIRE(gui.click(fx.state, "today:undo"));
  CHECK(fx.state.store->log_entries(fx.patient).size() == 2);  // the taken record and its withdrawal
}

TEST_CASE(
    "Safe hands: 17 hours before its time a dose is not Taken by one press, only taken early with a time") {
  GuiFixture fx("UTC");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T03:08:00Z");  // the 08:00 window opens at 05:00, the 20:00 one at 17:00
  fx.state.role = gui::Role::patient;
  GuiHarness gui;
  gui.frame(fx.state);
  const std::string evening = "riluzole:" + std::to_string(therapy) + ":2026-11-25:2";
  REQUIRE(gui.double_click(fx.state, "today:taken:" + evening));
  CHECK(doses(fx.state, fx.patient).empty());  // a dialog asks the time; nothing recorded
  CHECK(fx.state.today_view.pending_key == evening);
  CHECK(fx.state.today_view.note == "03:08");  // offered: now, as the person may have taken it
  // Core refuses the plain press too, for every front end (the model's own refusal aside).
  gui::TodayModel m = gui::build_today(*fx.state.facts(), fx.state.now);
  gui::TodayDose d;
  for (const auto& x : m.doses)
    if (x.key == evening) d = x;
  REQUIRE(d.timing == gui::DoseTiming::early);
  d.timing = gui::DoseTiming::due;  // as a stale screen would have it
  const auto pressed =
      gui::log_today_dose(*fx.state.store, *fx.state.facts(), d, DoseStatus::taken, "", fx.state.actor());
  REQUIRE_FALSE(pressed);
  CHECK_THAT(pressed.error(), Catch::Contains("17:00 to 23:00") && Catch::Contains("16 h 52 min before"));
  // Enter in the one-line dialog records it, taken early at 03:08, with a warning saying so.
  gui.frames(fx.state, 3);
  REQUIRE(gui.click(fx.state, "today:note"));  // the time field (the double-click's second press left it)
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Enter] = 13;  // as the GLFW back end maps it (GLFW_KEY_ENTER is 257; any index works)
  io.KeysDown[io.KeyMap[ImGuiKey_Enter]] = true;
  gui.frame(fx.state);
  io.KeysDown[io.KeyMap[ImGuiKey_Enter]] = false;
  gui.frames(fx.state, 2);
  const auto logged = doses(fx.state, fx.patient);
  REQUIRE(logged.size() == 1);
  CHECK(logged[0].planned_key == evening);
  CHECK(logged[0].at == fx.state.now);
  CHECK(fx.state.today_view.dose_message.warning);
  CHECK_THAT(fx.state.today_view.dose_message.text, Catch::Contains("taken early at 03:08"));
}

TEST_CASE("Safe hands: Mark infusion given on a future day is refused and stores nothing") {
  GuiFixture fx("Europe/Paris");
  fx.start(Drug::edaravone, ymd(2026, 11, 2), "iv");  // cycle 1: an infusion every day Nov 2-15
  fx.set_now("2026-11-04T09:00:00Z");
  fx.state.role = gui::Role::nurse;
  GuiHarness gui;
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:day:2026-11-08"));
  REQUIRE(gui.click(fx.state, "planner:given"));
  CHECK(fx.state.store->log_entries(fx.patient).empty());
  CHECK(fx.state.planner.infusion_message.error);
  CHECK_THAT(fx.state.planner.infusion_message.text,
             Catch::Contains("2026-11-08") && Catch::Contains("not due yet"));
  // Today's is given as before.
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:day:2026-11-04"));
  REQUIRE(gui.click(fx.state, "planner:given"));
  CHECK(fx.state.store->log_entries(fx.patient).size() == 1);
  CHECK_FALSE(fx.state.planner.infusion_message.error);
}

TEST_CASE("Safe hands: a patient reports side-effect grades 1-4 (grade 5 is a clinician's)") {
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::patient;
  GuiHarness gui(1400);
  gui.frames(fx.state, 2);
  CHECK(gui::probed("today:grade:4"));
  CHECK_FALSE(gui::probed("today:grade:5"));
}

TEST_CASE("Safe hands: the status line belongs to the patient shown, and the lab value empties once stored") {
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::patient;
  GuiHarness gui(1400);
  gui.frame(fx.state);
  fx.state.today_view.lab_value = "35";
  fx.state.today_view.lab_uln = "40";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-lab"));
  CHECK_THAT(fx.state.status.text, Catch::Contains("ALT 35 U/L"));
  CHECK(fx.state.today_view.lab_value.empty());  // Log again stores nothing twice: the value is gone
  CHECK(fx.state.today_view.lab_uln == "40");    // the lab's limit stays for the next result
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-lab"));  // pressed again: a message beside, nothing stored
  std::size_t labs = 0;
  for (const LogEntry& e : fx.state.store->log_entries(fx.patient)) labs += e.kind == LogKind::lab;
  CHECK(labs == 1u);
  // Another patient opened: the last patient's outcome is not shown under them.
  NewPatient p;
  p.name = "Bea Other";
  p.tz = "UTC";
  const RecordId other = std::move(fx.state.store->add_patient(p, {"setup", Instant{}})).value();
  fx.state.changed();
  REQUIRE(gui::select_patient(fx.state, "id:" + std::to_string(other)).ok());
  gui.frame(fx.state);
  CHECK(fx.state.status.text.empty());
}

TEST_CASE(
    "Safe hands: the patient picker opens under its box, empty, and typing goes on after an Enter that "
    "picked nobody") {
  GuiFixture fx("UTC");
  fx.set_now("2026-11-25T12:00:00Z");
  GuiHarness gui(1000);
  ImGuiIO& io = ImGui::GetIO();
  for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = 100 + k;  // every key mapped, as a back end does
  io.KeyMap[ImGuiKey_Enter] = 13;
  io.KeyMap[ImGuiKey_Escape] = 27;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as the app runs (Escape closes a pop-up)
  gui.frame(fx.state);
  io.MousePos = ImVec2(900, 700);  // the pointer far from the box
  REQUIRE(gui.click(fx.state, "picker"));
  gui.frames(fx.state, 2);
  const auto box = gui::probed("picker"), field = gui::probed("picker:search");
  REQUIRE(box);
  REQUIRE(field);
  CHECK(field->y0 >= box->y1 - 1);  // under the box
  CHECK(field->x0 < box->x0 + 40);  // at its left, not at the pointer
  gui.type(fx.state, "zzz");
  io.KeysDown[13] = true;
  gui.frame(fx.state);
  io.KeysDown[13] = false;
  gui.frames(fx.state, 2);
  CHECK_FALSE(fx.state.shell.picker_message.empty());  // nobody is named zzz
  gui.type(fx.state, "x");                             // still typing in the field
  CHECK(fx.state.shell.patient_search == "zzzx");
  for (int press = 0; press < 2; ++press) {  // Escape: out of the field, then the pop-up closes
    io.KeysDown[27] = true;
    gui.frame(fx.state);
    io.KeysDown[27] = false;
    gui.frames(fx.state, 2);
  }
  CHECK_FALSE(gui::probed("picker:search"));
  REQUIRE(gui.click(fx.state, "picker"));  // opened again: empty
  gui.frames(fx.state, 2);
  CHECK(fx.state.shell.patient_search.empty());
  CHECK(fx.state.shell.picker_message.empty());
}

TEST_CASE(
    "Safe hands: the keyboard stays on the row after Taken (Undo in its place), and Tab goes on from there") {
  // Before the fix the focus stayed on the Taken button that had gone: Tab then reached nothing.
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T08:05:00Z");
  fx.state.role = gui::Role::patient;
  GuiHarness gui;
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  constexpr int tab = 1, space = 2;
  io.KeyMap[ImGuiKey_Tab] = tab;
  io.KeyMap[ImGuiKey_Space] = space;
  io.MousePos = ImVec2(-1, -1);
  const auto press = [&](int key) {
    io.KeysDown[key] = true;
    gui.frame(fx.state);
    io.KeysDown[key] = false;
    gui.frame(fx.state);
  };
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const auto focused_at = [&]() -> std::optional<ImRect> {  // where the keyboard is, on screen
    if (g.NavId == 0 || !g.NavWindow || !g.NavIdIsAlive) return std::nullopt;
    for (ImGuiWindow* w : g.Windows)
      if (w->NavLastIds[ImGuiNavLayer_Main] == g.NavId)
        return ImGui::WindowRectRelToAbs(w, w->NavRectRel[ImGuiNavLayer_Main]);
    return std::nullopt;
  };
  const auto on = [&](const std::string& probe) {
    const auto at = focused_at();
    const auto r = gui::probed(probe);
    return at && r && std::abs(at->Min.x - r->x0) < 1 && std::abs(at->Min.y - r->y0) < 1;
  };
  gui.frame(fx.state);
  const std::string morning = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";
  bool reached = false;
  for (int i = 0; i < 300 && !reached; ++i) {  // every row of the week not logged comes first
    press(tab);
    reached = on("today:taken:" + morning);
  }
  REQUIRE(reached);
  press(space);
  const auto logged = doses(fx.state, fx.patient);
  REQUIRE(logged.size() == 1);
  CHECK(logged[0].planned_key == morning);
  gui.pause(fx.state, 1.0);  // the rows are inert for a moment after the change
  CHECK(on("today:undo"));
  const auto undo_at = gui::probed("today:undo");
  REQUIRE(undo_at);
  press(tab);
  const auto next = focused_at();
  REQUIRE(next);                                                            // Tab reached a control
  CHECK((next->Min.y > undo_at->y0 + 1 || next->Min.x > undo_at->x0 + 1));  // after Undo, in reading order
  CHECK(doses(fx.state, fx.patient).size() == 1);
}

TEST_CASE("The outbox keeps an alert acknowledgment and an Undo of Taken across a restart, each sent once") {
  // Before: only the Today view's doses, effects, labs and weights were kept in the file; an acknowledgment
  // or an Undo made while the server was away was lost with the app.
  GuiFixture fx("Europe/London", /*sulfite_allergy=*/true);
  fx.start(Drug::edaravone, ymd(2026, 11, 2), "iv");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T08:05:00Z");
  fx.state.role = gui::Role::patient;
  GuiHarness gui;
  gui.frame(fx.state);
  REQUIRE_FALSE(fx.state.alerts.lines.empty());
  const std::string alert = fx.state.alerts.lines[0].key;
  const std::string morning = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";
  REQUIRE(gui.click(fx.state, "today:taken:" + morning));
  const auto taken = doses(fx.state, fx.patient);
  REQUIRE(taken.size() == 1);

  gui::OutboxEntry ack;
  ack.kind = "ack";
  ack.patient = fx.patient;
  ack.what = "acknowledging the sulfite alert";
  ack.args = {{"alert", alert}, {"note", ""}};
  ack.made_at = fx.state.now;
  gui::OutboxEntry undo;
  undo.kind = "undo";
  undo.patient = fx.patient;
  undo.what = "Undo Taken";
  undo.args = {{"record", taken[0].id}};
  undo.made_at = fx.state.now + std::chrono::seconds{20};
  const std::string file = (fx.dir / "outbox.json").string();
  REQUIRE(gui::save_outbox(file, fx.state.db_path, fx.state.user, {ack, undo}));
  auto kept = gui::load_outbox(file, fx.state.db_path, fx.state.user);  // the next start reads them back
  REQUIRE(kept);
  REQUIRE(kept->size() == 2);
  fx.state.now += std::chrono::hours{2};  // sent later: each at the moment the person acted
  for (const gui::OutboxEntry& e : *kept) {
    INFO(e.kind);
    const PatientFacts* f = fx.state.facts();
    REQUIRE(f);
    CHECK(gui::apply_outbox_entry(fx.state, e, *f));
    fx.state.changed();
  }
  const auto acks = fx.state.store->alert_acknowledgments(fx.patient);
  REQUIRE(acks.size() == 1);
  CHECK(acks[0].alert_key == alert);
  CHECK(acks[0].acknowledged_at == ack.made_at);
  const auto after = doses(fx.state, fx.patient);  // the taken record and the correction that withdraws it
  REQUIRE(after.size() == 2);
  CHECK((after[0].supersedes == taken[0].id || after[1].supersedes == taken[0].id));
}

TEST_CASE(
    "Safe hands: at 800x600 with text size 2.0 a Taken's message moves nothing (the status line is one "
    "line)") {
  // Tried under Xvfb: the message of a Taken, wrapped over four lines at the top, pushed the rows down under
  // the pointer. The status line now takes one line, the message cut with "..." (whole in its tooltip).
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 25), "tablet");  // today's doses only
  fx.set_now("2026-11-25T12:25:00Z");  // today's 08:00 is late: a long warning comes with the record
  fx.state.role = gui::Role::patient;
  GuiHarness gui;
  ImGui::GetIO().DisplaySize = ImVec2(800, 600);
  gui::apply_text_size(2.0f);
  gui.pause(fx.state, 1.0);  // a person looks before pressing (the rows are inert just after they change)
  const std::string morning = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";
  const auto before = gui::probed("today:taken:" + morning);
  REQUIRE(before);
  REQUIRE(gui.click(fx.state, "today:taken:" + morning));
  gui.frames(fx.state, 2);
  REQUIRE(doses(fx.state, fx.patient).size() == 1);
  REQUIRE_FALSE(fx.state.status.text.empty());  // the message is up
  const auto undo = gui::probed("today:undo");
  REQUIRE(undo);
  CHECK(undo->y0 == Approx(before->y0));
  CHECK(undo->x0 == Approx(before->x0));
  const auto status = gui::probed("status:message");
  REQUIRE(status);
  CHECK(status->y1 - status->y0 < ImGui::GetFrameHeight() + 1);  // one line
  gui::apply_text_size(1.0f);
}
