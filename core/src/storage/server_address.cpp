// Which store a --db value names, and a server's address as people see it: plain text, no libpq (the
// server's own code is a module loaded when one is opened: server_module.cpp).
#include <algorithm>
#include <cctype>
#include <string>

#include "alsmeds/storage/clinic_server.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds {
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

Result<ServerRole> parse_server_role(std::string_view text) {
  if (text == "nurse") return ServerRole::nurse;
  if (text == "pharmacist") return ServerRole::pharmacist;
  if (text == "patient") return ServerRole::patient;
  return fail("'" + std::string(text) + "' is not a role (nurse, pharmacist or patient)");
}

}  // namespace alsmeds
