#include "file_output.hpp"

#include "alsmeds/output_file.hpp"

namespace alsmeds::gui {

Result<std::string> write_whole_file(const std::string& path, const std::string& bytes,
                                     const std::string& database_path) {
  const WriteResult written = write_output_file(path, bytes, database_path);
  if (!written) return fail(written.message);
  return path;
}

}  // namespace alsmeds::gui
