// Which store a --db value names, and opening the clinic server's.
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <utility>

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

namespace {

// The end of a URI's authority (user:password@host:port) that starts at `from`.
std::size_t authority_end(const std::string& uri, std::size_t from) {
  const std::size_t end = uri.find_first_of("/?", from);
  return end == std::string::npos ? uri.size() : end;
}

}  // namespace

std::string without_password(const std::string& conninfo) {
  std::string out = conninfo;
  if (is_uri(out)) {
    const std::size_t scheme = out.find("://") + 3;
    const std::size_t end = authority_end(out, scheme);
    const std::size_t at = out.rfind('@', end);  // a password may hold '@' itself
    if (at != std::string::npos && at >= scheme) {
      const std::size_t colon = out.find(':', scheme);
      if (colon != std::string::npos && colon < at) out = out.substr(0, colon) + out.substr(at);
    }
    // Query parameters: every password=... left out.
    const std::size_t q = out.find('?');
    if (q != std::string::npos) {
      std::string kept;
      std::size_t start = q + 1;
      while (start <= out.size()) {
        const std::size_t amp = std::min(out.find('&', start), out.size());
        const std::string item = out.substr(start, amp - start);
        if (item.rfind("password=", 0) != 0 && !item.empty()) kept += (kept.empty() ? "" : "&") + item;
        start = amp + 1;
      }
      out = out.substr(0, q) + (kept.empty() ? "" : "?" + kept);
    }
    return out;
  }
  // Keywords: password = value (a value may be quoted and hold spaces).
  for (std::size_t pw = out.find("password"); pw != std::string::npos; pw = out.find("password", pw)) {
    std::size_t i = pw + 8;
    while (i < out.size() && out[i] == ' ') ++i;
    if (i >= out.size() || out[i] != '=') {
      pw = i;
      continue;
    }
    ++i;
    while (i < out.size() && out[i] == ' ') ++i;
    if (i < out.size() && out[i] == '\'') {
      for (++i; i < out.size() && out[i] != '\''; ++i)
        if (out[i] == '\\') ++i;
      ++i;
    } else {
      while (i < out.size() && out[i] != ' ') ++i;
    }
    out.erase(pw, std::min(i, out.size()) - pw);
  }
  while (out.find("  ") != std::string::npos) out.erase(out.find("  "), 1);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The server's address for messages, settings and the window: the URI or keywords without a password.
std::string server_name(const std::string& conninfo) {
  return without_password(conninfo);
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
