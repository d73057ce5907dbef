// The one table of the drugs alsmeds tracks (issue 26, regimens.hpp): each drug's word reads back as the
// drug, its products are its own, and a store's word alsmeds does not know is never read as another drug.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "alsmeds/regimens.hpp"

using namespace alsmeds;

TEST_CASE("Registry: every drug is registered in Drug's order, its word and products its own") {
  const auto all = regimens();
  REQUIRE(all.size() == 3u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    INFO(all[i].word);
    CHECK(static_cast<std::size_t>(all[i].drug) == i);
    CHECK(&regimen(all[i].drug) == &all[i]);
    CHECK(parse_drug(all[i].word).value() == all[i].drug);
    CHECK(to_string(all[i].drug) == all[i].word);
    REQUIRE_FALSE(all[i].products.empty());
    for (const Product p : all[i].products) CHECK(drug_of(p) == all[i].drug);
    // ATC level 5: letter, 2 digits, 2 letters, 2 digits; none for tofersen (not checked against the index)
    CHECK(all[i].atc.size() == (all[i].drug == Drug::tofersen ? 0u : 7u));
  }
  // The label facts the table carries (docs/domain.md): edaravone IV on the board, riluzole with liver tests
  // and clock-time doses; WHO ATC N07XX14 and N07XX02.
  CHECK(regimen(Drug::edaravone).infusion_board);
  CHECK_FALSE(regimen(Drug::edaravone).liver_tests);
  CHECK(regimen(Drug::riluzole).liver_tests);
  CHECK(regimen(Drug::riluzole).timed_doses);
  CHECK(regimen(Drug::edaravone).atc == "N07XX14");
  CHECK(regimen(Drug::riluzole).atc == "N07XX02");
  // Tofersen: given in the clinic by lumbar puncture, its plan anchored on the doses given; no chair, no liver
  // tests, doses due on a day; one product, 100 mg / 15 mL.
  CHECK(regimen(Drug::tofersen).plan_reads_log);
  CHECK_FALSE(regimen(Drug::tofersen).infusion_board);
  CHECK_FALSE(regimen(Drug::tofersen).liver_tests);
  CHECK_FALSE(regimen(Drug::tofersen).timed_doses);
  REQUIRE(products_of(Drug::tofersen).size() == 1u);
  CHECK(dose_label(Product::tofersen_intrathecal).text() ==
        "Tofersen intrathecal, 100 mg / 15 mL by lumbar puncture");
  CHECK(parse_product(Drug::tofersen, "intrathecal").value() == Product::tofersen_intrathecal);
  CHECK_FALSE(parse_product(Drug::tofersen, "iv").ok());
  CHECK(drug_words() == "edaravone, riluzole or tofersen");
}

TEST_CASE("Registry: a word alsmeds does not track is refused, and never read from a store as another drug") {
  CHECK_THAT(parse_drug("aspirin").error(), Catch::Contains("edaravone, riluzole or tofersen"));
  CHECK_FALSE(parse_drug("Riluzole").ok());
  CHECK_FALSE(parse_drug("").ok());
  CHECK(stored_drug("riluzole") == Drug::riluzole);
  CHECK(stored_drug("tofersen") == Drug::tofersen);
  CHECK_THROWS_AS(stored_drug("nusinersen"), std::runtime_error);
  CHECK_THROWS_AS(stored_drug(""), std::runtime_error);
}
