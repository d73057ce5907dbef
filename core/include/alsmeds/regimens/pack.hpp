#pragma once
// A pack a product is dispensed in (issue 16, docs/supply.md): registered with its drug (regimens.hpp
// Regimen::packs), counted by supply (pharmacy/supply.hpp).
#include <string_view>

namespace alsmeds {

/// The course's product a pack serves (regimens/product.hpp defines it; declared here so that a pack, kept
/// below the products in the house, includes nothing above it).
enum class Product;

/// What a patient's supply is counted in; the stores' CHECK lists these words (a new one is a migration).
enum class SupplyUnit { tablet, film, mL, bottle, bag };

/// One pack's facts (docs/supply.md, with the label each comes from).
struct PackFacts {
  std::string_view product;  // the pack's word, unique over the drugs: tablet, suspension, radicava-iv, ...
  std::string_view label;    // "Tiglutik riluzole 5 mg/mL oral suspension, 300 mL bottle"
  Product serves{};          // the course's product it is dispensed for (its drug's)
  SupplyUnit counted_in = SupplyUnit::tablet;  // on hand is counted in tablets, films, mL or bags
  double per_dose = 1;                         // in counted_in: 1 tablet, 10 mL, 5 mL, 2 bags, 1 bag
  double per_bottle = 0;                       // mL in a bottle (suspensions); 0 for the others
  int in_use_days = 0;  // an opened bottle is used on this many days at most (its opening day first); 0: none
};

}  // namespace alsmeds
