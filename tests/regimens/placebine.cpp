// The fake drug's module: its product, its planned-dose key ("w<week>"), its label and a warning of its own.
#include "placebine.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "alsmeds/regimens/planned_key.hpp"

namespace alsmeds::test {
namespace {

constexpr std::array<ProductFacts, 1> kProducts{{{kPlacebineCapsule, "capsule", "capsule"}}};
constexpr std::array<std::string_view, 1> kHiccups{"hiccup"};
constexpr std::array<EffectWarning, 1> kWarnings{
    {{kHiccups, "a warning of the fake label: call the clinic"}}};
constexpr std::array<std::string_view, 1> kTerms{"hiccups"};

std::string key_part(int week, int /*unused*/) {
  return "w" + std::to_string(week);
}

bool read_key_part(std::string_view part, int& week, int& unused) {
  unused = 0;
  return consume_key(part, "w") && read_key_int(part, '\0', week) && part.empty();
}

DoseLabel label(Product) {
  DoseLabel l;
  l.brand = "Placebo Labs";
  l.dose = "1 capsule (10 mg)";
  return l;
}

// One capsule a week from the course's start; a dose given on its day or later in its week answers it (on
// time up to the day after); a missed one is taken as soon as possible.
std::vector<PlannedDay> plan_days(const CourseDays& course, Day through) {
  const Day last = course.stop ? std::min(*course.stop, through) : through;
  std::vector<PlannedDay> out;
  for (int week = 1; course.start + date::days{7 * (week - 1)} <= last; ++week) {
    PlannedDay d;
    d.first = week;
    d.day = d.due = course.start + date::days{7 * (week - 1)};
    d.given = std::any_of(course.given.begin(), course.given.end(),
                          [&](Day g) { return g >= d.day && g < d.day + date::days{7}; });
    d.name = "week " + std::to_string(week);
    d.missed_advice = "take it as soon as possible";
    d.on_time_days = 1;  // the day after still on time
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

Regimen placebine_regimen() {
  Regimen r;
  r.word = "placebine";
  r.name = "Placebine";
  r.noun = "a placebine form";
  r.products = kProducts;
  r.dose_label = label;
  r.effect_warnings = kWarnings;
  r.effect_terms = kTerms;
  r.key_part = key_part;
  r.read_key_part = read_key_part;
  r.plan_days = plan_days;
  r.plan_reads_log = true;  // its plan reads the doses given (matching a dose reads the patient's log)
  r.plan_reads_given = true;
  return r;
}

}  // namespace alsmeds::test
