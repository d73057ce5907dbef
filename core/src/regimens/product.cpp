// The products of a course: their words at the edges and the label of a dose (docs/domain.md).
#include "alsmeds/regimens/product.hpp"

#include <stdexcept>

#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {

std::string_view rxnorm_code(Product product) {
  return facts_of(product).rxnorm;
}

std::string_view to_string(Drug drug) {
  return regimen(drug).word;
}

Result<Drug> parse_drug(std::string_view text) {
  for (const Regimen& r : regimens())
    if (r.word == text) return r.drug;
  return fail(quote_short(text) + " is not a drug alsmeds tracks (" + drug_words() + ")");
}

Drug stored_drug(std::string_view text) {
  auto drug = parse_drug(text);
  if (!drug) throw std::runtime_error("the database holds a drug alsmeds cannot read: " + drug.error());
  return *drug;
}

std::string_view to_string(Product product) {
  return facts_of(product).word;
}

std::vector<Product> products_of(Drug drug) {
  std::vector<Product> out;
  for (const ProductFacts& p : regimen(drug).products) out.push_back(p.product);
  return out;
}

Result<Product> parse_product(Drug drug, std::string_view text) {
  std::string words;
  const std::span<const ProductFacts> allowed = regimen(drug).products;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (allowed[i].word == text) return allowed[i].product;
    words += std::string(i == 0                    ? ""
                         : i + 1 == allowed.size() ? " or "
                                                   : ", ") +
             std::string(allowed[i].word);
  }
  return fail(quote_short(text) + " is not " + std::string(regimen(drug).noun) + " (" + words + ")");
}

Product stored_product(Drug drug, std::string_view text) {
  auto product = parse_product(drug, text);
  if (!product)
    throw std::runtime_error("the database holds a product alsmeds cannot read: " + product.error());
  return *product;
}

DoseLabel dose_label(Product product) {
  const Regimen& r = regimen(drug_of(product));
  DoseLabel label = r.dose_label(product);  // the module's brand and dose
  label.drug = std::string(r.name);
  label.form = std::string(facts_of(product).form);
  return label;
}

}  // namespace alsmeds
