#pragma once
// Liver tests (ALT) for riluzole (docs/domain.md, "Liver tests"): the schedule and the evaluation of a
// result.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/calendar.hpp"
#include "alsmeds/result.hpp"

namespace alsmeds {

/// `eu` (default, EU SmPC, the stricter): baseline, monthly for 3 months, every 3 months to month 12, then
/// every 6 months. `us`: baseline, monthly for 3 months, then "periodically": our reading is every 6 months
/// counted from the start (month-6, month-12, ...), and the clinic may choose `eu` for closer follow-up.
enum class LiverTestSchedule { eu, us };

std::string_view to_string(LiverTestSchedule schedule);
Result<LiverTestSchedule> parse_liver_test_schedule(std::string_view text);

struct LiverTestPlanRequest {
  Day start;        // the therapy start; baseline is due on it (before the first dose)
  int months = 24;  // plan tests due up to this many months after the start (0..1200)
  LiverTestSchedule schedule = LiverTestSchedule::eu;
  bool weekdays_only =
      false;  // a test on Saturday or Sunday moves to the next Monday, the baseline to Friday
};

struct LiverTest {
  Day due;
  int month = 0;       // months after the start; 0 = baseline
  std::string reason;  // "baseline", "month-1", ...
};

struct LiverTestPlan {
  std::vector<LiverTest> tests;
  std::vector<std::string> warnings;  // e.g. a baseline moved past the therapy start by weekdays-only
};

/// The tests due from the start to `months` months after it. With weekdays-only a weekend test moves to the
/// next Monday (docs/domain.md), but a weekend baseline to the Friday before: the label wants it before the
/// first dose (issue 13; it used to move after the start with a warning).
Result<LiverTestPlan> plan_liver_tests(const LiverTestPlanRequest& request);

/// What an ALT result means, most severe first.
enum class AltAlertLevel { none, note, warning, stop };
std::string_view to_string(AltAlertLevel level);

inline constexpr int kEarlyRetestDays = 14;  // configurable default: next ALT within 14 days after > 3x ULN
/// A result above 1x ULN (up to 3x) brings the next test forward to within a month: the EU SmPC asks for more
/// frequent measurement when ALT rises and gives no interval; 30 days is our default (docs/domain.md).
inline constexpr int kRisingRetestDays = 30;
/// After ALT 5x ULN or more (a stop alert): the next ALT within 7 days (our default; the labels say
/// discontinue and give no interval: the liver is followed while the prescriber decides, and after a stop).
inline constexpr int kStopRetestDays = 7;

/// A multiple of the ULN as every output shows it: one decimal, a half rounded away from zero (210 U/L at
/// ULN 40 is 5.25x: "5.3"). Alerts, due lists, reports (CSV, HTML, PDF) and exports all use this one.
std::string format_times_uln(double multiple);

/// The multiple as a message about a rule shows it: one decimal unless that would put it on the other side of
/// a threshold the rules compare with (1x, 3x, 5x, 20x): 199 U/L at ULN 40 (4.975x, under 5x) is "4.98", not
/// "5.0"; 200/40 is "5.0" (the stop level, reached).
std::string format_times_uln_for_rule(double multiple);

struct AltAssessment {
  double multiple_of_uln = 0.0;
  AltAlertLevel level = AltAlertLevel::none;
  bool contraindicated = false;  // baseline above 3x ULN: EU SmPC contraindication (blocking)
  int ctcae_grade = 0;           // CTCAE v5 "ALT increased" (with a normal baseline); 0 = not above ULN
  std::optional<int> retest_within_days;  // early re-test after a value above 3x ULN (7 days at 5x or more)
  std::string message;                    // one line for a person
};

/// Evaluates an ALT value against the lab's upper limit of normal. Errors: value < 0, ULN <= 0, not finite.
/// Thresholds compare value with k * ULN with a relative tolerance of 1e-9, so that 99.9 against a ULN
/// of 33.3 counts as exactly 3x and not "above 3x".
Result<AltAssessment> assess_alt(double value, double uln, bool is_baseline);
/// The same for either transaminase, `test` "ALT" or "AST" (US PI: aminotransferase elevations; AST is judged
/// with ALT's thresholds and the higher multiple of the two decides, docs/domain.md). The message names it.
Result<AltAssessment> assess_transaminase(std::string_view test, double value, double uln, bool is_baseline);

}  // namespace alsmeds
