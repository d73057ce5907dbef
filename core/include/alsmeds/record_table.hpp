#pragma once
// Rows of records with named columns, rendered as an aligned text table, RFC 4180 CSV or JSON.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/result.hpp"

namespace alsmeds {

enum class OutputFormat { table, csv, json };
Result<OutputFormat> parse_output_format(std::string_view text);

struct RecordColumn {
  std::string name;
  bool numeric = false;  // JSON writes it as a number; the text table right-aligns it
};

struct SectionHeading {
  std::size_t before_row = 0;  // shown in the text table only, above this row
  std::string text;
};

struct RecordTable {
  std::vector<RecordColumn> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<SectionHeading> headings;
  std::string title;  // text table only
};

/// For people's spreadsheets: a cell that begins like a formula gets a leading ' (neutralise_formula,
/// text.hpp).
std::string render_csv(const RecordTable& table);
std::string render_json(const RecordTable& table);  // an array of objects, one per row; text exact
/// For a terminal: control characters shown as escapes (escape_for_terminal, text.hpp).
std::string render_text(const RecordTable& table);
std::string render(const RecordTable& table, OutputFormat format);

}  // namespace alsmeds
