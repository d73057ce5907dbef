// A course's chosen dose days (issue 27): the text board propose prints and therapy start --dose-days reads,
// and the plan on them. Expected days by hand from the calendar.
#include <catch2/catch.hpp>

#include "alsmeds/board/board_proposals.hpp"
#include "alsmeds/regimens/edaravone.hpp"

using namespace alsmeds;

namespace {

Day day(int y, unsigned m, unsigned d) {
  return Day{date::year{y} / m / d};
}

std::vector<Day> days_of(const InfusionCycle& c) {
  std::vector<Day> out;
  for (const EdaravoneDose& d : c.doses) out.push_back(d.day);
  return out;
}

}  // namespace

TEST_CASE("Dose-day patterns read and print as board propose shows them") {
  auto p = parse_dose_day_pattern("c1:1-14;c2:1-5,8-12;c3:1,3,5-12");
  REQUIRE(p.ok());
  CHECK(p->count(1) == 0u);  // cycle 1 is always its 14 days: nothing to keep
  CHECK(p->at(2) == std::vector<int>{1, 2, 3, 4, 5, 8, 9, 10, 11, 12});
  CHECK(p->at(3) == std::vector<int>{1, 3, 5, 6, 7, 8, 9, 10, 11, 12});
  CHECK(format_dose_day_pattern(*p) == "c2:1-5,8-12;c3:1,3,5-12");
  CHECK(parse_dose_day_pattern("")->empty());
}

TEST_CASE("Dose-day patterns refused: 9 or 11 days, a day past 14, a day twice, a cycle twice, c1 short") {
  for (const char* bad : {"c2:1-9", "c2:1-11", "c2:1-9,15", "c2:1-10,10", "c2:1-10;c2:1-10", "c1:1-10",
                          "c0:1-10", "c501:1-10", "2:1-10", "c2:", "c2:a-b", "c2:5-1,6-14", "c2:1-10;"}) {
    INFO(bad);
    CHECK_FALSE(parse_dose_day_pattern(bad).ok());
  }
  CHECK_THAT(parse_dose_day_pattern("c2:1-9").error(), Catch::Contains("10 days of its 14"));
}

TEST_CASE("A cycle doses on its chosen days, a chosen day closed moves to the window's first free open day") {
  EdaravonePlanRequest r;
  r.regimen.start = day(2026, 1, 5);  // cycle 2 from 2026-02-02 (Monday)
  r.regimen.chosen_days = {{2, {3, 4, 5, 6, 7, 10, 11, 12, 13, 14}}};
  r.cycles = 3;
  r.closed = ClosedDays({day(2026, 2, 6)});  // cycle day 5 of cycle 2
  auto plan = plan_edaravone(r);
  REQUIRE(plan.ok());
  // Chosen: 02-04..02-08 and 02-11..02-15; 02-06 closed: replaced by the first other open day, 02-02.
  CHECK(days_of(plan->cycles[1]) == std::vector<Day>{day(2026, 2, 2), day(2026, 2, 4), day(2026, 2, 5),
                                                     day(2026, 2, 7), day(2026, 2, 8), day(2026, 2, 11),
                                                     day(2026, 2, 12), day(2026, 2, 13), day(2026, 2, 14),
                                                     day(2026, 2, 15)});
  // Every cycle keeps its 14 drug-free days and the label's counts.
  CHECK(plan->cycles[0].doses.size() == 14u);
  CHECK(plan->cycles[1].doses.size() == 10u);
  CHECK(plan->cycles[1].drug_free_days() >= 14);
  // Cycle 3 has no chosen days: the first 10 days from 03-02.
  CHECK(plan->cycles[2].doses.front().day == day(2026, 3, 2));
  CHECK(plan->cycles[2].doses.back().day == day(2026, 3, 11));
}

TEST_CASE("A delayed cycle keeps its chosen cycle days, counted from its new start") {
  EdaravonePlanRequest r;
  r.regimen.start = day(2026, 1, 5);
  r.regimen.chosen_days = {{2, {1, 2, 3, 4, 5, 8, 9, 10, 11, 12}}};
  r.cycles = 2;
  r.shifts = {CycleShift{2, 2, Reflow::shift_all_later, std::nullopt}};  // cycle 2 from 02-04
  auto plan = plan_edaravone(r);
  REQUIRE(plan.ok());
  CHECK(plan->cycles[1].start == day(2026, 2, 4));
  CHECK(days_of(plan->cycles[1]).front() == day(2026, 2, 4));
  CHECK(days_of(plan->cycles[1])[5] == day(2026, 2, 11));  // cycle day 8
}

TEST_CASE("A proposal's dose days become the pattern of its cycles 2+") {
  StartProposal p;
  p.start = day(2026, 1, 5);
  for (int i = 0; i < 14; ++i) p.dose_days.push_back(p.start + date::days{i});
  for (int i : {0, 1, 2, 3, 4, 7, 8, 9, 10, 11}) p.dose_days.push_back(p.start + date::days{28 + i});
  for (int i : {2, 3}) p.dose_days.push_back(p.start + date::days{56 + i});  // a cycle cut short: left out
  const DoseDayPattern pattern = dose_day_pattern_of(p);
  REQUIRE(pattern.size() == 1u);
  CHECK(format_dose_day_pattern(pattern) == "c2:1-5,8-12");
  CHECK(format_dose_day_pattern(pattern) ==
        describe_dose_days(p.start, std::vector<Day>(p.dose_days.begin() + 14, p.dose_days.begin() + 24)));
}
