// Adherence measures on small histories worked on paper from the definitions in docs/domain.md.
#include "alsmeds/adherence/adherence.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;
using namespace std::chrono;

namespace {

RecordId next_id = 1000;

PatientFacts utc_patient() {
  PatientFacts f;
  f.patient.id = 1;
  f.patient.tz = "UTC";
  f.zone = *find_zone("UTC");
  return f;
}

Therapy riluzole_from(Day start) {
  Therapy t;
  t.id = 7;
  t.drug = Drug::riluzole;
  t.product = Product::riluzole_tablet;
  t.start = start;
  return t;
}

LogEntry dose(Drug drug, const std::string& key, Instant at, DoseStatus status = DoseStatus::taken) {
  LogEntry e;
  e.id = ++next_id;
  e.kind = LogKind::dose;
  e.drug = drug;
  e.status = status;
  e.at = at;
  e.planned_key = key;
  return e;
}

std::string ril_key(Day d, int slot) {
  return "riluzole:7:" + format_day(d) + ":" + std::to_string(slot);
}

LogEntry fill(Day d, int supply) {
  LogEntry e;
  e.id = ++next_id;
  e.kind = LogKind::dispensing;
  e.drug = Drug::riluzole;
  e.day = d;
  e.at = Instant{d};
  e.days_supply = supply;
  return e;
}

}  // namespace

TEST_CASE("Riluzole over 10 days: taking, timing, correct-dosing days and the longest missed run") {
  PatientFacts f = utc_patient();
  const Therapy t = riluzole_from(ymd(2026, 3, 1));
  f.therapies = {t};
  for (Day d = ymd(2026, 3, 1); d <= ymd(2026, 3, 10); d += date::days{1}) {
    for (int slot : {1, 2}) {
      if ((d == ymd(2026, 3, 5) && slot == 2) || (d == ymd(2026, 3, 6) && slot == 1))
        continue;  // two missed in a row
      Instant at = Instant{d} + hours{slot == 1 ? 8 : 20};
      if (d == ymd(2026, 3, 8) && slot == 1) at += minutes{210};            // 3 h 30 late: not on time
      if (d == ymd(2026, 3, 9) && slot == 2) at += hours{2} + minutes{59};  // 2 h 59 late: on time
      f.log.push_back(dose(Drug::riluzole, ril_key(d, slot), at));
    }
  }
  // A correction of the first dose's time: still one dose.
  LogEntry fix =
      dose(Drug::riluzole, ril_key(ymd(2026, 3, 1), 1), Instant{ymd(2026, 3, 1)} + hours{8} + minutes{10});
  fix.supersedes = f.log.front().id;
  f.log.push_back(fix);

  const DoseAdherence a = dose_adherence(f, t, {ymd(2026, 3, 1), ymd(2026, 3, 10)});
  CHECK(a.scheduled == 20);
  CHECK(a.taken == 18);
  CHECK(*a.taking_pct() == Approx(90.0));
  CHECK(a.on_time == 17);
  CHECK(*a.timing_pct() == Approx(85.0));
  CHECK(a.days == 10);
  CHECK(a.correct_days == 8);  // 5 and 6 March had one dose each
  CHECK(a.longest_missed_run == 2);
  // The timeline: 1-4 March on time; 5 and 6 March one dose missed each; 8 March one dose 3 h 30 late;
  // 9 March late within the window counts as on time.
  REQUIRE(a.by_day.size() == 10u);
  CHECK(a.first_day == ymd(2026, 3, 1));
  CHECK(a.by_day[0] == DoseDay::taken);
  CHECK(a.by_day[4] == DoseDay::partly_missed);
  CHECK(a.by_day[5] == DoseDay::partly_missed);
  CHECK(a.by_day[7] == DoseDay::late);
  CHECK(a.by_day[8] == DoseDay::taken);
}

TEST_CASE("Doses planned after a stop never count against the patient") {
  PatientFacts f = utc_patient();
  Therapy t = riluzole_from(ymd(2026, 3, 1));
  t.stop = ymd(2026, 3, 6);
  for (Day d = ymd(2026, 3, 1); d <= ymd(2026, 3, 6); d += date::days{1})
    for (int slot : {1, 2})
      f.log.push_back(dose(Drug::riluzole, ril_key(d, slot), Instant{d} + hours{slot == 1 ? 8 : 20}));
  const DoseAdherence a = dose_adherence(f, t, {ymd(2026, 3, 1), ymd(2026, 3, 31)});
  CHECK(a.scheduled == 12);
  CHECK(*a.taking_pct() == Approx(100.0));
  CHECK(a.days == 6);
}

