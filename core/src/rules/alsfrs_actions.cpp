// log alsfrs (issue 28): an ALSFRS-R report, as any record: append-only, correctable, dated by day, never
// ahead of the patient's today; one report a day (a second is a correction, or a double press).
#include <algorithm>
#include <limits>

#include "action_checks.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/rules/clinic_actions.hpp"

namespace alsmeds {

Result<ActionOutcome> log_alsfrs(RecordStore& store, const PatientFacts& f, const AlsfrsRequest& r,
                                 const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  if (auto d = rules::check_record_day(r.day, local_day(actor.now, f.zone), "report date"); !d)
    return fail(d.error());
  for (int v : r.items)
    if (v < 0 || v > 4) return fail("an ALSFRS-R answer is 0 to 4");
  const std::vector<AlsfrsReport> current = current_reports(f.alsfrs);
  if (r.corrects) {
    if (std::none_of(current.begin(), current.end(),
                     [&](const AlsfrsReport& x) { return x.id == *r.corrects; }))
      return fail(
          "report " + std::to_string(*r.corrects) +
          " is not a current ALSFRS-R report of this patient (only the current version is corrected)");
  } else {
    for (const AlsfrsReport& x : current)
      if (x.day == r.day)
        return fail("an ALSFRS-R report of " + format_day(r.day) + " is recorded already (report " +
                    std::to_string(x.id) + "): to change it, correct it (--corrects " + std::to_string(x.id) +
                    ")");
  }
  AlsfrsReport report;
  report.patient_id = f.patient.id;
  report.day = r.day;
  report.items = r.items;
  // Item 5 follows the patient's feeding tube (5b, cutting food and handling utensils with a gastrostomy).
  report.gastrostomy = r.gastrostomy || f.patient.feeding_tube;
  report.supersedes = r.corrects;
  // What our default flags say once this report is among the others.
  std::vector<AlsfrsReport> after = f.alsfrs;
  report.id = std::numeric_limits<RecordId>::max();
  after.push_back(report);
  std::vector<std::string> warnings;
  for (std::string& flag : alsfrs_flags(after))
    if (flag.rfind(format_day(r.day), 0) == 0 || flag.find("since " + format_day(r.day)) != std::string::npos)
      warnings.push_back("ALSFRS-R " + flag);
  report.id = 0;
  auto id = store.add_alsfrs(report, actor);
  if (!id) return fail(id.error());
  return ActionOutcome{*id, std::move(warnings)};
}

}  // namespace alsmeds
