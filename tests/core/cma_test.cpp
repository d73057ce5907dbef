// CMA1-CMA9 on small histories. Every expected value below was worked on paper from AdhereR's definitions
// (docs/domain.md): the arithmetic is written out beside each one. A property test then checks CMA5-CMA7
// against an independent day-by-day model of banked supply.
#include "alsmeds/adherence/cma.hpp"

#include <catch2/catch.hpp>
#include <random>

#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;
using date::days;

namespace {

const Day kDay0 = Day{date::year{2026} / 1 / 1};
SupplyEvent on(int day, int supply) {
  return {kDay0 + days{day}, supply};
}

void require_values(const CmaValues& got, const std::array<std::optional<double>, 9>& want) {
  for (std::size_t i = 0; i < 9; ++i) {
    INFO("CMA" << i + 1);
    REQUIRE(got[i].has_value() == want[i].has_value());
    if (want[i]) REQUIRE(*got[i] == Approx(*want[i]).margin(1e-9));
  }
}

constexpr std::nullopt_t NA = std::nullopt;

}  // namespace

TEST_CASE("Windows from --from, --days and --lead-in end on start plus duration") {
  const CmaWindows w = cma_windows(kDay0, 30, 60);
  REQUIRE(w.follow_up_start == kDay0);
  REQUIRE(w.observation_start == kDay0 + days{30});
  REQUIRE(w.observation_end == kDay0 + days{90});
  REQUIRE(w.follow_up_end == w.observation_end);
}

TEST_CASE("CMA with an early refill inside a 90-day window and no lead-in") {
  // Day 0 (30 days), day 25 (30 days, 5 days early), day 70 (30 days). Window [0, 90].
  // CMA1 = 60 / 70. CMA2 = 90 / 90.
  // Gaps with carry-over: day 0 -> interval 25, 25-30 = -5: gap 0, carry 5. Day 25 -> 45-30-5 = 10: gap 10.
  // Day 70 -> 20-30 < 0: gap 0. CMA5 = 1 - 10/70, CMA6 = CMA7 = CMA8 = 1 - 10/90.
  // CMA9: shares 1 over 25 days, 1-10/45 over 45 days (35), 1 over 20 days: 80 / 90.
  const auto v = compute_cma({on(0, 30), on(25, 30), on(70, 30)}, cma_windows(kDay0, 0, 90));
  require_values(v, {60.0 / 70, 1.0, 60.0 / 70, 1.0, 1 - 10.0 / 70, 1 - 10.0 / 90, 1 - 10.0 / 90,
                     1 - 10.0 / 90, 80.0 / 90});
}

TEST_CASE("CMA with a lead-in: supply carried into the observation window counts for CMA7 to CMA9 only") {
  // Follow-up [0, 90], observation [30, 90] (N = 60). Day 0 (45 days), day 40 (30), day 80 (30).
  // In the window: day 40 and day 80. CMA1 = 30 / 40. CMA2 = 60 / (90-40) = 1.2.
  // CMA5, CMA6 (no carry-in): day 40 interval 40, gap 10; day 80 interval 10, gap 0.
  //   CMA5 = 1 - 10/40, CMA6 = 1 - 10/50.
  // CMA7 chain from day 0: day 0 interval 40, 40-45 = -5 (carry 5); day 40: 40-30-5 = 5 (gap 5); day 80 gap
  // 0.
  //   Before the first event in the window: min(gap of day 0 = 0, 40-30) = 0. CMA7 = 1 - 5/60.
  // CMA8: day 0's supply runs out on day 45 > 30, so the window starts on day 45 (N = 45). Day 40 is now
  // before
  //   it; before-first = min(gap of day 40 = 5, 80-45) = 5; day 80 gap 0. CMA8 = 1 - 5/45.
  // CMA9: shares 1 on [0,40), 1-5/40 on [40,80), 1 on [80,90). Inside [30,90]: 10 + 35 + 10 = 55. 55/60.
  const auto v = compute_cma({on(0, 45), on(40, 30), on(80, 30)}, cma_windows(kDay0, 30, 60));
  require_values(v, {0.75, 1.2, 0.75, 1.0, 0.75, 0.8, 1 - 5.0 / 60, 1 - 5.0 / 45, 55.0 / 60});
}

TEST_CASE("CMA with one single event") {
  // Day 0 (20 days), window [0, 30]. CMA1, CMA3, CMA5 need two events: NA. CMA2 = 20/30.
  // Gap of the only event: 30 - 20 = 10. CMA6 = CMA7 = CMA8 = 1 - 10/30. CMA9: share 2/3 over 30 days.
  const auto v = compute_cma({on(0, 20)}, cma_windows(kDay0, 0, 30));
  const double two_thirds = 20.0 / 30;
  require_values(v, {NA, two_thirds, NA, two_thirds, NA, two_thirds, two_thirds, two_thirds, two_thirds});
}

