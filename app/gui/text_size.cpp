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

const ImWchar* name_glyph_ranges() {
  // The letters of the clinic's patients' names, not only Latin-1 (ImGui's default): Latin Extended (Polish,
  // Czech, Turkish, Vietnamese...), Greek and Cyrillic, and the punctuation the app writes (dashes, "...",
  // quotes, the minus and >=). DejaVu Sans draws them all; a letter the font lacks shows as '?'. Scripts that
  // need shaping or another font (Arabic, Indic, CJK) are not drawn (README).
  static const ImVector<ImWchar> ranges = [] {
    static const ImWchar extra[] = {0x0100, 0x024F, 0x0300, 0x036F, 0x0370, 0x03FF, 0x1E00, 0x1EFF, 0x2000,
                                    0x206F, 0x2190, 0x2199, 0x2212, 0x2212, 0x2264, 0x2265, 0};
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesCyrillic());
    builder.AddRanges(extra);
    ImVector<ImWchar> out;
    builder.BuildRanges(&out);
    return out;
  }();
  return ranges.Data;
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
  if (font.empty() ||
      !io.Fonts->AddFontFromFileTTF(font.c_str(), 17.0f * scale, nullptr, name_glyph_ranges())) {
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
