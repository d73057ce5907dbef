// The products of a course: their words at the edges and the label of a dose (docs/domain.md).
#include "alsmeds/regimens/product.hpp"

#include <array>
#include <stdexcept>

#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/regimens/tofersen.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds {
namespace {

struct ProductWord {
  Product product;
  Drug drug;
  std::string_view word;  // stored and typed
  std::string_view form;  // for people
  // The engines' names (the other drug's field is never read).
  RiluzoleProductKind riluzole = RiluzoleProductKind::tablet;
  EdaravoneForm edaravone = EdaravoneForm::iv;
  // RxNorm's clinical drug (SCD) code, "" where none could be told apart from here (docs/domain.md "Codes").
  std::string_view rxnorm = "";
};

constexpr std::array<ProductWord, 6> kWords{{
    {Product::riluzole_tablet, Drug::riluzole, "tablet", "tablet", RiluzoleProductKind::tablet, {}, "199206"},
    {Product::riluzole_suspension,
     Drug::riluzole,
     "suspension",
     "suspension",
     RiluzoleProductKind::suspension,
     {},
     "2058147"},
    {Product::riluzole_film, Drug::riluzole, "film", "film", RiluzoleProductKind::film},
    {Product::edaravone_iv, Drug::edaravone, "iv", "IV", {}, EdaravoneForm::iv},
    {Product::edaravone_oral, Drug::edaravone, "oral", "oral", {}, EdaravoneForm::oral},
    {Product::tofersen_intrathecal, Drug::tofersen, "intrathecal", "intrathecal"},
}};
// docs/domain.md: edaravone IV 60 mg over 60 min; the oral suspension 105 mg in 5 mL.
constexpr int kInfusionMinutes = 60;
constexpr Millilitres kEdaravoneOralVolume{5.0};

const ProductWord& word_of(Product product) {
  return kWords[static_cast<std::size_t>(product)];
}

std::string mg(Milligrams dose) {
  return format_quantity(dose.count()) + " mg";
}

}  // namespace

std::string_view rxnorm_code(Product product) {
  return word_of(product).rxnorm;
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

Drug drug_of(Product product) {
  return word_of(product).drug;
}

std::string_view to_string(Product product) {
  return word_of(product).word;
}

std::span<const Product> products_of(Drug drug) {
  return regimen(drug).products;
}

Result<Product> parse_product(Drug drug, std::string_view text) {
  std::string words;
  const std::span<const Product> allowed = products_of(drug);
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (to_string(allowed[i]) == text) return allowed[i];
    words += std::string(i == 0                    ? ""
                         : i + 1 == allowed.size() ? " or "
                                                   : ", ") +
             std::string(to_string(allowed[i]));
  }
  return fail(quote_short(text) + " is not " + std::string(regimen(drug).noun) + " (" + words + ")");
}

Product stored_product(Drug drug, std::string_view text) {
  auto product = parse_product(drug, text);
  if (!product)
    throw std::runtime_error("the database holds a product alsmeds cannot read: " + product.error());
  return *product;
}

EdaravoneForm edaravone_form(Product product) {
  return word_of(product).edaravone;
}

RiluzoleProductKind riluzole_kind(Product product) {
  return word_of(product).riluzole;
}

Product product_of(EdaravoneForm form) {
  for (const ProductWord& w : kWords)
    if (w.drug == Drug::edaravone && w.edaravone == form) return w.product;
  return Product::edaravone_iv;
}

Product product_of(RiluzoleProductKind kind) {
  for (const ProductWord& w : kWords)
    if (w.drug == Drug::riluzole && w.riluzole == kind) return w.product;
  return Product::riluzole_tablet;
}

DoseLabel dose_label(Product product) {
  DoseLabel label;
  label.form = std::string(word_of(product).form);
  label.drug = std::string(regimen(drug_of(product)).name);
  switch (drug_of(product)) {
    case Drug::edaravone: {
      const Milligrams dose = edaravone_dose(edaravone_form(product));
      label.dose = product == Product::edaravone_iv
                       ? mg(dose) + " over " + std::to_string(kInfusionMinutes) + " min"
                       : mg(dose) + " / " + format_quantity(kEdaravoneOralVolume.count()) + " mL";
      break;
    }
    case Drug::riluzole: {
      const RiluzoleProduct& p = riluzole_product(riluzole_kind(product));
      label.brand = std::string(p.brand);
      label.dose = std::string(p.unit_text) + " (" + mg(p.dose_per_intake) + ")";
      break;
    }
    case Drug::tofersen:  // docs/domain.md "Tofersen": 100 mg (15 mL) by lumbar puncture
      label.brand = "Qalsody";
      label.dose =
          mg(kTofersenDose) + " / " + format_quantity(kTofersenVolume.count()) + " mL by lumbar puncture";
      break;
  }
  return label;
}

}  // namespace alsmeds
