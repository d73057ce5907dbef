// Opening the clinic server's store, and the module's table (server_module.hpp).
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <utility>

#include "../server_module.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "pg_record_store.hpp"
#include "pg_schema.hpp"

namespace alsmeds {
namespace {

bool is_uri(const std::string& s) {
  return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

}  // namespace

std::string storage::pg_with_connect_timeout(const std::string& conninfo, int seconds) {
  // The settings the string names itself (PQconninfoParse reads no environment and adds no defaults). A
  // string libpq cannot read is left as it is: connecting says what is wrong with it.
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (options == nullptr) {
    PQfreemem(parse_error);
    return conninfo;
  }
  std::map<std::string, std::string> given;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o)
    if (o->val != nullptr) given[o->keyword] = o->val;
  PQconninfoFree(options);
  // A line that goes silent while connected (no FIN or reset: a cut cable, a dead router) leaves the kernel
  // retransmitting for about 15 minutes: unacknowledged data (a query sent) gives up after tcp_user_timeout,
  // and a query whose answer never comes is found out by keepalive probes. Both within about the connect
  // timeout. libpq uses these for TCP only (a Unix socket ignores them).
  int timeout = seconds;
  if (const auto t = given.find("connect_timeout"); t != given.end()) {
    const int asked = std::atoi(t->second.c_str());
    if (asked > 0) timeout = std::clamp(asked, 2, 3600);  // libpq waits at least 2 s; 0 means forever
  }
  const std::pair<const char*, int> defaults[] = {{"connect_timeout", seconds},
                                                  {"tcp_user_timeout", timeout * 1000},
                                                  {"keepalives", 1},
                                                  {"keepalives_idle", timeout},
                                                  {"keepalives_interval", std::max(1, timeout / 3)},
                                                  {"keepalives_count", 3}};
  const bool uri = is_uri(conninfo);
  std::string out = uri ? conninfo.substr(0, conninfo.find('#')) : conninfo;
  for (const auto& [keyword, value] : defaults) {
    if (given.count(keyword) != 0) continue;
    const std::string setting = std::string(keyword) + "=" + std::to_string(value);
    if (!uri)
      out += " " + setting;
    else if (out.find('?') == std::string::npos)
      out += "?" + setting;
    else
      out += (out.back() == '?' || out.back() == '&' ? "" : "&") + setting;
  }
  return out;
}

Result<std::unique_ptr<RecordStore>> storage::pg_open_store(const std::string& conninfo,
                                                            OpenOptions options) {
  try {
    auto db =
        std::make_unique<storage::PgConnection>(pg_with_connect_timeout(conninfo, kConnectTimeoutSeconds));
    const int version = storage::pg_schema_version(*db);
    const bool read_only = options.access == Access::read_only;
    if (version < 0)
      return fail(server_name(conninfo) +
                  " holds tables of another program, not alsmeds; it was left untouched");
    if (version > kSchemaVersion)
      return fail(server_name(conninfo) + " was written by a newer alsmeds (schema " +
                  std::to_string(version) + "; this program reads up to " + std::to_string(kSchemaVersion) +
                  "); it was left untouched");
    if (version < kSchemaVersion) {
      if (read_only || (version == 0 && options.create == CreateMode::must_exist))
        return fail(server_name(conninfo) +
                    (version == 0
                         ? " holds no alsmeds records yet (run: alsmeds-cli --db URI server init)"
                         : " uses an older alsmeds schema; run a command that writes to migrate it"));
      storage::pg_migrate(*db);
    }
    if (!read_only) storage::pg_allow_registered_drugs(*db);
    if (read_only) db->exec("SET default_transaction_read_only = on");
    return std::unique_ptr<RecordStore>(std::make_unique<storage::PgRecordStore>(std::move(db), read_only));
  } catch (const storage::PgError& e) {
    return fail(server_name(conninfo) + ": " + e.what());
  }
}

}  // namespace alsmeds

extern "C" const alsmeds::storage::ServerModule* alsmeds_server_module() {
  using namespace alsmeds::storage;
  static const ServerModule kModule{.stamp = {kServerModuleAbi, alsmeds::kSchemaVersion},
                                    .open_store = pg_open_store,
                                    .with_connect_timeout = pg_with_connect_timeout,
                                    .init = pg_server_init,
                                    .add_user = pg_server_add_user,
                                    .import_sqlite = pg_server_import_sqlite};
  return &kModule;
}
