#pragma once
// A throw-away database for end-to-end CLI tests, and the id a recording command prints.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
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

inline std::string id_of(const alsmeds::test::CliRun& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(std::regex_match(r.out, std::regex("[0-9]+\n")));
  return r.out.substr(0, r.out.size() - 1);
}

}  // namespace alsmeds::test
