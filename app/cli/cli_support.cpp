#include "cli_support.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <set>

#include "alsmeds/output_file.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds::cli {

double parse_number(const std::string& text, const std::string& option, std::optional<double> minimum,
                    bool strict) {
  double v = 0;
  try {
    std::size_t used = 0;
    v = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(v)) throw std::invalid_argument(text);
  } catch (const std::logic_error&) {
    throw BadInput(option + ": '" + text + "' is not a number");
  }
  if (minimum && (v < *minimum || (strict && v == *minimum))) {
    char bound[32];
    std::snprintf(bound, sizeof bound, "%g", *minimum);
    throw BadInput(option + ": '" + text + "' must be " + (strict ? "above " : "") + bound +
                   (strict ? "" : " or more"));
  }
  return v;
}

OutputFormat choose_format(const std::optional<std::string>& requested) {
  if (requested) return require(parse_output_format(*requested), "--format");
  return isatty(STDOUT_FILENO) ? OutputFormat::table : OutputFormat::csv;
}

void check_option_text(const CLI::App& app) {
  static const std::set<std::string> paths{"--db", "--out", "FILE"};
  for (const CLI::Option* option : app.get_options()) {
    const std::string name = option->get_name();
    if (paths.count(name) != 0) continue;
    for (const std::string& value : option->results())
      if (auto ok = check_text(value); !ok) throw BadInput(name + ": " + ok.error());
  }
  for (const CLI::App* command : app.get_subcommands()) check_option_text(*command);
}

void print_error(const std::string& line) {
  std::cerr << "error: " << escape_for_terminal(line) << '\n';
}

void print_warning(const std::string& line) {
  std::cerr << "warning: " << escape_for_terminal(line) << '\n';
}

int show(const Result<ActionOutcome>& outcome) {
  if (!outcome) throw BadInput(outcome.error());
  std::cout << outcome->id << '\n';
  std::cout.flush();
  for (const std::string& w : outcome->warnings) print_warning(w);
  return kExitDone;
}

void print_table(const RecordTable& table, OutputFormat format) {
  std::cout << render(table, format);
  std::cout.flush();
}

}  // namespace alsmeds::cli

namespace alsmeds::cli {

void write_file(const std::string& path, const std::string& text, const std::string& database_path) {
  const WriteResult written = write_output_file(path, text, database_path);
  if (written.failure == WriteFailure::bad_target) throw BadInput("--out: " + written.message);
  if (!written) throw Failure(written.message);
}

}  // namespace alsmeds::cli
