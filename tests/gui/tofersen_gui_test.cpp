// Tofersen in the app (issue 26): the Cycle planner starts a course, shows its next doses from the doses
// given, and Today offers the dose due; the Course of therapy lists every registered drug. Days by hand from
// the label (docs/domain.md "Tofersen": loading doses 14 days apart, then every 28 days).
#include "alsmeds/board/chair_levelling.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "board_model.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"
#include "today_model.hpp"
#include "views/tofersen_form.hpp"
#include "views/view_list.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

// The nurse's Cycle planner at 09:00 in Oslo on Monday 2026-06-01, "Start tofersen" opened.
void open_tofersen_form(GuiFixture& fx, GuiHarness& gui) {
  fx.set_now("2026-06-01T07:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = 0;
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "planner:tofersen-header"));
  gui.frame(fx.state);
}

// The nurse's Infusion board, loaded, on its day 2026-06-01.
void open_board_on_monday(GuiFixture& fx, GuiHarness& gui) {
  const auto views = gui::views_for(gui::Role::nurse);
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i]->name == "board") fx.state.tab = static_cast<int>(i);
  fx.state.select_tab = true;
  gui.frames(fx.state, 2);
  for (int i = 0; i < 6 && !fx.state.board.loaded; ++i) {
    fx.state.job.wait();
    gui.frame(fx.state);
  }
  REQUIRE(fx.state.board.loaded);
  if (gui::probed("board:day:2026-06-01")) REQUIRE(gui.click(fx.state, "board:day:2026-06-01"));
  gui.frames(fx.state, 2);
}

}  // namespace

TEST_CASE("Planner: Start tofersen stores a course, the planner names its next doses, Today offers dose 1") {
  GuiFixture fx("Europe/Oslo");
  GuiHarness gui(1600);
  open_tofersen_form(fx, gui);
  CHECK(fx.state.planner.tofersen.start == "2026-06-01");  // today by default
  REQUIRE(gui.click(fx.state, "planner:start-tofersen"));
  gui.frame(fx.state);
  INFO(fx.state.planner.tofersen.message.text);
  const auto courses = fx.state.store->therapies(fx.patient);
  REQUIRE(courses.size() == 1u);
  CHECK(courses[0].drug == Drug::tofersen);
  CHECK(courses[0].start == ymd(2026, 6, 1));

  const PatientFacts f =
      std::move(load_facts(*fx.state.store, *fx.state.store->find_patient(fx.patient))).value();
  // Loading dose 1 today, dose 2 on 06-15.
  CHECK(
      gui::TofersenForm::course_line(f, ymd(2026, 6, 1)) ==
      "Tofersen since 2026-06-01: loading dose 1 on 2026-06-01 (today), then loading dose 2 on 2026-06-15.");
  const gui::TodayModel today = gui::build_today(f, fx.state.now);
  bool offered = false;
  for (const gui::TodayDose& d : today.doses)
    if (d.drug == Drug::tofersen) {
      offered = true;
      CHECK(d.key == "tofersen:" + std::to_string(courses[0].id) + ":d1");
      CHECK(d.what == "Tofersen intrathecal, 100 mg / 15 mL by lumbar puncture - loading dose 1");
    }
  CHECK(offered);

  // Given today from Today: the planner's line moves on to dose 2 and 3 (06-15, 06-29).
  for (const gui::TodayDose& d : today.doses)
    if (d.drug == Drug::tofersen)
      REQUIRE(gui::log_today_dose(*fx.state.store, f, d, DoseStatus::taken, "", fx.state.actor()).ok());
  const PatientFacts after =
      std::move(load_facts(*fx.state.store, *fx.state.store->find_patient(fx.patient))).value();
  CHECK(gui::TofersenForm::course_line(after, ymd(2026, 6, 1)) ==
        "Tofersen since 2026-06-01: loading dose 2 on 2026-06-15, then loading dose 3 on 2026-06-29.");
  // Dose 2 not given by 06-17: Today offers it, overdue, and not dose 3 (its day follows dose 2's).
  const Instant later = *parse_instant("2026-06-17T09:00", after.zone);
  int offered_later = 0;
  for (const gui::TodayDose& d : gui::build_today(after, later).doses)
    if (d.drug == Drug::tofersen) {
      ++offered_later;
      CHECK(d.key == "tofersen:" + std::to_string(courses[0].id) + ":d2");
      CHECK(d.timing == gui::DoseTiming::overdue);
    }
  CHECK(offered_later == 1);
  // The planner: dose 3 follows the day dose 2 is given by 14 days.
  CHECK(gui::TofersenForm::course_line(after, ymd(2026, 6, 17)) ==
        "Tofersen since 2026-06-01: loading dose 2 on 2026-06-15 (overdue: give as soon as possible), then "
        "loading dose 3 14 days after it.");
}

