#pragma once
// Adherence measures (docs/domain.md, "Adherence measures"): dose-based against the plan, refill-based from
// dispensing records. Pure functions over stored facts; the period is [from, to], both days inclusive.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/adherence/dose_day_palette.hpp"
#include "alsmeds/calendar.hpp"
#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/records/records.hpp"
#include "alsmeds/result.hpp"
#include "alsmeds/schedule/due_list.hpp"

namespace alsmeds {

struct Period {
  Day from;
  Day to;  // inclusive
  /// "Now" for a period that reaches it (the app's default period ends today): a dose whose time has not come
  /// by then (riluzole: its planned time; edaravone: its day, until the day is over) is not due yet, so not
  /// scheduled, unless it was already logged taken. None: every planned dose of the period is due.
  std::optional<Instant> due_by{};
  int days() const { return static_cast<int>((to - from).count()) + 1; }
};

/// What a report does with the days of its period after today: the app refuses them (its period ends today
/// unless a date was mistyped); `report adherence` counts up to today (a script may ask for a whole month
/// or year while it runs): doses to come are not due, and refill measures stop at today (refill_adherence).
enum class DaysToCome { refused, counted_to_today };

/// The period a report measures, checked by one rule for the app and `report adherence` (issue 26): `to` not
/// before `from`, `from` not after `today` (nothing to count yet), `to` after today as `to_come` says. A
/// period that reaches today counts the doses due by `now` (Period::due_by). The error names the field as
/// given (`from_name`: "from" in the app, "--from" on the command line).
Result<Period> report_period(Day from, Day to, Day today, Instant now, DaysToCome to_come,
                             std::string_view from_name = "from", std::string_view to_name = "to");

/// Timing window around a scheduled dose: default 25% of the dosing interval (riluzole: 3 h). Edaravone has a
/// planned day, not a time: a dose counts as on time when it is given on its planned day.
inline constexpr double kTimingWindowFraction = 0.25;
/// Riluzole's window: 25% of its 12-hour interval, 3 h. The Today view marks a dose late from then on.
inline constexpr std::chrono::seconds kRiluzoleOnTimeWindow{
    static_cast<long>(12 * 3600 * kTimingWindowFraction)};

struct EdaravoneCycleAdherence {
  int cycle = 0;
  int planned = 0;
  int given = 0;
  int start_delay_days = 0;  // days the cycle's start moved from the original 28-day grid
  int deviations = 0;        // protocol deviations in the cycle (see DoseAdherence::deviations)
};

struct DoseAdherence {
  int scheduled = 0;     // planned doses in the period while the therapy ran (drug-free days never count)
  int taken = 0;         // planned doses logged taken (each planned dose counts once)
  int on_time = 0;       // of those, within the timing window
  int days = 0;          // therapy days in the period
  int correct_days = 0;  // days with exactly the prescribed number of doses (drug-free days: none)
  int longest_missed_run = 0;   // consecutive scheduled doses not taken
  int unplanned_doses = 0;      // taken doses that match no planned dose (edaravone: a protocol deviation)
  std::vector<DoseDay> by_day;  // one per therapy day in the period, from its first
  Day first_day;                // the first of them
  std::vector<EdaravoneCycleAdherence> cycles;  // edaravone only
  /// Protocol deviations in the period, one line each. Edaravone (docs/domain.md): a dose in a drug-free
  /// period (or outside every cycle), more doses in a window than the cycle's 14 or 10, two doses on one day.
  /// Riluzole: a doubled dose (two taken less than kDoubledDoseGap apart).
  std::vector<std::string> deviations;

  std::optional<double> taking_pct() const;  // taken / scheduled, capped at 100
  std::optional<double> timing_pct() const;  // on_time / scheduled
  std::optional<double> correct_days_pct() const;
  /// Edaravone: the largest start delay of a cycle in the period (days from the 28-day grid); else empty.
  std::optional<int> start_delay_days() const;
};

DoseAdherence dose_adherence(const PatientFacts& facts, const Therapy& therapy, const Period& period);
/// The same with the patient's current dose records given (facts.log's dose entries are then not read).
DoseAdherence dose_adherence(const PatientFacts& facts, const std::vector<DoseRecord>& doses,
                             const Therapy& therapy, const Period& period);

struct RefillAdherence {
  std::optional<double>
      pdc_pct;  // days covered / days from the index date to the period's end, capped at 100
  std::optional<double>
      mpr_pct;       // days' supply dispensed in the period / days in the period (may exceed 100)
  int gap_days = 0;  // days from the index date to the period's end not covered by supply
};

/// PDC by the Pharmacy Quality Alliance rules: the index date is the first dispensing (on or after `from`, or
/// the period's start when earlier supply carries into it); overlapping supply from an early refill is
/// shifted forward, never counted twice. NA (empty) when nothing was dispensed by the period's end.
RefillAdherence refill_adherence(const std::vector<LogEntry>& log, Drug drug, const Period& period);

inline constexpr double kAdherentPct = 80.0;

}  // namespace alsmeds
