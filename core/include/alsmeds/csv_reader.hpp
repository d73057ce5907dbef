#pragma once
// RFC 4180 CSV: quoted fields with "" escapes and embedded commas or line breaks; CRLF or LF line ends.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/result.hpp"

namespace alsmeds {

struct CsvRow {
  std::size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
  /// Index of a named column, or -1.
  int column(std::string_view name) const;
};

/// Errors name the line: an unterminated quote, text after a closing quote, a row with the wrong number of
/// fields, an empty file, a field that is not UTF-8 text (then the column too). Blank lines are skipped; one
/// leading byte-order mark is ignored.
Result<CsvTable> parse_csv(std::string_view text);

}  // namespace alsmeds
