// Invariants of the edaravone plan over thousands of random start dates, closure sets, policies, missed days
// and re-flows. Each property is checked against an independent count over the calendar, not the planner.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "alsmeds/regimens/edaravone.hpp"
#include "test_days.hpp"

using namespace alsmeds;
using date::days;

namespace {

struct Scenario {
  EdaravonePlanRequest request;
  std::set<Day> closed;
};

Scenario random_scenario(std::mt19937& rng, bool with_shifts, bool with_missed) {
  Scenario s;
  const Day first = alsmeds::test::ymd(2000, 1, 1);
  s.request.regimen.start = first + days{std::uniform_int_distribution<int>(0, 36500)(rng)};
  s.request.regimen.policy = rng() % 2 ? DayPolicy::earliest : DayPolicy::weekdays;
  s.request.regimen.form = rng() % 2 ? EdaravoneForm::iv : EdaravoneForm::oral;
  s.request.cycles = std::uniform_int_distribution<int>(1, 10)(rng);
  const int span = s.request.cycles * 28 + 60;
  const int n_closed = std::uniform_int_distribution<int>(0, 25)(rng);
  for (int i = 0; i < n_closed; ++i)
    s.closed.insert(s.request.regimen.start + days{std::uniform_int_distribution<int>(-5, span)(rng)});
  s.request.closed = ClosedDays(std::vector<Day>(s.closed.begin(), s.closed.end()));
  if (with_shifts) {
    const int n = std::uniform_int_distribution<int>(1, 3)(rng);
    for (int i = 0; i < n; ++i)
      s.request.shifts.push_back({std::uniform_int_distribution<int>(1, s.request.cycles)(rng),
                                  std::uniform_int_distribution<int>(1, 20)(rng),
                                  rng() % 2 ? Reflow::shift_all_later : Reflow::only_this_cycle,
                                  std::nullopt});
  }
  if (with_missed) {
    const int n = std::uniform_int_distribution<int>(0, 8)(rng);
    for (int i = 0; i < n; ++i)
      s.request.missed.push_back(s.request.regimen.start +
                                 days{std::uniform_int_distribution<int>(0, span)(rng)});
  }
  return s;
}

// Days in [first, last] on which cycle `k` may be dosed: open, and Monday-Friday for cycles 2+ under
// `weekdays`.
int eligible_days(const Scenario& s, int k, Day first, Day last) {
  int n = 0;
  for (Day d = first; d <= last; d += days{1}) {
    if (s.closed.count(d)) continue;
    if (k > 1 && s.request.regimen.policy == DayPolicy::weekdays && is_weekend(d)) continue;
    ++n;
  }
  return n;
}

// Invariants that hold for every plan, with or without re-flows and missed days.
void check_common(const Scenario& s, const EdaravonePlan& p) {
  REQUIRE(static_cast<int>(p.cycles.size()) == s.request.cycles);
  std::set<Day> dosed;
  int shorts = 0;
  for (std::size_t i = 0; i < p.cycles.size(); ++i) {
    const InfusionCycle& c = p.cycles[i];
    const int k = static_cast<int>(i) + 1;
    REQUIRE(c.number == k);
    REQUIRE(c.doses_required == (k == 1 ? 14 : 10));
    REQUIRE(c.window_last >= c.start);
    REQUIRE(c.window_last <= c.start + days{13});  // a window is never stretched
    REQUIRE(c.drug_free_days() >= 14);             // every cycle keeps 14 drug-free days
    if (i + 1 < p.cycles.size()) REQUIRE(p.cycles[i + 1].start == c.next_start);
    // Clipping a window never costs a dose the full 14-day window would have given.
    REQUIRE(c.doses_planned == std::min(c.doses_required, eligible_days(s, k, c.start, c.start + days{13})));
    if (c.is_short()) ++shorts;
    for (const EdaravoneDose& d : c.doses) {
      REQUIRE(d.day >= c.start);
      REQUIRE(d.day <= c.window_last);      // nothing in the drug-free period
      REQUIRE(s.closed.count(d.day) == 0);  // no dose on a closed day
      REQUIRE(dosed.insert(d.day).second);  // never two doses on one day
      REQUIRE(d.cycle == k);
      REQUIRE(d.cycle_day == (d.day - c.start).count() + 1);
      REQUIRE(d.dose == edaravone_dose(s.request.regimen.form));
      if (k > 1 && s.request.regimen.policy == DayPolicy::weekdays) REQUIRE_FALSE(is_weekend(d.day));
    }
    REQUIRE(static_cast<int>(c.doses.size()) <= c.doses_required);
  }
  REQUIRE(static_cast<int>(p.warnings.size()) == shorts);
}

}  // namespace

