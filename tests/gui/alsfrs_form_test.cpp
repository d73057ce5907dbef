// The ALSFRS-R form (issue 28): a patient answers the 12 questions from Today, one a screen; a double-click
// on an answer answers one question only; Save writes one report for the patient the form was opened for; the
// self-report reminder comes once a day while it is due. The expected totals are summed by hand.
#include "alsmeds/records/alsfrs.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"
#include "reminders.hpp"
#include "settings.hpp"
#include "views/view_list.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

int tab_of_course() {
  const auto views = gui::views_for(gui::Role::nurse);
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i]->name == "course") return static_cast<int>(i);
  FAIL("no course view");
  return -1;
}

}  // namespace

TEST_CASE("ALSFRS-R form: one question a screen, a double-click answers one, Save writes one report") {
  GuiFixture fx("Europe/London");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::patient;
  GuiHarness gui(1400);
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:alsfrs"));
  gui.frames(fx.state, 2);
  gui::AlsfrsForm& form = fx.state.today_view.alsfrs;
  REQUIRE(gui::probed("alsfrs:answer:4"));
  CHECK(form.item == 0);

  // A double-click on "3" of speech: speech is 3, and the second press does not answer salivation.
  REQUIRE(gui.double_click(fx.state, "alsfrs:answer:3"));
  gui.frame(fx.state);
  CHECK(form.item == 1);
  CHECK(form.answers[0] == 3);
  CHECK(form.answers[1] == -1);

  // The other eleven: 4,4,4,2,4,4,4,3,4,4,4 (handwriting 4, item 5 as 2, climbing stairs 3).
  for (int score : {4, 4, 4, 2, 4, 4, 4, 3, 4, 4, 4}) {
    gui.pause(fx.state, 0.6);
    REQUIRE(gui.click(fx.state, "alsfrs:answer:" + std::to_string(score)));
  }
  gui.frame(fx.state);
  REQUIRE(form.item == kAlsfrsItems);
  REQUIRE(form.complete());
  CHECK(form.items_text() == "3,4,4,4,2,4,4,4,3,4,4,4");
  gui.pause(fx.state, 0.6);
  REQUIRE(gui.double_click(fx.state, "alsfrs:save"));
  fx.state.wait_for_background();
  gui.frames(fx.state, 3);
  const auto stored = fx.state.store->alsfrs_reports(fx.patient);
  REQUIRE(stored.size() == 1u);  // the second press of the double-click wrote nothing more
  CHECK(format_alsfrs_items(stored[0].items) == "3,4,4,4,2,4,4,4,3,4,4,4");
  CHECK(score(stored[0].items).total == 44);  // 11 + 10 + 11 + 12
  CHECK(stored[0].day == ymd(2026, 11, 25));
  CHECK_FALSE(stored[0].gastrostomy);
  CHECK(form.message.text.find("total 44 of 48") != std::string::npos);
  CHECK_FALSE(gui::probed("alsfrs:answer:4"));  // the form closed
}

TEST_CASE("ALSFRS-R form: answers ignore presses just after the question changed, Back goes one back") {
  gui::AlsfrsForm f;
  f.start(7, /*gastrostomy=*/true, ymd(2026, 11, 25), /*clinician=*/false);
  CHECK(f.patient == 7);
  CHECK(f.day == "2026-11-25");
  CHECK(f.choose(4, 10.0));
  CHECK_FALSE(f.choose(0, 10.2));  // 0.2 s later: the hand's second press, not an answer
  CHECK(f.item == 1);
  CHECK(f.choose(3, 10.6));
  f.back(11.5);
  CHECK(f.item == 1);
  CHECK(f.answers[1] == 3);  // kept, to be changed
  CHECK_FALSE(f.choose(2, 11.6));
  CHECK(f.choose(2, 12.1));
  CHECK_FALSE(f.complete());
  CHECK_FALSE(f.choose(5, 13.0));  // not an answer
  double t = 13.0;
  for (int i = 2; i < kAlsfrsItems; ++i) CHECK(f.choose(1, t += 1));
  CHECK(f.complete());
  CHECK_FALSE(f.choose(1, t + 1));  // the summary takes no answer
  CHECK(f.items_text() == "4,2,1,1,1,1,1,1,1,1,1,1");
}

TEST_CASE("ALSFRS-R reminder: once a day at 09:00 from the day it is due, never before") {
  GuiFixture fx("Europe/London");
  fx.start(Drug::riluzole, ymd(2026, 10, 1), "tablet");
  fx.set_now("2026-11-01T07:00:00Z");
  AlsfrsReport r;
  r.patient_id = fx.patient;
  r.day = ymd(2026, 10, 28);  // due 28 days later: 2026-11-25
  r.items.fill(4);
  REQUIRE(fx.state.store->add_alsfrs(r, fx.state.actor()).ok());
  fx.state.changed();
  const Instant started = fx.state.now;
  auto at = [](const char* iso) { return *parse_instant(iso, *find_zone("UTC")); };
  auto alsfrs_reminders = [&](const char* from, const char* to) {
    std::vector<gui::Reminder> out;
    for (gui::Reminder& x : gui::due_reminders(*fx.state.facts(), at(from), at(to), started))
      if (x.key.rfind("alsfrs:", 0) == 0) out.push_back(x);
    return out;
  };
  CHECK(alsfrs_reminders("2026-11-24T08:30:00Z", "2026-11-24T09:30:00Z").empty());  // the day before
  const auto due = alsfrs_reminders("2026-11-25T08:30:00Z", "2026-11-25T09:30:00Z");
  REQUIRE(due.size() == 1u);
  CHECK(due[0].key == "alsfrs:2026-11-25");
  CHECK(due[0].body.find("ALSFRS-R") != std::string::npos);
  CHECK(alsfrs_reminders("2026-11-25T09:30:00Z", "2026-11-25T23:00:00Z").empty());  // once that day
  const auto next_day = alsfrs_reminders("2026-11-26T08:30:00Z", "2026-11-26T09:30:00Z");
  REQUIRE(next_day.size() == 1u);  // still not answered: again the next morning
  CHECK(next_day[0].key == "alsfrs:2026-11-26");
}

