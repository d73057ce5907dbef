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

/// What differs between the schema of `db` and the one these steps build for its version (compared in a
/// database in memory): a table, trigger (the append-only guards), view or index missing, changed or added
/// by another program. Empty when they match. `check` reports each.
std::vector<std::string> schema_problems(Connection& db);

}  // namespace alsmeds::storage
