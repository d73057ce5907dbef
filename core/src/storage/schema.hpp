#pragma once
#include <string>
#include <vector>

#include "sqlite_db.hpp"

namespace alsmeds::storage {

inline constexpr int kApplicationId = 0x414C534D;  // "ALSM" in the SQLite header: marks an alsmeds file

/// Brings a database from `from_version` to kSchemaVersion inside the caller's transaction.
void migrate(Connection& db, int from_version);

/// Applies the schema steps from `from_version` up to `to_version` and stamps the file with that version.
/// migrate() is migrate_to(db, from, kSchemaVersion); tests use it to make files of older versions.
void migrate_to(Connection& db, int from_version, int to_version);

/// Edits the CREATE TABLE text of tables in sqlite_master by `update` (an UPDATE of sqlite_master) inside the
/// caller's transaction, for a CHECK that allows more rows (nothing stored changes): SQLite's documented way
/// (ALTER TABLE, "making other kinds of table schema changes"), the schema version one higher after.
void loosen_checks(Connection& db, const std::string& update);

/// Version 18 (schema_drugs.cpp): the place each drug given in the clinic takes on the board and the packs
/// each dispensed drug comes in are rows (board_places, supply_packs: registry_tables.hpp), no longer a
/// drug's word in the bookings' CHECKs nor a client's word alone for a dispensing's pack.
void add_registry_tables(Connection& db);

/// The drugs a course or a log entry may name are the CHECKs' list (schema 14: the built-in three); a drug
/// registered since (regimens.hpp register_regimen, a test's fourth) is added to both CHECKs in place, as
/// version 14 added tofersen: inside the caller's transaction, a word never removed (rows may hold it).
/// From schema 18 a registered drug's place on the board and its packs get their rows too (never changed).
void allow_registered_drugs(Connection& db);
/// Whether the CHECKs list every registered drug already, and the rows of schema 18 its place and packs
/// (read only: what every open asks).
bool registered_drugs_allowed(Connection& db);

/// What differs between the schema of `db` and the one these steps build for its version (compared in a
/// database in memory): a table, trigger (the append-only guards), view or index missing, changed or added
/// by another program. Empty when they match. `check` reports each.
std::vector<std::string> schema_problems(Connection& db);

}  // namespace alsmeds::storage
