#include "alsmeds/regimens/liver_tests.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "alsmeds/text.hpp"

namespace alsmeds {
namespace {

// Months after the start at which a test is due, up to `horizon`.
std::vector<int> test_months(LiverTestSchedule schedule, int horizon) {
  std::vector<int> months{0};
  for (int m = 1; m <= horizon; ++m) {
    bool due = false;
    if (m <= 3) {
      due = true;  // both schedules: monthly for the first 3 months
    } else if (schedule == LiverTestSchedule::eu) {
      due = m <= 12 ? m % 3 == 0 : m % 6 == 0;
    } else {
      due = m % 6 == 0;
    }
    if (due) months.push_back(m);
  }
  return months;
}

// value > k * uln, with a relative tolerance so decimal inputs at exactly k * uln are not "above".
bool above(double value, double uln, double k) {
  return value > k * uln * (1.0 + 1e-9);
}
bool at_least(double value, double uln, double k) {
  return value >= k * uln * (1.0 - 1e-9);
}

std::string format_multiple(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

}  // namespace

std::string_view to_string(LiverTestSchedule schedule) {
  return schedule == LiverTestSchedule::eu ? "eu" : "us";
}

Result<LiverTestSchedule> parse_liver_test_schedule(std::string_view text) {
  if (text == "eu") return LiverTestSchedule::eu;
  if (text == "us") return LiverTestSchedule::us;
  return fail(quote_short(text) + " is not a liver-test schedule (eu or us)");
}

Result<LiverTestPlan> plan_liver_tests(const LiverTestPlanRequest& request) {
  if (request.months < 0 || request.months > 1200)
    return fail("months " + std::to_string(request.months) + " is out of range (0 to 1200)");
  LiverTestPlan plan;
  for (int m : test_months(request.schedule, request.months)) {
    Day due = add_months_clamped(request.start, m);
    // Weekdays only: a weekend test moves to the Monday after, but the baseline to the Friday before (it
    // must come before the first dose).
    if (request.weekdays_only && m == 0 && is_weekend(due))
      while (is_weekend(due)) due -= date::days{1};
    else if (request.weekdays_only)
      due = next_weekday_if_weekend(due);
    plan.tests.push_back({due, m, m == 0 ? std::string("baseline") : "month-" + std::to_string(m)});
  }
  const Day baseline = plan.tests.front().due;
  if (baseline > request.start)
    plan.warnings.push_back("the baseline ALT moved to " + weekday_name(baseline) + " " +
                            format_day(baseline) + ", after the riluzole start " + format_day(request.start) +
                            ": draw it before the first dose or start riluzole on a weekday");
  return plan;
}

std::string format_times_uln(double multiple) {
  // A tiny nudge so a decimal half (5.25, stored as 5.2499999...) rounds up as a person would.
  const double tenths = std::round(multiple * 10.0 * (1.0 + 1e-12));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", tenths / 10.0);
  return buf;
}

std::string format_times_uln_for_rule(double multiple) {
  // The thresholds and how the rules compare with them: above 1x, 3x and 20x; 5x or more.
  struct Threshold {
    double k;
    bool at_least;
  };
  constexpr Threshold kThresholds[] = {{1, false}, {3, false}, {5, true}, {20, false}};
  auto side = [](double m, const Threshold& t) {
    const double tolerance = 1e-9 * t.k;  // as assess_transaminase compares
    return t.at_least ? m >= t.k - tolerance : m > t.k + tolerance;
  };
  for (int digits = 1; digits <= 6; ++digits) {
    char buf[32];
    const double scale = std::pow(10.0, digits);
    std::snprintf(buf, sizeof buf, "%.*f", digits, std::round(multiple * scale * (1.0 + 1e-12)) / scale);
    const double shown = std::strtod(buf, nullptr);
    bool agrees = true;
    for (const Threshold& t : kThresholds) agrees = agrees && side(shown, t) == side(multiple, t);
    if (agrees) return buf;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", multiple);
  return buf;
}

std::string_view to_string(AltAlertLevel level) {
  switch (level) {
    case AltAlertLevel::note:
      return "note";
    case AltAlertLevel::warning:
      return "warning";
    case AltAlertLevel::stop:
      return "stop";
    case AltAlertLevel::none:
      break;
  }
  return "none";
}

Result<AltAssessment> assess_alt(double value, double uln, bool is_baseline) {
  return assess_transaminase("ALT", value, uln, is_baseline);
}

Result<AltAssessment> assess_transaminase(std::string_view test_name, double value, double uln,
                                          bool is_baseline) {
  const std::string test(test_name);
  if (!std::isfinite(value) || value < 0)
    return fail(test + " value " + format_multiple(value) + " is not a valid result");
  if (!std::isfinite(uln) || uln <= 0)
    return fail("upper limit of normal " + format_multiple(uln) + " must be above 0");

  AltAssessment a;
  a.multiple_of_uln = value / uln;
  const std::string x = format_times_uln_for_rule(a.multiple_of_uln) + "x ULN";

  // CTCAE v5 "ALT increased" (normal baseline): G1 >ULN-3x, G2 >3-5x, G3 >5-20x, G4 >20x.
  if (above(value, uln, 20))
    a.ctcae_grade = 4;
  else if (above(value, uln, 5))
    a.ctcae_grade = 3;
  else if (above(value, uln, 3))
    a.ctcae_grade = 2;
  else if (above(value, uln, 1))
    a.ctcae_grade = 1;

  if (is_baseline && above(value, uln, 3)) {
    a.contraindicated = true;
    a.level = at_least(value, uln, 5) ? AltAlertLevel::stop : AltAlertLevel::warning;
    a.message =
        "baseline " + test + " " + x + ": above 3x ULN, riluzole is contraindicated (EU SmPC); do not start";
    return a;
  }
  if (at_least(value, uln, 5)) {
    a.level = AltAlertLevel::stop;
    a.retest_within_days = kStopRetestDays;
    a.message = test + " " + x + ": 5x ULN or more, discontinue riluzole (EU SmPC; US PI: not recommended)";
  } else if (above(value, uln, 3)) {
    a.level = AltAlertLevel::warning;
    a.retest_within_days = kEarlyRetestDays;
    a.message = test + " " + x + ": above 3x ULN, repeat " + test + " within " +
                std::to_string(kEarlyRetestDays) + " days";
  } else if (above(value, uln, 1)) {
    a.level = AltAlertLevel::note;
    a.retest_within_days = kRisingRetestDays;  // a rising result: the next test within a month
    a.message = test + " " + x + ": above the upper limit of normal";
  } else {
    a.message = test + " " + x + ": within normal limits";
  }
  return a;
}

}  // namespace alsmeds
