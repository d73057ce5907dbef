// The one table of the drugs alsmeds tracks (regimens.hpp). A drug's own rules live in its module
// (edaravone.cpp, riluzole.cpp, regimens/tofersen.cpp); this table says what it is at the edges.
#include "alsmeds/regimens/regimens.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/regimens/tofersen.hpp"

namespace alsmeds {
namespace {

// Each drug's products: the word stored and typed, the form for people, RxNorm's clinical drug where one
// could be checked (docs/domain.md "Codes of the medicines": riluzole 50 mg tablet 199206, 5 mg/mL suspension
// 2058147 from the FDA's NDC listings; none for the others).
constexpr std::array<ProductFacts, 2> kEdaravone{
    {{Product::edaravone_iv, "iv", "IV"}, {Product::edaravone_oral, "oral", "oral"}}};
constexpr std::array<ProductFacts, 3> kRiluzole{
    {{Product::riluzole_tablet, "tablet", "tablet", "199206"},
     {Product::riluzole_suspension, "suspension", "suspension", "2058147"},
     {Product::riluzole_film, "film", "film"}}};
constexpr std::array<ProductFacts, 1> kTofersen{
    {{Product::tofersen_intrathecal, "intrathecal", "intrathecal"}}};

// Each drug's packs (docs/supply.md, with the label each comes from); the first pack of a product is the one
// dispensed when none is named, but IV edaravone's (dispensed_pack asks which).
constexpr std::array<PackFacts, 3> kRiluzolePacks{{
    {"tablet", "Rilutek (and generics) riluzole 50 mg tablet", Product::riluzole_tablet, SupplyUnit::tablet,
     1, 0, 0},
    {"suspension", "Tiglutik riluzole 5 mg/mL oral suspension, 300 mL bottle", Product::riluzole_suspension,
     SupplyUnit::mL, 10, 300, 15},
    {"film", "Exservan riluzole 50 mg oral film", Product::riluzole_film, SupplyUnit::film, 1, 0, 0},
}};
constexpr std::array<PackFacts, 3> kEdaravonePacks{{
    {"oral", "Radicava ORS edaravone 105 mg/5 mL oral suspension, 50 mL bottle", Product::edaravone_oral,
     SupplyUnit::mL, 5, 50, 15},
    {"radicava-iv", "Radicava edaravone 30 mg/100 mL infusion bag, two a dose", Product::edaravone_iv,
     SupplyUnit::bag, 2, 0, 0},
    {"generic-iv", "generic edaravone 60 mg/100 mL infusion bag, one a dose", Product::edaravone_iv,
     SupplyUnit::bag, 1, 0, 0},
}};
// Tofersen has none: it is given in the clinic from its stock (the pharmacy's preparation list, vials).

// Riluzole (docs/domain.md, EU SmPC 4.4): fever prompts a white-cell count (neutropenia), a cough or
// breathlessness a review for interstitial lung disease.
constexpr std::array<std::string_view, 2> kFever{"fever", "pyrexia"};
constexpr std::array<std::string_view, 3> kBreath{"cough", "breathless", "dyspn"};
constexpr std::array<EffectWarning, 2> kRiluzoleWarnings{{
    {kFever, "check a white-cell count (severe neutropenia, most often in the first 2 months)"},
    {kBreath, "review for interstitial lung disease"},
}};
// Tofersen (docs/domain.md "Tofersen", US PI 5.1-5.3): the warnings by name or by a symptom of one.
constexpr std::array<std::string_view, 5> kMyelitis{"myelitis", "radiculitis", "numbness", "tingling",
                                                    "weak leg"};
constexpr std::array<std::string_view, 4> kPressure{"papill", "intracranial", "vision", "visual"};
constexpr std::array<std::string_view, 3> kMeningitis{"meningitis", "neck stiff", "stiff neck"};
constexpr std::array<EffectWarning, 3> kTofersenWarnings{{
    {kMyelitis,
     "a warning of the label, myelitis or radiculitis (US PI 5.1): evaluate, and consider interrupting or "
     "stopping tofersen"},
    {kPressure,
     "a warning of the label, papilledema or raised intracranial pressure (US PI 5.2): fundoscopy and "
     "evaluation"},
    {kMeningitis,
     "a warning of the label, aseptic meningitis (US PI 5.3): evaluate (CSF, infection excluded)"},
}};
// What a patient notices of them, offered in the app's quick form.
constexpr std::array<std::string_view, 3> kEdaravoneTerms{"bruising", "gait disturbance",
                                                          "injection-site reaction"};
constexpr std::array<std::string_view, 2> kRiluzoleTerms{"cough", "shortness of breath"};
constexpr std::array<std::string_view, 3> kTofersenTerms{"numbness or tingling", "vision changes",
                                                         "neck stiffness"};
// Common to any course.
constexpr std::array<std::string_view, 7> kCommonTerms{"nausea",         "fatigue", "dizziness", "headache",
                                                       "abdominal pain", "fever",   "rash"};

// In Drug's order (regimen() indexes it); registry_test checks it.
const std::array<Regimen, 3> kBuiltIn{{
    // ATC N07XX14 and N07XX02: "Other nervous system drugs" (WHO Collaborating Centre, ATC/DDD index).
    {.drug = Drug::edaravone,
     .word = "edaravone",
     .name = "Edaravone",
     .noun = "an edaravone form",
     .products = kEdaravone,
     .packs = kEdaravonePacks,
     .dose_label = edaravone_dose_label,
     .board_place = BoardPlace::chair,
     .liver_tests = false,
     .atc = "N07XX14",
     .plan_reads_log = true,
     .plan_reads_given = false,
     .shifted_cycles = true,
     .timed_doses = false,
     .effect_warnings = {},
     .effect_terms = kEdaravoneTerms,
     .key_part = edaravone_key_part,
     .read_key_part = read_edaravone_key_part},
    {.drug = Drug::riluzole,
     .word = "riluzole",
     .name = "Riluzole",
     .noun = "a riluzole product",
     .products = kRiluzole,
     .packs = kRiluzolePacks,
     .dose_label = riluzole_dose_label,
     .board_place = BoardPlace::none,
     .liver_tests = true,
     .atc = "N07XX02",
     .plan_reads_log = false,
     .plan_reads_given = false,
     .shifted_cycles = false,
     .timed_doses = true,
     .effect_warnings = kRiluzoleWarnings,
     .effect_terms = kRiluzoleTerms,
     .key_part = riluzole_key_part,
     .read_key_part = read_riluzole_key_part},
    // Tofersen (docs/domain.md): 100 mg intrathecally by lumbar puncture, given in the clinic; its plan is
    // anchored on the doses actually given (a late dose moves every later one). No ATC code: none could be
    // checked against the WHO index from here, so the FHIR Medication carries the name only.
    {.drug = Drug::tofersen,
     .word = "tofersen",
     .name = "Tofersen",
     .noun = "a tofersen form",
     .products = kTofersen,
     .packs = {},
     .dose_label = tofersen_dose_label,
     .board_place = BoardPlace::procedure_room,
     .liver_tests = false,
     .atc = "",
     .plan_reads_log = true,
     .plan_reads_given = true,
     .shifted_cycles = false,
     .timed_doses = false,
     .effect_warnings = kTofersenWarnings,
     .effect_terms = kTofersenTerms,
     .key_part = tofersen_key_part,
     .read_key_part = read_tofersen_key_part,
     .plan_days = tofersen_plan_days},
}};

// The table: the built-in drugs, then any registered; each product's facts and drug by the product's value.
constexpr std::size_t kMostRegimens = 16;  // reserved: a registration never moves the table under a reader

struct Registry {
  std::vector<Regimen> regimens;
  std::vector<const ProductFacts*> facts;  // by Product's value (nullptr: none)
  std::vector<Drug> drugs;                 // by Product's value

