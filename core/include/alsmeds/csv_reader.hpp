#pragma once
// RFC 4180 CSV: quoted fields with "" escapes and embedded commas or line breaks; CRLF or LF line ends.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
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

/// parse_csv a piece at a time (a large file in bounded memory), with the same rows and the same errors:
/// feed it the text in pieces that each end where a line ends ('\n') or where the text ends; the first row
/// goes to `table.header` (when empty), the others to `table.rows`.
class CsvParser {
 public:
  Result<bool> feed(std::string_view piece, CsvTable& table);
  /// After the last piece: a quoted field never closed, a last row without a line end, an empty file.
  Result<bool> finish(CsvTable& table);

 private:
  Result<bool> end_row(CsvTable& table, bool all_text);
  std::vector<std::string> fields_;
  std::string field_;
  std::size_t line_ = 1, row_line_ = 1;
  bool in_quotes_ = false, after_quote_ = false, row_has_content_ = false, started_ = false;
  bool row_fault_ = false;  // the row being read came in a piece with a fault: its fields are checked
};

/// A CSV file read a batch of rows at a time: each batch holds the header and the rows of about `block`
/// bytes of the file (more when one row is longer), so a file of any size is read in bounded memory.
class CsvFileReader {
 public:
  /// Fails with "cannot read 'PATH'" when the file cannot be opened.
  static Result<std::unique_ptr<CsvFileReader>> open(const std::string& path, std::size_t block = 1 << 20);
  ~CsvFileReader();
  CsvFileReader(const CsvFileReader&) = delete;
  CsvFileReader& operator=(const CsvFileReader&) = delete;
  /// The next batch into `batch` (its rows replaced, the header filled): false once the file is read to its
  /// end (the batch then holds only the header; an empty file is an error).
  Result<bool> next(CsvTable& batch);
  std::uintmax_t bytes_read() const { return read_; }
  std::uintmax_t size() const { return size_; }

 private:
  CsvFileReader(std::FILE* file, std::size_t block, std::uintmax_t size);
  std::FILE* file_;
  std::size_t block_;
  std::uintmax_t size_ = 0, read_ = 0;
  std::string carry_;  // read but not yet parsed: after the last line end
  CsvParser parser_;
  std::vector<std::string> header_;
  bool done_ = false;
};

}  // namespace alsmeds
