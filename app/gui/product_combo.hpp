#pragma once
// A product picker: each of a drug's products as the clinic says it, from core's dose label (product.hpp).
#include <string>

#include "alsmeds/records/records.hpp"
#include "alsmeds/regimens/product.hpp"

namespace alsmeds::gui {

/// "IV: 60 mg over 60 min", "suspension (Tiglutik): 10 mL (50 mg)"
std::string product_choice(Product product);

/// The switches of the course after `today`, as the course's line ends: "; oral: 105 mg / 5 mL from
/// 2026-12-06" (empty when none): a view that names today's form never hides a switch already recorded.
std::string switches_ahead(const Therapy& therapy, Day today);

/// A combo of `drug`'s products; `index` indexes products_of(drug) (out of range: the first is shown).
/// Each item is probed as `item_probe` + the product's word ("course:switch-product:oral") when given.
void product_combo(const char* label, Drug drug, int& index, const std::string& item_probe = "");

/// The width of product_combo's box that shows the widest of `drug`'s products whole (as combo_width).
float product_combo_width(Drug drug);

/// The product `index` picks (out of range: the first).
Product picked_product(Drug drug, int index);

}  // namespace alsmeds::gui