  void add(Regimen r) {
    if (regimens.size() == kMostRegimens) throw std::invalid_argument("too many drugs registered");
    if (r.word.empty() || r.products.empty() || !r.dose_label || !r.key_part || !r.read_key_part)
      throw std::invalid_argument("drug '" + std::string(r.word) + "' lacks a word, a product or a hook");
    // The word is stored, typed, written into SQL CHECKs and begins planned-dose keys, and a pack's word is
    // written into the stores' rows of packs (schema 18): a-z, 0-9 and '-'.
    const auto plain = [](std::string_view word) {
      return !word.empty() && word.size() <= 40 && word[0] >= 'a' && word[0] <= 'z' &&
             std::all_of(word.begin(), word.end(),
                         [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
    };
    if (!plain(r.word))
      throw std::invalid_argument("drug '" + std::string(r.word) + "': a-z, 0-9 and '-' only");
    for (const PackFacts& pack : r.packs)
      if (!plain(pack.product))
        throw std::invalid_argument("pack '" + std::string(pack.product) + "': a-z, 0-9 and '-' only");
    for (const Regimen& known : regimens)
      if (known.word == r.word)
        throw std::invalid_argument("drug '" + std::string(r.word) + "' is registered");
    for (const ProductFacts& p : r.products) {
      const auto at = static_cast<std::size_t>(p.product);
      if (at < facts.size() && facts[at])
        throw std::invalid_argument("a product of '" + std::string(r.word) + "' is registered already");
    }
    for (const PackFacts& pack : r.packs) {
      if (std::none_of(r.products.begin(), r.products.end(),
                       [&](const ProductFacts& p) { return p.product == pack.serves; }))
        throw std::invalid_argument("pack '" + std::string(pack.product) + "' serves no product of '" +
                                    std::string(r.word) + "'");
      for (const Regimen& known : regimens)
        for (const PackFacts& other : known.packs)
          if (other.product == pack.product)
            throw std::invalid_argument("pack '" + std::string(pack.product) + "' is registered already");
      if (std::count_if(r.packs.begin(), r.packs.end(),
                        [&](const PackFacts& other) { return other.product == pack.product; }) > 1)
        throw std::invalid_argument("pack '" + std::string(pack.product) + "' is listed twice");
    }
    r.drug = static_cast<Drug>(regimens.size());
    for (const ProductFacts& p : r.products) {
      const auto at = static_cast<std::size_t>(p.product);
      if (at >= facts.size()) {
        facts.resize(at + 1, nullptr);
        drugs.resize(at + 1, Drug{});
      }
      facts[at] = &p;
      drugs[at] = r.drug;
    }
    regimens.push_back(r);
  }
};

Registry& registry() {
  static Registry table = [] {
    Registry r;
    r.regimens.reserve(kMostRegimens);
    for (const Regimen& built_in : kBuiltIn) r.add(built_in);
    return r;
  }();
  return table;
}

}  // namespace

std::span<const Regimen> regimens() {
  return registry().regimens;
}

const Regimen& regimen(Drug drug) {
  return registry().regimens.at(static_cast<std::size_t>(drug));
}

Drug register_regimen(Regimen r) {
  registry().add(r);
  return registry().regimens.back().drug;
}

const ProductFacts& facts_of(Product product) {
  const Registry& r = registry();
  const auto at = static_cast<std::size_t>(product);
  if (at >= r.facts.size() || !r.facts[at])
    throw std::out_of_range("product " + std::to_string(at) + " is not registered");
  return *r.facts[at];
}

Drug drug_of(Product product) {
  (void)facts_of(product);  // registered
  return registry().drugs[static_cast<std::size_t>(product)];
}

const Regimen* regimen_of_key(std::string_view planned_key) {
  for (const Regimen& r : regimens())
    if (planned_key.size() > r.word.size() && planned_key[r.word.size()] == ':' &&
        planned_key.starts_with(r.word))
      return &r;
  return nullptr;
}

std::vector<std::string_view> drugs_held_in(BoardPlace place) {
  std::vector<std::string_view> words;
  for (const Regimen& r : regimens())
    if (r.board_place == place) words.push_back(r.word);
  return words;
}

std::string drug_words(bool (*which)(const Regimen&)) {
  std::vector<std::string_view> words;
  for (const Regimen& r : regimens())
    if (which(r)) words.push_back(r.word);
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i)
    out += std::string(i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + std::string(words[i]);
  return out;
}

std::string drug_words() {
  return drug_words([](const Regimen&) { return true; });
}

std::vector<std::string> side_effect_terms() {
  std::vector<std::string> out(kCommonTerms.begin(), kCommonTerms.end());
  for (const Regimen& r : regimens())
    for (std::string_view term : r.effect_terms)
      if (std::find(out.begin(), out.end(), term) == out.end()) out.emplace_back(term);
  return out;
}

}  // namespace alsmeds
