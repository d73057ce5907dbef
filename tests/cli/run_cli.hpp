#pragma once
// Runs the real alsmeds-cli binary and captures what a script would see.
#include <functional>
#include <string>
#include <vector>

namespace alsmeds::test {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::vector<std::string> out_lines() const;
  std::vector<std::string> err_lines() const;
};

/// `args` are passed to the program one by one (no shell), stdout and stderr are pipes (not a terminal).
/// `in_child` runs in the child between fork and exec (set a umask or a limit, plant a file named after the
/// child's pid); the program inherits what it sets.
CliRun run_cli(const std::vector<std::string>& args, const std::function<void()>& in_child = {});

std::vector<std::string> split_csv_line(const std::string& line);  // simple: the plan outputs have no quotes

}  // namespace alsmeds::test
