#pragma once
// Plans derived from stored facts: a therapy, its adjustments, closed days and the doses logged so far.
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/edaravone.hpp"
#include "alsmeds/records.hpp"
#include "alsmeds/riluzole.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds {

/// The edaravone plan of a therapy up to `through` (or its stop day): cycles with the stored re-flows, the
/// clinic's and patient's closed days, and the days logged missed or refused (the make-up rule applies).
EdaravonePlan edaravone_plan_for(const Therapy& therapy, const std::vector<ClosedDay>& closed,
                                 const std::vector<LogEntry>& log, Zone zone, Day through);
/// The local days of the edaravone doses logged missed or refused that no correction replaced (a missed dose
/// corrected to taken gets no make-up day; a corrected day counts as corrected).
std::vector<Day> missed_edaravone_days(const std::vector<LogEntry>& log, Zone zone);
/// The same with the local days of the edaravone doses logged missed or refused already collected.
EdaravonePlan edaravone_plan_for(const Therapy& therapy, const std::vector<ClosedDay>& closed,
                                 std::vector<Day> missed, Day through);

/// Stable identity of a planned dose, unchanged by unrelated records and by re-flows:
/// "edaravone:<therapy>:c<cycle>:d<cycle day>" and "riluzole:<therapy>:<local day>:<slot>".
std::string planned_key(const Therapy& therapy, const EdaravoneDose& dose);
std::string planned_key(const Therapy& therapy, const RiluzoleDose& dose);
/// A riluzole course's regimen from `first` on: its dose times in the patient's zone now, the zones they
/// lived in before (a plan before a move stays as it was).
RiluzoleRegimen riluzole_regimen_for(const Therapy& therapy, Zone zone,
                                     const std::vector<EarlierZoneSpan>& earlier_zones, Day first);

struct PlannedDoseMatch {
  std::string key;
  std::optional<int> cycle, cycle_day;  // edaravone
};

/// The planned dose a logged dose at `at` answers: for riluzole the planned dose nearest in time within 6
/// hours; for edaravone the planned dose on the same local day. Empty key when none matches (an unplanned
/// dose).
PlannedDoseMatch match_planned_dose(const Therapy& therapy, const std::vector<ClosedDay>& closed,
                                    const std::vector<LogEntry>& log, Zone zone, Instant at);

/// The label (product.hpp) of a dose of the course on `day`, from the product in force that day (a switch
/// changes it from its day on).
inline DoseLabel dose_label(const Therapy& therapy, Day day) {
  return dose_label(product_on(therapy, day));
}

/// The edaravone cycle and cycle day that `day` falls in, if any.
std::optional<std::pair<int, int>> edaravone_cycle_day(const EdaravonePlan& plan, Day day);

}  // namespace alsmeds
