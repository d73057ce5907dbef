#pragma once
// board propose on the clinic's records (issue 27): what the CLI's `board propose` and the app's Cycle
// planner ("Level the chairs") both call. The search and its scores are chair_levelling.hpp's; this reads the
// clinic: every other patient with an edaravone course, their IV infusions (booked where booked, else
// planned), the closed days of the clinic and of the patient.
#include <vector>

#include "alsmeds/board/chair_levelling.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds {

struct LevelledStarts {
  std::vector<StartProposal> proposals;  // best first, the earliest start's row included
  ChairLoad others;                      // every other patient's infusions per day over the days scored
  InfusionUnit unit;
  int days = 0;  // the days scored from request.from (scored_days)
};

/// The proposals for `patient` (facts with their closed days and therapies). `request.closed` is filled from
/// the facts; `request.preference` is kept. Refused: the patient has an edaravone course running on
/// `request.from` (stop it, or propose from after its stop), or no start of the search window is feasible.
Result<LevelledStarts> propose_levelled_starts(RecordStore& store, const PatientFacts& patient,
                                               StartProposalRequest request, const InfusionUnit& unit);

/// The dose days of a proposal's cycles 2+ as cycle days: what a course started from it stores.
DoseDayPattern dose_day_pattern_of(const StartProposal& proposal);

}  // namespace alsmeds
