// Fuzz target: the text checks at the edges. The UTF-8 validator against a plain decoder written another way
// (code point values and their ranges, not lead-byte tables), the terminal escaper (nothing that can act on
// a terminal gets through) and the formula neutraliser.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "alsmeds/text.hpp"

namespace {

// Offset of the first sequence that does not decode to a Unicode scalar value in its shortest form, or NUL.
std::optional<std::size_t> reference_fault(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (b < 0x80) {
      n = 1, cp = b;
    } else if ((b & 0xE0) == 0xC0) {
      n = 2, cp = b & 0x1Fu;
    } else if ((b & 0xF0) == 0xE0) {
      n = 3, cp = b & 0x0Fu;
    } else if ((b & 0xF8) == 0xF0) {
      n = 4, cp = b & 0x07u;
    } else {
      return i;
    }
    if (s.size() - i < n) return i;
    for (std::size_t k = 1; k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (c & 0x3Fu);
    }
    const std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < smallest[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) return i;
    i += n;
  }
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alsmeds;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto fault = find_text_fault(text);
  if (fault != reference_fault(text)) std::abort();
  if (check_text(text).ok() != !fault) std::abort();

  // Escaped text is valid UTF-8 with no C0 control, DEL or C1 control left; valid text without a backslash
  // or a control comes back unchanged.
  const std::string shown = escape_for_terminal(text);
  if (find_text_fault(shown)) std::abort();
  bool controls = false;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const auto c = static_cast<unsigned char>(shown[i]);
    if (c < 0x20 || c == 0x7F) std::abort();
    if (c == 0xC2 && i + 1 < shown.size() && static_cast<unsigned char>(shown[i + 1]) < 0xA0) std::abort();
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F ||
        (c == 0xC2 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0x80))
      controls = true;
  }
  if (!fault && !controls && shown != text) std::abort();

  // A neutralised cell never begins like a formula, unless it is a plain negative number; it only ever gains
  // one leading quote.
  const std::string cell = neutralise_formula(text);
  if (cell != text && cell != "'" + std::string(text)) std::abort();
  if (!cell.empty() && std::string_view("=+@\t\r").find(cell[0]) != std::string_view::npos) std::abort();
  if (!cell.empty() && cell[0] == '-' && cell.find_first_not_of("-0123456789.") != std::string::npos)
    std::abort();

  // One byte-order mark, and only one, is dropped.
  const std::string with_bom = "\xEF\xBB\xBF" + std::string(text);
  if (without_bom(with_bom) != text) std::abort();
  return 0;
}
