#include "alsmeds/csv_reader.hpp"

#include <filesystem>

#include "alsmeds/text.hpp"

namespace alsmeds {

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

namespace {

// Every field must be UTF-8 text: "line 2, column name: invalid UTF-8 at byte 5 (0xff)". A header field is
// named by its position, a row's by its header.
Result<bool> check_fields(const std::vector<std::string>& fields, const std::vector<std::string>& header,
                          std::size_t line) {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (auto ok = check_text(fields[i]); !ok)
      return fail("line " + std::to_string(line) + ", column " +
                  (i < header.size() ? header[i] : std::to_string(i + 1)) + ": " + ok.error());
  return true;
}

}  // namespace

Result<bool> CsvParser::end_row(CsvTable& table, bool all_text) {
  fields_.push_back(std::move(field_));
  field_.clear();
  const bool blank = fields_.size() == 1 && fields_[0].empty() && !row_has_content_;
  if (!blank) {
    if (!table.header.empty() && fields_.size() != table.header.size())
      return fail("line " + std::to_string(row_line_) + ": " + std::to_string(fields_.size()) +
                  " fields, the header has " + std::to_string(table.header.size()));
    if (!all_text)
      if (auto ok = check_fields(fields_, table.header, row_line_); !ok) return fail(ok.error());
    if (table.header.empty())
      table.header = std::move(fields_);
    else
      table.rows.push_back({row_line_, std::move(fields_)});
  }
  fields_.clear();
  row_has_content_ = false;
  after_quote_ = false;
  return true;
}

Result<bool> CsvParser::feed(std::string_view text, CsvTable& table) {
  if (!started_) text = without_bom(text);
  started_ = true;
  // One pass over the piece first: only the rows of a piece with a fault need each field checked to name it
  // (a piece ends at a line end, never inside a character; a row may start in an earlier piece).
  const bool piece_fault = find_text_fault(text).has_value();
  row_fault_ = row_fault_ || piece_fault;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes_) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field_ += '"';
          ++i;
        } else {
          in_quotes_ = false;
          after_quote_ = true;
        }
      } else {
        if (c == '\n') ++line_;
        field_ += c;
      }
      continue;
    }
    if (c == ',') {
      fields_.push_back(std::move(field_));
      field_.clear();
      after_quote_ = false;
      row_has_content_ = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // the \n ends the row
    } else if (c == '\n') {
      auto ended = end_row(table, !row_fault_);
      if (!ended) return fail(ended.error());
      row_fault_ = piece_fault;
      ++line_;
      row_line_ = line_;
    } else if (c == '"') {
      if (!field_.empty() || after_quote_)
        return fail("line " + std::to_string(line_) + ": a quote inside an unquoted field");
      in_quotes_ = true;
      row_has_content_ = true;
    } else {
      if (after_quote_) return fail("line " + std::to_string(line_) + ": text after a closing quote");
      // Copy the whole run of ordinary characters at once (most fields are one such run).
      std::size_t run = i + 1;
      while (run < text.size() && text[run] != ',' && text[run] != '\n' && text[run] != '\r' &&
             text[run] != '"')
        ++run;
      field_.append(text.data() + i, run - i);
      i = run - 1;
      row_has_content_ = true;
    }
  }
  return true;
}

Result<bool> CsvParser::finish(CsvTable& table) {
  if (in_quotes_) return fail("line " + std::to_string(row_line_) + ": a quoted field is never closed");
  if (!field_.empty() || !fields_.empty() || row_has_content_) {
    auto ended = end_row(table, !row_fault_);
    if (!ended) return fail(ended.error());
  }
  if (table.header.empty()) return fail("the file is empty (no header row)");
  return true;
}

Result<CsvTable> parse_csv(std::string_view text) {
  CsvParser parser;
  CsvTable table;
  if (auto ok = parser.feed(text, table); !ok) return fail(ok.error());
  if (auto ok = parser.finish(table); !ok) return fail(ok.error());
  return table;
}

CsvFileReader::CsvFileReader(std::FILE* file, std::size_t block, std::uintmax_t size)
    : file_(file), block_(block), size_(size) {}

CsvFileReader::~CsvFileReader() {
  std::fclose(file_);
}

Result<std::unique_ptr<CsvFileReader>> CsvFileReader::open(const std::string& path, std::size_t block) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return fail("cannot read " + quote_short(path, 200));
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  return std::unique_ptr<CsvFileReader>(new CsvFileReader(f, block < 1 ? 1 : block, ec ? 0 : size));
}

Result<bool> CsvFileReader::next(CsvTable& batch) {
  batch.rows.clear();
  batch.header = header_;
  if (done_) return false;
  // Read until the text holds a line end (a row may be longer than a block), then parse up to the last one.
  std::size_t end = std::string::npos;
  bool at_eof = false;
  while (true) {
    const std::size_t old = carry_.size();
    carry_.resize(old + block_);
    const std::size_t got = std::fread(carry_.data() + old, 1, block_, file_);
    carry_.resize(old + got);
    read_ += got;
    if (got < block_) {
      if (std::ferror(file_)) return fail("cannot read the file to its end");
      at_eof = true;
    }
    end = carry_.rfind('\n');
    if (at_eof || end != std::string::npos) break;
  }
  const std::size_t piece = at_eof ? carry_.size() : end + 1;
  if (auto ok = parser_.feed(std::string_view(carry_).substr(0, piece), batch); !ok) return fail(ok.error());
  carry_.erase(0, piece);
  if (at_eof) {
    if (auto ok = parser_.finish(batch); !ok) return fail(ok.error());
    done_ = true;
  }
  header_ = batch.header;
  return !batch.rows.empty() || !done_;
}

}  // namespace alsmeds
