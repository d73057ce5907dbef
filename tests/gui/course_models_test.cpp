// The app's models on the course as clinics live it (issue 13): a doubled riluzole dose is never offered,
// a delay of the cycle under way keeps the infusions already given.
#include "gui_fixture.hpp"
#include "planner_model.hpp"
#include "product_combo.hpp"
#include "today_model.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

const gui::TodayDose* dose_at(const gui::TodayModel& m, const std::string& key) {
  for (const auto& d : m.doses)
    if (d.key == key) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("Today at 22:17: the 08:00 dose is missed (never offered to take now), the 20:00 one is") {
  GuiFixture fx("UTC");
  const RecordId t = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  const std::string morning = "riluzole:" + std::to_string(t) + ":2026-11-25:1";
  const std::string evening = "riluzole:" + std::to_string(t) + ":2026-11-25:2";
  // 16:59: the next dose's window (20:00 - 3 h) has not opened: the 08:00 dose may still be taken, late.
  fx.set_now("2026-11-25T16:59:00Z");
  gui::TodayModel m = gui::build_today(*fx.state.facts(), fx.state.now);
  REQUIRE(dose_at(m, morning));
  CHECK(dose_at(m, morning)->timing == gui::DoseTiming::late);
  // 22:17: missed. Taken now is refused; taken earlier at its real time is recorded.
  fx.set_now("2026-11-25T22:17:00Z");
  m = gui::build_today(*fx.state.facts(), fx.state.now);
  REQUIRE(dose_at(m, morning));
  REQUIRE(dose_at(m, evening));
  CHECK(dose_at(m, morning)->timing == gui::DoseTiming::missed);
  CHECK(dose_at(m, evening)->timing == gui::DoseTiming::due);
  const auto now = gui::log_today_dose(*fx.state.store, *fx.state.facts(), *dose_at(m, morning),
                                       DoseStatus::taken, "", fx.state.actor());
  REQUIRE_FALSE(now.ok());
  CHECK_THAT(now.error(), Catch::Contains("never double"));
  REQUIRE(gui::log_today_dose_taken_at(*fx.state.store, *fx.state.facts(), *dose_at(m, morning),
                                       WallClock{8 * 60 + 10}, fx.state.actor())
              .ok());
  fx.state.changed();
  const auto log = fx.state.facts()->log;
  REQUIRE(log.size() == 1u);
  CHECK(log[0].at == *parse_instant("2026-11-25T08:10:00Z", *find_zone("UTC")));
  CHECK(log[0].planned_key == morning);
  m = gui::build_today(*fx.state.facts(), fx.state.now);
  CHECK_FALSE(dose_at(m, morning));
  CHECK(dose_at(m, evening));
}

TEST_CASE(
    "One dose pressed twice 5 s apart is one intent, refused naming the first, and a minute apart an extra "
    "dose with an alert") {
  GuiFixture fx("UTC");
  const RecordId t = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T20:05:00Z");
  auto m = gui::build_today(*fx.state.facts(), fx.state.now);
  const std::string evening = "riluzole:" + std::to_string(t) + ":2026-11-25:2";
  REQUIRE(dose_at(m, evening));
  const gui::TodayDose d = *dose_at(m, evening);  // the screen as drawn before the first press
  const auto first =
      gui::log_today_dose(*fx.state.store, *fx.state.facts(), d, DoseStatus::taken, "", fx.state.actor());
  REQUIRE(first.ok());
  fx.state.changed();
  fx.set_now("2026-11-25T20:05:05Z");
  const auto again =
      gui::log_today_dose(*fx.state.store, *fx.state.facts(), d, DoseStatus::taken, "", fx.state.actor());
  REQUIRE_FALSE(again.ok());
  CHECK_THAT(again.error(),
             Catch::Contains("recorded 5 s ago") && Catch::Contains("record " + std::to_string(first->id)));
  fx.state.changed();
  CHECK(fx.state.facts()->log.size() == 1u);
  // A minute later it is a person's second decision: recorded as it happened, an extra dose, with an alert.
  fx.set_now("2026-11-25T20:06:05Z");
  REQUIRE(gui::log_today_dose(*fx.state.store, *fx.state.facts(), d, DoseStatus::taken, "", fx.state.actor())
              .ok());
  fx.state.changed();
  int under_key = 0;
  for (const auto& e : fx.state.facts()->log) under_key += e.planned_key == evening;
  CHECK(under_key == 1);
  CHECK(fx.state.facts()->log.size() == 2u);
  bool alert = false;
  for (const auto& a : alerts(*fx.state.facts(), ymd(2026, 11, 25)))
    alert = alert || a.detail.find("doubled dose") != std::string::npos;
  CHECK(alert);
}

TEST_CASE("Delay of the cycle under way: the infusions given on Nov 23-24 stay given, the rest moves") {
  // IV from Mon 2026-10-26: cycle 1 Oct 26 - Nov 8; cycle 2 from Nov 23 (Oct 26 + 28), doses Nov 23 - Dec 2.
  // Given Nov 23-24; on Nov 25 a 3-day delay: the 8 left (Nov 25 - Dec 2) move to Nov 28 - Dec 5.
  GuiFixture fx("UTC");
  const RecordId t = fx.start(Drug::edaravone, ymd(2026, 10, 26), "iv");
  fx.set_now("2026-11-25T09:00:00Z");
  auto month = gui::build_month(*fx.state.facts(), date::year{2026} / date::month{11});
  for (Day d : {ymd(2026, 11, 23), ymd(2026, 11, 24)})
    REQUIRE(
        gui::mark_infusion(*fx.state.store, *fx.state.facts(), month, d, DoseStatus::taken, fx.state.actor())
            .ok());
  fx.state.changed();
  REQUIRE(gui::delay_cycle(*fx.state.store, *fx.state.facts(), 2, 3, Reflow::shift_all_later, "fever",
                           fx.state.actor())
              .ok());
  fx.state.changed();
  const auto today = gui::build_today(*fx.state.facts(), fx.state.now);
  for (const auto& d : today.doses) CHECK(d.timing != gui::DoseTiming::overdue);
  REQUIRE(today.next_infusion);
  CHECK(*today.next_infusion == ymd(2026, 11, 28));
  CHECK(today.next_infusion_what == "Edaravone IV, 60 mg over 60 min - cycle 2, day 6");
  month = gui::build_month(*fx.state.facts(), date::year{2026} / date::month{11});
  for (const auto& c : month.days) {
    if (c.day == ymd(2026, 11, 23) || c.day == ymd(2026, 11, 24)) CHECK(c.mark == gui::DayMark::given);
    if (c.day >= ymd(2026, 11, 25) && c.day <= ymd(2026, 11, 27)) CHECK(c.mark != gui::DayMark::dose);
    if (c.day >= ymd(2026, 11, 28) && c.day <= ymd(2026, 11, 30)) CHECK(c.mark == gui::DayMark::dose);
  }
  (void)t;
}

TEST_CASE("The Today header's next liver test is due's: the early re-test after a high ALT comes first") {
  // Riluzole from 2026-11-01: baseline Nov 1 (ALT of Oct 30 counts), month-1 Dec 1. ALT 4x ULN on Nov 10:
  // re-test by Nov 24, overdue on Nov 25: the header's next test, as in due (it showed Dec 1).
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T09:00:00Z");
  const Actor setup{"setup", fx.state.now};
  for (auto [day, value] : {std::pair{ymd(2026, 10, 30), 30.0}, std::pair{ymd(2026, 11, 10), 160.0}}) {
    LogEntry e;
    e.patient_id = fx.patient;
    e.kind = LogKind::lab;
    e.test = "ALT";
    e.value = value;
    e.uln = 40;
    e.day = day;
    e.at = Instant{day};
    REQUIRE(fx.state.store->append_log(e, setup).ok());
  }
  fx.state.changed();
  const auto m = gui::build_today(*fx.state.facts(), fx.state.now);
  REQUIRE(m.next_liver_test);
  CHECK(*m.next_liver_test == ymd(2026, 11, 24));
  std::string first_lft;
  for (const auto& i : due_items(*fx.state.facts(), ymd(2026, 11, 25)))
    if (i.kind == "lft" && first_lft.empty()) first_lft = i.when;
  CHECK(first_lft == "2026-11-24");
}

TEST_CASE("While a stop alert stands, the Today view shows riluzole doses on hold") {
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T07:00:00Z");
  const Actor setup{"setup", fx.state.now};
  for (auto [day, value] : {std::pair{ymd(2026, 10, 30), 30.0}, std::pair{ymd(2026, 11, 20), 240.0}}) {
    LogEntry e;
    e.patient_id = fx.patient;
    e.kind = LogKind::lab;
    e.test = "ALT";
    e.value = value;
    e.uln = 40;
    e.day = day;
    e.at = Instant{day};
    REQUIRE(fx.state.store->append_log(e, setup).ok());
  }
  fx.state.changed();
  const auto m = gui::build_today(*fx.state.facts(), fx.state.now);
  REQUIRE_FALSE(m.doses.empty());
  for (const auto& d : m.doses)
    if (d.drug == Drug::riluzole)
      CHECK_THAT(d.what, Catch::Contains("ON HOLD pending the prescriber's decision"));
}

TEST_CASE(
    "A switch recorded for a later day shows in the course's line (Course of therapy, planner header)") {
  // Issue 24: after a switch from IV to oral from tomorrow, the views still read IV with no word of it.
  Therapy t;
  t.drug = Drug::edaravone;
  t.product = Product::edaravone_iv;
  t.start = ymd(2026, 1, 22);
  ProductChange c;
  c.from = ymd(2026, 12, 6);
  c.product = Product::edaravone_oral;
  t.changes.push_back(c);
  const std::string oral = gui::product_choice(Product::edaravone_oral);
  CHECK(gui::switches_ahead(t, ymd(2026, 12, 5)) == "; " + oral + " from 2026-12-06");
  CHECK(gui::switches_ahead(t, ymd(2026, 12, 6)).empty());  // in force: the line names it as today's form
  t.stop = ymd(2026, 12, 1);                                // a stopped course switches to nothing
  CHECK(gui::switches_ahead(t, ymd(2026, 11, 30)).empty());
}
