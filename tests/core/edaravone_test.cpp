// Hand-worked edaravone calendars. Every expectation below was counted on a paper calendar from the label
// rule: cycle 1 = days 1-14 dosed, cycles 2+ = 10 of days 1-14, every cycle 28 days (docs/domain.md).
#include "alsmeds/regimens/edaravone.hpp"

#include <catch2/catch.hpp>

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

EdaravonePlan plan(Day start, int cycles, DayPolicy policy = DayPolicy::earliest,
                   std::vector<Day> closed = {}, std::vector<CycleShift> shifts = {},
                   std::vector<Day> missed = {}, EdaravoneForm form = EdaravoneForm::iv) {
  EdaravonePlanRequest r;
  r.regimen = {start, form, policy, FirstCycle::full};
  r.cycles = cycles;
  r.closed = ClosedDays(std::move(closed));
  r.shifts = std::move(shifts);
  r.missed = std::move(missed);
  auto p = plan_edaravone(r);
  REQUIRE(p.ok());
  return p.value();
}

}  // namespace

TEST_CASE("Monday start, earliest policy: 14 daily doses, then 10 on the first days of each later window") {
  const auto p = plan(ymd(2026, 1, 5), 3);
  REQUIRE(p.cycles.size() == 3);
  CHECK(dose_days(p.cycles[0]) == day_range(ymd(2026, 1, 5), ymd(2026, 1, 18)));
  CHECK(p.cycles[1].start == ymd(2026, 2, 2));
  CHECK(dose_days(p.cycles[1]) == day_range(ymd(2026, 2, 2), ymd(2026, 2, 11)));
  CHECK(p.cycles[2].start == ymd(2026, 3, 2));
  CHECK(dose_days(p.cycles[2]) == day_range(ymd(2026, 3, 2), ymd(2026, 3, 11)));
  CHECK(p.cycles[1].doses.front().cycle_day == 1);
  CHECK(p.cycles[1].doses.back().cycle_day == 10);
  CHECK(p.cycles[0].drug_free_days() == 14);
  CHECK(p.warnings.empty());
  CHECK(p.cycles[0].doses.front().dose == Milligrams{60});
}

TEST_CASE("Oral suspension is 105 mg on the same calendar") {
  const auto p = plan(ymd(2026, 1, 5), 2, DayPolicy::earliest, {}, {}, {}, EdaravoneForm::oral);
  for (const auto& d : p.doses()) CHECK(d.dose == Milligrams{105});
  CHECK(p.doses().size() == 24u);
}

TEST_CASE("Saturday start: cycle 1 doses through weekends - weekdays policy picks Mon-Fri in later windows") {
  const auto p = plan(ymd(2026, 1, 3), 3, DayPolicy::weekdays);
  CHECK(dose_days(p.cycles[0]) == day_range(ymd(2026, 1, 3), ymd(2026, 1, 16)));
  // Cycle 2 window Sat 31 Jan - Fri 13 Feb: weekdays 2-6 and 9-13 Feb.
  CHECK(p.cycles[1].start == ymd(2026, 1, 31));
  std::vector<Day> expected = day_range(ymd(2026, 2, 2), ymd(2026, 2, 6));
  for (Day d : day_range(ymd(2026, 2, 9), ymd(2026, 2, 13))) expected.push_back(d);
  CHECK(dose_days(p.cycles[1]) == expected);
  CHECK(p.cycles[1].doses.front().cycle_day == 3);  // Monday 2 Feb is the window's third day
  CHECK(p.cycles[1].doses.back().cycle_day == 14);
  CHECK(p.cycles[2].start == ymd(2026, 2, 28));
  CHECK(p.cycles[2].doses.front().day == ymd(2026, 3, 2));
}

TEST_CASE("Saturday start, earliest policy doses on the weekend too") {
  const auto p = plan(ymd(2026, 1, 3), 2);
  CHECK(dose_days(p.cycles[1]) == day_range(ymd(2026, 1, 31), ymd(2026, 2, 9)));
}

