// Opening a record store (record_store.hpp): a SQLite file in this process, a clinic server through the
// server's module (server_module.hpp), loaded the first time one is opened.
#include "alsmeds/storage/record_store.hpp"

#include "server_module.hpp"

namespace alsmeds {
namespace storage {
Result<std::unique_ptr<RecordStore>> open_sqlite_store(const std::string& path, OpenOptions options);
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

}  // namespace alsmeds
