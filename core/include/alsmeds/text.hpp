#pragma once
// Text at the program's edges: what comes in must be UTF-8 a person could have typed; what goes out to a
// terminal or a spreadsheet must not be able to act there (escape sequences, formulas). Stored text stays
// exact.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "alsmeds/result.hpp"

namespace alsmeds {

/// The byte offset (from 0) of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629:
/// no overlong forms, no surrogates U+D800-U+DFFF, nothing above U+10FFFF, no cut-off sequence), or of the
/// first NUL byte; nullopt when all of `text` is fine.
std::optional<std::size_t> find_text_fault(std::string_view text);

/// ok, or what find_text_fault found, counting bytes from 1: "invalid UTF-8 at byte 5 (0xff)",
/// "a NUL character at byte 3".
Result<bool> check_text(std::string_view text);

struct NamedText {
  std::string_view name;  // "name", "reason", "recorded by"
  std::string_view text;
};
/// ok, or the first field that check_text refuses, named: "name: invalid UTF-8 at byte 5 (0xff)".
Result<bool> check_text_fields(std::initializer_list<NamedText> fields);

/// `text` without one leading UTF-8 byte-order mark (EF BB BF), which spreadsheet programs write.
std::string_view without_bom(std::string_view text);

/// Text for a terminal: C0 controls, DEL and C1 controls (U+0080-U+009F) as escapes (`\e`, `\r`, `\n`,
/// `\t`, `\x07`, `\x7f`, `\u009b`) and bytes that are not UTF-8 as `\xff`; everything else as it is.
std::string escape_for_terminal(std::string_view text);

/// "60" or "10.5": a quantity with three decimals at most, without trailing zeros.
std::string format_quantity(double value);

/// A CSV cell a spreadsheet will not run (OWASP, CSV injection): a cell that begins with `=`, `+`, `-`, `@`,
/// tab or carriage return gets a leading `'`, except a plain decimal number (`-12`, `-0.5`), left as it is.
std::string neutralise_formula(std::string_view cell);

/// `text` in single quotes for a message, cut after `max_chars` characters with "..." so that a message never
/// repeats a huge value whole. Bytes are kept as they are (the terminal escaper shows controls).
std::string quote_short(std::string_view text, std::size_t max_chars = 40);

}  // namespace alsmeds
