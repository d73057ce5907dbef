#include "alsmeds/record_table.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "alsmeds/text.hpp"

namespace alsmeds {
namespace {

// RFC 4180 quoting of a cell already neutralised for spreadsheets.
std::string csv_field(const std::string& cell) {
  const std::string s = neutralise_formula(cell);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// Display width of UTF-8 text: counts code points, not bytes (no wide glyphs are used in our tables).
std::size_t display_width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

Result<OutputFormat> parse_output_format(std::string_view text) {
  if (text == "table") return OutputFormat::table;
  if (text == "csv") return OutputFormat::csv;
  if (text == "json") return OutputFormat::json;
  return fail(quote_short(text) + " is not an output format (table, csv or json)");
}

std::string render_csv(const RecordTable& table) {
  std::string out;
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    out += (i ? "," : "") + csv_field(table.columns[i].name);
  out += "\n";
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_field(row[i]);
    out += "\n";
  }
  return out;
}

std::string render_json(const RecordTable& table) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& row : table.rows) {
    nlohmann::ordered_json obj = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < table.columns.size() && i < row.size(); ++i) {
      const RecordColumn& col = table.columns[i];
      if (col.numeric && !row[i].empty() && row[i] != "NA")
        obj[col.name] = nlohmann::ordered_json::parse(row[i]);
      else
        obj[col.name] =
            col.numeric && row[i] == "NA" ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(row[i]);
    }
    rows.push_back(std::move(obj));
  }
  return rows.dump(2) + "\n";
}

std::string render_text(const RecordTable& table) {
  // What a terminal shows: stored text may hold escape sequences, which must not act on the terminal.
  std::vector<std::vector<std::string>> rows;
  rows.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    std::vector<std::string>& shown = rows.emplace_back();
    for (const auto& cell : row) shown.push_back(escape_for_terminal(cell));
  }
  std::vector<std::size_t> width;
  for (const auto& c : table.columns) width.push_back(display_width(escape_for_terminal(c.name)));
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], display_width(row[i]));

  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size() && i < width.size(); ++i) {
      const std::size_t pad = width[i] - display_width(cells[i]);
      const bool last = i + 1 == cells.size();
      if (table.columns[i].numeric)
        out += std::string(pad, ' ') + cells[i];
      else
        out += cells[i] + (last ? "" : std::string(pad, ' '));
      if (!last) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };

  std::string out;
  if (!table.title.empty()) out += escape_for_terminal(table.title) + "\n\n";
  std::vector<std::string> header;
  for (const auto& c : table.columns) header.push_back(escape_for_terminal(c.name));
  out += line(header);
  std::size_t heading = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    while (heading < table.headings.size() && table.headings[heading].before_row == r)
      out += "-- " + escape_for_terminal(table.headings[heading++].text) + "\n";
    out += line(rows[r]);
  }
  if (rows.empty()) out += "(nothing to show)\n";
  return out;
}

std::string render(const RecordTable& table, OutputFormat format) {
  switch (format) {
    case OutputFormat::csv:
      return render_csv(table);
    case OutputFormat::json:
      return render_json(table);
    case OutputFormat::table:
      break;
  }
  return render_text(table);
}

}  // namespace alsmeds
