#include "alsmeds/text.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace alsmeds {
namespace {

unsigned char byte_at(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}

// Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629, table 3-7 of Unicode), 0 if none.
std::size_t sequence_length(std::string_view s, std::size_t i) {
  const unsigned char c = byte_at(s, i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c == 0xE0) {
    n = 3, low = 0xA0;  // below: overlong
  } else if (c == 0xED) {
    n = 3, high = 0x9F;  // above: surrogates
  } else if (c >= 0xE1 && c <= 0xEF) {
    n = 3;
  } else if (c == 0xF0) {
    n = 4, low = 0x90;  // below: overlong
  } else if (c >= 0xF1 && c <= 0xF3) {
    n = 4;
  } else if (c == 0xF4) {
    n = 4, high = 0x8F;  // above: beyond U+10FFFF
  } else {
    return 0;  // 80-C1 (continuation or overlong lead), F5-FF
  }
  if (s.size() - i < n) return 0;
  if (byte_at(s, i + 1) < low || byte_at(s, i + 1) > high) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if ((byte_at(s, i + k) & 0xC0) != 0x80) return 0;
  return n;
}

// Eight bytes, all ASCII and none NUL (the common case, checked a word at a time).
bool plain_ascii_word(std::string_view s, std::size_t i) {
  std::uint64_t w = 0;
  std::memcpy(&w, s.data() + i, sizeof w);
  constexpr std::uint64_t kHigh = 0x8080808080808080u, kOnes = 0x0101010101010101u;
  return (w & kHigh) == 0 && ((w - kOnes) & ~w & kHigh) == 0;
}

std::string hex_escape(const char* prefix, unsigned value) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%02x", prefix, value);
  return buf;
}

bool plain_number(std::string_view s) {
  std::size_t i = s.empty() || s[0] != '-' ? 0 : 1;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > from;
  };
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

}  // namespace

std::optional<std::size_t> find_text_fault(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.size() - i >= 8 && plain_ascii_word(text, i)) {
      i += 8;
      continue;
    }
    const unsigned char c = byte_at(text, i);
    if (c == 0) return i;
    const std::size_t n = c < 0x80 ? 1 : sequence_length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::nullopt;
}

Result<bool> check_text(std::string_view text) {
  const auto at = find_text_fault(text);
  if (!at) return true;
  const std::string where = " at byte " + std::to_string(*at + 1);
  if (text[*at] == '\0') return fail("a NUL character" + where);
  return fail("invalid UTF-8" + where + " (" + hex_escape("0x", byte_at(text, *at)) + ")");
}

Result<bool> check_text_fields(std::initializer_list<NamedText> fields) {
  for (const NamedText& f : fields)
    if (find_text_fault(f.text)) return fail(std::string(f.name) + ": " + check_text(f.text).error());
  return true;
}

std::string_view without_bom(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  return text.substr(0, kBom.size()) == kBom ? text.substr(kBom.size()) : text;
}

std::string escape_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = byte_at(text, i);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const std::size_t n = c < 0x80 ? 1 : sequence_length(text, i);
    if (c == 0x1B) {
      out += "\\e";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (n <= 1) {
      out += hex_escape("\\x", c);  // a C0 control, DEL, or a byte that is not UTF-8
    } else if (c == 0xC2 && byte_at(text, i + 1) < 0xA0) {
      out += hex_escape("\\u00", byte_at(text, i + 1));  // a C1 control (CSI, OSC, ...)
    } else {
      out.append(text.substr(i, n));
    }
    i += n == 0 ? 1 : n;
  }
  return out;
}

std::string format_quantity(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string neutralise_formula(std::string_view cell) {
  if (cell.empty() || std::string_view("=+-@\t\r").find(cell[0]) == std::string_view::npos ||
      plain_number(cell))
    return std::string(cell);
  return "'" + std::string(cell);
}

std::string quote_short(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0, end = 0;
  for (; end < text.size(); ++end)
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80 && ++chars > max_chars) break;
  return "'" + std::string(text.substr(0, end)) + (end < text.size() ? "...'" : "'");
}

}  // namespace alsmeds
