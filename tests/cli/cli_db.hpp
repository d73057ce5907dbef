#pragma once
// A throw-away database for end-to-end CLI tests, and the id a recording command prints.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "run_cli.hpp"

namespace alsmeds::test {

struct TempDb {
  std::filesystem::path dir;
  std::string path;
  TempDb() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() /
          ("alsmeds-cli-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    path = (dir / "clinic.db").string();
  }
  ~TempDb() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  alsmeds::test::CliRun run(std::vector<std::string> args, const std::function<void()>& in_child = {}) const {
    args.insert(args.begin(), {"--db", path, "--by", "nurse.kim"});
    return run_cli(args, in_child);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const auto p = (dir / name).string();
    std::ofstream(p) << text;
    return p;
  }
};

/// A file's bytes. Read only while no connection to it is open in this process (closing this descriptor would
/// drop SQLite's locks: see core/src/storage/sqlite_open.cpp).
inline std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

inline std::string id_of(const alsmeds::test::CliRun& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(std::regex_match(r.out, std::regex("[0-9]+\n")));
  return r.out.substr(0, r.out.size() - 1);
}

/// Bad input as docs/cli.md says: exit 2, one `error:` line on stderr naming `says`, nothing on stdout.
inline void expect_refused(const CliRun& r, const std::string& says) {
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("error: ", 0) == 0);
  CHECK(r.err_lines().size() == 1);
  CHECK(r.err.find(says) != std::string::npos);
  CHECK(r.out.empty());
}

}  // namespace alsmeds::test
