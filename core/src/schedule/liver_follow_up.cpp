#include "liver_follow_up.hpp"

#include <algorithm>
#include <map>

#include "alsmeds/regimens/liver_tests.hpp"

namespace alsmeds {

std::optional<LiverFollowUp> liver_follow_up_after_stop(const PatientFacts& f,
                                                        const std::vector<LogEntry>& log, Day on) {
  const Therapy* stopped = nullptr;
  for (const Therapy& t : f.therapies)
    if (t.drug == Drug::riluzole && t.stop && *t.stop <= on && (!stopped || *t.stop > *stopped->stop))
      stopped = &t;
  if (!stopped) return std::nullopt;
  for (const Therapy& t : f.therapies)  // started again: that course's own liver schedule follows it
    if (t.drug == Drug::riluzole && t.start > *stopped->stop && t.start <= on) return std::nullopt;
  // Each day's higher multiple of ALT and AST (the higher decides, docs/domain.md).
  std::map<Day, double> by_day;
  for (const LogEntry& e : log)
    if (e.kind == LogKind::lab && (e.test == "ALT" || e.test == "AST") && e.day && e.uln > 0 &&
        *e.day <= on && *e.day >= stopped->start - date::days{7})
      by_day[*e.day] = std::max(by_day[*e.day], e.value / e.uln);
  constexpr double kTolerance = 1e-9;  // as assess_transaminase compares with 3x
  std::optional<Day> last_high;
  bool high_in_course = false;
  for (const auto& [day, multiple] : by_day)
    if (multiple > 3.0 * (1.0 + kTolerance)) {
      last_high = day;
      high_in_course = high_in_course || day <= *stopped->stop;
    }
  if (!high_in_course) return std::nullopt;
  int under = 0;
  Day latest = *stopped->stop;
  for (const auto& [day, multiple] : by_day) {
    if (day > *last_high && multiple < 3.0 * (1.0 - kTolerance)) ++under;
    latest = std::max(latest, day);
  }
  if (under >= 2) return std::nullopt;
  return LiverFollowUp{latest + date::days{kFollowUpAfterStopDays},
                       "liver follow-up after riluzole was stopped on ALT/AST above 3x ULN: a test every " +
                           std::to_string(kFollowUpAfterStopDays) + " days until two results under 3x ULN (" +
                           std::to_string(under) + " of 2 so far)"};
}

}  // namespace alsmeds
