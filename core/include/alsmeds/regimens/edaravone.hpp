#pragma once
// Edaravone cycles (docs/domain.md, "Edaravone"). Every cycle is 28 days: cycle 1 = a dose on each of its
// first 14 days, cycles 2+ = 10 doses within the first 14 days, then 14 drug-free days. Pure functions:
// closures, missed days and re-flows are inputs, the plan is derived from them.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/calendar.hpp"
#include "alsmeds/result.hpp"
#include "alsmeds/units.hpp"

namespace alsmeds {

/// The edaravone engine's name for a form; a course's product is a Product (product.hpp).
enum class EdaravoneForm { iv, oral };
/// How cycles 2+ choose their 10 days: `earliest` = first 10 open days of the window (default);
/// `weekdays` = first 10 open Monday-to-Friday days.
enum class DayPolicy { earliest, weekdays };
/// Cycle 1 of a course: `full` = a dose every day for 14 days (the labels' initial cycle, always for a first
/// course); `ten_of_fourteen` = 10 doses in 14 days like later cycles: a prescriber's choice at a restart
/// (the labels say nothing of restarts).
enum class FirstCycle { full, ten_of_fourteen };
/// Re-flow after a delayed cycle start: shift this and every later cycle (default), or only this cycle.
enum class Reflow { shift_all_later, only_this_cycle };

inline constexpr int kCycleLengthDays = 28;
inline constexpr int kDosingWindowDays = 14;
inline constexpr int kDrugFreeDays = 14;
inline constexpr int kFirstCycleDoses = 14;
inline constexpr int kLaterCycleDoses = 10;

Milligrams edaravone_dose(EdaravoneForm form);  // 60 mg IV, 105 mg oral suspension
std::string_view to_string(DayPolicy policy);
std::string_view to_string(Reflow reflow);
std::string_view to_string(FirstCycle first);  // "full", "10-of-14"
Result<FirstCycle> parse_first_cycle(std::string_view text);
Result<DayPolicy> parse_day_policy(std::string_view text);

/// Days on which no dose may be given (clinic holidays, patient unavailable). Sorted, without repeats.
class ClosedDays {
 public:
  ClosedDays() = default;
  explicit ClosedDays(std::vector<Day> days);
  bool contains(Day day) const;
  const std::vector<Day>& days() const { return days_; }

 private:
  std::vector<Day> days_;
};

/// A nurse's delay of cycle `cycle` by `days` days (days >= 1).
struct CycleShift {
  int cycle = 0;
  int days = 0;
  Reflow reflow = Reflow::shift_all_later;
  /// Set when the cycle had started (a dose of it logged) when it was delayed: its start and every dose
  /// before this day stay where they are; the doses planned from this day on move `days` later, and its
  /// dosing window grows by `days` (an interrupted window). Empty: the whole cycle moves.
  std::optional<Day> resume_from;
};

/// A switch of edaravone's form from `from` on: the calendar goes on, the dose changes (docs/domain.md).
struct EdaravoneFormChange {
  Day from;
  EdaravoneForm form = EdaravoneForm::iv;
};

/// The dose days a nurse chose for cycles 2+ (a proposal of board propose, stored with the course): cycle
/// number -> its 10 cycle days (1-14, 1 = the cycle's first day). Cycles without an entry follow the policy.
using DoseDayPattern = std::map<int, std::vector<int>>;
/// "c2:1-5,8-12;c3:1-10" (the form board propose prints; a leading "c1:1-14" is accepted and carries nothing:
/// cycle 1 is always its 14 consecutive days). Empty text: no pattern.
std::string format_dose_day_pattern(const DoseDayPattern& pattern);
/// Errors name the part: a cycle outside 1-500, a day outside 1-14 or given twice, cycle 1 other than 1-14,
/// a later cycle with other than 10 days, a cycle given twice.
Result<DoseDayPattern> parse_dose_day_pattern(std::string_view text);

struct EdaravoneRegimen {
  Day start;
  EdaravoneForm form = EdaravoneForm::iv;
  DayPolicy policy = DayPolicy::earliest;
  FirstCycle first_cycle = FirstCycle::full;
  /// Chosen days of cycles 2+: each such cycle doses on its chosen days that are open (and allowed by the
  /// policy, in the window); a chosen day that is not is replaced by the window's first other open day, so
  /// the cycle still gets its 10 doses when it can. Re-flows move a cycle's chosen days with its start.
  DoseDayPattern chosen_days{};
};

struct EdaravonePlanRequest {
  EdaravoneRegimen regimen;
  int cycles = 6;
  ClosedDays closed;
  std::vector<CycleShift> shifts;                 // applied in the order given
  std::vector<Day> missed;                        // planned dose days that were not given
  std::vector<EdaravoneFormChange> form_changes;  // by day: doses from each day on take its form
};

struct EdaravoneDose {
  Day day;
  int cycle = 0;
  int cycle_day = 0;  // 1 = the cycle's first day
  EdaravoneForm form = EdaravoneForm::iv;
  Milligrams dose;
  std::optional<Day> moved_from;  // a make-up dose: the missed day it replaces
};

struct InfusionCycle {
  int number = 0;
  Day start;        // first day of the dosing window
  Day window_last;  // last day a dose may be given (start + 13, + the delays of a started cycle, unless
                    // a re-flow clipped it)
  Day next_start;   // first day of the next cycle; window_last+1 .. next_start-1 is drug-free
  int doses_required = 0;
  int doses_planned = 0;             // what fitted in the window before any missed day
  std::vector<EdaravoneDose> doses;  // after missed days and make-ups, by day
  std::vector<Day> missed;           // missed days with no make-up left in the window

