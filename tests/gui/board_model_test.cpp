// Nurse - Infusion board: booking through the window, and the conflicts found (pure model).
#include <filesystem>
#include <map>
#include <set>

#include "alsmeds/demo/demo_data.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/pharmacy/pharmacy_prep.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

TEST_CASE("Board: booking all of a day's infusions fills the first free slots, chair by chair") {
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::edaravone, ymd(2026, 11, 23), "iv");  // cycle 1: every day
  NewPatient second;
  second.name = "Bo Test";
  second.tz = "Europe/London";
  const RecordId p2 = std::move(fx.state.store->add_patient(second, {"setup", Instant{}})).value();
  NewTherapy t2;
  t2.patient_id = p2;
  t2.drug = Drug::edaravone;
  t2.product = Product::edaravone_iv;
  t2.start = ymd(2026, 11, 24);
  const RecordId therapy2 = std::move(fx.state.store->start_therapy(t2, {"setup", Instant{}})).value();
  fx.state.changed();
  fx.set_now("2026-11-25T09:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = 1;
  fx.state.settings.chairs = 3;
  fx.state.settings.opening_hour = 8;
  fx.state.settings.closing_hour = 12;
  GuiHarness gui;
  gui.frames(fx.state, 2);
  fx.state.job.wait();  // the board loads off the UI thread
  gui.frame(fx.state);
  REQUIRE(fx.state.board.loaded);
  REQUIRE(gui.click(fx.state, "board:book-all"));
  const auto booked = fx.state.store->infusion_bookings(ymd(2026, 11, 25), ymd(2026, 11, 25));
  REQUIRE(booked.size() == 2);
  // Both patients' cycle-1 doses of the day: day 3 and day 2, at 08:00 in chairs 1 and 2.
  std::set<std::string> keys{booked[0].planned_key, booked[1].planned_key};
  CHECK(keys.count("edaravone:" + std::to_string(therapy) + ":c1:d3"));
  CHECK(keys.count("edaravone:" + std::to_string(therapy2) + ":c1:d2"));
  CHECK(booked[0].start == WallClock{8 * 60});
  CHECK(booked[1].start == WallClock{8 * 60});
  CHECK(std::set<int>{booked[0].chair, booked[1].chair} == std::set<int>{1, 2});
  gui.frame(fx.state);
  CHECK_FALSE(gui::probed("board:book-all"));  // nothing left to book that day

  // Drag the booking in chair 1 at 08:00 to chair 3 at 10:00.
  const std::string moved_key = booked[0].chair == 1 ? booked[0].planned_key : booked[1].planned_key;
  REQUIRE(gui.drag(fx.state, "board:slot:8:1", "board:slot:10:3"));
  const auto after = fx.state.store->infusion_bookings(ymd(2026, 11, 25), ymd(2026, 11, 25));
  REQUIRE(after.size() == 2);
  bool found = false;
  for (const InfusionBooking& b : after)
    if (b.planned_key == moved_key) {
      found = true;
      CHECK(b.chair == 3);
      CHECK(b.start == WallClock{10 * 60});
    }
  CHECK(found);

  // Right click the moved booking, "Cancel booking": the slot is free and the infusion unbooked again.
  REQUIRE(gui.right_click(fx.state, "board:slot:10:3"));
  REQUIRE(gui.click(fx.state, "board:cancel:" + moved_key));
  const auto left = fx.state.store->infusion_bookings(ymd(2026, 11, 25), ymd(2026, 11, 25));
  REQUIRE(left.size() == 1);
  CHECK(left[0].planned_key != moved_key);
  gui.frame(fx.state);
  CHECK(gui::probed("board:book-all"));  // one infusion of the day is unbooked again
}

