#pragma once
// The place a drug's doses take on the clinic's board as both stores keep it (table board_places, schema
// 18): the word of a drug given in the clinic and its place, 'chair' or 'room'. Kept from the registry
// (regimens.hpp Regimen::board_place); a booking's drug must have a row, and two drugs of one place share
// its chairs or rooms (no two overlapping bookings of one place, whatever the drugs).
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

}  // namespace alsmeds::storage