TEST_CASE("Year end: cycle 2 starts in January - Christmas and New Year closures shorten cycle 1") {
  const auto open = plan(ymd(2026, 12, 21), 2);
  CHECK(dose_days(open.cycles[0]) == day_range(ymd(2026, 12, 21), ymd(2027, 1, 3)));
  CHECK(open.cycles[1].start == ymd(2027, 1, 18));
  CHECK(dose_days(open.cycles[1]) == day_range(ymd(2027, 1, 18), ymd(2027, 1, 27)));

  const auto closed = plan(ymd(2026, 12, 21), 2, DayPolicy::earliest, {ymd(2026, 12, 25), ymd(2027, 1, 1)});
  CHECK(closed.cycles[0].doses.size() == 12u);
  CHECK(closed.cycles[0].is_short());
  CHECK(closed.cycles[1].start == ymd(2027, 1, 18));  // never stretched: the window stays 14 days
  REQUIRE(closed.warnings.size() == 1u);
  CHECK_THAT(closed.warnings[0], Catch::Contains("cycle 1") && Catch::Contains("12 of 14"));

  auto proposed =
      propose_edaravone_start(ymd(2026, 12, 21), ClosedDays({ymd(2026, 12, 25), ymd(2027, 1, 1)}));
  REQUIRE(proposed.ok());
  CHECK(*proposed == ymd(2027, 1, 2));  // 2-15 Jan is the first 14-day run free of both holidays
}

TEST_CASE("Leap years: 28 days after 20 Feb is 19 Mar in 2028 and 20 Mar in 2027") {
  const auto leap = plan(ymd(2028, 2, 20), 2);
  CHECK(dose_days(leap.cycles[0]) == day_range(ymd(2028, 2, 20), ymd(2028, 3, 4)));
  CHECK(leap.cycles[0].doses[9].day == ymd(2028, 2, 29));
  CHECK(leap.cycles[1].start == ymd(2028, 3, 19));
  const auto plain = plan(ymd(2027, 2, 20), 2);
  CHECK(dose_days(plain.cycles[0]) == day_range(ymd(2027, 2, 20), ymd(2027, 3, 5)));
  CHECK(plain.cycles[1].start == ymd(2027, 3, 20));
}

TEST_CASE("Closures in a later window: the cycle is short, nothing spills into the drug-free days") {
  const std::vector<Day> closed{ymd(2026, 2, 3), ymd(2026, 2, 4), ymd(2026, 2, 5), ymd(2026, 2, 6),
                                ymd(2026, 2, 9)};
  const auto p = plan(ymd(2026, 1, 5), 3, DayPolicy::earliest, closed);
  CHECK(dose_days(p.cycles[1]) == std::vector<Day>{ymd(2026, 2, 2), ymd(2026, 2, 7), ymd(2026, 2, 8),
                                                   ymd(2026, 2, 10), ymd(2026, 2, 11), ymd(2026, 2, 12),
                                                   ymd(2026, 2, 13), ymd(2026, 2, 14), ymd(2026, 2, 15)});
  CHECK(p.cycles[1].is_short());
  CHECK(p.cycles[2].start == ymd(2026, 3, 2));
  CHECK(dose_days(p.cycles[2]).size() == 10u);
  REQUIRE(p.warnings.size() == 1u);
  CHECK_THAT(p.warnings[0], Catch::Contains("cycle 2") && Catch::Contains("9 of 10"));
}

TEST_CASE("Weekdays policy: one closed weekday leaves 9 weekdays, so the cycle is short") {
  const auto weekdays = plan(ymd(2026, 1, 5), 2, DayPolicy::weekdays, {ymd(2026, 2, 3)});
  CHECK(weekdays.cycles[1].doses.size() == 9u);
  CHECK(weekdays.cycles[1].is_short());
  const auto earliest = plan(ymd(2026, 1, 5), 2, DayPolicy::earliest, {ymd(2026, 2, 3)});
  CHECK_FALSE(earliest.cycles[1].is_short());
  CHECK(earliest.cycles[1].doses.back().day == ymd(2026, 2, 12));
}