TEST_CASE("Board: double-booked chairs, stale bookings and over-capacity are flagged") {
  gui::BoardPatient a, b;
  a.facts.patient.id = 1;
  a.facts.patient.name = "A";
  a.facts.zone = *find_zone("UTC");
  b = a;
  b.facts.patient.id = 2;
  b.facts.patient.name = "B";
  Therapy ta;
  ta.id = 10;
  ta.patient_id = 1;
  ta.drug = Drug::edaravone;
  ta.product = Product::edaravone_iv;
  ta.start = ymd(2026, 11, 23);
  Therapy tb = ta;
  tb.id = 20;
  tb.patient_id = 2;
  a.facts.therapies = {ta};
  b.facts.therapies = {tb};
  gui::Settings settings;
  settings.chairs = 1;
  settings.opening_hour = 8;
  settings.closing_hour = 9;  // one slot a day
  const Day day = ymd(2026, 11, 25);
  auto booking = [&](RecordId patient, const std::string& key, Day d, int chair, int hour) {
    InfusionBooking x;
    x.patient_id = patient;
    x.planned_key = key;
    x.day = d;
    x.chair = chair;
    x.start = WallClock{hour * 60};
    return x;
  };
  // Both in chair 1 at 08:00 on the 25th (cycle 1 day 3 of each), and A's day 4 booked on the 25th too.
  const std::vector<InfusionBooking> bookings{booking(1, "edaravone:10:c1:d3", day, 1, 8),
                                              booking(2, "edaravone:20:c1:d3", day, 1, 8),
                                              booking(1, "edaravone:10:c1:d4", day, 2, 15)};
  const auto m = gui::build_board({a, b}, bookings, day, day, settings);
  REQUIRE(m.days.size() == 1);
  const gui::BoardDay& d = m.days[0];
  CHECK(d.capacity == 1);
  CHECK(d.infusions.size() == 3);
  CHECK(d.over_capacity);
  auto problems_of = [&](const std::string& key) {
    for (const auto& i : d.infusions)
      if (i.key == key) return i.problems;
    FAIL("no infusion " << key);
    return std::vector<std::string>{};
  };
  auto has = [](const std::vector<std::string>& ps, const char* word) {
    return std::any_of(ps.begin(), ps.end(),
                       [&](const std::string& p) { return p.find(word) != std::string::npos; });
  };
  CHECK(has(problems_of("edaravone:10:c1:d3"), "double-booked"));
  CHECK(has(problems_of("edaravone:20:c1:d3"), "double-booked"));
  const auto stale = problems_of("edaravone:10:c1:d4");
  CHECK(has(stale, "planned 2026-11-26"));                           // day 4 of a cycle starting 11-23
  CHECK(has(stale, "does not exist"));                               // chair 2 of 1
  CHECK(has(stale, "outside opening hours"));                        // 15:00, open 08:00-09:00
  CHECK_FALSE(has(problems_of("edaravone:10:c1:d3"), "same time"));  // A's two are 7 hours apart
  CHECK(d.conflicts == 3);
  CHECK_FALSE(gui::first_free_slot(d, m));  // the only slot is taken
}

TEST_CASE("Pharmacy prep: for a week of the demo clinic, the infusions per day equal the board's") {
  GuiFixture fx("UTC");
  // A fresh demo clinic (the fixture's patient has no course: the demo refuses a database with patients, so
  // the demo goes into its own store).
  const auto dir = fx.dir / "demo";
  std::filesystem::create_directories(dir);
  auto store = std::move(open_record_store((dir / "demo.db").string())).value();
  DemoRequest demo;
  demo.patients = 40;
  demo.years = 1;
  demo.seed = 7;
  demo.today = ymd(2026, 11, 25);
  REQUIRE(fill_demo_data(*store, demo, {"setup", Instant{}}, nullptr).ok());
  const Day from = ymd(2026, 11, 23), to = ymd(2026, 11, 29);  // Monday to Sunday

  // One infusion of the week booked on the next day (a booking made before a re-flow): the board shows it
  // on its booked day, and so must the pharmacy.
  auto patients = gui::load_board_patients(*store, from, to + date::days{1});
  auto board = gui::build_board(patients, {}, from, to, gui::Settings{});
  const gui::BoardInfusion* first = nullptr;
  for (const gui::BoardDay& d : board.days)
    if (!first && !d.infusions.empty() && d.day < to) first = &d.infusions.front();
  REQUIRE(first);
  InfusionBooking moved;
  moved.patient_id = first->patient_id;
  moved.planned_key = first->key;
  moved.day = first->planned_day + date::days{1};
  moved.chair = 1;
  moved.start = WallClock{8 * 60};
  REQUIRE(store->book_infusion(moved, {"setup", Instant{}}).ok());

  const auto bookings = store->infusion_bookings(from - date::days{28}, to + date::days{28});
  board = gui::build_board(patients, bookings, from, to, gui::Settings{});
  std::map<Day, int> on_board;
  int week_on_board = 0;
  for (const gui::BoardDay& d : board.days)
    for (const gui::BoardInfusion& i : d.infusions)
      if (i.cycle > 0) {  // a planned infusion (not a stale booking)
        ++on_board[d.day];
        ++week_on_board;
      }
  REQUIRE(week_on_board > 10);  // the demo clinic has IV patients this week

  std::vector<PatientFacts> facts;
  for (const Patient& p : store->patients()) facts.push_back(std::move(load_facts(*store, p)).value());
  const PrepList prep = pharmacy_prep(facts, bookings, from, to);
  std::map<Day, int> prepared;
  int week_prepared = 0;
  for (const PrepRow& r : prep.rows) {
    if (!r.chair) continue;  // tofersen's doses: procedures, not chair infusions
    if (r.week) {
      CHECK(r.date == from);
      week_prepared += r.infusions;
    } else {
      prepared[r.date] += r.infusions;
    }
  }
  CHECK(prepared == on_board);
  CHECK(week_prepared == week_on_board);
}