TEST_CASE("Planner: a tofersen start that is not a date is said beside the button, nothing stored") {
  GuiFixture fx("Europe/Oslo");
  GuiHarness gui(1600);
  open_tofersen_form(fx, gui);
  fx.state.planner.tofersen.start = "June 1st";
  REQUIRE(gui.click(fx.state, "planner:start-tofersen"));
  gui.frame(fx.state);
  CHECK(fx.state.planner.tofersen.message.error);
  CHECK(fx.state.planner.tofersen.message.text.rfind("start: ", 0) == 0);
  CHECK(fx.state.store->therapies(fx.patient).empty());
}

TEST_CASE("Pharmacy prep beside the board: a tofersen dose is one vial, never an infusion in a chair") {
  GuiFixture fx("Europe/Oslo");
  GuiHarness gui(1600);
  open_tofersen_form(fx, gui);
  REQUIRE(gui.click(fx.state, "planner:start-tofersen"));
  gui.frame(fx.state);
  REQUIRE(fx.state.store->therapies(fx.patient).size() == 1u);
  const Day monday = ymd(2026, 6, 1), sunday = ymd(2026, 6, 7);
  // Dose 1 due today (06-01), not given yet: one vial on Monday; no infusion on the board.
  const auto patients = gui::load_board_patients(*fx.state.store, monday, sunday + date::days{1});
  REQUIRE(patients.size() == 1u);
  const PrepList prep = gui::board_prep(patients, {}, monday, sunday);
  REQUIRE(prep.rows.size() == 2u);
  CHECK(prep.rows[0].date == monday);
  CHECK(prep.rows[0].product == "tofersen-intrathecal");
  CHECK(prep.rows[0].infusions == 1);
  CHECK(prep.rows[0].vials == 1);
  CHECK_FALSE(prep.rows[0].bags);
  CHECK(prep.rows[1].week);
  for (const gui::BoardDay& d : gui::build_board(patients, {}, monday, sunday, gui::Settings{}).days)
    CHECK(d.infusions.empty());
  // The chairs' load (board level) counts infusions only.
  const PatientFacts f =
      std::move(load_facts(*fx.state.store, *fx.state.store->find_patient(fx.patient))).value();
  const ChairLoad load = iv_chair_load({f}, {}, monday, 7);
  for (const int n : load.infusions) CHECK(n == 0);
}

TEST_CASE("Today: an NfL result logged from the lab form in pg/mL with no ULN, a CSF count needing none") {
  GuiFixture fx("Europe/London");
  fx.start(Drug::tofersen, ymd(2026, 11, 2), "intrathecal");
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::patient;
  GuiHarness gui(1400);  // the quick-logging form below the dose list
  gui::TodayView& v = fx.state.today_view;
  v.lab_test = 2;  // rules::kLabTests: ALT, AST, NfL, CSF-WBC, CSF-protein
  v.lab_value = "85";
  gui.frame(fx.state);
  REQUIRE(gui::probed("today:lab-test"));
  REQUIRE(gui.click(fx.state, "today:log-lab"));
  INFO(v.lab_message.text);
  CHECK_FALSE(v.lab_message.error);
  CHECK(v.lab_message.text.rfind("Lab result logged: NfL 85 pg/mL of 2026-11-25", 0) == 0);
  const auto entries = fx.state.store->log_entries(fx.patient);
  REQUIRE(entries.size() == 1u);
  CHECK(entries[0].test == "NfL");
  CHECK(entries[0].value == 85);
  CHECK(entries[0].uln == 0);

  // ALT with the ULN left empty: refused beside the button, nothing stored.
  v.lab_test = 0;
  v.lab_value = "30";
  v.lab_uln.clear();
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-lab"));
  CHECK(v.lab_message.error);
  CHECK(fx.state.store->log_entries(fx.patient).size() == 1u);
}

