#pragma once
// The clinic server's schema: versioned like the SQLite file's (schema.cpp), the same version number meaning
// the same records. Version 6 is the first the server store knows; later versions add steps.
#include <string>
#include <vector>

#include "pg_connection.hpp"

namespace alsmeds::storage {

/// The schema version of the database, 0 when it holds no alsmeds schema yet; -1 when it holds tables of
/// another program (no alsmeds marker).
int pg_schema_version(PgConnection& db);

/// Creates or migrates the schema to kSchemaVersion in one transaction (two programs doing it at once queue
/// on a lock; the second finds it done). Refuses a database of another program or of a newer alsmeds.
void pg_migrate(PgConnection& db);

/// The guards (append-only triggers, the correction and booking rules) the schema must hold, by name.
std::vector<std::string> pg_expected_triggers();

}  // namespace alsmeds::storage
