#pragma once
// Pharmacy prep (nurses, pharmacists), beside the infusion board: the IV edaravone to prepare for the
// board's week, per day and product, with the bags each product needs (core pharmacy_prep, the rows of
// `alsmeds-cli pharmacy prep`), exportable as CSV and PDF. The list is the board's (BoardView::prep): the
// same infusions on the same days.
#include <string>

#include "alsmeds/pharmacy/pharmacy_prep.hpp"
#include "alsmeds/result.hpp"
#include "alsmeds/zone_clock.hpp"
#include "file_output.hpp"
#include "message.hpp"

namespace alsmeds::gui {

struct AppState;

enum class PrepExport { csv, pdf };

struct PrepView {
  std::string export_path;  // empty: a name in $HOME is offered for the week
  ReplaceGuard replace;     // asks before an export replaces a file
  int export_format = 0;    // PrepExport
  Message message;          // the last export, or why it was not written
  float table_content = 0;  // the list's height last frame (its rows and header), for the table's height

  void draw(AppState& s);
};

/// Writes the week's list (from..to) to `path` as CSV (`pharmacy prep --format csv`'s columns) or PDF (cairo,
/// the report's page header), through core's write_output_file (0600, whole or not at all, never over the
/// database, over an existing file only when `replace`). The path written, or why not.
Result<std::string> export_prep(const PrepList& list, Day from, Day to, PrepExport format,
                                const std::string& path, Instant now, const std::string& database_path,
                                bool replace = false);

}  // namespace alsmeds::gui