TEST_CASE("Course of therapy: tofersen's NfL charted and listed, the latest first, above the ULN said") {
  GuiFixture fx("Europe/London");
  fx.start(Drug::tofersen, ymd(2026, 9, 7), "intrathecal");
  fx.set_now("2026-11-25T12:00:00Z");
  const auto f = std::move(load_facts(*fx.state.store, *fx.state.store->find_patient(fx.patient))).value();
  for (const auto& [d, value] : {std::pair{ymd(2026, 9, 7), 96.0}, {ymd(2026, 10, 5), 71.5}}) {
    LabRequest r;
    r.test = "NfL";
    r.value = value;
    r.day = d;
    REQUIRE(log_lab(*fx.state.store, f, r, fx.state.actor()).ok());
  }
  fx.state.changed();
  fx.state.role = gui::Role::nurse;
  const auto views = gui::views_for(gui::Role::nurse);
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i]->name == "course") fx.state.tab = static_cast<int>(i);
  fx.state.select_tab = true;
  GuiHarness gui(3000);  // tall: the panel is under the course's forms
  gui.frames(fx.state, 2);
  CHECK(gui::probed("course:observations"));
  CHECK(gui::probed("course:observations:NfL"));
  CHECK_FALSE(gui::probed("course:observations:CSF-WBC"));  // no result: no chart
  const auto& drawn = fx.state.course.observations.series;
  REQUIRE(drawn.size() == 1u);
  REQUIRE(drawn[0].points.size() == 2u);
  CHECK(drawn[0].unit == "pg/mL");
  CHECK(drawn[0].points[1].value == 71.5);
}

TEST_CASE(
    "Infusion board: tofersen's lumbar punctures listed by day - an overdue one on the week's first day") {
  GuiFixture fx("Europe/Oslo");
  GuiHarness gui(1600);
  open_tofersen_form(fx, gui);  // Monday 2026-06-01
  REQUIRE(gui.click(fx.state, "planner:start-tofersen"));
  gui.frame(fx.state);
  REQUIRE(fx.state.store->therapies(fx.patient).size() == 1u);
  auto week = [&](Day monday) {
    const auto patients = gui::load_board_patients(*fx.state.store, monday, monday + date::days{7});
    return gui::build_board(patients, {}, monday, monday + date::days{6}, gui::Settings{});
  };
  // Loading dose 1 due today (06-01): one procedure that day, no chair infusion.
  const gui::BoardModel first = week(ymd(2026, 6, 1));
  REQUIRE(first.days[0].procedures.size() == 1u);
  CHECK(first.days[0].procedures[0].patient_name == "Ada Test");
  CHECK(first.days[0].procedures[0].dose.number == 1);
  CHECK_FALSE(first.days[0].procedures[0].dose.given);
  CHECK(first.days[0].infusions.empty());
  for (std::size_t i = 1; i < first.days.size(); ++i) CHECK(first.days[i].procedures.empty());
  // Never given: in the week of 06-15 it is overdue, listed on Monday 06-15 (due 06-01); dose 2 follows it by
  // 14 days (06-29), outside that week.
  const gui::BoardModel later = week(ymd(2026, 6, 15));
  REQUIRE(later.days[0].procedures.size() == 1u);
  CHECK(later.days[0].procedures[0].dose.number == 1);
  CHECK(later.days[0].procedures[0].dose.due == ymd(2026, 6, 1));
  for (std::size_t i = 1; i < later.days.size(); ++i) CHECK(later.days[i].procedures.empty());

  // Drawn on the board's day.
  open_board_on_monday(fx, gui);
  CHECK(gui::probed("board:procedure:" + std::to_string(fx.patient) + ":1"));
}

