#pragma once
// What every alsmeds-cli command shares: the exit codes of docs/cli.md, the one-line error, output formats.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "alsmeds/record_table.hpp"
#include "alsmeds/result.hpp"
#include "alsmeds/rules/clinic_actions.hpp"

namespace CLI {
class App;
}

namespace alsmeds::cli {

inline constexpr int kExitDone = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;
/// The words core names a module of the program that could not be loaded with (program_modules.cpp): an
/// installation fault, exit 1.
inline constexpr const char* kNotInstalled = " is not installed (looked for ";

/// Bad input or a refused action: main() prints "error: <what>" and exits 2.
class BadInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A failure that is not the person's input (a full disk, an I/O error): main() prints "error: <what>" and
/// exits 1, without calling it an internal failure.
class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The value of a Result, or BadInput naming the option: "--start: '2026-02-30' is not a valid date".
template <class T>
T require(Result<T> result, std::string_view option) {
  if (!result) throw BadInput(std::string(option) + ": " + result.error());
  return std::move(result).value();
}

/// A whole number from an option's text, decimal digits only (rules::parse_count), from `min` to `max`;
/// BadInput naming the option otherwise: "--cycles: '0x1A' is not a whole number (digits only, 1 to 500)".
long long count_option(const std::string& text, const std::string& option, long long min, long long max);

/// A day typed in an option (YYYY-MM-DD) within the product's era (rules::check_era_day); BadInput naming the
/// option otherwise: what `due --on`, `history`, `report` and `export` look at.
Day era_day_option(const std::string& text, const std::string& option);

/// --format as given, else `table` on a terminal and `csv` when the output goes to a pipe or file.
OutputFormat choose_format(const std::optional<std::string>& requested);

/// Writes `text` to `path` with write_output_file (private, whole or not at all; the database at
/// `database_path` and its files refused): BadInput naming --out for a target the person can change, Failure
/// when the machine fails (a full disk).
void write_file(const std::string& path, const std::string& text, const std::string& database_path);

/// Every option value given to `app` and its chosen commands is UTF-8 text without NUL, except file paths
/// (--db, --out, FILE: Linux allows any bytes there); BadInput naming the option otherwise:
/// "--name: invalid UTF-8 at byte 1 (0xff)".
void check_option_text(const CLI::App& app);

// "error: ..." and "warning: ..." on stderr, with control characters escaped: messages quote what was typed.
void print_error(const std::string& line);
void print_warning(const std::string& line);

/// Prints a write's new id (only ever after the durable commit), then its warnings on stderr; BadInput with
/// the rule's message when it was refused.
int show(const Result<ActionOutcome>& outcome);
void print_table(const RecordTable& table, OutputFormat format);

}  // namespace alsmeds::cli
