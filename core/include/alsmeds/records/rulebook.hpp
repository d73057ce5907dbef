#pragma once
// The clinic's value rules in one place: every plausible range, with its source or "our default", and the
// checks that every front end (CLI, desktop app, importers) and every store go through. The README's list of
// rules is written from this file. Actions that combine these checks with a patient's facts are in
// clinic_actions.hpp.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/calendar.hpp"
#include "alsmeds/result.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds::rules {

/// A closed range of a measured value, with its unit and where it comes from.
struct Bound {
  double min;
  double max;
  bool min_exclusive;  // "above min" rather than "min or more"
  const char* unit;
  const char* source;
};

// Weight: our default. Adults with ALS; a value outside is far likelier a typing error (grams, pounds).
inline constexpr Bound kWeightKg{20, 350, false, "kg", "our default: adult body weights"};
// ALT and AST: positive results; above 20,000 U/L is beyond even acute liver necrosis (our default).
inline constexpr Bound kLabValue{0, 20000, true, "U/L", "our default: a positive result up to 20,000 U/L"};
// The laboratory's own upper limit of normal for ALT/AST is 30-60 U/L in practice; 10-250 catches 1e-300,
// 0 and a result typed into the ULN field (our default).
inline constexpr Bound kLabUln{10, 250, false, "U/L", "our default: laboratories' ULN, 10 to 250 U/L"};
// Tofersen's observations (issue 26; docs/domain.md "Tofersen"): plasma neurofilament light chain (NfL) in
// pg/mL, and the cerebrospinal fluid's white cells (cells/uL, cells per microlitre) and protein (mg/dL). The
// ranges catch typing and unit slips (our default); a laboratory's upper limit of normal is optional for them
// (NfL's depends on age; CSF references: white cells up to about 5/uL, protein about 15-45 mg/dL).
inline constexpr Bound kNflValue{0, 10000, true, "pg/mL",
                                 "our default: a positive result up to 10,000 pg/mL"};
inline constexpr Bound kNflUln{1, 1000, false, "pg/mL", "our default: a laboratory's ULN, 1 to 1,000 pg/mL"};
inline constexpr Bound kCsfWbcValue{0, 10000, false, "cells/uL", "our default: 0 to 10,000 cells/uL"};
inline constexpr Bound kCsfWbcUln{1, 100, false, "cells/uL",
                                  "our default: a laboratory's ULN, 1 to 100 cells/uL"};
inline constexpr Bound kCsfProteinValue{0, 2000, true, "mg/dL",
                                        "our default: a positive result up to 2,000 mg/dL"};
inline constexpr Bound kCsfProteinUln{10, 500, false, "mg/dL",
                                      "our default: a laboratory's ULN, 10 to 500 mg/dL"};

/// A laboratory test alsmeds records: its stored code, its name, the range of a result (with its unit) and of
/// the laboratory's upper limit of normal. The transaminases (ALT, AST) need the ULN: the liver rules read
/// the result as a multiple of it; the others are observations, charted and exported, with no rule.
struct LabTest {
  const char* code;  // as stored and typed (any case): ALT, AST, NfL, CSF-WBC, CSF-protein
  const char* name;
  Bound value;
  Bound uln;
  bool transaminase;  // ULN required; the liver rules apply
};
inline constexpr LabTest kLabTests[] = {
    {"ALT", "alanine aminotransferase", kLabValue, kLabUln, true},
    {"AST", "aspartate aminotransferase", kLabValue, kLabUln, true},
    {"NfL", "plasma neurofilament light chain", kNflValue, kNflUln, false},
    {"CSF-WBC", "cerebrospinal fluid white cells", kCsfWbcValue, kCsfWbcUln, false},
    {"CSF-protein", "cerebrospinal fluid protein", kCsfProteinValue, kCsfProteinUln, false},
};
/// The test of that code in any case ("nfl" is NfL), or none.
const LabTest* find_lab_test(std::string_view code);
/// "ALT, AST, NfL, CSF-WBC or CSF-protein".
std::string lab_test_words();

// CTCAE v5 grades.
inline constexpr int kMinGrade = 1;
inline constexpr int kMaxGrade = 5;
// A dispensing covers at most a year (our default; refill measures PDC/CMA read it).
inline constexpr Bound kDaysSupply{1, 366, false, "days", "our default: at most a year's supply"};
// A cycle delay (re-flow): at least a day, at most a year (our default).
inline constexpr Bound kShiftDays{1, 365, false, "days", "our default: 1 day to a year"};
// A delay of a started edaravone cycle (a dose of it logged) moves only the doses left and grows its window:
// by at most 14 days in all (our default; the labels give 10 doses within 14 days and say nothing of breaks).
// A longer break: record the doses left missed, or stop the course and restart it.
inline constexpr Bound kStartedCycleGrowth{1, 14, false, "days",
                                           "our default: a started cycle's window grows by at most 14 days"};

