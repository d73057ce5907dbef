// board propose's search (issue 27), checked on tiny units: once worked by hand, once against a brute-force
// search over every start and every choice of 10 days in the later window, scored by this test's own code
// from the definitions (alsmeds/chair_levelling.hpp), and every proposal against the label (docs/domain.md
// "Edaravone": cycle 1 = 14 consecutive days, cycles 2+ = 10 doses within the cycle's first 14 days, 28-day
// cycles so 14 drug-free days follow each window).
#include "alsmeds/board/chair_levelling.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <set>
#include <tuple>

using namespace alsmeds;

namespace {

Day d(int y, int m, int dd) {
  return date::year{y} / m / dd;
}

// The label, for any proposal: cycle 1 whole, 10 doses in each later window (none closed), nothing else.
void check_label(const StartProposal& p, int cycles) {
  std::set<Day> days(p.dose_days.begin(), p.dose_days.end());
  REQUIRE(days.size() == p.dose_days.size());  // never two doses on one day
  for (int i = 0; i < 14; ++i) CHECK(days.count(p.start + date::days{i}) == 1);
  for (int c = 2; c <= cycles; ++c) {
    const Day window = p.start + date::days{28 * (c - 1)};
    int in_window = 0;
    for (const Day day : days) {
      const auto offset = (day - window).count();
      if (offset >= 0 && offset < 14) ++in_window;
      if (offset >= 14 && offset < 28) FAIL("a dose in the drug-free days of cycle " << c);
    }
    CHECK(in_window == 10);
  }
  for (int i = 14; i < 28; ++i) CHECK(days.count(p.start + date::days{i}) == 0);
  CHECK(static_cast<int>(days.size()) == 14 + 10 * (cycles - 1));
}

}  // namespace

TEST_CASE("chair levelling: one chair, one hour, a busy start of the window, worked by hand") {
  // Start Mon 2 Mar 2026, 8 weeks: cycles 1 (2-15 Mar) and 2 (window 30 Mar - 12 Apr). Other patients fill
  // the one chair on 30 Mar, 31 Mar and 1 Apr. The earliest choice (the first 10 open days, 30 Mar - 8 Apr)
  // puts three doses on full days: 3 over-capacity days, a peak of 2. Levelled: the 10 of the 11 free days
  // 2-12 Apr with the earliest dates, 2-11 Apr: no over-capacity day, a peak of 1.
  StartProposalRequest r;
  r.from = d(2026, 3, 2);
  r.start_days = 1;
  r.weeks = 8;
  const InfusionUnit unit{1, 9, 10, false};
  ChairLoad others{r.from, std::vector<int>(static_cast<std::size_t>(scored_days(r)), 0)};
  add_doses(others, {d(2026, 3, 30), d(2026, 3, 31), d(2026, 4, 1)});
  const auto proposals = propose_iv_starts(r, unit, others);
  REQUIRE(proposals.ok());
  REQUIRE(proposals->size() == 2);  // the best, then the earliest (the same start, other days)
  const StartProposal& best = (*proposals)[0];
  CHECK(best.rank == 1);
  CHECK(best.over_capacity_days == 0);
  CHECK(best.peak_day_load == 1);
  CHECK(describe_dose_days(best.start, best.dose_days) == "c1:1-14;c2:4-13");  // 2 Apr = cycle day 32 - 28
  check_label(best, 2);
  const StartProposal& earliest = (*proposals)[1];
  CHECK(earliest.earliest);
  CHECK(earliest.rank == 2);
  CHECK(earliest.over_capacity_days == 3);
  CHECK(earliest.peak_day_load == 2);
  CHECK(describe_dose_days(earliest.start, earliest.dose_days) == "c1:1-14;c2:1-10");
}