TEST_CASE("Missed day in a later cycle moves to the next free open day of the same window") {
  const auto p = plan(ymd(2026, 1, 5), 2, DayPolicy::earliest, {}, {}, {ymd(2026, 2, 4)});
  std::vector<Day> expected{ymd(2026, 2, 2), ymd(2026, 2, 3)};
  for (Day d : day_range(ymd(2026, 2, 5), ymd(2026, 2, 12))) expected.push_back(d);
  CHECK(dose_days(p.cycles[1]) == expected);
  const auto& makeup = p.cycles[1].doses.back();
  REQUIRE(makeup.moved_from.has_value());
  CHECK(*makeup.moved_from == ymd(2026, 2, 4));
  CHECK(makeup.cycle_day == 11);
  CHECK(p.cycles[1].missed.empty());
}

TEST_CASE("Missed day skips closed days when looking for the make-up day") {
  const auto p = plan(ymd(2026, 1, 5), 2, DayPolicy::earliest, {ymd(2026, 2, 12), ymd(2026, 2, 13)}, {},
                      {ymd(2026, 2, 11)});
  CHECK(p.cycles[1].doses.back().day == ymd(2026, 2, 14));
}

TEST_CASE("Missed day with no free day left in the window is recorded missed") {
  const auto p = plan(ymd(2026, 1, 5), 2, DayPolicy::earliest, day_range(ymd(2026, 2, 12), ymd(2026, 2, 15)),
                      {}, {ymd(2026, 2, 4)});
  CHECK(p.cycles[1].doses.size() == 9u);
  CHECK(p.cycles[1].missed == std::vector<Day>{ymd(2026, 2, 4)});
  // Weekdays policy has no spare weekday in an open window: a missed day stays missed.
  const auto w = plan(ymd(2026, 1, 3), 2, DayPolicy::weekdays, {}, {}, {ymd(2026, 2, 2)});
  CHECK(w.cycles[1].missed == std::vector<Day>{ymd(2026, 2, 2)});
  CHECK(w.cycles[1].doses.size() == 9u);
  for (const auto& d : w.cycles[1].doses) CHECK_FALSE(is_weekend(d.day));  // never moved onto a weekend
}

TEST_CASE("Missed day in cycle 1 is recorded missed: cycle 1 has no spare day") {
  const auto p = plan(ymd(2026, 1, 5), 1, DayPolicy::earliest, {}, {}, {ymd(2026, 1, 7)});
  CHECK(p.cycles[0].doses.size() == 13u);
  CHECK(p.cycles[0].missed == std::vector<Day>{ymd(2026, 1, 7)});
}

TEST_CASE("A missed day with no planned dose (drug-free) changes nothing") {
  const auto p = plan(ymd(2026, 1, 5), 2, DayPolicy::earliest, {}, {}, {ymd(2026, 1, 25)});
  CHECK(p.cycles[0].doses.size() == 14u);
  CHECK(p.cycles[0].missed.empty());
}

TEST_CASE("Re-flow, shift this and later cycles: every later cycle moves by the delay") {
  const auto p =
      plan(ymd(2026, 1, 5), 3, DayPolicy::earliest, {}, {{2, 3, Reflow::shift_all_later, std::nullopt}});
  CHECK(p.cycles[0].start == ymd(2026, 1, 5));
  CHECK(p.cycles[1].start == ymd(2026, 2, 5));
  CHECK(dose_days(p.cycles[1]) == day_range(ymd(2026, 2, 5), ymd(2026, 2, 14)));
  CHECK(p.cycles[2].start == ymd(2026, 3, 5));
  CHECK(p.cycles[0].drug_free_days() == 17);  // cycle 1's drug-free period grows by the delay
}

