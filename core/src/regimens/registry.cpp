// The one table of the drugs alsmeds tracks (regimens.hpp). A drug's own rules live in its module
// (edaravone.cpp, riluzole.cpp, regimens/tofersen.cpp); this table says what it is at the edges.
#include <array>

#include "alsmeds/regimens.hpp"

namespace alsmeds {
namespace {

constexpr std::array<Product, 2> kEdaravone{Product::edaravone_iv, Product::edaravone_oral};
constexpr std::array<Product, 3> kRiluzole{Product::riluzole_tablet, Product::riluzole_suspension,
                                           Product::riluzole_film};
constexpr std::array<Product, 1> kTofersen{Product::tofersen_intrathecal};

// In Drug's order (regimen() indexes it); registry_test checks it.
const std::array<Regimen, 3> kRegimens{{
    // ATC N07XX14 and N07XX02: "Other nervous system drugs" (WHO Collaborating Centre, ATC/DDD index).
    {.drug = Drug::edaravone,
     .word = "edaravone",
     .name = "Edaravone",
     .noun = "an edaravone form",
     .products = kEdaravone,
     .infusion_board = true,
     .liver_tests = false,
     .atc = "N07XX14",
     .plan_reads_log = true,
     .timed_doses = false},
    {.drug = Drug::riluzole,
     .word = "riluzole",
     .name = "Riluzole",
     .noun = "a riluzole product",
     .products = kRiluzole,
     .infusion_board = false,
     .liver_tests = true,
     .atc = "N07XX02",
     .plan_reads_log = false,
     .timed_doses = true},
    // Tofersen (docs/domain.md): 100 mg intrathecally by lumbar puncture, given in the clinic; its plan is
    // anchored on the doses actually given (a late dose moves every later one). No ATC code: none could be
    // checked against the WHO index from here, so the FHIR Medication carries the name only.
    {.drug = Drug::tofersen,
     .word = "tofersen",
     .name = "Tofersen",
     .noun = "a tofersen form",
     .products = kTofersen,
     .infusion_board = false,
     .liver_tests = false,
     .atc = "",
     .plan_reads_log = true,
     .timed_doses = false},
}};

}  // namespace

std::span<const Regimen> regimens() {
  return kRegimens;
}

const Regimen& regimen(Drug drug) {
  return kRegimens[static_cast<std::size_t>(drug)];
}

std::string drug_words() {
  std::string out;
  for (std::size_t i = 0; i < kRegimens.size(); ++i)
    out += std::string(i == 0                      ? ""
                       : i + 1 == kRegimens.size() ? " or "
                                                   : ", ") +
           std::string(kRegimens[i].word);
  return out;
}

}  // namespace alsmeds