TEST_CASE("chair levelling: the best proposal is the optimum of a brute-force search") {
  std::mt19937 random(20261205);
  for (int round = 0; round < 12; ++round) {
    StartProposalRequest r;
    r.from = d(2026, 3, 2) + date::days{round};
    r.start_days = 3;
    r.weeks = 8;  // cycles 1 and 2 for each start
    r.top = 3;
    const InfusionUnit unit{1, 8, 10, round % 3 == 0};  // 2 infusions a day; some rounds weekdays only
    const int n = scored_days(r);
    ChairLoad others{r.from, std::vector<int>(static_cast<std::size_t>(n), 0)};
    for (int& l : others.infusions) l = static_cast<int>(random() % 4);

    // Brute force: every start, every 10 of the window's 14 days (on days the unit opens), scored here.
    using Score = std::tuple<int, int, double, Day>;
    std::optional<Score> best;
    for (int s = 0; s < r.start_days; ++s) {
      const Day start = r.from + date::days{s};
      const Day window = start + date::days{28};
      for (int mask = 0; mask < (1 << 14); ++mask) {
        if (__builtin_popcount(static_cast<unsigned>(mask)) != 10) continue;
        std::vector<int> load = others.infusions;
        bool allowed = true;
        for (int i = 0; i < 14; ++i) ++load[static_cast<std::size_t>((start - r.from).count() + i)];
        for (int i = 0; i < 14; ++i)
          if (mask & (1 << i)) {
            const Day day = window + date::days{i};
            if (unit.infusions_per_day(day) == 0) allowed = false;
            ++load[static_cast<std::size_t>((day - r.from).count())];
          }
        if (!allowed) continue;
        int peak = 0, over = 0;
        double total = 0, open = 0, sum = 0;
        for (int i = 0; i < n; ++i) {
          const Day day = r.from + date::days{i};
          const int l = load[static_cast<std::size_t>(i)], cap = unit.infusions_per_day(day);
          peak = std::max(peak, l);
          if (l > cap) ++over;
          if (cap > 0) total += l, open += 1;
        }
        const double mean = total / open;
        for (int i = 0; i < n; ++i) {
          const int l = load[static_cast<std::size_t>(i)];
          if (unit.infusions_per_day(r.from + date::days{i}) > 0 && l > mean) sum += (l - mean) * (l - mean);
        }
        const Score score{over, peak, sum, start};
        if (!best || score < *best) best = score;
      }
    }
    REQUIRE(best);
    const auto proposals = propose_iv_starts(r, unit, others);
    REQUIRE(proposals.ok());
    const StartProposal& top = proposals->front();
    INFO("round " << round);
    CHECK(top.over_capacity_days == std::get<0>(*best));
    CHECK(top.peak_day_load == std::get<1>(*best));
    CHECK(top.sum_sq_above_mean == Approx(std::get<2>(*best)));
    CHECK(top.start == std::get<3>(*best));
    for (const StartProposal& p : *proposals) check_label(p, 2);
  }
}

TEST_CASE("chair levelling: a closed day keeps cycle 1 away and makes a later cycle short") {
  // Closed Wed 4 Mar: a start from 2 to 4 Mar would lose a cycle-1 dose, so the first feasible start is
  // Thu 5 Mar. Closed 2-6 Apr too: from the start 5 Mar, cycle 2's window 2-15 Apr keeps 9 open days (short).
  StartProposalRequest r;
  r.from = d(2026, 3, 2);
  r.start_days = 4;
  r.weeks = 8;
  r.closed =
      ClosedDays({d(2026, 3, 4), d(2026, 4, 2), d(2026, 4, 3), d(2026, 4, 4), d(2026, 4, 5), d(2026, 4, 6)});
  const InfusionUnit unit{2, 8, 12, false};
  const ChairLoad others{r.from, std::vector<int>(static_cast<std::size_t>(scored_days(r)), 0)};
  const auto proposals = propose_iv_starts(r, unit, others);
  REQUIRE(proposals.ok());
  REQUIRE(proposals->size() == 1);
  CHECK(proposals->front().start == d(2026, 3, 5));
  CHECK(proposals->front().earliest);
  CHECK(proposals->front().short_cycles == std::vector<int>{2});
  for (const Day day : proposals->front().dose_days) CHECK_FALSE(r.closed.contains(day));

  r.start_days = 3;  // 2-4 Mar only: none fits
  const auto none = propose_iv_starts(r, unit, others);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().find("14 consecutive open days") != std::string::npos);
}

