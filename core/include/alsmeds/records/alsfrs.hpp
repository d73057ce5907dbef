#pragma once
// The ALSFRS-R (revised ALS Functional Rating Scale; ../shared/docs/domain.md, "ALSFRS-R"): 12 items of 0-4,
// total 0-48, four domains; a patient's reports over time, the pre-diagnostic slope (delta FS), the slope of
// the last 6 months and the flags of our default. Pure: reports and days are inputs.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/calendar.hpp"
#include "alsmeds/records/records.hpp"
#include "alsmeds/result.hpp"

namespace alsmeds {

inline constexpr int kAlsfrsItems = 12;
using AlsfrsItems = std::array<int, kAlsfrsItems>;

/// One report: the 12 answers in the scale's order (item 5 is 5a, cutting food, or 5b with a gastrostomy).
struct AlsfrsReport {
  RecordId id = 0;
  RecordId patient_id = 0;
  Day day;
  AlsfrsItems items{};
  bool gastrostomy = false;  // item 5 answered as 5b
  std::string recorded_by;
  Instant recorded_at;
  std::optional<RecordId> supersedes;  // a correction of an earlier report (append-only, as the log)
};

/// "speech", "salivation", ..., "cutting food (5a)" or "cutting food with gastrostomy (5b)", ...
std::string alsfrs_item_name(int index, bool gastrostomy);

/// The project's own plain wording (alsfrs_wording.cpp): the question of item `index` (0-11; 4 is 5a, or
/// 5b with a gastrostomy) and the answer scoring `score` (0-4).
std::string_view alsfrs_question(int index, bool gastrostomy);
std::string_view alsfrs_answer(int index, bool gastrostomy, int score);

/// "4,4,3,..." -> the 12 answers; a wrong count or a value outside 0-4 is refused naming it.
Result<AlsfrsItems> parse_alsfrs_items(std::string_view text, bool gastrostomy);

struct AlsfrsScore {
  int total = 0;        // 0-48
  int bulbar = 0;       // items 1-3
  int fine_motor = 0;   // items 4-6
  int gross_motor = 0;  // items 7-9
  int respiratory = 0;  // items 10-12
};
AlsfrsScore score(const AlsfrsItems& items);

/// Months between two days, at the average Gregorian month (30.436875 days; our default).
double months_between(Day from, Day to);
/// delta FS = (48 - the first report's total) / months from symptom onset to that report; none without an
/// onset or with a first report not after it.
std::optional<double> delta_fs(const std::vector<AlsfrsReport>& reports, std::optional<Day> onset);
/// The least-squares slope (points a month, negative when falling) of the totals of the reports of the 6
/// months up to the last report on or before `as_of` (183 days); none with fewer than two reports on
/// different days.
std::optional<double> slope_6m(const std::vector<AlsfrsReport>& reports, Day as_of);
/// The current reports (corrections applied), by day then id.
std::vector<AlsfrsReport> current_reports(const std::vector<AlsfrsReport>& reports);
/// Our default flags between consecutive reports: a domain down 2 or more, any fall of the respiratory
/// domain. One line each: "2026-03-01: bulbar down 2 (9 to 7) since 2026-02-01".
std::vector<std::string> alsfrs_flags(const std::vector<AlsfrsReport>& reports);

/// What a cohort report says of a patient's function on a day: the last total on or before it, delta FS and
/// the 6-month slope up to it (none without a report by then).
struct AlsfrsSummary {
  std::vector<std::pair<Day, int>> totals;  // every current report's total up to the day, oldest first
  std::optional<Day> last_day;
  std::optional<int> last_total;
  std::optional<double> delta_fs;
  std::optional<double> slope_6m;
};
/// `reports` as stored (corrections applied here); only the reports on or before `as_of` count.
AlsfrsSummary alsfrs_summary(const std::vector<AlsfrsReport>& reports, std::optional<Day> onset, Day as_of);

/// A slope or delta FS as reports print it: two decimals, "NA" for none, never "-0.00".
std::string format_points_a_month(std::optional<double> v);

/// The audit words of a report (both stores): "ALSFRS-R 2026-03-01: 4,4,3,... (5b), corrects report 7".
std::string describe_alsfrs(const AlsfrsReport& report);
/// "4,4,3,..." as stored.
std::string format_alsfrs_items(const AlsfrsItems& items);

/// A report is due every this many days after the last one (our default, 4 weeks; a setting: `due
/// --alsfrs-every`, the app's Settings), within these bounds.
inline constexpr int kAlsfrsEveryDays = 28, kMinAlsfrsEveryDays = 7, kMaxAlsfrsEveryDays = 182;
/// The day the next self-report is due: `every_days` after the last current report; none before a first
/// (a clinic starts the patient on the scale).
std::optional<Day> alsfrs_next_due(const std::vector<AlsfrsReport>& reports,
                                   int every_days = kAlsfrsEveryDays);

}  // namespace alsmeds