TEST_CASE(
    "Edaravone: drug-free days are not non-adherence, a missed day without make-up counts, deviations are "
    "named") {
  PatientFacts f = utc_patient();
  Therapy t;
  t.id = 8;
  t.drug = Drug::edaravone;
  t.product = Product::edaravone_iv;
  t.start = ymd(2026, 1, 5);
  f.therapies = {t};
  // Cycle 1 (5-18 Jan) every day but 7 Jan, logged missed; cycle 2 (2-11 Feb) all ten.
  for (Day d = ymd(2026, 1, 5); d <= ymd(2026, 1, 18); d += date::days{1}) {
    const int day = static_cast<int>((d - ymd(2026, 1, 5)).count()) + 1;
    const std::string key = "edaravone:8:c1:d" + std::to_string(day);
    f.log.push_back(dose(Drug::edaravone, key, Instant{d} + hours{9},
                         d == ymd(2026, 1, 7) ? DoseStatus::missed : DoseStatus::taken));
  }
  for (int i = 0; i < 10; ++i)
    f.log.push_back(dose(Drug::edaravone, "edaravone:8:c2:d" + std::to_string(i + 1),
                         Instant{ymd(2026, 2, 2) + date::days{i}} + hours{9}));
  f.log.push_back(dose(Drug::edaravone, "", Instant{ymd(2026, 1, 25)} + hours{9}));  // in the drug-free days
  const DoseAdherence a = dose_adherence(f, t, {ymd(2026, 1, 5), ymd(2026, 2, 28)});
  CHECK(a.scheduled == 24);
  CHECK(a.taken == 23);
  CHECK(*a.taking_pct() == Approx(100.0 * 23 / 24));
  REQUIRE(a.cycles.size() == 2u);
  CHECK(a.cycles[0].planned == 14);
  CHECK(a.cycles[0].given == 13);
  CHECK(a.cycles[1].planned == 10);
  CHECK(a.cycles[1].given == 10);
  CHECK(a.unplanned_doses == 1);
  REQUIRE(a.deviations.size() == 1u);
  CHECK_THAT(a.deviations[0], Catch::Contains("2026-01-25"));
  // 55 days: all correct but 7 Jan (no dose when one was due) and 25 Jan (a dose on a drug-free day).
  CHECK(a.days == 55);
  CHECK(a.correct_days == 53);
}

TEST_CASE("PDC shifts an early refill forward, MPR counts the supply dispensed in the period") {
  // 1 Jan - 31 Mar 2026 = 90 days. Fills 1 Jan (30), 25 Jan (30, early: shifted to 31 Jan), 15 Mar (30).
  // Covered: 1-30 Jan, 31 Jan - 1 Mar, 15-31 Mar = 30 + 30 + 17 = 77 of 90; a plain union would give 71.
  const auto r =
      refill_adherence({fill(ymd(2026, 1, 1), 30), fill(ymd(2026, 1, 25), 30), fill(ymd(2026, 3, 15), 30)},
                       Drug::riluzole, {ymd(2026, 1, 1), ymd(2026, 3, 31)});
  REQUIRE(r.pdc_pct.has_value());
  CHECK(*r.pdc_pct == Approx(100.0 * 77 / 90));
  CHECK(r.gap_days == 13);
  CHECK(*r.mpr_pct == Approx(100.0));
}

TEST_CASE("PDC: a refill on the period's last day counts, one event, no events, supply carried in") {
  const Period q1{ymd(2026, 1, 1), ymd(2026, 3, 31)};
  const auto last_day =
      refill_adherence({fill(ymd(2026, 1, 1), 30), fill(ymd(2026, 3, 31), 30)}, Drug::riluzole, q1);
  CHECK(*last_day.pdc_pct == Approx(100.0 * 31 / 90));
  CHECK(*last_day.mpr_pct == Approx(100.0 * 60 / 90));
  const auto single = refill_adherence({fill(ymd(2026, 2, 1), 30)}, Drug::riluzole, q1);
  CHECK(*single.pdc_pct == Approx(100.0 * 30 / 59));  // index date 1 Feb: 59 days to 31 Mar
  CHECK_FALSE(refill_adherence({}, Drug::riluzole, q1).pdc_pct.has_value());
  const auto carried =
      refill_adherence({fill(ymd(2025, 12, 20), 30)}, Drug::riluzole, {ymd(2026, 1, 1), ymd(2026, 1, 31)});
  CHECK(*carried.pdc_pct == Approx(100.0 * 18 / 31));  // 20 Dec + 30 days covers to 18 Jan
  CHECK(*carried.mpr_pct == Approx(0.0));
  const auto over = refill_adherence({fill(ymd(2026, 1, 1), 90), fill(ymd(2026, 1, 2), 90)}, Drug::riluzole,
                                     {ymd(2026, 1, 1), ymd(2026, 1, 31)});
  CHECK(*over.pdc_pct == Approx(100.0));             // capped
  CHECK(*over.mpr_pct == Approx(100.0 * 180 / 31));  // may exceed 100
}

TEST_CASE("PDC of random fills: the days covered as laid out one day at a time by the PQA rule") {
  // An independent count: each fill's days laid out one by one from the later of its day and the end of the
  // supply before it, then the period's days counted that lie under some supply.
  std::mt19937 random(20261207);
  for (int round = 0; round < 500; ++round) {
    std::vector<LogEntry> fills;
    std::vector<std::pair<Day, int>> sorted;
    Day day = ymd(2025, 11, 1) + days{static_cast<int>(random() % 60)};
    const int count = 1 + static_cast<int>(random() % 8);
    for (int i = 0; i < count; ++i) {
      const int supply = 1 + static_cast<int>(random() % 90);
      fills.push_back(fill(day, supply));
      sorted.emplace_back(day, supply);
      day += days{static_cast<int>(random() % 70)};
    }
    const Period period{ymd(2026, 1, 1), ymd(2026, 1, 1) + days{static_cast<int>(random() % 200)}};
    std::erase_if(sorted, [&](const auto& f) { return f.first > period.to; });  // fills after it: not read
    if (sorted.empty()) continue;
    std::sort(sorted.begin(), sorted.end());
    std::set<Day> covered;
    Day next_free = sorted.front().first;
    for (const auto& [d, supply] : sorted) {
      const Day begin = std::max(d, next_free);
      for (int i = 0; i < supply; ++i) covered.insert(begin + days{i});
      next_free = begin + days{supply};
    }
    const Day index = std::max(period.from, sorted.front().first);
    if (index > period.to) continue;
    int expected = 0;
    for (Day d = index; d <= period.to; d += days{1}) expected += covered.count(d) ? 1 : 0;
    const int denominator = static_cast<int>((period.to - index).count()) + 1;
    const auto r = refill_adherence(fills, Drug::riluzole, period);
    INFO("round " << round);
    CHECK(r.gap_days == denominator - expected);
  }
}
