#include "alsmeds/regimens/plan_tables.hpp"

#include <cstdio>
#include <cstdlib>

#include "alsmeds/text.hpp"

namespace alsmeds {

RecordTable edaravone_plan_table(const EdaravonePlan& plan, const EdaravoneRegimen& regimen) {
  RecordTable t;
  t.columns = {{"date"},          {"cycle", true}, {"cycle_day", true}, {"drug"}, {"form"},
               {"dose_mg", true}, {"note"}};
  t.title = dose_label(product_of(regimen.form)).text() + ", " + std::to_string(plan.cycles.size()) +
            " cycles from " + format_day(regimen.start) +
            " (policy for cycles 2+: " + std::string(to_string(regimen.policy)) + ")";
  for (const InfusionCycle& c : plan.cycles) {
    std::string heading = "cycle " + std::to_string(c.number) + ": " + format_day(c.start) + " to " +
                          format_day(c.next_start - date::days{1}) + ", " + std::to_string(c.doses.size()) +
                          " of " + std::to_string(c.doses_required) + " doses, drug-free " +
                          format_day(c.window_last + date::days{1}) + " to " +
                          format_day(c.next_start - date::days{1});
    if (c.is_short()) heading += "  [SHORT CYCLE]";
    t.headings.push_back({t.rows.size(), heading});
    for (const EdaravoneDose& d : c.doses) {
      std::string note = weekday_name(d.day);
      if (d.moved_from) note += ", make-up for " + format_day(*d.moved_from);
      t.rows.push_back({format_day(d.day), std::to_string(d.cycle), std::to_string(d.cycle_day), "edaravone",
                        std::string(to_string(product_of(d.form))), format_quantity(d.dose.count()), note});
    }
  }
  return t;
}

RecordTable riluzole_plan_table(const std::vector<RiluzoleDose>& doses, const RiluzoleRegimen& regimen,
                                std::string_view zone_name) {
  RecordTable t;
  t.columns = {{"local_time"}, {"utc_time"}, {"drug"}, {"dose_mg", true}, {"note"}};
  t.title = dose_label(product_of(regimen.product)).text() + " every 12 hours from " +
            format_day(regimen.start) + " in " + std::string(zone_name) +
            "; each dose at least 1 h before or 2 h after a meal";
  for (std::size_t i = 0; i < doses.size(); ++i) {
    const RiluzoleDose& d = doses[i];
    std::string note;
    if (d.kind == LocalTimeKind::moved_forward)
      note = "moved forward: the time does not exist on this day (DST)";
    if (d.kind == LocalTimeKind::first_of_two) note = "first of two occurrences of this time (DST ends)";
    if (i > 0) {
      const auto gap = std::chrono::duration_cast<std::chrono::minutes>(d.instant - doses[i - 1].instant);
      const auto usual = std::chrono::duration_cast<std::chrono::minutes>(
          d.slot == 0 ? std::chrono::minutes{24 * 60} - (regimen.times.back() - regimen.times.front())
                      : regimen.times.back() - regimen.times.front());
      if (gap != usual && doses[i - 1].local_day + date::days{1} >= d.local_day) {
        if (!note.empty()) note += "; ";
        note += format_quantity(static_cast<double>(gap.count()) / 60.0) + " h since the previous dose";
      }
    }
    t.rows.push_back({format_local_with_offset(d.instant, d.utc_offset), format_utc(d.instant), "riluzole",
                      format_quantity(d.dose.count()), note});
  }
  return t;
}

RecordTable liver_test_table(const std::vector<LiverTest>& tests, const LiverTestPlanRequest& request) {
  RecordTable t;
  t.columns = {{"date"}, {"reason"}, {"weekday"}};
  t.title = "Liver tests (ALT) for riluzole from " + format_day(request.start) + ", " +
            std::string(to_string(request.schedule)) + " schedule" +
            (request.weekdays_only ? ", weekends moved to Monday" : "");
  for (const LiverTest& lt : tests) t.rows.push_back({format_day(lt.due), lt.reason, weekday_name(lt.due)});
  return t;
}

namespace {

std::string tofersen_note(const TofersenDose& d) {
  const std::string days_word = std::abs(d.days_late()) == 1 ? " day " : " days ";
  if (d.given) {
    if (d.days_late() > 0)
      return "given " + std::to_string(d.days_late()) + days_word + "after it was due (" + format_day(d.due) +
             "): the next dose counts from this one";
    if (d.days_late() < 0)
      return "given " + std::to_string(-d.days_late()) + days_word + "before it was due (" +
             format_day(d.due) + ")";
    return "given";
  }
  if (d.number == 1) return "planned: the start";
  return "planned: " + std::to_string(tofersen_days_to_next(d.number - 1)) + " days after dose " +
         std::to_string(d.number - 1);
}

}  // namespace

RecordTable tofersen_plan_table(const TofersenPlan& plan, const TofersenPlanRequest& request) {
  RecordTable t;
  t.columns = {{"dose", true}, {"date"}, {"kind"}, {"note"}};
  t.title = "Tofersen " + format_quantity(kTofersenDose.count()) + " mg (" +
            format_quantity(kTofersenVolume.count()) +
            " mL) intrathecal by lumbar puncture: 3 loading doses 14 days apart, then every 28 days, from " +
            format_day(request.start);
  for (const TofersenDose& d : plan.doses)
    t.rows.push_back(
        {std::to_string(d.number), format_day(d.day), std::string(to_string(d.kind)), tofersen_note(d)});
  return t;
}

}  // namespace alsmeds
