#include "alsmeds/records/rulebook.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <vector>

#include "alsmeds/text.hpp"

namespace alsmeds::rules {

std::string quote(std::string_view text) {
  constexpr std::size_t kShown = 40;
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++chars > kShown) {
      out += "...";
      break;
    }
    out += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
  }
  return "'" + out + "'";
}

Result<double> parse_decimal(std::string_view text) {
  bool digits = false, point = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return fail(quote(text) + " is not a decimal number (digits and one '.', like 72.5)");
    }
  }
  if (!digits || text.size() > 32)
    return fail(quote(text) + " is not a decimal number (digits and one '.', like 72.5)");
  // At most 9 digits before the point and 6 after: a longer number would be rounded into a bound it is
  // outside of (19.99999999999999999999 kg read as 20 kg).
  const std::size_t dot = text.find('.');
  const std::size_t whole = dot == std::string_view::npos ? text.size() : dot;
  const std::size_t decimals = dot == std::string_view::npos ? 0 : text.size() - dot - 1;
  if (whole > 9 || decimals > 6)
    return fail(quote(text) + " has too many digits (at most 9 before the point and 6 after)");
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return fail(quote(text) + " is not a decimal number");
  return value;
}

Result<long long> parse_count(std::string_view text, long long min, long long max) {
  const std::string range = std::to_string(min) + " to " + std::to_string(max);
  const bool digits =
      !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits) return fail(quote(text) + " is not a whole number (digits only, " + range + ")");
  long long value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  if (value < min || value > max) return fail(quote(text) + " is not " + range);
  return value;
}

Result<double> check_bound(double value, const Bound& b, std::string_view what) {
  const bool low = b.min_exclusive ? !(value > b.min) : !(value >= b.min);
  if (low || !(value <= b.max) || !std::isfinite(value)) {
    const std::string range =
        b.min_exclusive ? "above " + format_quantity(b.min) + " and at most " + format_quantity(b.max)
                        : format_quantity(b.min) + " to " + format_quantity(b.max);
    char huge[32];
    std::snprintf(huge, sizeof huge, "%g", value);
    const std::string shown = std::isfinite(value) && std::fabs(value) < 1e12 ? format_quantity(value) : huge;
    return fail(std::string(what) + " " + shown + " " + b.unit + " is not " + range + " " + b.unit + " (" +
                b.source + ")");
  }
  return value;
}

Result<double> check_weight(double kg) {
  return check_bound(kg, kWeightKg, "weight");
}

const LabTest* find_lab_test(std::string_view code) {
  for (const LabTest& t : kLabTests) {
    const std::string_view c = t.code;
    if (c.size() == code.size() && std::equal(c.begin(), c.end(), code.begin(), [](char x, char y) {
          return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
        }))
      return &t;
  }
  return nullptr;
}

std::string lab_test_words() {
  std::string out;
  const std::size_t n = std::size(kLabTests);
  for (std::size_t i = 0; i < n; ++i)
    out += std::string(i == 0 ? "" : i + 1 == n ? " or " : ", ") + kLabTests[i].code;
  return out;
}

Result<const LabTest*> check_lab(std::string_view test, double value, double uln) {
  const LabTest* t = find_lab_test(test);
  if (!t) return fail("test " + quote(test) + " is not " + lab_test_words());
  auto v = check_bound(value, t->value, std::string(t->code) + " result");
  if (!v) return fail(v.error());
  if (t->transaminase && uln == 0)
    return fail(std::string(t->code) +
                " needs the laboratory's upper limit of normal (--uln): the liver rules read the result as a "
                "multiple of it");
  if (t->transaminase || uln != 0) {
    auto u = check_bound(uln, t->uln, "upper limit of normal (the lab's ULN)");
    if (!u) return fail(u.error());
  }
  return t;
}

Result<int> check_grade(int grade) {
  if (grade < kMinGrade || grade > kMaxGrade)
    return fail("grade " + std::to_string(grade) + " is not a CTCAE v5 grade (1 mild to 5 death)");
  return grade;
}

Result<Day> check_record_day(Day day, Day patient_today, std::string_view what) {
  if (day < kEraStart)
    return fail(std::string(what) + " " + format_day(day) + " is before " + format_day(kEraStart) +
                ", before riluzole existed");
  if (day > patient_today)
    return fail(std::string(what) + " " + format_day(day) + " is in the future (today is " +
                format_day(patient_today) + " in the patient's zone)");
  return day;
}

Result<Day> check_era_day(Day day, std::string_view what) {
  if (day < kEraStart || day > kEraEnd)
    return fail(std::string(what) + " " + format_day(day) + " is not from " + format_day(kEraStart) + " to " +
                format_day(kEraEnd) + ", the product's era");
  return day;
}

Result<Instant> check_record_instant(Instant at, Instant now, std::string_view what) {
  if (at < Instant{kEraStart})
    return fail(std::string(what) + " is before " + format_day(kEraStart) + ", before riluzole existed");
  if (at > now + kClockSkew) return fail(std::string(what) + " is in the future: log what has happened");
  return at;
}

Result<std::string> check_text(std::string_view text, std::string_view what, std::size_t max_bytes,
                               bool required) {
  if (text.size() > max_bytes)
    return fail(std::string(what) + " is too long (" + std::to_string(text.size()) + " bytes; at most " +
                std::to_string(max_bytes) + "): " + quote(text));
  if (required && text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return fail(std::string(what) + " is empty");
  return std::string(text);
}

Result<std::string> check_actor_name(std::string_view name) {
  auto t = check_text(name, "who records (--by)", kMaxNameBytes, true);
  if (!t) return t;
  for (char c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      return fail("who records (--by) " + quote(name) + " has a control character");
  return t;
}

Result<std::string> check_mrn(std::string_view mrn) {
  auto t = check_text(mrn, "MRN", kMaxMrnBytes, true);
  if (!t) return t;
  for (char c : mrn)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      return fail("MRN " + quote(mrn) + " has a control character");
  if (mrn.front() == ' ' || mrn.back() == ' ')
    return fail("MRN " + quote(mrn) + " begins or ends with a space");
  if (mrn.rfind("id:", 0) == 0 || mrn.rfind("mrn:", 0) == 0)
    return fail("MRN " + quote(mrn) + " begins with id: or mrn:, which --patient reads as a prefix");
  return t;
}

Result<Zone> check_zone_name(std::string_view name) {
  // The OS database also answers to "localtime" and to paths; a patient's zone must be a real IANA name.
  if (name.empty() || name == "localtime" || name.front() == '/' ||
      name.find("..") != std::string_view::npos || name.size() > 64)
    return fail(quote(name) + " is not an IANA time zone name (like Europe/Paris)");
  return find_zone(name);
}

std::string operating_system_account() {
  const uid_t uid = ::geteuid();
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found && found->pw_name &&
      *found->pw_name)
    return found->pw_name;
  return "uid " + std::to_string(uid);
}

}  // namespace alsmeds::rules