  bool is_short() const { return doses_planned < doses_required; }
  int drug_free_days() const { return static_cast<int>((next_start - window_last).count()) - 1; }
};

struct EdaravonePlan {
  std::vector<InfusionCycle> cycles;
  std::vector<std::string> warnings;         // one line per short cycle, ready to show
  std::vector<EdaravoneDose> doses() const;  // every dose of every cycle, by day
};

/// Plans `request.cycles` cycles. Errors: cycles outside 1..500, a shift of a cycle that is not planned, a
/// shift of fewer than 1 or more than 365 days.
///
/// Re-flow, our reading of docs/domain.md: `shift_all_later` moves cycle N and every later cycle by D days.
/// `only_this_cycle` moves cycle N by D days and leaves each later cycle on its old 28-day grid date as long
/// as the cycle before it still gets all the doses it would get in a full 14-day window when that window is
/// ended 14 drug-free days before the grid date; otherwise the later cycle moves only as many days as needed
/// for that. A window is never stretched into a drug-free period; every cycle keeps at least 14 drug-free
/// days.
///
/// A shift with `resume_from` (a started cycle) leaves the cycle's start and its doses before that day in
/// place; the days from `resume_from` for `days` days carry no dose (the interruption) and the window ends
/// `days` later, so what was left moves by the delay and the cycle still gets its 14 or 10 doses, never
/// more. Later cycles follow the re-flow as above, measured from the longer window.
///
/// Missed days: in cycles 2+, the dose moves to the next day after it in the same window that is open,
/// allowed by the policy (a weekday under `weekdays`: our conservative reading, the clinic chose weekdays)
/// and without a dose; if none is left it is recorded missed. In cycle 1 a missed day is always recorded
/// missed.
Result<EdaravonePlan> plan_edaravone(const EdaravonePlanRequest& request);

/// The earliest day on or after `from` whose 14-day first cycle has no closed day, so cycle 1 gets all 14
/// doses. Error if none is found within `search_days` days.
Result<Day> propose_edaravone_start(Day from, const ClosedDays& closed, int search_days = 366);

// A course's product (product.hpp) in this module's words and back: the form of an edaravone product (iv for
// any other), the product of a form; and the brand and dose of its label (the Regimen's dose_label hook).
enum class Product;
struct DoseLabel;
EdaravoneForm edaravone_form(Product product);
Product product_of(EdaravoneForm form);
DoseLabel edaravone_dose_label(Product product);

/// An infusion's own part of its planned-dose key (planned_key.hpp): "c<cycle>:d<cycle day>", and back.
std::string edaravone_key_part(int cycle, int cycle_day);
bool read_edaravone_key_part(std::string_view part, int& cycle, int& cycle_day);

}  // namespace alsmeds
