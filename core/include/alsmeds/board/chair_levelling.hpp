#pragma once
// Levelling the infusion unit's chair load (issue 27): for a new IV edaravone course, every feasible start in
// the next weeks and, within the label, the 10 dose days of each later 14-day window, scored against the load
// of every other patient over a horizon. Pure: the others' load, closed days and the unit are inputs.
//
// The label (docs/domain.md "Edaravone"): cycle 1 = a dose on each of 14 consecutive days, cycles 2+ = 10
// doses within the cycle's first 14 days, every cycle 28 days (so 14 drug-free days follow each window). A
// start is feasible when its cycle 1 meets no closed day (all 14 doses). Exact search: the score of a start
// is minimised window by window (module comment in chair_levelling.cpp), and every start of the search window
// is scored.
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/calendar.hpp"
#include "alsmeds/records/records.hpp"
#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/result.hpp"
#include "alsmeds/schedule/due_list.hpp"

namespace alsmeds {

/// The unit: chairs x opening hours (an infusion takes a chair for one hour), the weekdays it opens.
struct InfusionUnit {
  int chairs = 4;
  int opening_hour = 8;
  int closing_hour = 17;
  bool weekdays_only = false;  // Saturday and Sunday: no chair (a dose then is counted over capacity)
  int infusions_per_day(Day day) const;  // chairs x hours, 0 on a day the unit does not open
};

/// The unit of the clinic's settings (board settings; clinic_actions.hpp board_hours_of for the hours).
InfusionUnit infusion_unit_of(const UnitSettings& settings);

/// The chair load of every other patient: infusions per day from `from` on (load[i] = day from + i).
struct ChairLoad {
  Day from;
  std::vector<int> infusions;
  int on(Day day) const;  // 0 outside the range
};

struct StartProposalRequest {
  Day from;             // the first start considered
  int start_days = 28;  // starts considered: from .. from + start_days - 1
  int weeks = 26;       // the horizon scored: from .. from + 7 x weeks - 1
  int top = 5;          // proposals kept (the earliest start's row comes in addition when not among them)
  DayPolicy preference = DayPolicy::earliest;  // weekdays: later dose days Monday to Friday only
  ClosedDays closed;                           // the clinic's and the patient's: never a dose
};

struct StartProposal {
  int rank = 0;  // 1 = best; the earliest row keeps its own rank among all starts scored
  Day start;
  std::vector<Day> dose_days;
  int peak_day_load = 0;       // most infusions on one day of the horizon, this patient's included
  int over_capacity_days = 0;  // days with more infusions than chairs x hours
  double sum_sq_above_mean = 0;
  bool earliest = false;  // the first feasible start with the first open days: what is done without levelling
  std::vector<int> short_cycles;  // later cycles that cannot get 10 doses (closures): planned short
};

/// The days scored: from .. from + start_days + 7 x weeks - 1, so that every start's course lies inside.
int scored_days(const StartProposalRequest& request);

/// The ranked proposals, best first (fewest over-capacity days, then the lowest peak, then the smallest sum
/// of squares above the mean, then the earlier start), at most `top` of them, then the earliest row when it
/// is not among them. The mean is the horizon's infusions (this patient's included) over the days the unit
/// opens; the sum runs over those days. Error when no start of the search window is feasible.
Result<std::vector<StartProposal>> propose_iv_starts(const StartProposalRequest& request,
                                                     const InfusionUnit& unit, const ChairLoad& others);

/// The IV infusions of `patients` per day from `from` for `days` days: on the day booked where booked, else
/// planned (the pharmacy's preparation list, pharmacy_prep.hpp). `facts` with their logs.
ChairLoad iv_chair_load(const std::vector<PatientFacts>& patients,
                        const std::vector<InfusionBooking>& bookings, Day from, int days);

/// The unit's figures over `days` days from `from`: the peak day load, the days over capacity, and the sum
/// over the days the unit opens of (load - mean)^2 for loads above the mean (the mean over those days).
struct UnitScore {
  int peak_day_load = 0;
  int over_capacity_days = 0;
  double sum_sq_above_mean = 0;
};
UnitScore score_unit(const ChairLoad& load, const InfusionUnit& unit, Day from, int days);
/// Fewer over-capacity days, then a lower peak, then a smaller sum (the ranking of board propose and level).
bool better(const UnitScore& a, const UnitScore& b);

/// board level: moves of future IV edaravone cycles that cut the unit's peaks, each a delay of one cycle by
/// 1..max_delay days (`therapy shift --only-this-cycle`, the label's re-flow: the plan engine keeps every
/// later cycle's 14 drug-free days), for a nurse to accept one by one. A cycle is movable when it starts
/// after `today` and `from`, within the weeks looked at, with no dose logged or booked in it or in what the
/// delay moves. Heuristic (greedy, documented in unit_levelling.cpp): the best single move, applied, then the
/// next, at most `top` moves, each strictly better than the unit before it.
struct UnitLevellingRequest {
  Day from;
  Day today;
  int weeks = 8;
  int max_delay = 3;
  int top = 10;
};
struct LevellingMove {
  RecordId patient_id = 0;
  RecordId therapy_id = 0;
  int cycle = 0;
  Day start, new_start;
  int delay_days = 0;
  UnitScore before,
      after;  // the unit over the days scored, before and after this move (earlier moves applied)
};
std::vector<LevellingMove> level_unit(const std::vector<PatientFacts>& patients,
                                      const std::vector<InfusionBooking>& bookings,
                                      const UnitLevellingRequest& request, const InfusionUnit& unit);

/// A course's dose days with the doses of a proposal added: the next patient's "others".
void add_doses(ChairLoad& load, const std::vector<Day>& days);

/// "c1:1-14;c2:1-5,8-12;...": the dose days as cycle days (runs as first-last), cycle by cycle.
std::string describe_dose_days(Day start, const std::vector<Day>& days);

}  // namespace alsmeds
