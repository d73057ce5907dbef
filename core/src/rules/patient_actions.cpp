// patient update (issue 25): a new version of a patient's facts, and the checks that depend on those facts
// run again, saying what they would have said at the course's start.
#include <algorithm>

#include "action_checks.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/rules/clinic_actions.hpp"

namespace alsmeds {
namespace {

// A move may be planned ahead, but not beyond a year (as a course's start).
constexpr date::days kMoveAhead{366};

// The courses running on `today` or planned after it.
std::vector<const Therapy*> courses_from(const PatientFacts& f, Day today) {
  std::vector<const Therapy*> out;
  for (const Therapy& t : f.therapies)
    if (!t.stop || *t.stop >= today) out.push_back(&t);
  return out;
}

}  // namespace

Result<ActionOutcome> update_patient(RecordStore& store, const PatientFacts& f, const PatientChange& c,
                                     const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  const Patient& p = f.patient;
  const Day today = local_day(actor.now, f.zone);
  PatientVersion v;
  v.patient_id = p.id;
  v.name = c.name.value_or(p.name);
  v.tz = c.tz.value_or(p.tz);
  v.born = c.born ? c.born : p.born;
  v.sulfite_allergy = c.sulfite_allergy.value_or(p.sulfite_allergy);
  v.feeding_tube = c.feeding_tube.value_or(p.feeding_tube);
  v.onset = c.onset ? c.onset : p.onset;
  auto reason = rules::check_text(c.reason, "reason", rules::kMaxNoteBytes, true);
  if (!reason) return fail(reason.error());
  v.reason = c.reason;
  if (c.name)
    if (auto name = rules::check_text(*c.name, "name", rules::kMaxNameBytes, true); !name)
      return fail(name.error());
  if (c.tz.has_value() != c.tz_from.has_value())
    return fail(c.tz ? "a new zone needs the day its dose times start (--from DATE)"
                     : "--from names the day a new zone starts: give the zone too (--tz ZONE)");
  std::vector<std::string> warnings;
  if (c.tz) {
    if (auto z = rules::check_zone_name(*c.tz); !z) return fail(z.error());
    if (*c.tz == p.tz) return fail("the patient's zone is " + p.tz + " already");
    const Day from = *c.tz_from;
    if (from < rules::kEraStart || from > today + kMoveAhead)
      return fail("the move's day " + format_day(from) + " is not from " + format_day(rules::kEraStart) +
                  " to a year from today");
    if (!p.earlier_zones.empty() && from <= p.earlier_zones.back().until)
      return fail("the zone changed to " + p.tz + " from " + format_day(p.earlier_zones.back().until) +
                  ": a new zone must start after it");
    v.tz_from = from;
    for (const Therapy* t : courses_from(f, from))
      if (t->drug == Drug::riluzole)
        warnings.push_back("riluzole at " + format_times(t->times) + " in " + *c.tz + " from " +
                           format_day(from) + "; the days before stay at those times in " + p.tz);
  }
  if (v.born && (*v.born < rules::kBornFrom || *v.born > today))
    return fail("birth date " + format_day(*v.born) + " is not from " + format_day(rules::kBornFrom) +
                " to today");
  if (v.onset && (*v.onset < rules::kBornFrom || *v.onset > today || (v.born && *v.onset < *v.born)))
    return fail("symptom onset " + format_day(*v.onset) + " is not from the birth date to today");
  if (v.name == p.name && v.tz == p.tz && v.born == p.born && v.sulfite_allergy == p.sulfite_allergy &&
      v.feeding_tube == p.feeding_tube && v.onset == p.onset)
    return fail(
        "nothing changes: the patient's facts are these already (name, --tz, --born, --feeding-tube, "
        "--sulfite-allergy)");
  // What therapy start says for these facts, said again for the courses running or planned.
  for (const Therapy* t : courses_from(f, today)) {
    if (t->drug == Drug::riluzole && v.feeding_tube && !p.feeding_tube) {
      const RiluzoleProduct& form =
          riluzole_product(riluzole_kind(product_on(*t, std::max(today, t->start))));
      if (!form.tube_compatible)
        warnings.push_back(std::string(form.brand) +
                           " is not for feeding tubes and the patient has one now: " +
                           std::string(form.instructions) + " (therapy switch changes the form)");
    }
    if (t->drug == Drug::edaravone && v.sulfite_allergy && !p.sulfite_allergy)
      warnings.push_back(
          "sulfite allergy: edaravone contains sodium bisulfite and can cause severe allergic reactions; the "
          "course from " +
          format_day(t->start) +
          " was started without the prescriber's confirmation: ask the prescriber to stop it or to confirm "
          "(due shows the alert)");
  }
  auto id = store.add_patient_version(v, actor);
  if (!id) return fail(id.error());
  return ActionOutcome{*id, std::move(warnings)};
}

}  // namespace alsmeds
