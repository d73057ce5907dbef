// The demo clinic's tofersen doses and observations, anchored as the label's plan is: each next dose due the
// interval after the dose actually given (core tofersen.hpp).
#include "demo_tofersen.hpp"

#include <cmath>
#include <random>
#include <string>

#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/regimens/tofersen.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "demo_clock.hpp"

namespace alsmeds {

std::vector<LogEntry> demo_tofersen_log(const Therapy& course, RecordId patient_id, Zone zone, Day today,
                                        std::uint32_t seed) {
  std::mt19937 rng(seed);
  auto between = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
  auto at = [&](Day d, int minute) { return demo_instant(zone, d, minute); };
  std::vector<LogEntry> log;
  auto entry = [&](LogKind kind) {
    LogEntry e;
    e.patient_id = patient_id;
    e.kind = kind;
    return e;
  };
  auto lab = [&](const char* test, Day d, double value, double uln) {
    LogEntry e = entry(LogKind::lab);
    e.test = test;
    e.value = std::round(value * 10) / 10;
    e.uln = uln;
    e.day = d;
    e.at = Instant{d};
    log.push_back(std::move(e));
  };
  double nfl = between(60, 140);  // pg/mL before the first dose
  Day due = course.start;
  for (int n = 1; due < today; ++n) {
    Day given = due;
    const int roll = between(1, 100);
    if (roll <= 6) {  // missed on its day (no room, unwell), given some days later
      LogEntry missed = entry(LogKind::dose);
      missed.drug = Drug::tofersen;
      missed.status = DoseStatus::missed;
      missed.at = at(due, 10 * 60);
      missed.planned_key = planned_key(Drug::tofersen, PlannedRef{course.id, n, 0});
      missed.note = "no lumbar puncture slot";
      if (due < today) log.push_back(std::move(missed));
      given = due + date::days{between(3, 9)};
    } else if (roll <= 20) {
      given = due + date::days{between(1, 3)};
    }
    if (given >= today) break;
    LogEntry e = entry(LogKind::dose);
    e.drug = Drug::tofersen;
    e.status = DoseStatus::taken;
    e.at = at(given, 9 * 60 + between(0, 240));
    e.planned_key = planned_key(Drug::tofersen, PlannedRef{course.id, n, 0});
    log.push_back(std::move(e));
    if (n <= kTofersenLoadingDoses || n % 3 == 0) lab("NfL", given, nfl, 0);
    if (n == 1 || n % 6 == 0) {
      lab("CSF-WBC", given, between(0, n == 1 ? 4 : 9), 5);
      lab("CSF-protein", given, between(25, n == 1 ? 44 : 58), 45);
    }
    // Falling over the loading doses, then levelling off (about half the first value within a year).
    nfl *= n <= kTofersenLoadingDoses ? 0.80 + between(0, 10) / 100.0 : 0.95 + between(0, 5) / 100.0;
    due = given + date::days{tofersen_days_to_next(n)};
  }
  return log;
}

}  // namespace alsmeds
