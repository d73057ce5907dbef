#pragma once
// Writing a file with patient data from the app: core's write_output_file (private 0600, a temporary file
// created exclusively beside it, synced, then renamed), so a report or an export is either complete or
// absent, and never written over the open database.
#include <string>

#include "alsmeds/result.hpp"

namespace alsmeds::gui {

/// The path written, or why not (nothing is left behind on failure). `database_path` is the database open in
/// the app: it, its -wal/-shm/-journal and links to them are refused.
Result<std::string> write_whole_file(const std::string& path, const std::string& bytes,
                                     const std::string& database_path);

}  // namespace alsmeds::gui