TEST_CASE("CMA with no events is NA throughout") {
  const auto v = compute_cma({}, cma_windows(kDay0, 0, 30));
  require_values(v, {NA, NA, NA, NA, NA, NA, NA, NA, NA});
}

TEST_CASE("A refill dated on the observation window's last day counts") {
  // Day 0 (20 days), day 30 (30 days), window [0, 30]. Both are in the window.
  // CMA1 = 20/30. CMA2 = 50/30. Gaps: day 0 interval 30, gap 10; day 30 interval 0, gap 0.
  // CMA5 = 1 - 10/30, CMA6 = CMA7 = CMA8 = 1 - 10/30. CMA9: share 2/3 over 30 days, the last interval is
  // empty.
  const auto v = compute_cma({on(0, 20), on(30, 30)}, cma_windows(kDay0, 0, 30));
  const double t = 20.0 / 30;
  require_values(v, {t, 50.0 / 30, t, 1.0, t, t, t, t, t});

  // One day later it is outside the follow-up window and changes nothing: CMA1 then has one event.
  const auto later = compute_cma({on(0, 20), on(31, 30)}, cma_windows(kDay0, 0, 30));
  require_values(later, {NA, t, NA, t, NA, t, t, t, t});
}

TEST_CASE("A gap between refills lowers every measure by the days without supply") {
  // Day 0 (30), day 50 (30), window [0, 90]. CMA1 = 30/50. CMA2 = 60/90.
  // Gaps: day 0 interval 50 -> 20; day 50 interval 40 -> 10. CMA5 = 1 - 20/50. CMA6 = CMA7 = 1 - 30/90.
  // CMA9: share 30/50 over 50 days (30) + 30/40 over 40 days (30) = 60/90.
  const auto v = compute_cma({on(0, 30), on(50, 30)}, cma_windows(kDay0, 0, 90));
  require_values(
      v, {0.6, 60.0 / 90, 0.6, 60.0 / 90, 0.6, 1 - 30.0 / 90, 1 - 30.0 / 90, 1 - 30.0 / 90, 60.0 / 90});
}

TEST_CASE("Only events before the observation window: CMA1 to CMA6 are NA, CMA7 to CMA9 use the carry-over") {
  SECTION("supply reaching into the window") {
    // Follow-up [0, 60], observation [30, 60]. Day 0 (45 days): interval to the window's end 60, gap 15 <=
    // 30, so CMA7 = 1 - 15/30. CMA8: supply runs out on day 45, window [45, 60]: gap 15 <= 15, 1 - 15/15 = 0.
    // CMA9: share 45/60 over the 30 window days: 0.75.
    const auto v = compute_cma({on(0, 45)}, cma_windows(kDay0, 30, 30));
    require_values(v, {NA, NA, NA, NA, NA, NA, 0.5, 0.0, 0.75});
  }
  SECTION("supply ended before the window") {
    // Day 0 (10 days): gap 50 > 30, CMA7 = 0. CMA8: nothing reaches the window, same as CMA7.
    // CMA9: share 10/60 over 30 days = 5/30.
    const auto v = compute_cma({on(0, 10)}, cma_windows(kDay0, 30, 30));
    require_values(v, {NA, NA, NA, NA, NA, NA, 0.0, 0.0, 5.0 / 30});
  }
}

TEST_CASE("Two refills on the same day: CMA1 and CMA5 are NA, supply adds up") {
  // Day 10 twice (15 days each), window [0, 40]. First and last event on one day: CMA1, CMA3, CMA5 NA.
  // CMA2 = 30 / 30 = 1. Gaps: first interval 0, carry 15; second interval 30, 30-15-15 = 0.
  // CMA6 = 1. CMA7: before-first = 10 days (no earlier event), 1 - 10/40. CMA9: 30 of 40 days at share 1.
  const auto v = compute_cma({on(10, 15), on(10, 15)}, cma_windows(kDay0, 0, 40));
  require_values(v, {NA, 1.0, NA, 1.0, NA, 1.0, 0.75, 0.75, 0.75});
}

TEST_CASE("The first event on the window's last day gives NA where AdhereR would divide by zero") {
  const auto v = compute_cma({on(30, 30)}, cma_windows(kDay0, 0, 30));
  REQUIRE_FALSE(v[1]);            // CMA2
  REQUIRE_FALSE(v[3]);            // CMA4
  REQUIRE_FALSE(v[5]);            // CMA6
  REQUIRE(*v[6] == Approx(0.0));  // CMA7: the whole window before the first event is a gap
}

