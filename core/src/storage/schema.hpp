#pragma once
#include "sqlite_db.hpp"

namespace alsmeds::storage {

inline constexpr int kApplicationId = 0x414C534D;  // "ALSM" in the SQLite header: marks an alsmeds file

/// Brings a database from `from_version` to kSchemaVersion inside the caller's transaction.
void migrate(Connection& db, int from_version);

}  // namespace alsmeds::storage
