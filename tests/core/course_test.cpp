// The course as clinics live it (issue 13), on the pure planner: delays of a started cycle, switches of form,
// and which rule wins when a re-flow keeps later cycles on their grid. Calendars worked by hand from the
// label rule (docs/domain.md): IV from Mon 2026-01-05; cycle 1 Jan 5-18; cycle 2 from Mon Feb 2 (Feb 2-11
// under `earliest`, window to Feb 15); cycle 3 from Mon Mar 2; cycle 4 from Mon Mar 30.
#include <catch2/catch.hpp>

#include "alsmeds/regimens/edaravone.hpp"
#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::day_range;
using alsmeds::test::ymd;

namespace {

std::vector<Day> dose_days(const InfusionCycle& c) {
  std::vector<Day> out;
  for (const auto& d : c.doses) out.push_back(d.day);
  return out;
}

std::vector<Day> join(std::vector<Day> a, const std::vector<Day>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

EdaravonePlan plan(std::vector<CycleShift> shifts, int cycles = 4, std::vector<Day> missed = {},
                   std::vector<EdaravoneFormChange> changes = {}) {
  EdaravonePlanRequest r;
  r.regimen = {ymd(2026, 1, 5), EdaravoneForm::iv, DayPolicy::earliest, FirstCycle::full};
  r.cycles = cycles;
  r.shifts = std::move(shifts);
  r.missed = std::move(missed);
  r.form_changes = std::move(changes);
  auto p = plan_edaravone(r);
  REQUIRE(p.ok());
  return p.value();
}

}  // namespace

TEST_CASE(
    "Started cycle 2 delayed 5 days after 3 doses: they stay, the 7 left move 5 days, 14 drug-free follow") {
  // Given Feb 2-4; the doses left were Feb 5-11. Interruption Feb 5-9; the 7 left: Feb 10-16. The window
  // Feb 2-15 grows by 5 to Feb 20; 14 drug-free days Feb 21 - Mar 6; cycle 3 on Mar 7 (its grid Mar 2 + 5).
  const auto p = plan({{2, 5, Reflow::shift_all_later, ymd(2026, 2, 5)}});
  const InfusionCycle& c2 = p.cycles[1];
  CHECK(c2.start == ymd(2026, 2, 2));
  CHECK(dose_days(c2) ==
        join(day_range(ymd(2026, 2, 2), ymd(2026, 2, 4)), day_range(ymd(2026, 2, 10), ymd(2026, 2, 16))));
  CHECK(c2.doses.size() == 10u);  // never more than 10 in the window
  CHECK(c2.doses[2].cycle_day == 3);
  CHECK(c2.doses[3].cycle_day == 9);  // Feb 10 is the window's 9th day
  CHECK(c2.window_last == ymd(2026, 2, 20));
  CHECK(c2.drug_free_days() == 14);
  CHECK(p.cycles[2].start == ymd(2026, 3, 7));
  CHECK(p.cycles[3].start == ymd(2026, 4, 4));
  CHECK(p.warnings.empty());
}

TEST_CASE("Started cycle 2 delayed 5 days, only this cycle: cycle 3 moves just enough, cycle 4 is on grid") {
  // Cycle 3 on its grid day Mar 2 would end cycle 2's window on Feb 15: Feb 2-4 and 10-15 are 9 doses, one
  // short, so cycle 3 moves a day: Mar 3, window to Feb 16 (10 doses), drug-free Feb 17 - Mar 2 (14 days).
  // Cycle 3 Mar 3-12 fits before Mar 15 = Mar 30 - 15: cycle 4 is back on its grid day Mar 30.
  const auto p = plan({{2, 5, Reflow::only_this_cycle, ymd(2026, 2, 5)}});
  CHECK(dose_days(p.cycles[1]).back() == ymd(2026, 2, 16));
  CHECK(p.cycles[1].window_last == ymd(2026, 2, 16));
  CHECK(p.cycles[1].drug_free_days() == 14);
  CHECK(p.cycles[2].start == ymd(2026, 3, 3));
  CHECK(p.cycles[3].start == ymd(2026, 3, 30));
}

TEST_CASE("Started cycle 1 delayed 3 days after 5 doses: 14 doses in all, the interruption carries none") {
  // Given Jan 5-9; left Jan 10-18 (9) move 3 days: Jan 13-21. Window Jan 5-21, drug-free Jan 22 - Feb 4,
  // cycle 2 on Feb 5 (Feb 2 + 3).
  const auto p = plan({{1, 3, Reflow::shift_all_later, ymd(2026, 1, 10)}}, 2);
  CHECK(dose_days(p.cycles[0]) ==
        join(day_range(ymd(2026, 1, 5), ymd(2026, 1, 9)), day_range(ymd(2026, 1, 13), ymd(2026, 1, 21))));
  CHECK(p.cycles[1].start == ymd(2026, 2, 5));
}

TEST_CASE("A missed day before a started cycle's delay still finds its make-up day after the interruption") {
  // Cycle 2: Feb 2 given, Feb 3 missed, Feb 4 given; delay 4 days from Feb 5: interruption Feb 5-8, window to
  // Feb 19. Planned: Feb 2, 3, 4, 9-15 (10); Feb 3 missed moves to the next free day: Feb 16.
  const auto p = plan({{2, 4, Reflow::shift_all_later, ymd(2026, 2, 5)}}, 3, {ymd(2026, 2, 3)});
  CHECK(dose_days(p.cycles[1]) ==
        join({ymd(2026, 2, 2), ymd(2026, 2, 4)}, day_range(ymd(2026, 2, 9), ymd(2026, 2, 16))));
  CHECK(p.cycles[1].doses.back().moved_from == ymd(2026, 2, 3));
}

TEST_CASE(
    "Switch IV to oral on Feb 6: cycle 2 days 5-10 oral, cycle 3 on Mar 2 oral, the days before unchanged") {
  const auto p = plan({}, 3, {}, {{ymd(2026, 2, 6), EdaravoneForm::oral}});
  const InfusionCycle& c2 = p.cycles[1];
  CHECK(dose_days(c2) == day_range(ymd(2026, 2, 2), ymd(2026, 2, 11)));  // the calendar goes on
  for (const auto& d : c2.doses) {
    INFO(format_day(d.day));
    CHECK(d.form == (d.day < ymd(2026, 2, 6) ? EdaravoneForm::iv : EdaravoneForm::oral));
    CHECK(d.dose == (d.day < ymd(2026, 2, 6) ? Milligrams{60} : Milligrams{105}));
  }
  CHECK(c2.doses[4].cycle_day == 5);
  CHECK(p.cycles[2].start == ymd(2026, 3, 2));
  CHECK(p.cycles[2].doses.front().form == EdaravoneForm::oral);
  for (const auto& d : p.cycles[0].doses) CHECK(d.form == EdaravoneForm::iv);
}

TEST_CASE("Only this cycle, 2 days: the later cycle's grid wins, cycle 2's window is cut to 12 days") {
  // The rule that wins (README, "Re-flow"): later cycles keep their 28-day grid day while the delayed cycle
  // still gets all its doses and 14 drug-free days. Cycle 2 from Feb 4: its 10 doses Feb 4-13 fit in Feb
  // 4-15, and cycle 3 on its grid day Mar 2 leaves 14 drug-free days Feb 16 - Mar 1, so the window is cut to
  // 12 days (Feb 4-15) rather than cycle 3 moving.
  const auto p = plan({{2, 2, Reflow::only_this_cycle, std::nullopt}}, 3);
  CHECK(p.cycles[1].start == ymd(2026, 2, 4));
  CHECK(dose_days(p.cycles[1]) == day_range(ymd(2026, 2, 4), ymd(2026, 2, 13)));
  CHECK(p.cycles[1].window_last == ymd(2026, 2, 15));
  CHECK((p.cycles[1].window_last - p.cycles[1].start).count() + 1 == 12);
  CHECK(p.cycles[1].drug_free_days() == 14);
  CHECK(p.cycles[2].start == ymd(2026, 3, 2));
  CHECK(p.warnings.empty());
}

TEST_CASE(
    "Restart with cycle 1 as 10 of 14: the later-cycle pattern from the restart day, by the day policy") {
  // Restart Fri 2026-02-06. earliest: Feb 6-15; weekdays: Fri Feb 6, Mon-Fri 9-13, Mon-Thu 16-19 (10 in the
  // window Feb 6-19). Cycle 2 on Mar 6 (Feb 6 + 28).
  EdaravonePlanRequest r;
  r.regimen = {ymd(2026, 2, 6), EdaravoneForm::oral, DayPolicy::earliest, FirstCycle::ten_of_fourteen};
  r.cycles = 2;
  auto p = plan_edaravone(r);
  REQUIRE(p.ok());
  CHECK(p->cycles[0].doses_required == 10);
  CHECK(dose_days(p->cycles[0]) == day_range(ymd(2026, 2, 6), ymd(2026, 2, 15)));
  CHECK(p->cycles[1].start == ymd(2026, 3, 6));
  r.regimen.policy = DayPolicy::weekdays;
  p = plan_edaravone(r);
  REQUIRE(p.ok());
  CHECK(dose_days(p->cycles[0]) == join(join({ymd(2026, 2, 6)}, day_range(ymd(2026, 2, 9), ymd(2026, 2, 13))),
                                        day_range(ymd(2026, 2, 16), ymd(2026, 2, 19))));
  // A missed day of such a cycle 1 has spare days for a make-up (earliest: Feb 7 missed -> Feb 16).
  r.regimen.policy = DayPolicy::earliest;
  r.missed = {ymd(2026, 2, 7)};
  p = plan_edaravone(r);
  REQUIRE(p.ok());
  CHECK(p->cycles[0].doses.back().day == ymd(2026, 2, 16));
}
