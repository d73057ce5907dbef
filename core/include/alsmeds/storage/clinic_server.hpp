#pragma once
// Administration of a clinic server (PostgreSQL): the schema and the roles the server enforces, logins, and
// moving a single-machine SQLite database in. Each function connects to `server` (a URI or libpq keywords)
// with the login of whoever runs it: an administrator of the database.
#include <optional>
#include <string>
#include <string_view>

#include "alsmeds/records/records.hpp"
#include "alsmeds/result.hpp"

namespace alsmeds {

enum class ServerRole { nurse, pharmacist, patient };
Result<ServerRole> parse_server_role(std::string_view text);

/// Creates or migrates the schema and creates the group roles alsmeds_nurse, alsmeds_pharmacist and
/// alsmeds_patient with their grants and row-level security policies. Safe to run again. Returns what it
/// did, one line per step.
Result<std::string> server_init(const std::string& server);

/// Creates the login (or gives an existing login the role): a patient's login is tied to `patient_id`
/// (required for patients, refused for the others). The login's password or certificate is set by the
/// server's administrator (README).
Result<std::string> server_add_user(const std::string& server, const std::string& login, ServerRole role,
                                    std::optional<RecordId> patient_id);

/// Moves a single-machine database in: every record with its id, in one transaction, into a server that
/// holds no records yet. The file is opened read-only and left as it was. Returns the counts (each checked
/// against the file's before the commit), one line per table.
Result<std::string> server_import_sqlite(const std::string& server, const std::string& file,
                                         const Actor& actor);

}  // namespace alsmeds
