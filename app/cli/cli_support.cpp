#include "cli_support.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <set>

#include "alsmeds/output_file.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds::cli {

long long count_option(const std::string& text, const std::string& option, long long min, long long max) {
  return require(rules::parse_count(text, min, max), option);
}

Day era_day_option(const std::string& text, const std::string& option) {
  return require(rules::check_era_day(require(parse_day(text), option), "day"), option);
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

namespace {

// Messages quote what was typed, shortened by the rules; a message from elsewhere (CLI11's own) may repeat a
// huge value whole: one line of at most this many bytes goes to the terminal.
constexpr std::size_t kMaxMessageBytes = 1000;

std::string bounded(const std::string& line) {
  if (line.size() <= kMaxMessageBytes) return escape_for_terminal(line);
  std::size_t cut = kMaxMessageBytes;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // a whole character
  return escape_for_terminal(line.substr(0, cut)) + "... (" + std::to_string(line.size()) + " bytes)";
}

}  // namespace

void print_error(const std::string& line) {
  std::cerr << "error: " << bounded(line) << '\n';
}

void print_warning(const std::string& line) {
  std::cerr << "warning: " << bounded(line) << '\n';
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
