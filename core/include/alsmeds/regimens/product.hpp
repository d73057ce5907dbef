#pragma once
// The product of a course (docs/domain.md): riluzole tablet, oral suspension or oral film; edaravone IV or
// oral suspension. A typed value inside alsmeds; its word (tablet, suspension, film, iv, oral) exists only at
// the edges (database columns, CSV, command-line options), read by parse_product and written by to_string.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/result.hpp"

namespace alsmeds {

enum class Drug { edaravone, riluzole, tofersen };
std::string_view to_string(Drug drug);
Result<Drug> parse_drug(std::string_view text);
/// parse_drug for a word read back from a store (its CHECK allows only registered drugs): throws
/// std::runtime_error naming the word otherwise (a damaged database), never reads it as another drug.
Drug stored_drug(std::string_view text);

enum class Product {
  riluzole_tablet,
  riluzole_suspension,
  riluzole_film,
  edaravone_iv,
  edaravone_oral,
  tofersen_intrathecal
};

/// A product's facts at the edges, registered with its drug (regimens.cpp): its word as stored and typed, its
/// form for people, its code in RxNorm.
struct ProductFacts {
  Product product;
  std::string_view word;         // stored and typed: tablet, suspension, film, iv, oral, intrathecal
  std::string_view form;         // for people: "tablet", "IV"
  std::string_view rxnorm = "";  // RxNorm SCD, "" where none could be told apart (docs/domain.md "Codes")
};

Drug drug_of(Product product);
/// The product's word as stored and typed: tablet, suspension, film, iv, oral.
std::string_view to_string(Product product);
/// The word read back as one of `drug`'s products, or an error naming it and the words allowed:
/// "'patch' is not a riluzole product (tablet, suspension or film)".
Result<Product> parse_product(Drug drug, std::string_view text);
/// parse_product for a word read back from a store, which holds only words parse_product accepted (every
/// write is checked): throws std::runtime_error naming the word otherwise (a damaged database), caught at the
/// program's edges.
Product stored_product(Drug drug, std::string_view text);
/// The product's code in RxNorm (a clinical drug, SCD), or "" where none could be checked from here
/// (docs/domain.md "Codes"): riluzole 50 mg tablet 199206, riluzole 5 mg/mL oral suspension 2058147.
std::string_view rxnorm_code(Product product);
/// The products of `drug`, in its registration's order (the first is a new course's default).
std::vector<Product> products_of(Drug drug);

// The engines' own names for a product and back (edaravone_form, riluzole_kind, product_of) are their
// modules' (edaravone.hpp, riluzole.hpp).

/// A dose of a product in the clinic's words, written by the drug's module (its Regimen's dose_label): the
/// due list, the app's views, reports, plans, the iCalendar and FHIR exports all name a dose by it.
struct DoseLabel {
  std::string drug;   // "Riluzole", "Edaravone", "Tofersen"
  std::string form;   // "tablet", "suspension", "film", "IV", "oral"
  std::string brand;  // "Rilutek and generics", "Tiglutik", "Exservan"; edaravone: "" (bags kept per product)
  std::string
      dose;  // "1 tablet (50 mg)", "10 mL (50 mg)", "1 film (50 mg)", "60 mg over 60 min", "105 mg / 5 mL"
  /// "Riluzole suspension, 10 mL (50 mg)", "Edaravone IV, 60 mg over 60 min"
  std::string text() const { return drug + " " + form + ", " + dose; }
};
DoseLabel dose_label(Product product);

}  // namespace alsmeds