TEST_CASE("ALSFRS-R interval: a setting, saved and read back, that the app's due list and reminders follow") {
  GuiFixture fx("Europe/London");
  fx.start(Drug::riluzole, ymd(2026, 10, 1), "tablet");
  fx.set_now("2026-11-15T12:00:00Z");
  AlsfrsReport r;
  r.patient_id = fx.patient;
  r.day = ymd(2026, 11, 1);
  r.items.fill(4);
  REQUIRE(fx.state.store->add_alsfrs(r, fx.state.actor()).ok());
  fx.state.changed();
  auto alsfrs_due = [&] {
    for (const DueItem& i : due_items(*fx.state.facts(), ymd(2026, 11, 15)))
      if (i.kind == "alsfrs") return true;
    return false;
  };
  CHECK_FALSE(alsfrs_due());  // 4 weeks by default: 11-29
  fx.state.settings.alsfrs_every_days = 14;
  CHECK(alsfrs_due());  // every 2 weeks: due on 11-15

  const std::string path = (fx.dir / "cfg" / "settings.json").string();
  REQUIRE(gui::save_settings(fx.state.settings, path).ok());
  auto back = gui::load_settings(path);
  REQUIRE(back.ok());
  CHECK(back->alsfrs_every_days == 14);
  gui::Settings odd = fx.state.settings;
  odd.alsfrs_every_days = 3;  // out of range: refused with the defaults
  REQUIRE(gui::save_settings(odd, path).ok());
  CHECK_FALSE(gui::load_settings(path).ok());
}

TEST_CASE("ALSFRS-R form: reported today, the button corrects today's report (one report a day)") {
  GuiFixture fx("Europe/London");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::patient;
  AlsfrsReport r;
  r.patient_id = fx.patient;
  r.day = ymd(2026, 11, 25);
  r.items.fill(4);
  const RecordId first = fx.state.store->add_alsfrs(r, fx.state.actor()).value();
  fx.state.changed();
  GuiHarness gui(1400);
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:alsfrs"));
  gui.frames(fx.state, 2);
  gui::AlsfrsForm& form = fx.state.today_view.alsfrs;
  REQUIRE(form.corrects == first);
  for (int i = 0; i < kAlsfrsItems; ++i) {
    gui.pause(fx.state, 0.6);
    REQUIRE(gui.click(fx.state, i == 9 ? "alsfrs:answer:3" : "alsfrs:answer:4"));  // breathing: 3
  }
  gui.pause(fx.state, 0.6);
  REQUIRE(gui.click(fx.state, "alsfrs:save"));
  fx.state.wait_for_background();
  gui.frames(fx.state, 2);
  INFO(form.message.text);
  CHECK_FALSE(form.message.error);
  const auto current = current_reports(fx.state.store->alsfrs_reports(fx.patient));
  REQUIRE(current.size() == 1u);  // the correction replaces the report, nothing is deleted
  CHECK(current[0].supersedes == first);
  CHECK(score(current[0].items).total == 47);
  CHECK(fx.state.store->alsfrs_reports(fx.patient).size() == 2u);
}

TEST_CASE(
    "ALSFRS-R form: the nurse's rating of a day ahead is refused, and the answers come back to fix it") {
  GuiFixture fx("Europe/London");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::nurse;
  gui::AlsfrsForm& form = fx.state.course.function.form;
  form.start(fx.patient, false, ymd(2026, 11, 25), /*clinician=*/true);
  double t = 100;
  for (int i = 0; i < kAlsfrsItems; ++i) REQUIRE(form.choose(3, t += 1));  // 36
  form.day = "2026-11-26";                                                 // tomorrow
  form.changed_at = -1e9;
  GuiHarness gui(1600);
  fx.state.tab = tab_of_course();
  fx.state.select_tab = true;
  gui.frames(fx.state, 2);
  form.open_requested = true;  // as "Rate ALSFRS-R..." does, the answers given above
  gui.frames(fx.state, 2);
  REQUIRE(gui::probed("alsfrs:save"));
  REQUIRE(gui.click(fx.state, "alsfrs:save"));
  fx.state.wait_for_background();
  gui.frames(fx.state, 2);
  INFO(form.message.text);
  CHECK(form.message.error);
  CHECK(fx.state.store->alsfrs_reports(fx.patient).empty());
  REQUIRE(gui.click(fx.state, "course:alsfrs-reopen"));
  gui.frames(fx.state, 2);
  REQUIRE(gui::probed("alsfrs:day"));  // the summary again, the answers kept
  CHECK(form.items_text() == "3,3,3,3,3,3,3,3,3,3,3,3");
  form.day = "2026-11-24";
  gui.pause(fx.state, 0.6);
  REQUIRE(gui.click(fx.state, "alsfrs:save"));
  fx.state.wait_for_background();
  gui.frames(fx.state, 2);
  const auto stored = fx.state.store->alsfrs_reports(fx.patient);
  REQUIRE(stored.size() == 1u);
  CHECK(stored[0].day == ymd(2026, 11, 24));
  CHECK(score(stored[0].items).total == 36);
}