TEST_CASE("Events before the follow-up window carry nothing") {
  // --from day 20: the day-0 dispensing lies outside the follow-up window and is dropped, as AdhereR does.
  const auto v = compute_cma({on(0, 60), on(30, 30)}, cma_windows(kDay0 + days{20}, 0, 40));
  // Only day 30 (30 days) in window [20, 60]: CMA7 = 1 - (10 before + 0) / 40.
  REQUIRE(*v[6] == Approx(0.75));
  REQUIRE(*v[1] == Approx(1.0));  // CMA2 = 30 / (60-30)
}

namespace {

/// Independent model: supply is banked and used one day at a time from the day of `from_event` on; returns
/// the days in [start, end) on which some was on hand.
long covered_days(const std::vector<SupplyEvent>& events, Day first_day, Day start, Day end) {
  long stock = 0, covered = 0;
  for (Day d = first_day; d < end; d += days{1}) {
    for (const SupplyEvent& e : events)
      if (e.day == d) stock += e.days_supply;
    const bool has = stock > 0;
    if (has) --stock;
    if (has && d >= start) ++covered;
  }
  return covered;
}

}  // namespace

TEST_CASE("CMA5, CMA6 and CMA7 equal the share of days covered by banked supply (random histories)") {
  std::mt19937 rng(20261125);
  std::uniform_int_distribution<int> count(0, 8), when(0, 150), supply(1, 60), lead(0, 40), span(10, 120);
  for (int round = 0; round < 2000; ++round) {
    const CmaWindows w = cma_windows(kDay0, lead(rng), span(rng));
    std::vector<SupplyEvent> events;
    for (int i = count(rng); i > 0; --i) events.push_back(on(when(rng), supply(rng)));
    const CmaValues v = compute_cma(events, w);
    INFO("round " << round);

    std::vector<SupplyEvent> in_follow_up, in_window;
    for (const SupplyEvent& e : events) {
      if (e.day >= w.follow_up_start && e.day <= w.follow_up_end) in_follow_up.push_back(e);
      if (e.day >= w.observation_start && e.day <= w.observation_end) in_window.push_back(e);
    }
    const long n = (w.observation_end - w.observation_start).count();
    if (!in_follow_up.empty()) {
      const Day first = std::min_element(in_follow_up.begin(), in_follow_up.end(), [](auto& x, auto& y) {
                          return x.day < y.day;
                        })->day;
      REQUIRE(v[6].has_value());
      const double want7 =
          static_cast<double>(covered_days(in_follow_up, first, w.observation_start, w.observation_end)) /
          static_cast<double>(n);
      REQUIRE(*v[6] == Approx(want7).margin(1e-9));
    }
    if (!in_window.empty()) {
      auto [lo, hi] = std::minmax_element(in_window.begin(), in_window.end(),
                                          [](auto& x, auto& y) { return x.day < y.day; });
      const Day first = lo->day, last = hi->day;
      if (first < w.observation_end) {
        const double want6 = static_cast<double>(covered_days(in_window, first, first, w.observation_end)) /
                             static_cast<double>((w.observation_end - first).count());
        REQUIRE(*v[5] == Approx(want6).margin(1e-9));
      }
      if (last > first) {
        const double want5 = static_cast<double>(covered_days(in_window, first, first, last)) /
                             static_cast<double>((last - first).count());
        REQUIRE(*v[4] == Approx(want5).margin(1e-9));
      }
    }
  }
}

TEST_CASE("Sliding windows step through the observation window and keep carry-over from before") {
  // Observation [0, 90], windows of 30 days every 30: [0,30], [30,60], [60,90].
  // Day 0 (45 days) then nothing: CMA7 per window = 1, 15/30, 0.
  const auto windows = sliding_cma({on(0, 45)}, cma_windows(kDay0, 0, 90), 30, 30);
  REQUIRE(windows.size() == 3);
  REQUIRE(windows[1].start == kDay0 + days{30});
  REQUIRE(windows[2].end == kDay0 + days{90});
  REQUIRE(*windows[0].values[6] == Approx(1.0));
  REQUIRE(*windows[1].values[6] == Approx(0.5));
  REQUIRE(*windows[2].values[6] == Approx(0.0));
  // 90-day windows stepping 30 inside a 90-day observation window: only one fits.
  REQUIRE(sliding_cma({on(0, 45)}, cma_windows(kDay0, 0, 90), 90, 30).size() == 1);
}
