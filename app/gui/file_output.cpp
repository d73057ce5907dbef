#include "file_output.hpp"

#include <imgui.h>

#include <filesystem>

#include "alsmeds/output_file.hpp"
#include "ui_probe.hpp"
#include "ui_style.hpp"

namespace alsmeds::gui {

Result<std::string> write_whole_file(const std::string& path, const std::string& bytes,
                                     const std::string& database_path, bool replace) {
  std::error_code ec;
  if (auto target = check_output_target(path, database_path); !target) return fail(target.error());
  if (!replace && std::filesystem::exists(std::filesystem::symlink_status(path, ec)))
    return fail(path + " exists: not replaced (export again and choose Replace it, or give another name)");
  const WriteResult written = write_output_file(path, bytes, database_path);
  if (!written) return fail(written.message);
  return path;
}

std::string path_for_format(const std::string& path, const std::string& ext) {
  if (path.empty()) return path;
  const std::filesystem::path p(path);
  std::string old = p.extension().string();
  for (char& c : old) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* known : {".pdf", ".html", ".htm", ".csv", ".json"})
    if (old == known) return path.substr(0, path.size() - old.size()) + ext;
  return path + ext;
}

bool ReplaceGuard::may_write(const std::string& path, const std::string& database_path) {
  std::error_code ec;
  if (!check_output_target(path, database_path) ||
      !std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
    asked.clear();
    return true;
  }
  asked = path;
  return false;
}

bool ReplaceGuard::draw(const std::string& path, const std::string& probe) {
  if (asked.empty()) return false;
  if (asked != path) {  // the name or the format changed since: the question no longer stands
    asked.clear();
    return false;
  }
  const std::string question = asked + " exists. Replace it?";
  draw_message({question, false, true}, probe + ":question");
  bool replace = false;
  if (ImGui::Button("Replace it")) replace = true;
  probe_item(probe + ":replace");
  ImGui::SameLine();
  if (ImGui::Button("Cancel##keep")) asked.clear();
  probe_item(probe + ":keep");
  if (replace) asked.clear();
  return replace;
}

}  // namespace alsmeds::gui
