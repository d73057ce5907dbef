// The one table of the drugs alsmeds tracks (regimens.hpp). A drug's own rules live in its module
// (edaravone.cpp, riluzole.cpp, regimens/tofersen.cpp); this table says what it is at the edges.
#include "alsmeds/regimens/regimens.hpp"

#include <algorithm>
#include <array>

#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/regimens/tofersen.hpp"

namespace alsmeds {
namespace {

constexpr std::array<Product, 2> kEdaravone{Product::edaravone_iv, Product::edaravone_oral};
constexpr std::array<Product, 3> kRiluzole{Product::riluzole_tablet, Product::riluzole_suspension,
                                           Product::riluzole_film};
constexpr std::array<Product, 1> kTofersen{Product::tofersen_intrathecal};

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
const std::array<Regimen, 3> kRegimens{{
    // ATC N07XX14 and N07XX02: "Other nervous system drugs" (WHO Collaborating Centre, ATC/DDD index).
    {.drug = Drug::edaravone,
     .word = "edaravone",
     .name = "Edaravone",
     .noun = "an edaravone form",
     .products = kEdaravone,
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
     .read_key_part = read_tofersen_key_part},
}};

}  // namespace

std::span<const Regimen> regimens() {
  return kRegimens;
}

const Regimen& regimen(Drug drug) {
  return kRegimens[static_cast<std::size_t>(drug)];
}

const Regimen* regimen_of_key(std::string_view planned_key) {
  for (const Regimen& r : kRegimens)
    if (planned_key.size() > r.word.size() && planned_key[r.word.size()] == ':' &&
        planned_key.starts_with(r.word))
      return &r;
  return nullptr;
}

std::vector<std::string_view> drugs_held_in(BoardPlace place) {
  std::vector<std::string_view> words;
  for (const Regimen& r : kRegimens)
    if (r.board_place == place) words.push_back(r.word);
  return words;
}

std::string drug_words(bool (*which)(const Regimen&)) {
  std::vector<std::string_view> words;
  for (const Regimen& r : kRegimens)
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
  for (const Regimen& r : kRegimens)
    for (std::string_view term : r.effect_terms)
      if (std::find(out.begin(), out.end(), term) == out.end()) out.emplace_back(term);
  return out;
}

}  // namespace alsmeds
