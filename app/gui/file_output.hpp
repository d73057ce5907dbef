#pragma once
// Writing a file with patient data from the app: core's write_output_file (private 0600, a temporary file
// created exclusively beside it, synced, then renamed), so a report or an export is either complete or
// absent, and never written over the open database, nor over an existing file without the person's word.
#include <string>

#include "alsmeds/result.hpp"

namespace alsmeds::gui {

/// The path written, or why not (nothing is left behind on failure). `database_path` is the database open in
/// the app: it, its -wal/-shm/-journal and links to them are refused. An existing file is refused unless
/// `replace` (the person confirmed it: ReplaceGuard).
Result<std::string> write_whole_file(const std::string& path, const std::string& bytes,
                                     const std::string& database_path, bool replace = false);

/// `path` with the extension of the chosen format (`ext`, ".pdf"): a report extension (.pdf, .html, .htm,
/// .csv, .json) replaced, else `ext` added. An empty path stays empty.
std::string path_for_format(const std::string& path, const std::string& ext);

/// An export's question before it replaces a file: Export asks (may_write false while a file is there), the
/// person answers beside the button (Replace it / Cancel). A changed path or format drops the question.
struct ReplaceGuard {
  std::string asked;  // the path asked about; empty: no question open
  /// On Export with `path`: true when nothing is there, or the target is refused anyway (the open database
  /// `database_path`: the write says why); else the question opens.
  bool may_write(const std::string& path, const std::string& database_path);
  /// Draws the open question (probes `<probe>:replace`, `<probe>:keep`): true when the person chose to
  /// replace `path` (write with replace); a question about another path is dropped.
  bool draw(const std::string& path, const std::string& probe);
};

}  // namespace alsmeds::gui
