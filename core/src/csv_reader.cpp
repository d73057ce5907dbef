#include "alsmeds/csv_reader.hpp"

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

Result<CsvTable> parse_csv(std::string_view text) {
  text = without_bom(text);
  // One pass over the whole file first: only a file with a fault needs each field checked to name it.
  const bool all_text = !find_text_fault(text);
  CsvTable table;
  std::vector<std::string> fields;
  std::string field;
  std::size_t line = 1, row_line = 1;
  bool in_quotes = false, after_quote = false, row_has_content = false;

  auto end_row = [&]() -> Result<bool> {
    fields.push_back(std::move(field));
    field.clear();
    const bool blank = fields.size() == 1 && fields[0].empty() && !row_has_content;
    if (!blank) {
      if (!table.header.empty() && fields.size() != table.header.size())
        return fail("line " + std::to_string(row_line) + ": " + std::to_string(fields.size()) +
                    " fields, the header has " + std::to_string(table.header.size()));
      if (!all_text)
        if (auto ok = check_fields(fields, table.header, row_line); !ok) return fail(ok.error());
      if (table.header.empty())
        table.header = std::move(fields);
      else
        table.rows.push_back({row_line, std::move(fields)});
    }
    fields.clear();
    row_has_content = false;
    after_quote = false;
    return true;
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
      row_has_content = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // the \n ends the row
    } else if (c == '\n') {
      auto ended = end_row();
      if (!ended) return fail(ended.error());
      ++line;
      row_line = line;
    } else if (c == '"') {
      if (!field.empty() || after_quote)
        return fail("line " + std::to_string(line) + ": a quote inside an unquoted field");
      in_quotes = true;
      row_has_content = true;
    } else {
      if (after_quote) return fail("line " + std::to_string(line) + ": text after a closing quote");
      // Copy the whole run of ordinary characters at once (most fields are one such run).
      std::size_t run = i + 1;
      while (run < text.size() && text[run] != ',' && text[run] != '\n' && text[run] != '\r' &&
             text[run] != '"')
        ++run;
      field.append(text.data() + i, run - i);
      i = run - 1;
      row_has_content = true;
    }
  }
  if (in_quotes) return fail("line " + std::to_string(row_line) + ": a quoted field is never closed");
  if (!field.empty() || !fields.empty() || row_has_content) {
    auto ended = end_row();
    if (!ended) return fail(ended.error());
  }
  if (table.header.empty()) return fail("the file is empty (no header row)");
  return table;
}

}  // namespace alsmeds
