#pragma once
// Tofersen (Qalsody, SOD1-ALS), docs/domain.md "Tofersen": 100 mg (15 mL) intrathecally by lumbar puncture;
// three loading doses 14 days apart, then a maintenance dose every 28 days. A late (missed) dose is given as
// soon as possible and the next one follows it by the usual interval (US PI 2.1; EU SmPC 4.2: "every 28 days
// from the last dose"), so the plan is anchored on the days doses were actually given. Pure functions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/calendar.hpp"
#include "alsmeds/result.hpp"
#include "alsmeds/units.hpp"

namespace alsmeds {

enum class TofersenDoseKind { loading, maintenance };
std::string_view to_string(TofersenDoseKind kind);  // "loading", "maintenance"

inline constexpr int kTofersenLoadingDoses = 3;
inline constexpr int kTofersenLoadingIntervalDays = 14;
inline constexpr int kTofersenMaintenanceIntervalDays = 28;
/// A dose given on its due day or up to this many days after it is on time (our default: the labels give no
/// window; docs/domain.md "Tofersen").
inline constexpr int kTofersenOnTimeDays = 3;
inline constexpr Milligrams kTofersenDose{100.0};
inline constexpr Millilitres kTofersenVolume{15.0};
/// One 100 mg/15 mL single-dose vial a dose (US PI 3 and 16.1, docs/domain.md "Tofersen").
inline constexpr int kTofersenVialsPerDose = 1;

/// Dose 1, 2, 3 are loading doses; 4 and later maintenance doses.
TofersenDoseKind tofersen_dose_kind(int dose_number);
/// Days from dose `dose_number` to the next one: 14 after loading doses 1 and 2, 28 after dose 3 and later.
int tofersen_days_to_next(int dose_number);

struct TofersenPlanRequest {
  Day start;               // the day loading dose 1 is planned
  std::vector<Day> given;  // the days doses 1, 2, ... were given, in order
  int days = 365;          // planned doses up to (not including) start + days; given doses are always listed
};

struct TofersenDose {
  int number = 0;  // 1, 2, ...
  Day day;         // the day given, or the day planned
  Day due;         // the day it was due: --start for dose 1, else the previous dose's day + the interval
  TofersenDoseKind kind = TofersenDoseKind::loading;
  bool given = false;
  int days_late() const { return static_cast<int>((day - due).count()); }  // negative when given early
};

struct TofersenPlan {
  std::vector<TofersenDose> doses;
  std::vector<std::string> warnings;  // a dose given before it was due
};

/// Refuses given days that do not strictly increase, or a dose 1 given before `start`.
Result<TofersenPlan> plan_tofersen(const TofersenPlanRequest& request);

/// A course's tofersen plan up to `through` (or its stop), anchored on the doses given from its start to its
/// stop (a late dose moves every later one, docs/domain.md "Tofersen"); a dose falling due in a pause is due
/// the day after it, the later ones following it.
struct CourseDays;
struct PlannedDay;
TofersenPlan tofersen_course_plan(CourseDays course, Day through);
/// The same as the due list and the calendar read a plan by the day (the Regimen's plan_days hook).
std::vector<PlannedDay> tofersen_plan_days(const CourseDays& course, Day through);

// The brand and dose of a tofersen product's label (the Regimen's dose_label hook, product.hpp).
enum class Product;
struct DoseLabel;
DoseLabel tofersen_dose_label(Product product);

/// A dose's own part of its planned-dose key (planned_key.hpp): "d<dose number>", and back.
std::string tofersen_key_part(int dose_number, int unused);
bool read_tofersen_key_part(std::string_view part, int& dose_number, int& unused);

}  // namespace alsmeds
