#include "text_size.hpp"

#include <fontconfig/fontconfig.h>
#include <imgui.h>

namespace alsmeds::gui {

std::string system_font() {
  static const std::string found = [] {
    std::string file;
    if (!FcInit()) return file;
    for (const char* name : {"DejaVu Sans:style=Book", "Noto Sans:style=Regular", "sans-serif"}) {
      FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(name));
      FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
      FcDefaultSubstitute(pattern);
      FcResult result;
      FcPattern* match = FcFontMatch(nullptr, pattern, &result);
      FcChar8* path = nullptr;
      if (match && FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch && path) {
        file = reinterpret_cast<const char*>(path);
        const bool scalable = file.size() > 4 && (file.ends_with(".ttf") || file.ends_with(".otf"));
        if (!scalable) file.clear();
      }
      if (match) FcPatternDestroy(match);
      FcPatternDestroy(pattern);
      if (!file.empty()) break;
    }
    return file;
  }();
  return found;
}

void apply_text_size(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();  // ScaleAllSizes multiplies: start again from the unscaled sizes
  ImGui::StyleColorsDark(&style);
  // Pop-ups and drop-down lists are opaque: what lies under them never shows through their text.
  style.Colors[ImGuiCol_PopupBg].w = 1.0f;
  style.ScaleAllSizes(scale);
  io.Fonts->Clear();
  const std::string font = system_font();
  if (font.empty() || !io.Fonts->AddFontFromFileTTF(font.c_str(), 17.0f * scale)) {
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    io.Fonts->AddFontDefault(&config);
  }
  io.Fonts->Build();
}

bool follow_text_size(float scale, float& applied) {
  if (scale == applied) return false;
  apply_text_size(scale);
  applied = scale;
  return true;
}

}  // namespace alsmeds::gui
