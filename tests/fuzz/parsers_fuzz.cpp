// Fuzz target: the date, time, instant, decimal and list parsers, zone names and how --patient names a
// patient. Whatever they accept must print back as it was read and stay within the product's bounds.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "alsmeds/calendar.hpp"
#include "alsmeds/records/alsfrs.hpp"
#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/rules/patient_lookup.hpp"
#include "alsmeds/zone_clock.hpp"

namespace {

bool decimal_text(const std::string& text) {
  bool digit = false, point = false;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      digit = true;
    else if (c == '.' && !point)
      point = true;
    else
      return false;
  }
  return digit;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alsmeds;
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (auto d = parse_day(text)) {
    if (format_day(*d) != text) std::abort();
    const auto y = static_cast<int>(date::year_month_day{*d}.year());
    if (y < 1900 || y > 9999) std::abort();
  }
  if (auto t = parse_wall_clock(text); t && format_wall_clock(*t) != text) std::abort();
  static const Zone zone = *find_zone("America/New_York");
  if (auto i = parse_instant(text, zone)) {
    // An accepted instant's day is within a day of the day written in the text, and its year (UTC, as
    // exports write it) has four digits.
    const auto written = parse_day(text.substr(0, 10));
    if (!written) std::abort();
    const auto gap = (date::floor<date::days>(*i) - *written).count();
    if (gap < -1 || gap > 2) std::abort();
    const auto y = static_cast<int>(date::year_month_day{date::floor<date::days>(*i)}.year());
    if (y < 1900 || y > 9999 || format_utc(*i).size() != 20) std::abort();
  }
  // At most 9 digits before the point and 6 after (a longer number rounds into a bound it lies outside of).
  const std::size_t point = text.find('.');
  const std::size_t whole = point == std::string::npos ? text.size() : point;
  const std::size_t decimals = point == std::string::npos ? 0 : text.size() - point - 1;
  const bool typed_by_a_person = whole <= 9 && decimals <= 6;
  if (auto v = rules::parse_decimal(text)) {
    // Digits and at most one point, nothing else (no sign, exponent, hex, inf or nan), and the value read.
    if (!decimal_text(text) || !typed_by_a_person || !std::isfinite(*v) || *v < 0) std::abort();
    if (*v != std::strtod(text.c_str(), nullptr)) std::abort();
  } else if (decimal_text(text) && typed_by_a_person) {
    std::abort();  // plain decimal text is read
  }
  if (auto z = rules::check_zone_name(text))
    if (text.empty() || text == "localtime" || text.front() == '/' || text.find("..") != std::string::npos)
      std::abort();
  (void)parse_day_list(text);
  (void)parse_wall_clock_list(text);

  // --patient never picks one of two patients: when it resolves, it names exactly that one.
  static const std::vector<Patient> patients = [] {
    std::vector<Patient> out;
    const char* mrns[] = {"M-1", "M-2", "2", "0003", "id:1"};
    for (int i = 0; i < 5; ++i) {
      Patient p;
      p.id = i + 1;
      p.mrn = mrns[i];
      out.push_back(p);
    }
    return out;
  }();
  const auto named = patients_named(patients, text);
  if (auto p = resolve_patient(patients, text); p && (named.size() != 1 || named.front().id != p->id))
    std::abort();
  if (named.size() == 1 && !resolve_patient(patients, text)) std::abort();
  // ALSFRS-R answers: whatever is accepted is 12 values of 0-4 that print back as the text without spaces,
  // and score 0-48.
  if (auto items = parse_alsfrs_items(text, false)) {
    std::string compact;
    for (char c : text)
      if (c != ' ') compact += c;
    if (format_alsfrs_items(*items) != compact) std::abort();
    const AlsfrsScore s = score(*items);
    if (s.total < 0 || s.total > 48 || s.total != s.bulbar + s.fine_motor + s.gross_motor + s.respiratory)
      std::abort();
  }
  // A chosen dose-day pattern (therapy start --dose-days): what is accepted is cycles 2-500 of 10 distinct
  // days of 1-14 each, and prints to a text that reads back to the same pattern.
  if (auto pattern = parse_dose_day_pattern(text)) {
    for (const auto& [cycle, days] : *pattern) {
      if (cycle < 2 || cycle > 500 || days.size() != 10) std::abort();
      for (std::size_t i = 0; i < days.size(); ++i)
        if (days[i] < 1 || days[i] > 14 || (i && days[i] <= days[i - 1])) std::abort();
    }
    auto again = parse_dose_day_pattern(format_dose_day_pattern(*pattern));
    if (!again || *again != *pattern) std::abort();
  }
  // A planned dose's key (each regimen reads its own part): what reads as a dose of a regimen is written back
  // by that regimen to a key that reads as the same dose of the same regimen.
  if (const PlannedRef ref = parse_planned_key(text); !ref.empty()) {
    const Regimen* r = regimen_of_key(text);
    if (r == nullptr) std::abort();
    const std::string again = planned_key(r->drug, ref);
    if (parse_planned_key(again) != ref || regimen_of_key(again) != r) std::abort();
  }
  return 0;
}
