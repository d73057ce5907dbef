#include "file_output.hpp"

#include <filesystem>
#include <fstream>

namespace alsmeds::gui {

Result<std::string> write_whole_file(const std::string& path, const std::string& bytes) {
  if (path.empty()) return fail("give a file name");
  const std::string tmp = path + ".part";
  std::error_code ec;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      std::filesystem::remove(tmp, ec);
      return fail(path + ": cannot write here");
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return fail(path + ": " + ec.message());
  }
  return path;
}

}  // namespace alsmeds::gui
