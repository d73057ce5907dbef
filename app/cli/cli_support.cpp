#include "cli_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace alsmeds::cli {

OutputFormat choose_format(const std::optional<std::string>& requested) {
  if (requested) return require(parse_output_format(*requested), "--format");
  return isatty(STDOUT_FILENO) ? OutputFormat::table : OutputFormat::csv;
}

void print_warning(const std::string& line) {
  std::cerr << "warning: " << line << '\n';
}

void print_table(const RecordTable& table, OutputFormat format) {
  std::cout << render(table, format);
  std::cout.flush();
}

}  // namespace alsmeds::cli
