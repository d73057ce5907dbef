// The fake drug's module: its product, its planned-dose key ("w<week>"), its label and a warning of its own.
#include "placebine.hpp"

#include <array>
#include <string>

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
  return r;
}

}  // namespace alsmeds::test
