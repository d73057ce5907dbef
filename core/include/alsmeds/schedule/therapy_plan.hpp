#pragma once
// Plans derived from stored facts: a therapy, its adjustments, closed days and the doses logged so far.
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/records/records.hpp"
#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/regimens/tofersen.hpp"
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
/// "tofersen:<therapy>:d<dose number>".
std::string planned_key(const Therapy& therapy, const TofersenDose& dose);

/// The local days of the course's tofersen doses logged given (current versions, from its start to its stop),
/// one a day, in order.
std::vector<Day> given_tofersen_days(const Therapy& therapy, const std::vector<LogEntry>& log, Zone zone);
/// A course as a regimen planned by the day reads it (regimens.hpp): its days, its pauses and the local days
/// of its drug's doses logged given (current versions, from its start to its stop), one a day, in order.
CourseDays course_days(const Therapy& therapy, const std::vector<LogEntry>& log, Zone zone);
/// The same from the local days of its doses given already collected (any order; those outside the course
/// dropped, one a day).
CourseDays course_days(const Therapy& therapy, std::vector<Day> given);
/// A course's planned doses up to `through` through its regimen's plan_days (the given ones included); none
/// for a regimen planned by an engine of its own.
std::vector<PlannedDay> planned_days(const Therapy& therapy, const std::vector<LogEntry>& log, Zone zone,
                                     Day through);
/// The tofersen plan of a course up to `through` (or its stop day): anchored on the doses logged given (a
/// late dose moves every later one, docs/domain.md "Tofersen"); a dose falling due in a pause is due the day
/// after it, the later ones following it.
TofersenPlan tofersen_plan_for(const Therapy& therapy, const std::vector<LogEntry>& log, Zone zone,
                               Day through);
/// The same with the local days of the tofersen doses given already collected (any order; only those from the
/// course's start to its stop count, one a day).
TofersenPlan tofersen_plan_for(const Therapy& therapy, std::vector<Day> given, Day through);
/// The course's tofersen doses to give or given from..to (the pharmacy's list, the board's lumbar punctures):
/// given ones on their day; one overdue at `from` (not given, the course going on) on `from`, or the day
/// after a pause there, as if given then, the later ones following it by the label's intervals (`due` keeps
/// the day it was due).
std::vector<TofersenDose> tofersen_doses_between(const Therapy& therapy, const std::vector<Day>& given,
                                                 Day from, Day to);
/// A riluzole course's regimen from `first` on: its dose times in the patient's zone now, the zones they
/// lived in before (a plan before a move stays as it was).
RiluzoleRegimen riluzole_regimen_for(const Therapy& therapy, Zone zone,
                                     const std::vector<EarlierZoneSpan>& earlier_zones, Day first);

struct PlannedDoseMatch {
  std::string key;
  std::optional<int> cycle, cycle_day;  // edaravone
  std::optional<int> dose_number;       // tofersen
};

/// The planned dose a logged dose at `at` answers: for riluzole the planned dose nearest in time within 6
/// hours; for edaravone the planned dose on the same local day; for tofersen the dose given that day, else
/// the next dose not yet given (a late dose is still that dose); for another regimen planned by the day the
/// planned dose its plan counts as given once the dose's day is among the days given (none: unplanned). Empty
/// key when none matches (an unplanned dose).
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
