#pragma once
// A patient's today (issue 26: no clinical rule in the app): the doses due today and the next days, late
// ones first, what to do about meals, the next infusion and liver test, the supplies running low; and what a
// press on a dose records (taken now, at its planned time, or refused with what to do instead). Pure: built
// from the stored facts and the clock. The desktop app's Today view shows it (app/gui/today_model.hpp).
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds {

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

}  // namespace alsmeds
