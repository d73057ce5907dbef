// The demo clinic's doses of a registered drug planned by the day (demo_registered.hpp): asked of its plan
// one dose at a time, so a plan that reads the doses given is anchored on them as it would be in use.
#include "demo_registered.hpp"

#include <random>
#include <set>
#include <string>

#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "demo_clock.hpp"

namespace alsmeds {

std::vector<LogEntry> demo_registered_log(const Therapy& course, RecordId patient_id, Zone zone, Day today,
                                          std::uint32_t seed) {
  const Regimen& r = regimen(course.drug);
  std::vector<LogEntry> log;
  if (!r.plan_days || course.start >= today) return log;
  std::mt19937 rng(seed);
  auto between = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
  auto at = [&](Day d, int minute) { return demo_instant(zone, d, minute); };
  auto dose = [&](const PlannedDay& planned, DoseStatus status, Instant when) {
    LogEntry e;
    e.patient_id = patient_id;
    e.kind = LogKind::dose;
    e.drug = course.drug;
    e.status = status;
    e.at = when;
    e.planned_key = planned_key(course.drug, PlannedRef{course.id, planned.first, planned.second});
    log.push_back(std::move(e));
  };
  const Day last = (course.stop && *course.stop < today) ? *course.stop : today - date::days{1};
  std::vector<Day> given;          // one dose a day at most, in order
  std::set<std::string> answered;  // the planned doses logged taken (a plan that does not mark them)
  while (true) {
    const std::vector<PlannedDay> plan = r.plan_days(course_days(course, given), last);
    const PlannedDay* next = nullptr;
    for (const PlannedDay& d : plan)
      if (!d.given && d.day <= last &&
          !answered.count(planned_key(course.drug, PlannedRef{course.id, d.first, d.second}))) {
        next = &d;
        break;
      }
    if (next == nullptr) break;
    Day day = next->day;
    const int roll = between(1, 100);
    if (roll <= 5) {  // missed on its day, given some days later
      dose(*next, DoseStatus::missed, at(next->day, 10 * 60));
      day += date::days{between(2, 5)};
    } else if (roll <= 15) {
      day += date::days{between(1, 2)};
    }
    if (!given.empty() && day <= given.back()) day = given.back() + date::days{1};
    if (day > last) break;
    dose(*next, DoseStatus::taken, at(day, 8 * 60 + between(0, 180)));
    answered.insert(log.back().planned_key);
    given.push_back(day);
  }
  return log;
}

}  // namespace alsmeds