TEST_CASE(
    "Board: a move or cancel from a stale board is refused naming who changed the booking, and the board is "
    "read again") {
  // The trial: on one store a nurse whose board had not re-read yet moved another nurse's booking unwarned.
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::edaravone, ymd(2026, 11, 23), "iv");  // cycle 1: every day
  const std::string key = "edaravone:" + std::to_string(therapy) + ":c1:d3";    // Nov 25
  fx.set_now("2026-11-25T09:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = 1;
  fx.state.settings.chairs = 3;
  fx.state.settings.opening_hour = 8;
  fx.state.settings.closing_hour = 12;
  GuiHarness gui;
  gui.frames(fx.state, 2);
  fx.state.job.wait();
  gui.frame(fx.state);
  REQUIRE(fx.state.board.loaded);
  REQUIRE(gui.click(fx.state, "board:book-all"));  // 08:00, chair 1
  gui.frame(fx.state);
  fx.state.job.wait();  // the board's own re-read after its booking
  gui.frames(fx.state, 2);
  REQUIRE(gui::probed("board:slot:8:1"));
  // Another workstation (its own connection to the file) moves it to chair 2 at 09:00; this board has not
  // looked at the file since (its clock has not moved on).
  {
    auto other = std::move(open_record_store(fx.state.db_path)).value();
    auto booked = other->infusion_bookings(ymd(2026, 11, 25), ymd(2026, 11, 25));
    REQUIRE(booked.size() == 1);
    InfusionBooking moved = booked[0];
    moved.chair = 2;
    moved.start = WallClock{9 * 60};
    REQUIRE(other->book_infusion(moved, {"kim", fx.state.now}, booked[0].id).ok());
  }
  REQUIRE(gui.drag(fx.state, "board:slot:8:1", "board:slot:10:3"));
  auto now_booked = fx.state.store->infusion_bookings(ymd(2026, 11, 25), ymd(2026, 11, 25));
  REQUIRE(now_booked.size() == 1);
  CHECK(now_booked[0].chair == 2);  // kim's move stands
  CHECK(now_booked[0].start == WallClock{9 * 60});
  INFO(fx.state.board.message.text);
  CHECK(fx.state.board.message.error);
  CHECK_THAT(fx.state.board.message.text, Catch::Contains("changed since the board was read") &&
                                              Catch::Contains("kim") && Catch::Contains("chair 2 at 09:00"));
  // Read again at once: the booking shows where kim put it.
  gui.frames(fx.state, 2);
  fx.state.job.wait();
  gui.frames(fx.state, 2);
  const gui::BoardInfusion* shown = nullptr;
  for (const gui::BoardDay& d : fx.state.board.model.days)
    for (const gui::BoardInfusion& i : d.infusions)
      if (i.key == key) shown = &i;
  REQUIRE(shown);
  REQUIRE(shown->booking);
  CHECK(shown->booking->chair == 2);
  CHECK(shown->booking->booked_by == "kim");
  // A cancel from a stale board too: kim cancels; this board still shows the 09:00 booking.
  {
    auto other = std::move(open_record_store(fx.state.db_path)).value();
    REQUIRE(other->cancel_booking(key, {"kim", fx.state.now}).ok());
  }
  REQUIRE(gui.right_click(fx.state, "board:slot:9:2"));
  REQUIRE(gui.click(fx.state, "board:cancel:" + key));
  CHECK(fx.state.board.message.error);
  CHECK_THAT(fx.state.board.message.text, Catch::Contains("kim cancelled it"));
}

TEST_CASE("Board: its day is the clinic's (a setting), not the open patient's zone") {
  // 20:00 UTC on Wed Nov 25: still Nov 25 in London (the clinic), already Thu Nov 26 in Auckland (the
  // patient).
  GuiFixture fx("Pacific/Auckland");
  fx.start(Drug::edaravone, ymd(2026, 11, 23), "iv");
  fx.set_now("2026-11-25T20:00:00Z");
  fx.state.settings.clinic_tz = "Europe/London";
  fx.state.role = gui::Role::nurse;
  fx.state.tab = 1;
  GuiHarness gui;
  gui.frames(fx.state, 2);
  fx.state.job.wait();
  gui.frame(fx.state);
  CHECK(fx.state.today() == ymd(2026, 11, 26));    // the patient's day
  CHECK(fx.state.board.day == ymd(2026, 11, 25));  // the board's: the clinic's
  CHECK(fx.state.board.from == ymd(2026, 11, 23));
}