TEST_CASE("chair levelling: a weekdays preference never puts a later dose on a weekend") {
  StartProposalRequest r;
  r.from = d(2026, 3, 2);
  r.weeks = 12;
  r.preference = DayPolicy::weekdays;
  const InfusionUnit unit{1, 8, 9, false};
  ChairLoad others{r.from, std::vector<int>(static_cast<std::size_t>(scored_days(r)), 0)};
  for (int i = 0; i < scored_days(r); i += 3) others.infusions[static_cast<std::size_t>(i)] = 1;
  const auto proposals = propose_iv_starts(r, unit, others);
  REQUIRE(proposals.ok());
  for (const StartProposal& p : *proposals) {
    check_label(p, 3);
    for (const Day day : p.dose_days)
      if ((day - p.start).count() >= 28) CHECK_FALSE(is_weekend(day));
  }
}

namespace {

PatientFacts iv_patient(RecordId id, Day start) {
  PatientFacts f;
  f.patient.id = id;
  f.patient.name = "patient " + std::to_string(id);
  f.zone = date::locate_zone("Europe/Paris");
  Therapy t;
  t.id = 100 + id;
  t.patient_id = id;
  t.drug = Drug::edaravone;
  t.product = Product::edaravone_iv;
  t.start = start;
  f.therapies.push_back(t);
  return f;
}

}  // namespace

TEST_CASE("board level: a delay of one patient's cycle takes doses off the days two patients share") {
  // Worked by hand. One chair, one hour: one infusion a day. A and B both started IV on Mon 5 Jan 2026
  // (policy earliest), so cycle 3 of each starts Mon 2 Mar (10 doses 2-11 Mar) and cycle 4 Mon 30 Mar (30 Mar
  // - 8 Apr). Looked at from 23 Feb for 2 weeks (cycles starting by 8 Mar may move, at most 3 days), scored
  // over 14 + 28 + 3 = 45 days (23 Feb - 8 Apr): 20 days with two infusions: over capacity 20, peak 2.
  // Delaying A's cycle 3 by 3 days puts its doses on 5-14 Mar. Its last dose then leaves 15 drug-free days
  // (15-29 Mar) before 30 Mar, so cycle 4 stays on the grid (the re-flow rule, README "Re-flow"). Shared days
  // left: 5-11 Mar (7) and 30 Mar - 8 Apr (10): over capacity 17. Cycle 4 starts after the 2 weeks (not
  // movable), and a delay of B's cycle 3 by 1-3 days shares 8 to 10 days with A's: one move, no second.
  std::vector<PatientFacts> clinic{iv_patient(1, d(2026, 1, 5)), iv_patient(2, d(2026, 1, 5))};
  UnitLevellingRequest r;
  r.from = d(2026, 2, 23);
  r.today = d(2026, 2, 20);
  r.weeks = 2;
  r.max_delay = 3;
  const InfusionUnit unit{1, 9, 10, false};
  const auto moves = level_unit(clinic, {}, r, unit);
  REQUIRE(moves.size() == 1);
  CHECK(moves[0].patient_id == 1);  // on a tie, the first patient's move
  CHECK(moves[0].cycle == 3);
  CHECK(moves[0].start == d(2026, 3, 2));
  CHECK(moves[0].new_start == d(2026, 3, 5));
  CHECK(moves[0].delay_days == 3);
  CHECK(moves[0].before.over_capacity_days == 20);
  CHECK(moves[0].before.peak_day_load == 2);
  CHECK(moves[0].after.over_capacity_days == 17);
  CHECK(moves[0].after.peak_day_load == 2);

  SECTION("a cycle that has begun, has a dose logged or is booked is never moved") {
    r.today = d(2026, 3, 2);  // cycle 3 starts today: not movable; none starts later within the 2 weeks
    CHECK(level_unit(clinic, {}, r, unit).empty());
    r.today = d(2026, 2, 20);
    for (PatientFacts& f : clinic) {
      LogEntry dose;
      dose.kind = LogKind::dose;
      dose.drug = Drug::edaravone;
      dose.patient_id = f.patient.id;
      dose.at = date::sys_days{d(2026, 3, 2)} + std::chrono::hours{9};
      f.log.push_back(dose);
    }
    CHECK(level_unit(clinic, {}, r, unit).empty());
  }
  SECTION("a booked infusion stays where it is booked") {
    InfusionBooking a, b;
    a.planned_key = "edaravone:101:c3:d1";
    a.day = d(2026, 3, 2);
    b.planned_key = "edaravone:102:c3:d1";
    b.day = d(2026, 3, 2);
    CHECK(level_unit(clinic, {a, b}, r, unit).empty());
  }
}
