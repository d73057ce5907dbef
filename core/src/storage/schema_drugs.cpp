// The drugs a course or a log entry may name, the places on the board of those given in the clinic and the
// packs of those dispensed, from the registry (schema.hpp allow_registered_drugs, add_registry_tables).
#include <cstdint>
#include <string>

#include "alsmeds/regimens/regimens.hpp"
#include "registry_tables.hpp"
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
// to what holds for every drug (a key "drug:course:part" of printable ASCII, 200 bytes at most; 15 to 240
// minutes; no key existing rows break) and a trigger holds the rest: the key's drug has a place, a chair is
// held 60 minutes, a key is one patient's. The stores find a place's bookings by it. Likewise the packs
// each drug is dispensed in are rows of supply_packs: a dispensing is of a drug with packs (never tofersen,
// given from the clinic's stock) and names one of its packs or none (a days' supply alone).
void add_registry_tables(Connection& db) {
  loosen_checks(
      db,
      "UPDATE sqlite_master SET sql = replace(replace(sql, 'CHECK (planned_key LIKE ''edaravone:%'' "
      "OR planned_key LIKE ''tofersen:%'')', 'CHECK (length(planned_key) <= 200 AND planned_key GLOB "
      "''[a-z]*:[0-9]*:?*'' AND planned_key NOT GLOB ''*[^!-~]*'')'), char(10) || "
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
CREATE TABLE supply_packs (
  pack TEXT PRIMARY KEY CHECK (length(pack) BETWEEN 1 AND 64 AND pack NOT GLOB '*[^a-z0-9-]*'),
  drug TEXT NOT NULL CHECK (length(drug) BETWEEN 1 AND 64 AND drug NOT GLOB '*[^a-z0-9-]*')
);
INSERT INTO supply_packs (pack, drug) VALUES ('tablet', 'riluzole'), ('suspension', 'riluzole'),
  ('film', 'riluzole'), ('oral', 'edaravone'), ('radicava-iv', 'edaravone'), ('generic-iv', 'edaravone');
CREATE TRIGGER supply_packs_append_only_update BEFORE UPDATE ON supply_packs
  BEGIN SELECT RAISE(ABORT, 'supply packs are append-only'); END;
CREATE TRIGGER supply_packs_append_only_delete BEFORE DELETE ON supply_packs
  BEGIN SELECT RAISE(ABORT, 'supply packs are append-only'); END;
CREATE TRIGGER log_entries_dispensed_pack BEFORE INSERT ON log_entries WHEN NEW.kind = 'dispensing'
BEGIN
  SELECT RAISE(ABORT, 'a dispensing is of a drug dispensed to a patient in packs')
    WHERE NOT EXISTS (SELECT 1 FROM supply_packs s WHERE s.drug = NEW.drug);
  SELECT RAISE(ABORT, 'a dispensing names a pack of its drug')
    WHERE NEW.product IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM supply_packs s WHERE s.pack = NEW.product AND s.drug = NEW.drug);
END;
CREATE TRIGGER infusion_bookings_place BEFORE INSERT ON infusion_bookings
BEGIN
  SELECT RAISE(ABORT, 'the planned dose is booked for another patient')
    WHERE EXISTS (SELECT 1 FROM infusion_bookings b
                  WHERE b.planned_key = NEW.planned_key AND b.patient_id <> NEW.patient_id);
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

bool has_registry_tables(Connection& db) {
  Statement s(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'supply_packs'");
  return s.step();
}

bool has_row(Connection& db, const char* sql, std::string_view key) {
  Statement s(db, sql);
  s.bind(1, key);
  return s.step();
}

// Whether board_places or supply_packs lack a registered drug's place or pack (schema 18 on).
bool registry_rows_lacking(Connection& db) {
  if (!has_registry_tables(db)) return false;
  for (const Regimen& r : regimens()) {
    if (r.board_place != BoardPlace::none &&
        !has_row(db, "SELECT 1 FROM board_places WHERE drug = ?1", r.word))
      return true;
    for (const PackFacts& p : r.packs)
      if (!has_row(db, "SELECT 1 FROM supply_packs WHERE pack = ?1", p.product)) return true;
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
  return drugs_to_allow(db).empty() && !registry_rows_lacking(db);
}

void allow_registered_drugs(Connection& db) {
  if (registry_rows_lacking(db)) {
    if (const std::string places = registered_board_places(); !places.empty())
      db.exec(("INSERT OR IGNORE INTO board_places (drug, place) VALUES " + places).c_str());
    if (const std::string packs = registered_supply_packs(); !packs.empty())
      db.exec(("INSERT OR IGNORE INTO supply_packs (pack, drug) VALUES " + packs).c_str());
  }
  const std::string more = drugs_to_allow(db);
  if (more.empty()) return;
  loosen_checks(
      db, "UPDATE sqlite_master SET sql = replace(sql, 'drug = ''tofersen''', 'drug = ''tofersen''" + more +
              "') WHERE type = 'table' AND name IN ('therapies', 'log_entries')");
}

}  // namespace alsmeds::storage
