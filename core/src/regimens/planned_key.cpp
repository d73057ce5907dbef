#include "alsmeds/regimens/planned_key.hpp"

#include <limits>

namespace alsmeds {

bool read_key_number(std::string_view& text, char stop, long long& out) {
  std::size_t i = 0;
  long long value = 0;
  for (; i < text.size() && text[i] != stop; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9' || i >= 18) return false;
    value = value * 10 + (c - '0');
  }
  if (i == 0) return false;
  out = value;
  text = i == text.size() ? std::string_view{} : text.substr(i + 1);
  return true;
}

bool read_key_int(std::string_view& text, char stop, int& out) {
  long long value = 0;
  if (!read_key_number(text, stop, value) || value > std::numeric_limits<int>::max()) return false;
  out = static_cast<int>(value);
  return true;
}

bool consume_key(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

}  // namespace alsmeds
