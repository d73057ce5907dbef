// Which store a --db value names, and opening the clinic server's.
#include <cctype>

#include "alsmeds/record_store.hpp"
#include "pg_record_store.hpp"
#include "pg_schema.hpp"

namespace alsmeds {
namespace storage {
Result<std::unique_ptr<RecordStore>> open_sqlite_store(const std::string& path, OpenOptions options);
}  // namespace storage

namespace {

// libpq's keywords that a "key=value ..." connection string can start with. A file name rarely starts so;
// one that does is named with a folder ("./host=x.db") to be taken as a file.
bool starts_with_keyword(const std::string& s) {
  static const char* const kKeywords[] = {"host",     "hostaddr", "port",    "dbname",   "user",
                                          "password", "service",  "sslmode", "passfile", "application_name"};
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  std::size_t j = i;
  while (j < s.size() && (std::islower(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
  std::size_t k = j;
  while (k < s.size() && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
  if (k >= s.size() || s[k] != '=') return false;
  const std::string word = s.substr(i, j - i);
  for (const char* keyword : kKeywords)
    if (word == keyword) return true;
  return false;
}

bool is_uri(const std::string& s) {
  return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

}  // namespace

bool is_server_database(const std::string& where) {
  return is_uri(where) || starts_with_keyword(where);
}

std::string with_connect_timeout(const std::string& conninfo, int seconds) {
  if (conninfo.find("connect_timeout") != std::string::npos) return conninfo;
  const std::string setting = "connect_timeout=" + std::to_string(seconds);
  if (!is_uri(conninfo)) return conninfo + " " + setting;
  const std::size_t hash = conninfo.find('#');
  const std::string base = conninfo.substr(0, hash);
  return base + (base.find('?') == std::string::npos ? "?" : "&") + setting;
}

// The server's address for messages: the URI or keywords without a password.
std::string server_name(const std::string& conninfo) {
  std::string out = conninfo;
  if (is_uri(out)) {
    const std::size_t scheme = out.find("://") + 3;
    const std::size_t at = out.find('@', scheme);
    const std::size_t colon = out.find(':', scheme);
    if (at != std::string::npos && colon != std::string::npos && colon < at)
      out = out.substr(0, colon) + out.substr(at);
    const std::size_t pw = out.find("password=");
    if (pw != std::string::npos) out = out.substr(0, pw) + "password=...";
    return out;
  }
  const std::size_t pw = out.find("password");
  if (pw != std::string::npos) out = out.substr(0, pw) + "password=...";
  return out;
}

Result<std::unique_ptr<storage::PgRecordStore>> open_server_store(const std::string& conninfo,
                                                                  OpenOptions options) {
  try {
    auto db = std::make_unique<storage::PgConnection>(with_connect_timeout(conninfo, kConnectTimeoutSeconds));
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
    if (read_only) db->exec("SET default_transaction_read_only = on");
    return std::make_unique<storage::PgRecordStore>(std::move(db), read_only);
  } catch (const storage::PgError& e) {
    return fail(server_name(conninfo) + ": " + e.what());
  }
}

Result<std::unique_ptr<RecordStore>> open_record_store(const std::string& where, OpenOptions options) {
  if (!is_server_database(where)) return storage::open_sqlite_store(where, options);
  auto opened = open_server_store(where, options);
  if (!opened) return fail(opened.error());
  return std::unique_ptr<RecordStore>(std::move(opened).value());
}

}  // namespace alsmeds