TEST_CASE(
    "Infusion board: a tofersen dose booked into a lumbar-puncture room, a double-click books it once") {
  GuiFixture fx("Europe/Oslo");
  GuiHarness gui(1600);
  open_tofersen_form(fx, gui);  // Monday 2026-06-01: loading dose 1 is due today
  REQUIRE(gui.click(fx.state, "planner:start-tofersen"));
  gui.frame(fx.state);
  open_board_on_monday(fx, gui);
  const std::string dose1 = std::to_string(fx.patient) + ":1";
  // Two presses of Book, both queued before either is applied (as when the writes wait for a slow server):
  // the first takes the first free room and time (room 1 at the unit's opening, 08:00, for the default 60
  // minutes); the second finds it booked and moves nothing (it took 09:00, the next free time, before).
  gui.hold_actions = true;
  REQUIRE(gui.double_click(fx.state, "board:procedure-book:" + dose1));
  CHECK(fx.state.actions.size() == 2u);
  gui.hold_actions = false;
  gui.frames(fx.state, 3);
  CHECK_THAT(fx.state.board.message.text, Catch::Contains("booked already (2026-06-01 08:00, room 1)"));
  const Day monday = ymd(2026, 6, 1);
  auto booked = fx.state.store->procedure_bookings(monday, monday);
  REQUIRE(booked.size() == 1u);
  CHECK(booked[0].chair == 1);
  CHECK(booked[0].start == WallClock{8 * 60});
  CHECK(booked[0].minutes == 60);
  CHECK(fx.state.store->infusion_bookings(monday, monday).empty());  // no chair taken
  const auto audit = fx.state.store->audit(fx.patient);
  CHECK(std::count_if(audit.begin(), audit.end(),
                      [](const AuditEntry& a) { return a.entity == "booking"; }) == 1);
  // The board shows it with its room and time, and offers to cancel it.
  REQUIRE(fx.state.board.model.days[0].procedures.size() == 1u);
  REQUIRE(fx.state.board.model.days[0].procedures[0].booking);
  CHECK(fx.state.board.model.days[0].procedures[0].problems.empty());
  REQUIRE(gui.click(fx.state, "board:procedure-cancel:" + dose1));
  gui.frames(fx.state, 3);
  CHECK(fx.state.store->procedure_bookings(monday, monday).empty());
  CHECK(gui::probed("board:procedure-book:" + dose1));
}

TEST_CASE("Infusion board: a tofersen dose of this week not given by today is said overdue on its own day") {
  // Loading dose 1 due Monday 2026-06-01, never given; the board's week from that Monday, today Wednesday.
  gui::BoardProcedure p;
  p.patient_name = "Ada Test";
  p.dose.number = 1;
  p.dose.day = p.dose.due = ymd(2026, 6, 1);
  const auto on_monday = gui::procedure_line(p, ymd(2026, 6, 1), ymd(2026, 6, 3));
  CHECK(on_monday.overdue);
  CHECK(on_monday.text == "Ada Test - loading dose 1, overdue since 2026-06-01: as soon as possible");
  // On the day itself it is due, not overdue; given, it is neither.
  CHECK_FALSE(gui::procedure_line(p, ymd(2026, 6, 1), ymd(2026, 6, 1)).overdue);
  p.dose.given = true;
  CHECK(gui::procedure_line(p, ymd(2026, 6, 1), ymd(2026, 6, 3)).text == "Ada Test - loading dose 1, given");
  // Booked on a later day than the one shown (the dose's own): the booking's day, time and room are said.
  p.dose.given = false;
  InfusionBooking b;
  b.day = ymd(2026, 6, 4);
  b.start = WallClock{9 * 60};
  b.minutes = 45;
  b.chair = 2;
  p.booking = b;
  CHECK(gui::procedure_line(p, ymd(2026, 6, 1), ymd(2026, 6, 1)).text ==
        "Ada Test - loading dose 1: booked 2026-06-04 09:00-09:45, room 2");
}
