#pragma once
// A fresh folder per test under /tmp, removed afterwards.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "alsmeds/record_store.hpp"

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

/// Runs SQL on the file directly, behind the store's back (to prove what the schema itself refuses).
inline int raw_exec(const std::string& path, const char* sql) {
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
  auto s = open_record_store(path);
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
