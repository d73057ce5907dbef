#pragma once
// What the registry says that both stores keep as rows (schema 18), so that the schema itself holds it
// whoever writes: the place a drug's doses take on the clinic's board (board_places: 'chair' or 'room'; a
// booking's drug must have one, two drugs of one place share its chairs or rooms) and the packs a drug is
// dispensed in (supply_packs: a dispensing is of a drug dispensed in packs, and names one of its packs or
// none). Kept from the registry (regimens.hpp Regimen::board_place, Regimen::packs): the built-in drugs' rows
// written by the migration, a registered drug's added when a program that knows it opens the store.
#include <cstdint>
#include <string>

#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/text.hpp"

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

/// The live bookings (the latest version of each planned dose, not cancelled) of one place that overlap:
/// a pair a row, columns first key, second key, day number, place number, place word. `drug` is the store's
/// expression of the key's drug of a booking `b`, `latest` its test that `b` is its key's latest version.
/// `check` reports each pair: the guards that refuse them (the stores' checks, the server's booking
/// trigger) may have been set aside meanwhile.
inline std::string overlapping_bookings_sql(const std::string& drug, const std::string& latest) {
  return "WITH live AS (SELECT b.planned_key, b.day, b.chair, b.start_minute, b.minutes, (SELECT p.place "
         "FROM "
         "board_places p WHERE p.drug = " +
         drug + ") AS place FROM infusion_bookings b WHERE NOT b.cancelled AND " + latest +
         ") SELECT a.planned_key, c.planned_key, a.day, a.chair, a.place FROM live a JOIN live c ON a.day = "
         "c.day AND a.chair = c.chair AND a.place = c.place AND a.planned_key < c.planned_key AND "
         "a.start_minute < c.start_minute + c.minutes AND c.start_minute < a.start_minute + a.minutes "
         "ORDER BY a.day, a.chair, a.planned_key";
}

/// `check`'s words for one pair of overlapping_bookings_sql.
inline std::string overlapping_bookings_problem(const std::string& first, const std::string& second,
                                                std::int64_t day, std::int64_t place_number,
                                                const std::string& place) {
  return "bookings: " + quote_short(first) + " and " + quote_short(second) + " hold " + place + " " +
         std::to_string(place_number) + " at overlapping times on " + format_day(Day{date::days{day}}) +
         ": move one";
}

}  // namespace alsmeds::storage
