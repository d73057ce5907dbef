#pragma once
// Nurse - Cycle planner: a month of one patient's edaravone calendar (dose days, drug-free days, closed
// days, short cycles, make-up days) and the nurse's actions on it. Pure apart from the store writes.
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds::gui {

enum class DayMark { none, dose, given, missed, drug_free, window_open, closed };

struct CalendarDay {
  Day day;
  bool in_month = false;
  DayMark mark = DayMark::none;
  int cycle = 0, cycle_day = 0;
  bool short_cycle = false;       // the day's cycle cannot get all its doses
  std::optional<Day> moved_from;  // a make-up dose for a missed day
  bool closed = false;
  std::string closed_reason;
  std::string key;  // planned key of a dose day
};

struct PlannerModel {
  date::year_month month{date::year{2026}, date::month{1}};
  const Therapy* therapy = nullptr;  // the latest edaravone therapy; null when none
  std::vector<CalendarDay> days;     // whole weeks, Monday first, covering the month
  std::vector<InfusionCycle> cycles;
  std::vector<std::string> warnings;  // short cycles
};

/// The facts must outlive the model (it points at their therapy).
PlannerModel build_month(const PatientFacts& facts, date::year_month month);

/// The earliest start on or after `from` whose first cycle misses no closed day.
Day proposed_start(const PatientFacts& facts, Day from);

// The writes return the clinic action's outcome: the new record's id and the rule warnings to show.

/// Starts edaravone through the clinic's rules (core start_therapy): a sulfite-allergic patient needs the
/// prescriber's confirmation (who and why), refused otherwise with the reason. `dose_days`: the dose days of
/// cycles 2+ of a chair-levelling proposal the nurse used (stored with the course), empty for the policy's.
Result<ActionOutcome> start_edaravone(RecordStore& store, const PatientFacts& facts, Product form,
                                      DayPolicy policy, Day start, const Confirmation& sulfite_risk,
                                      const Actor& actor, const DoseDayPattern& dose_days = {});

/// Starts riluzole at `times` (two, 9 to 15 hours apart). The latest ALT on or before the start is its
/// baseline: above 3x ULN the EU SmPC contraindicates riluzole, so the start is refused unless the prescriber
/// has confirmed (`contraindication_confirmed`). Without any ALT result the start goes ahead: the baseline
/// test is then the first one due on the liver-test plan.
Result<ActionOutcome> start_riluzole(RecordStore& store, const PatientFacts& facts, Day start,
                                     const std::vector<WallClock>& times, const Confirmation& baseline_alt,
                                     const Actor& actor);

/// Delays cycle `cycle` by `days`, re-flowing as chosen; a reason is required.
Result<ActionOutcome> delay_cycle(RecordStore& store, const PatientFacts& facts, int cycle, int days,
                                  Reflow reflow, const std::string& reason, const Actor& actor);

/// Marks the infusion planned on `day` given (taken) or missed; the day must be a planned dose day.
Result<ActionOutcome> mark_infusion(RecordStore& store, const PatientFacts& facts, const PlannerModel& model,
                                    Day day, DoseStatus status, const Actor& actor);

}  // namespace alsmeds::gui
