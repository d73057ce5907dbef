#include "alsmeds/regimens/tofersen.hpp"

#include <algorithm>

#include "alsmeds/regimens/planned_key.hpp"
#include "alsmeds/regimens/product.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {

std::string_view to_string(TofersenDoseKind kind) {
  switch (kind) {
    case TofersenDoseKind::loading:
      return "loading";
    case TofersenDoseKind::maintenance:
      return "maintenance";
  }
  return "loading";
}

TofersenDoseKind tofersen_dose_kind(int dose_number) {
  return dose_number <= kTofersenLoadingDoses ? TofersenDoseKind::loading : TofersenDoseKind::maintenance;
}

int tofersen_days_to_next(int dose_number) {
  return dose_number < kTofersenLoadingDoses ? kTofersenLoadingIntervalDays
                                             : kTofersenMaintenanceIntervalDays;
}

Result<TofersenPlan> plan_tofersen(const TofersenPlanRequest& request) {
  TofersenPlan plan;
  Day due = request.start;
  int number = 1;
  for (const Day day : request.given) {
    if (number == 1 && day < request.start)
      return fail("dose 1 given on " + format_day(day) + " is before the start " + format_day(request.start));
    if (number > 1 && day <= plan.doses.back().day)
      return fail("dose " + std::to_string(number) + " given on " + format_day(day) + " is not after dose " +
                  std::to_string(number - 1) + " (" + format_day(plan.doses.back().day) + ")");
    TofersenDose dose{number, day, due, tofersen_dose_kind(number), true};
    if (dose.days_late() < 0)
      plan.warnings.push_back("dose " + std::to_string(number) + " given on " + format_day(day) + ", " +
                              std::to_string(-dose.days_late()) + " days before it was due (" +
                              format_day(due) + "): the labels give no earlier dose");
    plan.doses.push_back(dose);
    due = day + date::days{tofersen_days_to_next(number)};
    ++number;
  }
  const Day end = request.start + date::days{request.days};
  for (; due < end; ++number) {
    plan.doses.push_back({number, due, due, tofersen_dose_kind(number), false});
    due += date::days{tofersen_days_to_next(number)};
  }
  return plan;
}

std::string tofersen_key_part(int dose_number, int /*unused*/) {
  return "d" + std::to_string(dose_number);
}

bool read_tofersen_key_part(std::string_view part, int& dose_number, int& unused) {
  unused = 0;
  return consume_key(part, "d") && read_key_int(part, '\0', dose_number) && part.empty();
}

// docs/domain.md "Tofersen": 100 mg (15 mL) by lumbar puncture.
DoseLabel tofersen_dose_label(Product) {
  DoseLabel label;
  label.brand = "Qalsody";
  label.dose = format_quantity(kTofersenDose.count()) + " mg / " + format_quantity(kTofersenVolume.count()) +
               " mL by lumbar puncture";
  return label;
}

TofersenPlan tofersen_course_plan(CourseDays course, Day through) {
  std::vector<Day>& given = course.given;
  std::erase_if(given, [&](Day d) { return d < course.start || (course.stop && d > *course.stop); });
  std::sort(given.begin(), given.end());
  given.erase(std::unique(given.begin(), given.end()), given.end());
  const Day last = course.stop ? std::min(*course.stop, through) : through;
  TofersenPlanRequest request{course.start, std::move(given),
                              std::max(1, static_cast<int>((last - course.start).count()) + 1)};
  auto plan = plan_tofersen(request);
  if (!plan) return {};
  TofersenPlan out = std::move(plan).value();
  // A dose due in a pause is due the day after it; the doses after it keep their intervals from it.
  for (bool moved = true; moved;) {
    moved = false;
    for (std::size_t i = 0; i < out.doses.size() && !moved; ++i) {
      if (out.doses[i].given) continue;
      for (const auto& [from, to] : course.pauses)
        if (out.doses[i].day >= from && out.doses[i].day <= to) {
          const date::days by = (to + date::days{1}) - out.doses[i].day;
          for (std::size_t j = i; j < out.doses.size(); ++j) {
            out.doses[j].day += by;
            if (j > i) out.doses[j].due += by;
          }
          out.doses[i].due = out.doses[i].day;
          moved = true;
          break;
        }
    }
  }
  std::erase_if(out.doses, [&](const TofersenDose& d) { return !d.given && d.day > last; });
  return out;
}

std::vector<PlannedDay> tofersen_plan_days(const CourseDays& course, Day through) {
  std::vector<PlannedDay> out;
  for (const TofersenDose& d : tofersen_course_plan(course, through).doses) {
    PlannedDay p;
    p.first = d.number;
    p.day = d.day;
    p.due = d.due;
    p.given = d.given;
    p.name = std::string(to_string(d.kind)) + " dose " + std::to_string(d.number);
    if (d.kind == TofersenDoseKind::loading) p.series = " of " + std::to_string(kTofersenLoadingDoses);
    // docs/domain.md "Tofersen": a missed dose is given as soon as possible, the next one its interval after.
    p.missed_advice = "give as soon as possible; the next dose " +
                      std::to_string(tofersen_days_to_next(d.number)) + " days after it";
    p.on_time_days = kTofersenOnTimeDays;  // docs/domain.md "Tofersen": our default
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace alsmeds
