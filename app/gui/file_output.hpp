#pragma once
// Writing a whole file the safe way: a temporary file beside it, then a rename, so a report or an export is
// either complete or absent, never half-written.
#include <string>

#include "alsmeds/result.hpp"

namespace alsmeds::gui {

/// The path written, or why not (nothing is left behind on failure).
Result<std::string> write_whole_file(const std::string& path, const std::string& bytes);

}  // namespace alsmeds::gui
