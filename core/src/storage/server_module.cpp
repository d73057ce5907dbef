// The clinic server's module (server_module.hpp): linked into the program or loaded once.
#include "server_module.hpp"

#include <mutex>

// Defined when the program links the server's code itself (server_tests): then nothing is loaded.
extern "C" const alsmeds::storage::ServerModule* alsmeds_server_module() __attribute__((weak));

namespace alsmeds::storage {

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

}  // namespace alsmeds::storage
