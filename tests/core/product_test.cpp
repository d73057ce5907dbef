// The product of a course as a typed value (issue 12): one word each at the edges, one label for a dose.
// Expected labels are docs/domain.md's, written out by hand.
#include "alsmeds/regimens/product.hpp"

#include <catch2/catch.hpp>

using namespace alsmeds;

TEST_CASE("Each product's dose label is the dose docs/domain.md gives") {
  // Riluzole: "50 mg tablet, 1 tablet every 12 h"; "suspension 5 mg/mL, 10 mL every 12 h";
  // "50 mg oral film, 1 film every 12 h".
  CHECK(dose_label(Product::riluzole_tablet).dose == "1 tablet (50 mg)");
  CHECK(dose_label(Product::riluzole_suspension).dose == "10 mL (50 mg)");
  CHECK(dose_label(Product::riluzole_film).dose == "1 film (50 mg)");
  // Edaravone: IV "60 mg over 60 min"; oral suspension "105 mg in 5 mL".
  CHECK(dose_label(Product::edaravone_iv).dose == "60 mg over 60 min");
  CHECK(dose_label(Product::edaravone_oral).dose == "105 mg / 5 mL");
}

TEST_CASE("A dose label names the drug, the form and the brand the tables of docs/domain.md give") {
  CHECK(dose_label(Product::riluzole_tablet).text() == "Riluzole tablet, 1 tablet (50 mg)");
  CHECK(dose_label(Product::riluzole_suspension).text() == "Riluzole suspension, 10 mL (50 mg)");
  CHECK(dose_label(Product::riluzole_film).text() == "Riluzole film, 1 film (50 mg)");
  CHECK(dose_label(Product::edaravone_iv).text() == "Edaravone IV, 60 mg over 60 min");
  CHECK(dose_label(Product::edaravone_oral).text() == "Edaravone oral, 105 mg / 5 mL");
  CHECK(dose_label(Product::riluzole_tablet).brand == "Rilutek and generics");
  CHECK(dose_label(Product::riluzole_suspension).brand == "Tiglutik");
  CHECK(dose_label(Product::riluzole_film).brand == "Exservan");
}

TEST_CASE("A product's word is the stored one and reads back as the same product") {
  // The words of the database column, the CSV files and the CLI's --form/--product (docs/cli.md).
  const std::vector<std::tuple<Product, Drug, std::string>> words{
      {Product::riluzole_tablet, Drug::riluzole, "tablet"},
      {Product::riluzole_suspension, Drug::riluzole, "suspension"},
      {Product::riluzole_film, Drug::riluzole, "film"},
      {Product::edaravone_iv, Drug::edaravone, "iv"},
      {Product::edaravone_oral, Drug::edaravone, "oral"},
  };
  for (const auto& [product, drug, word] : words) {
    CAPTURE(word);
    CHECK(to_string(product) == word);
    CHECK(drug_of(product) == drug);
    auto read = parse_product(drug, word);
    REQUIRE(read.ok());
    CHECK(*read == product);
  }
  CHECK(products_of(Drug::riluzole).size() == 3);
  CHECK(products_of(Drug::edaravone).size() == 2);
}

TEST_CASE("An unknown product word is refused with the words allowed") {
  auto patch = parse_product(Drug::riluzole, "patch");
  REQUIRE_FALSE(patch.ok());
  CHECK(patch.error() == "'patch' is not a riluzole product (tablet, suspension or film)");
  auto gel = parse_product(Drug::edaravone, "gel");
  REQUIRE_FALSE(gel.ok());
  CHECK(gel.error() == "'gel' is not an edaravone form (iv or oral)");
  // Another drug's word, a word in other case, or with spaces, is not one of the drug's products.
  CHECK_FALSE(parse_product(Drug::riluzole, "oral").ok());
  CHECK_FALSE(parse_product(Drug::edaravone, "tablet").ok());
  CHECK_FALSE(parse_product(Drug::edaravone, "IV").ok());
  CHECK_FALSE(parse_product(Drug::riluzole, " tablet").ok());
  CHECK_FALSE(parse_product(Drug::riluzole, "").ok());
}

TEST_CASE("The engines' names map to the products and back") {
  for (Drug drug : {Drug::riluzole, Drug::edaravone})
    for (Product p : products_of(drug)) {
      CAPTURE(to_string(p));
      if (drug == Drug::riluzole) CHECK(product_of(riluzole_kind(p)) == p);
      if (drug == Drug::edaravone) CHECK(product_of(edaravone_form(p)) == p);
    }
  CHECK(edaravone_form(Product::edaravone_oral) == EdaravoneForm::oral);
  CHECK(riluzole_kind(Product::riluzole_film) == RiluzoleProductKind::film);
}
