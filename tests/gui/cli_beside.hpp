#pragma once
// alsmeds-cli run beside the app on the app's own file, and what its history says about each patient.
#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "../cli/run_cli.hpp"

namespace alsmeds::test {

inline CliRun cli_on(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", db, "--by", "cli.user"});
  return run_cli(args);
}

/// Runs a recording command and returns the id it printed.
inline std::string cli_id(const std::string& db, std::vector<std::string> args) {
  const CliRun r = cli_on(db, std::move(args));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(std::regex_match(r.out, std::regex("[0-9]+\n")));
  return r.out.substr(0, r.out.size() - 1);
}

/// `history --patient P --format csv` seen from another process: each record's id and who recorded it.
inline std::map<std::string, std::string> cli_history(const std::string& db, const std::string& patient) {
  const CliRun r = cli_on(db, {"history", "--patient", patient, "--format", "csv"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> by_id;
  const auto lines = r.out_lines();
  for (std::size_t i = 1; i < lines.size(); ++i) {  // line 0: the header
    const std::string& l = lines[i];
    by_id[l.substr(0, l.find(','))] = l.substr(l.rfind(',') + 1);  // first column id, last recorded_by
  }
  return by_id;
}

}  // namespace alsmeds::test