TEST_CASE("Re-flow, only this cycle: a 3-day delay keeps the next cycle on its old grid") {
  const auto p =
      plan(ymd(2026, 1, 5), 3, DayPolicy::earliest, {}, {{2, 3, Reflow::only_this_cycle, std::nullopt}});
  CHECK(p.cycles[1].start == ymd(2026, 2, 5));
  CHECK(dose_days(p.cycles[1]) == day_range(ymd(2026, 2, 5), ymd(2026, 2, 14)));
  CHECK(p.cycles[2].start == ymd(2026, 3, 2));         // the old grid date
  CHECK(p.cycles[1].window_last == ymd(2026, 2, 15));  // 14 drug-free days: 16 Feb - 1 Mar
  CHECK(p.cycles[1].drug_free_days() == 14);
}

TEST_CASE("Re-flow, only this cycle: a 6-day delay moves the next cycle just enough, then the grid resumes") {
  const auto p =
      plan(ymd(2026, 1, 5), 4, DayPolicy::earliest, {}, {{2, 6, Reflow::only_this_cycle, std::nullopt}});
  CHECK(p.cycles[1].start == ymd(2026, 2, 8));
  CHECK(dose_days(p.cycles[1]) == day_range(ymd(2026, 2, 8), ymd(2026, 2, 17)));
  CHECK(p.cycles[2].start == ymd(2026, 3, 4));   // 17 Feb + 14 drug-free days + 1
  CHECK(p.cycles[3].start == ymd(2026, 3, 30));  // back on the old grid (5 Jan + 84 days)
  CHECK(p.cycles[2].doses.size() == 10u);
}

TEST_CASE("Re-flow, only cycle 1: its 14 doses need the full window, cycle 2 follows, cycle 3 is on grid") {
  const auto p =
      plan(ymd(2026, 1, 5), 3, DayPolicy::earliest, {}, {{1, 2, Reflow::only_this_cycle, std::nullopt}});
  CHECK(dose_days(p.cycles[0]) == day_range(ymd(2026, 1, 7), ymd(2026, 1, 20)));
  CHECK(p.cycles[1].start == ymd(2026, 2, 4));
  CHECK(p.cycles[2].start == ymd(2026, 3, 2));
}

TEST_CASE("Re-flow input errors name the problem") {
  EdaravonePlanRequest r;
  r.regimen.start = ymd(2026, 1, 5);
  r.cycles = 3;
  r.shifts = {{4, 2, Reflow::shift_all_later, std::nullopt}};
  CHECK_THAT(plan_edaravone(r).error(), Catch::Contains("cycle 4"));
  r.shifts = {{2, 0, Reflow::shift_all_later, std::nullopt}};
  CHECK_THAT(plan_edaravone(r).error(), Catch::Contains("0 days"));
  r.shifts = {};
  r.cycles = 0;
  CHECK_FALSE(plan_edaravone(r).ok());
}

TEST_CASE("Proposed start: the first day whose 14-day cycle 1 avoids every closure") {
  const ClosedDays closed({ymd(2026, 1, 10), ymd(2026, 1, 20)});
  CHECK(*propose_edaravone_start(ymd(2026, 1, 5), closed) == ymd(2026, 1, 21));
  CHECK(*propose_edaravone_start(ymd(2026, 1, 5), ClosedDays({ymd(2026, 1, 10)})) == ymd(2026, 1, 11));
  CHECK(*propose_edaravone_start(ymd(2026, 1, 5), ClosedDays{}) == ymd(2026, 1, 5));
  CHECK_FALSE(
      propose_edaravone_start(ymd(2026, 1, 5), ClosedDays(day_range(ymd(2026, 1, 1), ymd(2026, 3, 1))), 30)
          .ok());
}
