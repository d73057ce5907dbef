#pragma once
// What the registry says that both stores keep as rows (schema 18), so that the schema itself holds it
// whoever writes: the place a drug's doses take on the clinic's board (board_places: 'chair' or 'room'; a
// booking's drug must have one, two drugs of one place share its chairs or rooms) and the packs a drug is
// dispensed in (supply_packs: a dispensing is of a drug dispensed in packs, and names one of its packs or
// none). Kept from the registry (regimens.hpp Regimen::board_place, Regimen::packs): the built-in drugs' rows
// written by the migration, a registered drug's added when a program that knows it opens the store.
#include <string>

#include "alsmeds/regimens/regimens.hpp"

namespace alsmeds::storage {

inline const char* board_place_word(BoardPlace place) {
  return place == BoardPlace::chair ? "chair" : "room";
}

/// "('edaravone', 'chair'), ('tofersen', 'room'), ..." for every registered drug given on the board, for an
/// INSERT's VALUES (registered words are [a-z0-9-], register_regimen); empty when none.
inline std::string registered_board_places() {
  std::string values;
  for (const Regimen& r : regimens())
    if (r.board_place != BoardPlace::none)
      values += (values.empty() ? "('" : ", ('") + std::string(r.word) + "', '" +
                board_place_word(r.board_place) + "')";
  return values;
}

/// "('tablet', 'riluzole'), ..." (pack, drug) for every registered pack, for an INSERT's VALUES (pack words
/// are [a-z0-9-] and unique over the drugs); empty when none.
inline std::string registered_supply_packs() {
  std::string values;
  for (const Regimen& r : regimens())
    for (const PackFacts& p : r.packs)
      values +=
          (values.empty() ? "('" : ", ('") + std::string(p.product) + "', '" + std::string(r.word) + "')";
  return values;
}

}  // namespace alsmeds::storage
