#include "product_combo.hpp"

#include <imgui.h>

#include <algorithm>

#include "alsmeds/calendar.hpp"
#include "ui_probe.hpp"

namespace alsmeds::gui {

std::string product_choice(Product product) {
  const DoseLabel label = dose_label(product);
  return label.form + (label.brand.empty() ? "" : " (" + label.brand + ")") + ": " + label.dose;
}

std::string switches_ahead(const Therapy& therapy, Day today) {
  std::string out;
  for (const ProductChange& c : therapy.changes)
    if (c.from > today && (!therapy.stop || c.from <= *therapy.stop))
      out += "; " + product_choice(c.product) + " from " + format_day(c.from);
  return out;
}

Product picked_product(Drug drug, int index) {
  const auto products = products_of(drug);
  return index >= 0 && static_cast<std::size_t>(index) < products.size()
             ? products[static_cast<std::size_t>(index)]
             : products.front();
}

float product_combo_width(Drug drug) {
  float widest = 0;
  for (Product p : products_of(drug))
    widest = std::max(widest, ImGui::CalcTextSize(product_choice(p).c_str()).x);
  return widest + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight();
}

void product_combo(const char* label, Drug drug, int& index, const std::string& item_probe) {
  const auto products = products_of(drug);
  if (!ImGui::BeginCombo(label, product_choice(picked_product(drug, index)).c_str())) return;
  for (std::size_t i = 0; i < products.size(); ++i) {
    if (ImGui::Selectable(product_choice(products[i]).c_str(), static_cast<int>(i) == index))
      index = static_cast<int>(i);
    if (!item_probe.empty()) probe_item(item_probe + std::string(to_string(products[i])));
  }
  ImGui::EndCombo();
}

}  // namespace alsmeds::gui
