#pragma once
// A fresh folder per test under /tmp, removed afterwards; and the store a test opens. With ALSMEDS_TEST_PG
// set (the folder of the throwaway cluster ctest starts, tests/pg_cluster.sh) each database path a test uses
// stands for a fresh database on that server instead: the same tests run against both stores. Tests of
// things only a SQLite file has (modes, journals, file copies) are tagged [sqlite-only].
#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "alsmeds/storage/record_store.hpp"

namespace alsmeds::test {

struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("alsmeds-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

/// The folder of the test server's socket, or nullptr when the tests run on SQLite.
inline const char* test_server() {
  const char* dir = std::getenv("ALSMEDS_TEST_PG");
  return dir != nullptr && *dir != '\0' ? dir : nullptr;
}
inline bool on_server() {
  return test_server() != nullptr;
}

/// A connection URI to database `name` of the test server as `user` (the cluster trusts local logins).
inline std::string server_uri(const std::string& name, const std::string& user = "postgres") {
  return "postgresql://" + user + "@/" + name + "?host=" + test_server();
}

/// Runs one statement as the server's superuser on database `name`; true when it succeeded.
inline bool server_exec(const std::string& name, const std::string& sql) {
  PGconn* c = PQconnectdb(server_uri(name).c_str());
  PGresult* r = PQexec(c, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  PQclear(r);
  PQfinish(c);
  return ok;
}

/// A new, empty database on the test server; returns its name.
inline std::string fresh_server_database() {
  std::random_device rd;
  const std::string name = "t" + std::to_string(rd()) + std::to_string(rd());
  if (!server_exec("postgres", "CREATE DATABASE " + name))
    throw std::runtime_error("cannot create a database on the test server in " + std::string(test_server()));
  return name;
}

/// What a test's database path stands for: the path itself (SQLite) or, on the server, a URI of a fresh
/// database made for this path the first time it is named (the same path later names the same database).
inline std::string location(const std::string& path) {
  if (!on_server()) return path;
  static std::map<std::string, std::string> made;
  auto it = made.find(path);
  if (it == made.end()) it = made.emplace(path, server_uri(fresh_server_database())).first;
  return it->second;
}

/// The account the audit trail names beside the actor: the operating system's (SQLite) or the login the
/// server authenticated (the tests log in as postgres).
inline std::string audited_account(const std::string& os_account) {
  return on_server() ? "postgres" : os_account;
}

/// Runs SQL on the database directly, behind the store's back (to prove what the schema itself refuses):
/// SQLITE_OK (0) when it succeeded.
inline int raw_exec(const std::string& path, const char* sql) {
  if (on_server()) {
    const std::string uri = location(path);
    const std::string name = uri.substr(uri.find("@/") + 2, uri.find('?') - uri.find("@/") - 2);
    return server_exec(name, sql) ? SQLITE_OK : SQLITE_ERROR;
  }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

inline std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Opens (creating) a store for a test; the test stops when it is refused.
inline std::unique_ptr<RecordStore> open_store(const std::string& path) {
  auto s = open_record_store(location(path));
  if (!s.ok()) throw std::runtime_error(s.error());
  return std::move(s).value();
}

inline Actor test_actor() {
  return {"tester", Instant{std::chrono::seconds{1'780'000'000}}};
}

inline LogEntry dose_entry(RecordId patient, Instant at, DoseStatus status = DoseStatus::taken) {
  LogEntry e;
  e.patient_id = patient;
  e.kind = LogKind::dose;
  e.drug = Drug::riluzole;
  e.status = status;
  e.at = at;
  return e;
}

}  // namespace alsmeds::test
