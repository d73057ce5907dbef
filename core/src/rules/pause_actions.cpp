// therapy pause and therapy resume (issue 25: a hospital stay without a stop and a restart). A pause keeps
// the course: its doses are neither due nor missed nor counted, edaravone's cycles re-flow as a delay does
// (therapy_plan.cpp), the liver tests go on by the calendar; the calendar export cancels only the paused
// events. Nothing logged is ever hidden by a pause.
#include <algorithm>
#include <optional>

#include "action_checks.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"

namespace alsmeds {
namespace {

// Our default: a pause longer than this is a stop (and a restart with its own checks).
constexpr int kMaxPauseDays = 90;
constexpr date::days kPauseAhead{366};
// How far past a pause a registered drug's plan is compared, before and after it, for the dose it moves.
constexpr int kPauseLookAheadDays = 60;

// The course of `drug` that runs on `day` (started on or before it, not stopped before it).
const Therapy* course_on(const PatientFacts& f, Drug drug, Day day) {
  for (const Therapy& t : f.therapies)
    if (t.drug == drug && t.start <= day && (!t.stop || *t.stop >= day)) return &t;
  return nullptr;
}

// The first current dose record of the course's drug on a day from `from` to `to` (patient's zone), if any: a
// copy (the current records are a temporary list).
std::optional<LogEntry> dose_logged_between(const PatientFacts& f, Drug drug, Day from, Day to) {
  for (const LogEntry& e : current_entries(f.log)) {
    if (e.kind != LogKind::dose || e.drug != drug || !e.status) continue;
    const Day d = local_day(e.at, f.zone);
    if (from <= d && d <= to) return e;
  }
  return std::nullopt;
}

}  // namespace

Result<ActionOutcome> pause_therapy(RecordStore& store, const PatientFacts& f, const PauseRequest& r,
                                    const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  auto why = rules::check_text(r.reason, "the reason for the pause", rules::kMaxNoteBytes, true);
  if (!why) return fail(why.error());
  const std::string drug(to_string(r.drug));
  const Day today = local_day(actor.now, f.zone);
  if (r.to < r.from)
    return fail("the pause ends (" + format_day(r.to) + ") before it begins (" + format_day(r.from) + ")");
  const int days = static_cast<int>((r.to - r.from).count()) + 1;
  if (days > kMaxPauseDays)
    return fail("a pause of " + std::to_string(days) + " days is longer than " +
                std::to_string(kMaxPauseDays) + " (our default): stop the course and start it again");
  if (r.from > today + kPauseAhead) return fail("the pause begins more than a year ahead");
  const Therapy* t = course_on(f, r.drug, r.from);
  if (!t)
    return fail("patient " + std::to_string(f.patient.id) + " has no " + drug + " course running on " +
                format_day(r.from));
  if (t->stop && *t->stop < r.to)
    return fail("the " + drug + " course stops on " + format_day(*t->stop) + ", before the pause ends");
  for (const TherapyPause& p : t->pauses)
    if (p.from <= r.to && r.from <= p.to)
      return fail("the course is paused from " + format_day(p.from) + " to " + format_day(p.to) +
                  " already: resume it first (therapy resume) or pause other days");
  if (const std::optional<LogEntry> e = dose_logged_between(f, r.drug, r.from, r.to))
    return fail("a " + drug + " dose is logged on " + format_day(local_day(e->at, f.zone)) + " (record " +
                std::to_string(e->id) + "): a pause never hides a logged dose; pause from the day after it");
  std::vector<std::string> warnings;
  switch (r.drug) {
    case Drug::edaravone: {
      // What the pause does to the cycles, said as a delay would be.
      Therapy after = *t;
      after.pauses.push_back({0, t->id, r.from, r.to, r.reason, actor.name, actor.now});
      std::sort(after.pauses.begin(), after.pauses.end(),
                [](const TherapyPause& a, const TherapyPause& b) { return a.from < b.from; });
      const Day through = r.to + date::days{kCycleLengthDays * 2};
      const EdaravonePlan before = edaravone_plan_for(*t, f.closed, f.log, f.zone, through);
      const EdaravonePlan moved = edaravone_plan_for(after, f.closed, f.log, f.zone, through);
      for (std::size_t i = 0; i < moved.cycles.size() && i < before.cycles.size(); ++i)
        if (before.cycles[i].next_start != moved.cycles[i].next_start) {
          warnings.push_back("edaravone cycle " + std::to_string(moved.cycles[i].number) + " now ends on " +
                             format_day(moved.cycles[i].next_start - date::days{1}) + " (was " +
                             format_day(before.cycles[i].next_start - date::days{1}) +
                             "): the later cycles move with it, as after a delay");
          break;
        }
      break;
    }
    case Drug::riluzole: {
      warnings.push_back("riluzole doses from " + format_day(r.from) + " to " + format_day(r.to) +
                         " are not due; the liver tests keep their days");
      break;
    }
    case Drug::tofersen: {
      // A dose falling due in the pause is due the day after it, the later ones following it.
      Therapy after = *t;
      after.pauses.push_back({0, t->id, r.from, r.to, r.reason, actor.name, actor.now});
      const Day through = r.to + date::days{kTofersenMaintenanceIntervalDays * 2};
      const TofersenPlan before = tofersen_plan_for(*t, f.log, f.zone, through);
      const TofersenPlan moved = tofersen_plan_for(after, f.log, f.zone, through);
      for (std::size_t i = 0; i < moved.doses.size() && i < before.doses.size(); ++i)
        if (before.doses[i].day != moved.doses[i].day) {
          warnings.push_back("tofersen dose " + std::to_string(moved.doses[i].number) + " now on " +
                             format_day(moved.doses[i].day) + " (was " + format_day(before.doses[i].day) +
                             "): the later doses follow it");
          break;
        }
      break;
    }
    default: {  // a registered drug: its plan by the day says what the pause does to the first dose in it
      if (!regimen(r.drug).plan_days) {
        warnings.push_back(drug + " doses from " + format_day(r.from) + " to " + format_day(r.to) +
                           " are not due");
        break;
      }
      Therapy after = *t;
      after.pauses.push_back({0, t->id, r.from, r.to, r.reason, actor.name, actor.now});
      const Day through = r.to + date::days{2 * kPauseLookAheadDays};
      const std::vector<PlannedDay> before = planned_days(*t, f.log, f.zone, through);
      const std::vector<PlannedDay> moved = planned_days(after, f.log, f.zone, through);
      const auto hit = std::find_if(before.begin(), before.end(), [&](const PlannedDay& d) {
        return !d.given && d.day >= r.from && d.day <= r.to;
      });
      if (hit == before.end()) {
        warnings.push_back("no planned " + drug + " dose falls from " + format_day(r.from) + " to " +
                           format_day(r.to) + ": the plan is unchanged");
        break;
      }
      // The same planned dose (its key's numbers) after the pause: moved, or no longer planned.
      const auto same = std::find_if(moved.begin(), moved.end(), [&](const PlannedDay& d) {
        return d.first == hit->first && d.second == hit->second;
      });
      if (same == moved.end())
        warnings.push_back(drug + " " + hit->name + " (" + format_day(hit->day) +
                           ") falls in the pause and is not planned after it");
      else
        warnings.push_back(drug + " " + same->name + " now on " + format_day(same->day) + " (was " +
                           format_day(hit->day) + "): the later doses follow it");
      break;
    }
  }
  auto id = store.add_pause({0, t->id, r.from, r.to, r.reason, actor.name, actor.now}, actor);
  if (!id) return fail(id.error());
  return ActionOutcome{*id, std::move(warnings)};
}

Result<ActionOutcome> resume_therapy(RecordStore& store, const PatientFacts& f, Drug drug, Day on,
                                     const std::string& reason, const Actor& actor) {
  if (auto a = rules::check_actor(actor); !a) return fail(a.error());
  auto why = rules::check_text(reason, "the reason for the resumption", rules::kMaxNoteBytes, true);
  if (!why) return fail(why.error());
  const std::string name(to_string(drug));
  // The pause `on` ends: the first in force that has not ended by then. One running on `on` ends the day
  // before; one not begun yet is withdrawn.
  for (const Therapy& t : f.therapies) {
    if (t.drug != drug) continue;
    for (const TherapyPause& p : t.pauses) {
      if (p.to < on) continue;
      const Day last = std::max(p.from, on) - date::days{1};
      auto id = store.add_pause({0, t.id, p.from, last, reason, actor.name, actor.now}, actor);
      if (!id) return fail(id.error());
      std::vector<std::string> said{
          last < p.from
              ? "the pause from " + format_day(p.from) + " is withdrawn: its doses are planned again"
              : name + " again from " + format_day(on) + " (paused from " + format_day(p.from) + ")"};
      return ActionOutcome{*id, std::move(said)};
    }
  }
  return fail("no pause of " + name + " runs on or after " + format_day(on) + " (nothing to resume)");
}

}  // namespace alsmeds
