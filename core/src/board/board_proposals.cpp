// board propose on the clinic's records: the reading shared by the CLI and the app (board_proposals.hpp).
#include "alsmeds/board/board_proposals.hpp"

#include <set>

#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {

Result<LevelledStarts> propose_levelled_starts(RecordStore& store, const PatientFacts& patient,
                                               StartProposalRequest request, const InfusionUnit& unit) {
  const Therapy* course = latest_therapy(patient, Drug::edaravone);
  if (course && (!course->stop || *course->stop >= request.from))
    return fail("patient " + std::to_string(patient.patient.id) + " has an edaravone course from " +
                format_day(course->start) + " running on " + format_day(request.from) +
                ": stop it (or propose from after its stop) first");
  std::vector<Day> closed;
  for (const ClosedDay& c : patient.closed) closed.push_back(c.day);
  request.closed = ClosedDays(std::move(closed));
  // Every other patient with an edaravone course: the only ones with infusions to count.
  std::set<RecordId> with_edaravone;
  for (const Therapy& t : store.all_therapies())
    if (t.drug == Drug::edaravone) with_edaravone.insert(t.patient_id);
  std::vector<Patient> others;
  for (const Patient& p : store.patients())
    if (with_edaravone.count(p.id) && p.id != patient.patient.id) others.push_back(p);
  auto facts = load_clinic_due_facts(store, others, request.from);
  if (!facts) return fail(facts.error());
  LevelledStarts out;
  out.unit = unit;
  out.days = scored_days(request);
  out.others =
      iv_chair_load(*facts, store.infusion_bookings(request.from, request.from + date::days{out.days - 1}),
                    request.from, out.days);
  auto proposals = propose_iv_starts(request, unit, out.others);
  if (!proposals) return fail(proposals.error());
  out.proposals = std::move(*proposals);
  return out;
}

DoseDayPattern dose_day_pattern_of(const StartProposal& p) {
  DoseDayPattern out;
  for (const Day d : p.dose_days) {
    const auto offset = (d - p.start).count();
    const int cycle = static_cast<int>(offset / kCycleLengthDays) + 1;
    if (cycle > 1) out[cycle].push_back(static_cast<int>(offset % kCycleLengthDays) + 1);
  }
  // A cycle cut by the horizon (fewer than 10 days in it) is left to the policy.
  for (auto it = out.begin(); it != out.end();)
    it = it->second.size() == static_cast<std::size_t>(kLaterCycleDoses) ? std::next(it) : out.erase(it);
  return out;
}

}  // namespace alsmeds
