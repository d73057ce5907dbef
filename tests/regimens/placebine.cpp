// The fake drug's module: its product, its planned-dose key ("w<week>"), its label and a warning of its own.
#include "placebine.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "alsmeds/regimens/planned_key.hpp"

namespace alsmeds::test {
namespace {

constexpr std::array<ProductFacts, 1> kProducts{{{kPlacebineTablet, "tablet", "tablet"}}};
// A blister of 4 weekly tablets or a bottle of 12, one tablet a dose: two packs of one product, so a
// dispensing names its pack.
constexpr std::array<PackFacts, 2> kPacks{{
    {"placebine-blister", "Placebo Labs placebine 10 mg tablet, blister of 4", kPlacebineTablet,
     SupplyUnit::tablet, 1, 0, 0},
    {"placebine-bottle", "Placebo Labs placebine 10 mg tablet, bottle of 12", kPlacebineTablet,
     SupplyUnit::tablet, 1, 0, 0},
}};
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
  l.dose = "1 tablet (10 mg)";
  return l;
}

// One tablet a week from the course's start; a dose given on its day or later in its week answers it (on
// time up to the day after); a missed one is taken as soon as possible. A dose not given whose day falls in
// a pause is taken the day after it, the later weeks a week apart from it.
std::vector<PlannedDay> plan_days(const CourseDays& course, Day through) {
  const Day last = course.stop ? std::min(*course.stop, through) : through;
  const auto given_in_week = [&](Day from) {  // the first dose given in the week from `from`
    return std::find_if(course.given.begin(), course.given.end(),
                        [&](Day g) { return g >= from && g < from + date::days{7}; });
  };
  std::vector<PlannedDay> out;
  Day next = course.start;
  for (int week = 1; next <= last; ++week) {
    PlannedDay d;
    d.first = week;
    d.day = next;
    const auto given = given_in_week(d.day);
    d.given = given != course.given.end();
    if (d.given) d.day = *given;  // the day it was given (late in its week)
    for (bool moved = !d.given; moved;) {
      moved = false;
      for (const auto& [from, to] : course.pauses)
        if (d.day >= from && d.day <= to) {
          d.day = to + date::days{1};
          moved = true;
        }
    }
    if (!d.given && d.day > last) break;  // a dose given is listed whatever `through`
    d.due = d.given ? next : d.day;
    d.name = "week " + std::to_string(week);
    d.missed_advice = "take it as soon as possible";
    d.on_time_days = 1;  // the day after still on time
    next = (d.given ? next : d.day) + date::days{7};
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
  r.packs = kPacks;
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
