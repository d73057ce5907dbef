#pragma once
// Patient - Today: the doses due today and the next days, late ones first, with what to do about meals, and
// the next infusion and liver test. Pure: built from the stored facts and the clock.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/clinic_actions.hpp"
#include "alsmeds/due_list.hpp"
#include "alsmeds/plan_tables.hpp"
#include "alsmeds/record_store.hpp"
#include "alsmeds/supply.hpp"

namespace alsmeds::gui {

/// missed: a riluzole dose of today whose next dose's time has come (core kRiluzoleTimingWindow): offered as
/// "missed" or "taken earlier at ..." with the real time, never as a dose to take now.
/// early: a riluzole dose of today whose window (kRiluzoleOnTimeWindow before its time) has not opened:
/// offered only as "taken early at ..." with the time (core refuses a plain Taken then).
enum class DoseTiming { overdue, missed, late, due, early, upcoming };

struct TodayDose {
  std::string key;  // planned key
  Drug drug = Drug::riluzole;
  Day day;
  std::optional<Instant> at;  // riluzole: the planned instant
  std::string when;           // "08:00" or "Thu 2026-11-26"
  std::string
      what;  // "Riluzole tablet, 1 tablet (50 mg)", "Edaravone IV, 60 mg over 60 min - cycle 2, day 3"
  DoseTiming timing = DoseTiming::due;
  std::optional<int> cycle, cycle_day;
};

struct TodayModel {
  std::vector<TodayDose> doses;  // overdue, then today by time, then the next days
  std::optional<Instant> next_riluzole;
  std::string meal_rule;     // riluzole: 1 h before or 2 h after a meal
  std::string fasting_rule;  // oral edaravone's fasting window, else empty
  std::optional<Day> next_infusion;
  std::string next_infusion_what;
  std::optional<Day> next_liver_test;
  std::string next_liver_test_why;
  /// Supplies that run low (core refill_items: from the refill threshold, 7 days by default, before they run
  /// out): one line each.
  std::vector<std::string> refills;
};

inline constexpr int kUpcomingDays = 2;  // days after today shown under "Next days"

/// A riluzole dose is late once a quarter of the 12-hour interval (3 h) has passed without a record.
/// `refill_days`: the refill threshold (Settings).
TodayModel build_today(const PatientFacts& facts, Instant now, int refill_days = kDefaultRefillDays);

/// "in 3 h 20 min", "now", "45 min ago".
std::string time_until(Instant from, Instant to);

// The writes return the clinic action's outcome: the new record's id and the rule warnings the person must
// see (an ALT above 3x ULN, a dose already recorded taken), shown beside the control and in the status line.

/// Records the dose: taken now (today's dose) or at its planned time (an earlier day's), missed or refused at
/// its planned time. A refused dose needs a note saying why. A late dose taken now is recorded as taken late
/// (the button says so); an early one is refused (log_today_dose_taken_at, with the time).
Result<ActionOutcome> log_today_dose(RecordStore& store, const PatientFacts& facts, const TodayDose& dose,
                                     DoseStatus status, const std::string& note, const Actor& actor);

/// Records a dose of today whose time has passed (timing missed) or whose window has not opened (early) as
/// taken at the local wall-clock time `taken_at` of its day (the time it was really taken; the day after for
/// a dose taken after midnight): the person's explicit "taken early/late at ...".
Result<ActionOutcome> log_today_dose_taken_at(RecordStore& store, const PatientFacts& facts,
                                              const TodayDose& dose, WallClock taken_at, const Actor& actor);

/// How long after "Taken" the Today view offers Undo.
inline constexpr std::chrono::seconds kTakenUndoWindow{60};

/// Undoes a dose recorded taken by mistake: core's withdraw_dose, a correction that records no dose, so the
/// planned dose is open again.
Result<ActionOutcome> undo_taken(RecordStore& store, const PatientFacts& facts, RecordId record,
                                 const Actor& actor);

/// Quick logging from the Today view; each refuses bad values with a message naming them.
Result<ActionOutcome> log_side_effect(RecordStore& store, const PatientFacts& facts, const std::string& term,
                                      int grade, const std::string& note, const Actor& actor);
Result<ActionOutcome> log_lab_result(RecordStore& store, const PatientFacts& facts, const std::string& test,
                                     Day day, double value, double uln, const Actor& actor);
Result<ActionOutcome> log_weight(RecordStore& store, const PatientFacts& facts, Day day, double kg,
                                 const Actor& actor);

/// Side-effect terms offered in the quick form (labels' common reactions and the ones that raise alerts).
const std::vector<std::string>& side_effect_terms();
/// CTCAE grade in words: "2 - Moderate: limits some daily activities".
std::string grade_in_words(int grade);

}  // namespace alsmeds::gui
