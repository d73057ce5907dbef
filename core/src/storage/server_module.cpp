// The clinic server's module (server_module.hpp) and the public functions that go through it.
#include "server_module.hpp"

#include <mutex>

// Defined when the program links the server's code itself (server_tests): then nothing is loaded.
extern "C" const alsmeds::storage::ServerModule* alsmeds_server_module() __attribute__((weak));

namespace alsmeds {
namespace storage {
Result<std::unique_ptr<RecordStore>> open_sqlite_store(const std::string& path, OpenOptions options);

Result<const ServerModule*> server_module() {
  static std::once_flag once;
  static Result<const ServerModule*> loaded = fail("not loaded");
  std::call_once(once, [] {
    loaded = program_module_table(alsmeds_server_module != nullptr ? alsmeds_server_module() : nullptr,
                                  "alsmeds_server.so", "alsmeds_server_module", kServerModuleAbi,
                                  "the clinic server's module", "needed to open a postgresql:// database");
  });
  return loaded;
}

}  // namespace storage

Result<std::unique_ptr<RecordStore>> open_record_store(const std::string& where, OpenOptions options) {
  if (!is_server_database(where)) return storage::open_sqlite_store(where, options);
  auto module = storage::server_module();
  if (!module) return fail(module.error());
  return (*module)->open_store(where, options);
}

std::string with_connect_timeout(const std::string& conninfo, int seconds) {
  auto module = storage::server_module();
  return module ? (*module)->with_connect_timeout(conninfo, seconds) : conninfo;
}

Result<std::string> server_init(const std::string& server) {
  auto module = storage::server_module();
  if (!module) return fail(module.error());
  return (*module)->init(server);
}

Result<std::string> server_add_user(const std::string& server, const std::string& login, ServerRole role,
                                    std::optional<RecordId> patient_id) {
  auto module = storage::server_module();
  if (!module) return fail(module.error());
  return (*module)->add_user(server, login, role, patient_id);
}

Result<std::string> server_import_sqlite(const std::string& server, const std::string& file,
                                         const Actor& actor) {
  auto module = storage::server_module();
  if (!module) return fail(module.error());
  return (*module)->import_sqlite(server, file, actor);
}

}  // namespace alsmeds
