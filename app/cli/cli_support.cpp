#include "cli_support.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>

#include "alsmeds/output_file.hpp"

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

void print_warning(const std::string& line) {
  std::cerr << "warning: " << line << '\n';
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
