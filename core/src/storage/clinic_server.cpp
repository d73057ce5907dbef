// Administration of a clinic server (clinic_server.hpp), through the server's module (server_module.hpp).
#include "alsmeds/storage/clinic_server.hpp"

#include "server_module.hpp"

namespace alsmeds {

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
