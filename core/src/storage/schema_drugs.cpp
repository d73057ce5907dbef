// The drugs a course or a log entry may name and the places on the board of those given in the clinic, from
// the registry (schema.hpp allow_registered_drugs, add_board_places).
#include <cstdint>
#include <string>

#include "alsmeds/regimens/regimens.hpp"
#include "board_places.hpp"
#include "schema.hpp"

namespace alsmeds::storage {

void loosen_checks(Connection& db, const std::string& update) {
  std::int64_t schema_version = 0;
  {
    Statement v(db, "PRAGMA schema_version");
    if (v.step()) schema_version = v.get_int(0);
  }
  db.exec("PRAGMA writable_schema = ON");
  db.exec(update.c_str());
  db.exec(("PRAGMA schema_version = " + std::to_string(schema_version + 1)).c_str());
  db.exec("PRAGMA writable_schema = OFF");
}

// Version 18 (issue 26, a drug is one module): the bookings' CHECKs named the drugs of the board (a key of
// edaravone or tofersen; 60 minutes unless tofersen's) and the stores told a chair from a room by the key's
// drug, so a drug registered for a room would have shared no room with tofersen's punctures. Now each drug
// given on the board has its place in board_places (append-only: a drug never moves), the CHECKs are loosened
// to what holds for every drug (a key "drug:..."; 15 to 240 minutes) and a trigger holds the rest: the key's
// drug has a place, a chair is held 60 minutes. The stores find a place's bookings by it.
void add_board_places(Connection& db) {
  loosen_checks(
      db,
      "UPDATE sqlite_master SET sql = replace(replace(sql, 'CHECK (planned_key LIKE ''edaravone:%'' "
      "OR planned_key LIKE ''tofersen:%'')', 'CHECK (instr(planned_key, '':'') > 1)'), char(10) || "
      "'         AND (minutes = 60 OR planned_key LIKE ''tofersen:%''))', ')') WHERE type = "
      "'table' AND name = 'infusion_bookings'");
  db.exec(R"sql(
CREATE TABLE board_places (
  drug TEXT PRIMARY KEY CHECK (length(drug) BETWEEN 1 AND 64 AND drug NOT GLOB '*[^a-z0-9-]*'),
  place TEXT NOT NULL CHECK (place = 'chair' OR place = 'room')
);
INSERT INTO board_places (drug, place) VALUES ('edaravone', 'chair'), ('tofersen', 'room');
CREATE TRIGGER board_places_append_only_update BEFORE UPDATE ON board_places
  BEGIN SELECT RAISE(ABORT, 'board places are append-only'); END;
CREATE TRIGGER board_places_append_only_delete BEFORE DELETE ON board_places
  BEGIN SELECT RAISE(ABORT, 'board places are append-only'); END;
CREATE TRIGGER infusion_bookings_place BEFORE INSERT ON infusion_bookings
BEGIN
  SELECT RAISE(ABORT, 'a booking holds a place for a planned dose of a drug given on the board')
    WHERE NOT EXISTS (SELECT 1 FROM board_places p
                      WHERE p.drug = substr(NEW.planned_key, 1, instr(NEW.planned_key, ':') - 1));
  SELECT RAISE(ABORT, 'an infusion holds its chair 60 minutes')
    WHERE NEW.minutes <> 60 AND EXISTS (SELECT 1 FROM board_places p WHERE p.place = 'chair'
                                        AND p.drug = substr(NEW.planned_key, 1, instr(NEW.planned_key, ':') - 1));
END;
)sql");
}

namespace {

bool has_board_places(Connection& db) {
  Statement s(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'board_places'");
  return s.step();
}

// The registered drugs given on the board that board_places lacks (schema 18 on).
bool board_places_lacking(Connection& db) {
  if (!has_board_places(db)) return false;
  for (const Regimen& r : regimens()) {
    if (r.board_place == BoardPlace::none) continue;
    Statement s(db, "SELECT 1 FROM board_places WHERE drug = ?1");
    s.bind(1, r.word);
    if (!s.step()) return true;
  }
  return false;
}

// The registered drugs the CHECK of therapies does not list yet, as SQL text to add after tofersen's
// (" OR drug = ''word''" each, quoted for a literal); empty when none or before schema 14.
std::string drugs_to_allow(Connection& db) {
  std::string therapies;
  {
    Statement s(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'therapies'");
    if (s.step()) therapies = s.get_text(0);
  }
  // Schema 14 lists the built-in three; a word registered since is added after the last of them.
  if (therapies.find("drug = 'tofersen'") == std::string::npos) return "";  // older: migrated first
  std::string more;
  for (const Regimen& r : regimens())
    if (therapies.find("drug = '" + std::string(r.word) + "'") == std::string::npos)
      more += " OR drug = ''" + std::string(r.word) + "''";  // words are [a-z0-9-] (register_regimen)
  return more;
}

}  // namespace

bool registered_drugs_allowed(Connection& db) {
  return drugs_to_allow(db).empty() && !board_places_lacking(db);
}

void allow_registered_drugs(Connection& db) {
  if (board_places_lacking(db))
    db.exec(("INSERT OR IGNORE INTO board_places (drug, place) VALUES " + registered_board_places()).c_str());
  const std::string more = drugs_to_allow(db);
  if (more.empty()) return;
  loosen_checks(
      db, "UPDATE sqlite_master SET sql = replace(sql, 'drug = ''tofersen''', 'drug = ''tofersen''" + more +
              "') WHERE type = 'table' AND name IN ('therapies', 'log_entries')");
}

}  // namespace alsmeds::storage