/// No clinical record is dated before riluzole existed (US approval, December 1995): our default for "within
/// the product's era". Birth dates may be from 1900 on.
inline constexpr Day kEraStart{date::year{1995} / 1 / 1};
inline constexpr Day kBornFrom{date::year{1900} / 1 / 1};
/// The product's era ends with 2199 (our default): a day looked at, a plan's start or a closed day is no
/// later, so the longest plan (100 years) ends before 2300 and every date keeps four digits in every output.
inline constexpr Day kEraEnd{date::year{2199} / 12 / 31};
/// A dose or side effect may be logged up to this long after the clock (clocks of two machines differ).
inline constexpr std::chrono::minutes kClockSkew{15};

/// Text fields: names, terms and who recorded are short; notes and reasons a paragraph at most.
inline constexpr std::size_t kMaxNameBytes = 200;
inline constexpr std::size_t kMaxNoteBytes = 2000;
inline constexpr std::size_t kMaxMrnBytes = 64;

/// A decimal number as people write it: digits with at most one decimal point ("72", "72.5", ".5"). Refuses
/// hex ("0x1A"), exponents ("1e308"), signs, "inf", "nan", spaces and empty text, naming the text.
Result<double> parse_decimal(std::string_view text);

/// A whole number as people write it: decimal digits only ("12", "010" is ten), from `min` to `max`. Refuses
/// hex ("0x1A"), signs, exponents, points, spaces and empty text, naming the text and the range.
Result<long long> parse_count(std::string_view text, long long min, long long max);

/// The value inside `bound`, or a message naming `what` and the range ("weight 19 kg is not 20 to 350 kg").
Result<double> check_bound(double value, const Bound& bound, std::string_view what);

Result<double> check_weight(double kg);
/// test one of kLabTests (any case); value and ULN within its bounds; `uln` 0 for none, which only the
/// transaminases refuse. The test as registered.
Result<const LabTest*> check_lab(std::string_view test, double value, double uln);
Result<int> check_grade(int grade);

/// A day a record is dated: not before kEraStart, not after the patient's today.
Result<Day> check_record_day(Day day, Day patient_today, std::string_view what);
/// A day within the product's era, kEraStart to kEraEnd: the start of a what-if plan (`plan` commands), a day
/// or period looked at (`due --on`, `history`, `report`, `export`), a closed day. `what` names it in
/// messages.
Result<Day> check_era_day(Day day, std::string_view what);
/// An instant a dose or side effect happened: not before kEraStart, not later than now + kClockSkew.
Result<Instant> check_record_instant(Instant at, Instant now, std::string_view what);

/// Text a person typed: bounded (and, when `required`, not blank). Messages quote at most 40 characters.
Result<std::string> check_text(std::string_view text, std::string_view what, std::size_t max_bytes,
                               bool required);
/// A medical record number: non-blank, at most kMaxMrnBytes bytes, no control character, no space at either
/// end, and not beginning with "id:" or "mrn:" (the prefixes that name a patient explicitly by id or MRN).
Result<std::string> check_mrn(std::string_view mrn);
/// Who records: a non-blank name of at most kMaxNameBytes bytes, without control characters.
Result<std::string> check_actor_name(std::string_view name);
/// An IANA zone name the machine's database knows ("Europe/Paris"); "localtime" and file paths refused.
Result<Zone> check_zone_name(std::string_view name);

/// Quotes a person's text in a message: at most 40 characters, control characters shown as '?'.
std::string quote(std::string_view text);

/// The bounds above as the stores hold them (issue 23: one source, two enforcers): whatever program writes a
/// row, the database refuses what this file refuses. PostgreSQL holds each as a CHECK constraint, SQLite as a
/// trigger (a table's CHECKs cannot be added to it later); a NULL passes, as in CHECK.
enum class SqlDialect { sqlite, postgres };
struct StoredCheck {
  std::string name;  // rule_<table>_<what>
  std::string table;
  std::string condition;  // SQL of the dialect asked for
};
/// `rows`: the conditions read the table's columns (a set-based check of rows already written, as an import
/// does for its rows) instead of a SQLite trigger's NEW.column.
enum class CheckedRow { new_row, table_rows };
std::vector<StoredCheck> stored_checks(SqlDialect dialect, CheckedRow rows = CheckedRow::new_row);

/// The operating system's account name of this process (getpwuid), never empty: "uid N" when the account
/// has no name. The default of "who records" in both front ends.
std::string operating_system_account();

}  // namespace alsmeds::rules