TEST_CASE("Property: plain plans have 28-day cycles with 14 then 10 doses on the first eligible days") {
  std::mt19937 rng(20261125);
  for (int round = 0; round < 3000; ++round) {
    const Scenario s = random_scenario(rng, false, false);
    const auto p = plan_edaravone(s.request);
    REQUIRE(p.ok());
    check_common(s, *p);
    for (std::size_t i = 0; i < p->cycles.size(); ++i) {
      const InfusionCycle& c = p->cycles[i];
      const int k = static_cast<int>(i) + 1;
      REQUIRE(c.start == s.request.regimen.start + days{28 * static_cast<int>(i)});
      REQUIRE(c.next_start - c.start == days{28});
      REQUIRE(c.window_last == c.start + days{13});
      // Earliest-first: no eligible day without a dose comes before the last dose of the cycle.
      if (!c.doses.empty())
        REQUIRE(eligible_days(s, k, c.start, c.doses.back().day) == static_cast<int>(c.doses.size()));
    }
  }
}

TEST_CASE("Property: without closures every cycle is complete, whatever the policy") {
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    Scenario s = random_scenario(rng, false, false);
    s.closed.clear();
    s.request.closed = ClosedDays{};
    const auto p = plan_edaravone(s.request);
    REQUIRE(p.ok());
    check_common(s, *p);
    REQUIRE(p->warnings.empty());
    for (const auto& c : p->cycles) REQUIRE(static_cast<int>(c.doses.size()) == (c.number == 1 ? 14 : 10));
  }
}

TEST_CASE("Property: re-flows keep every invariant - shift-all moves later cycles by the sum of delays") {
  std::mt19937 rng(42);
  for (int round = 0; round < 3000; ++round) {
    const Scenario s = random_scenario(rng, true, false);
    const auto p = plan_edaravone(s.request);
    REQUIRE(p.ok());
    check_common(s, *p);
    bool all_shift_all = std::all_of(s.request.shifts.begin(), s.request.shifts.end(),
                                     [](const CycleShift& x) { return x.reflow == Reflow::shift_all_later; });
    for (const auto& c : p->cycles) {
      int delay = 0;
      for (const auto& x : s.request.shifts)
        if (x.cycle <= c.number) delay += x.days;
      if (all_shift_all) REQUIRE(c.start == s.request.regimen.start + days{28 * (c.number - 1) + delay});
      // A cycle never starts before its place on the grid plus every delay aimed at it or before it.
      REQUIRE(c.start >= s.request.regimen.start + days{28 * (c.number - 1)});
    }
  }
}

TEST_CASE("Property: missed days never leave a dose on a missed day and only cycle 2+ make up") {
  std::mt19937 rng(99);
  for (int round = 0; round < 3000; ++round) {
    const Scenario s = random_scenario(rng, rng() % 2 == 0, true);
    const auto p = plan_edaravone(s.request);
    REQUIRE(p.ok());
    check_common(s, *p);
    const std::set<Day> missed(s.request.missed.begin(), s.request.missed.end());
    for (const auto& c : p->cycles) {
      int missed_with_dose = 0;
      for (const auto& d : c.doses) {
        REQUIRE(missed.count(d.day) == 0);
        if (d.moved_from) {
          REQUIRE(c.number > 1);
          REQUIRE(d.day > *d.moved_from);
          REQUIRE(missed.count(*d.moved_from) == 1);
        }
      }
      for (Day m : c.missed) {
        REQUIRE(missed.count(m) == 1);
        ++missed_with_dose;
      }
      REQUIRE(static_cast<int>(c.doses.size()) + missed_with_dose == c.doses_planned);
      if (c.number == 1) {
        for (const auto& d : c.doses) REQUIRE_FALSE(d.moved_from.has_value());
      }
    }
  }
}
