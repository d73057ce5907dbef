#include "alsmeds/regimens/tofersen.hpp"

#include "alsmeds/regimens/planned_key.hpp"
#include "alsmeds/regimens/product.hpp"
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

}  // namespace alsmeds
