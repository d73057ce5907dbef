#pragma once
// The clinic server's store is a module of its own, alsmeds_server.so (built from storage/postgres/), loaded
// the first time a program opens a server (program_modules.hpp): a command on a SQLite file never maps libpq.
#include <memory>
#include <optional>
#include <string>

#include "alsmeds/storage/clinic_server.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "program_modules.hpp"

namespace alsmeds::storage {

/// Changes whenever ServerModule does: a module of another build is refused rather than called wrongly.
inline constexpr int kServerModuleAbi = 1;

struct ServerModule {
  ModuleStamp stamp{kServerModuleAbi, kSchemaVersion};
  Result<std::unique_ptr<RecordStore>> (*open_store)(const std::string& conninfo,
                                                     OpenOptions options) = nullptr;
  std::string (*with_connect_timeout)(const std::string& conninfo, int seconds) = nullptr;
  Result<std::string> (*init)(const std::string& server) = nullptr;
  Result<std::string> (*add_user)(const std::string& server, const std::string& login, ServerRole role,
                                  std::optional<RecordId> patient_id) = nullptr;
  Result<std::string> (*import_sqlite)(const std::string& server, const std::string& file,
                                       const Actor& actor) = nullptr;
};

/// The module: the one linked into this program (server_tests), else loaded once (program_module). An error
/// names what was looked for and why it failed.
Result<const ServerModule*> server_module();

// The module's side (storage/postgres/): what its table points to.
Result<std::unique_ptr<RecordStore>> pg_open_store(const std::string& conninfo, OpenOptions options);
std::string pg_with_connect_timeout(const std::string& conninfo, int seconds);
Result<std::string> pg_server_init(const std::string& server);
Result<std::string> pg_server_add_user(const std::string& server, const std::string& login, ServerRole role,
                                       std::optional<RecordId> patient_id);
Result<std::string> pg_server_import_sqlite(const std::string& server, const std::string& file,
                                            const Actor& actor);

}  // namespace alsmeds::storage

/// The module's one exported entry.
extern "C" const alsmeds::storage::ServerModule* alsmeds_server_module();
