// The rulebook's parsers and checks (issue 17 items 1, 4 and 9), and how a person names a patient.
#include "alsmeds/records/rulebook.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/rules/patient_lookup.hpp"
#include "alsmeds/text.hpp"
#include "alsmeds/zone_clock.hpp"
#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;

namespace {

// id 1 (MRN M-1), id 2 (MRN M-2), id 3 (MRN 2), id 4 (MRN 0003), id 5 (no MRN), id 6 (MRN 6).
std::vector<Patient> clinic() {
  std::vector<Patient> out;
  const std::optional<std::string> mrns[] = {"M-1", "M-2", "2", "0003", std::nullopt, "6"};
  for (int i = 0; i < 6; ++i) {
    Patient p;
    p.id = i + 1;
    p.mrn = mrns[i];
    p.name = "P" + std::to_string(i + 1);
    out.push_back(p);
  }
  return out;
}

RecordId resolved(const std::string& ref) {
  auto p = resolve_patient(clinic(), ref);
  INFO(ref << ": " << (p ? "" : p.error()));
  REQUIRE(p.ok());
  return p->id;
}

}  // namespace

TEST_CASE("A patient is named by id or MRN, never by a guess between two (item 1)") {
  CHECK(resolved("1") == 1);      // the id; no MRN is "1"
  CHECK(resolved("M-2") == 2);    // the MRN
  CHECK(resolved("0003") == 4);   // the MRN: an id has no leading zero
  CHECK(resolved("6") == 6);      // id 6 whose MRN is "6": one patient by two readings
  CHECK(resolved("id:2") == 2);   // explicit id
  CHECK(resolved("mrn:2") == 3);  // explicit MRN
  CHECK(resolved("id:3") == 3);
  CHECK(resolved("mrn:0003") == 4);
  CHECK(resolved("5") == 5);

  const auto two = resolve_patient(clinic(), "2");
  REQUIRE_FALSE(two.ok());
  CHECK_THAT(two.error(), Catch::StartsWith("'2' could name 2 patients, so none was chosen") &&
                              Catch::Contains("patient 2 (MRN 'M-2') by its id (write id:2)") &&
                              Catch::Contains("patient 3 (MRN '2') by its MRN (write mrn:2)"));
  CHECK(patients_named(clinic(), "2").size() == 2u);

  for (const char* unknown : {"3x", "M-9", "0", "007", "id:0003", "id:", "mrn:", "", "id:99"}) {
    INFO(unknown);
    CHECK_FALSE(resolve_patient(clinic(), unknown).ok());
  }
  CHECK_THAT(resolve_patient(clinic(), "007").error(), Catch::Contains("without leading zeros"));
  // A huge value is quoted shortened.
  const std::string huge(1 << 20, '9');
  CHECK(resolve_patient(clinic(), huge).error().size() < 200);
}

TEST_CASE("MRNs: non-blank, bounded, no control character, no space at the ends, no id: or mrn: prefix") {
  CHECK(rules::check_mrn("M-1").ok());
  CHECK(rules::check_mrn("0003").ok());
  CHECK(rules::check_mrn("A B").ok());
  for (const std::string& bad :
       {std::string(""), std::string("   "), std::string(" 2"), std::string("2 "), std::string("id:3"),
        std::string("mrn:3"), std::string("a\tb"), std::string(65, '1')}) {
    INFO(bad);
    CHECK_FALSE(rules::check_mrn(bad).ok());
  }
}

TEST_CASE("Numbers are decimal digits only and within their range (item 4)") {
  CHECK(*rules::parse_decimal("72.5") == 72.5);
  CHECK(*rules::parse_decimal(".5") == 0.5);
  for (const char* bad :
       {"0x1A", "1e308", "1e-300", "-5", "+5", "inf", "nan", " 5", "5 ", "", ".", "1.2.3", "١٢"}) {
    INFO(bad);
    CHECK_FALSE(rules::parse_decimal(bad).ok());
  }
  // A number with more digits than a person types would round into a bound it lies outside of.
  CHECK(*rules::parse_decimal("72.123456") == Approx(72.123456));
  CHECK_FALSE(rules::parse_decimal("19.99999999999999999999").ok());
  CHECK_FALSE(rules::parse_decimal("20000.0000000000000001").ok());
  CHECK_FALSE(rules::parse_decimal("1234567890").ok());
  // A value far out of range is named in the message, never "that value".
  const auto huge = rules::check_bound(1e23, rules::kLabValue, "ALT result");
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.error().find("1e+23") != std::string::npos);
  CHECK(*rules::parse_count("12", 1, 500) == 12);
  CHECK(*rules::parse_count("010", 1, 500) == 10);  // decimal, never octal
  for (const char* bad : {"0x1A", "1e3", "-1", "+3", "3.0", "", " 3", "0", "501", "99999999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(rules::parse_count(bad, 1, 500).ok());
  }
  CHECK_FALSE(rules::check_lab("ALT", 1e308, 40).ok());
  CHECK_FALSE(rules::check_lab("ALT", 30, 1e-300).ok());
  CHECK_FALSE(rules::check_lab("ALT", 30, 1e308).ok());
}

TEST_CASE("Dates and instants stay within four-digit years and the product's era (item 4)") {
  const Zone utc = *find_zone("UTC");
  // The last second of 9999 at -12:00 is in the year 10000 in UTC: refused, not stored as 0000.
  const auto late = parse_instant("9999-12-31T23:59:59-12:00", utc);
  REQUIRE_FALSE(late.ok());
  CHECK_THAT(late.error(), Catch::Contains("outside the years 1900 to 9999"));
  CHECK_FALSE(parse_instant("1900-01-01T00:00+01:00", utc).ok());  // 1899 in UTC
  CHECK(parse_instant("9999-12-31T11:59:59-12:00", utc).ok());
  CHECK(format_utc(*parse_instant("9999-12-31T11:59:59-12:00", utc)) == "9999-12-31T23:59:59Z");
  CHECK_FALSE(parse_day("1899-12-31").ok());
  const std::string huge(1 << 20, '2');
  CHECK(parse_instant(huge, utc).error().size() < 200);
  CHECK(parse_day(huge).error().size() < 200);

  CHECK(rules::check_era_day(ymd(2026, 1, 5), "start").ok());
  CHECK_FALSE(rules::check_era_day(ymd(9999, 12, 1), "start").ok());
  CHECK_FALSE(rules::check_era_day(ymd(1990, 1, 1), "start").ok());
  CHECK_FALSE(rules::check_record_day(ymd(1990, 1, 1), ymd(2026, 3, 1), "day").ok());

  for (const char* zone : {"localtime", "/etc/localtime", "../UTC", "Mars/Base", ""}) {
    INFO(zone);
    CHECK_FALSE(rules::check_zone_name(zone).ok());
  }
  CHECK(rules::check_zone_name("Europe/Paris").ok());
}

TEST_CASE("Who records: a non-blank name of bounded length without control characters (item 9)") {
  CHECK(rules::check_actor_name("nurse.kim").ok());
  CHECK(rules::check_actor_name("Dr. House (prescriber)").ok());  // a name; the audit shows the account too
  for (const std::string& bad : {std::string("   "), std::string(""), std::string(201, 'a'),
                                 std::string("nurse\x1b[2Jkim"), std::string("a\nb")}) {
    INFO(bad);
    CHECK_FALSE(rules::check_actor_name(bad).ok());
  }
  CHECK_FALSE(rules::operating_system_account().empty());
}

TEST_CASE("Messages quote a person's text shortened") {
  CHECK(quote_short("abc") == "'abc'");
  CHECK(quote_short(std::string(41, 'a')) == "'" + std::string(40, 'a') + "...'");
  CHECK(quote_short("\xC3\xA9\xC3\xA9\xC3\xA9", 2) == "'\xC3\xA9\xC3\xA9...'");  // whole characters
}

TEST_CASE("Repeated doses: the sorted check of an import names what the one-by-one rule names (item 3)") {
  std::mt19937 rng(17);
  auto dose = [&](RecordId id) {
    LogEntry e;
    e.id = id;
    e.kind = LogKind::dose;
    e.patient_id = 1 + static_cast<RecordId>(rng() % 2);
    e.drug = rng() % 2 ? Drug::riluzole : Drug::edaravone;
    e.at = Instant{std::chrono::hours{rng() % 6}};
    e.status = rng() % 3 ? DoseStatus::taken : DoseStatus::missed;
    e.planned_key =
        "riluzole:" + std::to_string(1 + rng() % 2) + ":2026-03-0" + std::to_string(1 + rng() % 3) + ":1";
    return e;
  };
  for (int round = 0; round < 2000; ++round) {
    std::vector<LogEntry> recorded, rows;
    for (int i = 0, n = static_cast<int>(rng() % 3); i < n; ++i) recorded.push_back(dose(100 + i));
    for (int i = 0, n = 1 + static_cast<int>(rng() % 6); i < n; ++i) rows.push_back(dose(0));
    RepeatedDoses one_by_one;
    for (const LogEntry& e : recorded) one_by_one.remember(e);
    std::optional<std::pair<std::size_t, RepeatedDoses::Earlier>> expected;
    for (std::size_t i = 0; i < rows.size() && !expected; ++i)
      if (auto earlier = one_by_one.find_or_remember(rows[i], i + 1)) expected.emplace(i, *earlier);
    const auto sorted = first_repeated_dose(recorded, rows);
    INFO("round " << round);
    REQUIRE(sorted.has_value() == expected.has_value());
    if (!expected) continue;
    CHECK(sorted->row == expected->first);
    CHECK(sorted->same_instant == expected->second.same_instant);
    CHECK(sorted->record == expected->second.record);
    CHECK(sorted->earlier_row.value_or(99) + 1 == (expected->second.line ? expected->second.line : 100));
  }
}

TEST_CASE("Repeated doses of a file read in batches: what the one-by-one rule names, whatever the batches") {
  std::mt19937 rng(26);
  auto dose = [&](RecordId id) {
    LogEntry e;
    e.id = id;
    e.kind = LogKind::dose;
    e.patient_id = 1 + static_cast<RecordId>(rng() % 3);
    e.drug = rng() % 2 ? Drug::riluzole : Drug::edaravone;
    e.at = Instant{std::chrono::hours{rng() % 12}};
    e.status = rng() % 3 ? DoseStatus::taken : DoseStatus::missed;
    e.planned_key =
        "riluzole:" + std::to_string(1 + rng() % 2) + ":2026-03-0" + std::to_string(1 + rng() % 6) + ":1";
    return e;
  };
  int repeats = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<LogEntry> recorded, rows;
    for (int i = 0, n = static_cast<int>(rng() % 3); i < n; ++i) recorded.push_back(dose(100 + i));
    for (int i = 0, n = static_cast<int>(rng() % 9); i < n; ++i) rows.push_back(dose(0));
    // The reference: each row in turn against everything before it; rows are numbered as lines 3i + 2.
    RepeatedDoses one_by_one;
    for (const LogEntry& e : recorded) one_by_one.remember(e);
    std::optional<std::pair<std::size_t, RepeatedDoses::Earlier>> expected;
    for (std::size_t i = 0; i < rows.size() && !expected; ++i)
      if (auto earlier = one_by_one.find_or_remember(rows[i], 3 * i + 2)) expected.emplace(i, *earlier);
    // The same rows in batches cut at random.
    RepeatedDoseSearch search;
    search.add_recorded(recorded);
    std::optional<std::pair<std::size_t, RepeatedRow>> found;
    for (std::size_t begin = 0; begin < rows.size() && !found;) {
      const std::size_t end = std::min(rows.size(), begin + 1 + rng() % 4);
      std::vector<LogEntry> batch(rows.begin() + static_cast<std::ptrdiff_t>(begin),
                                  rows.begin() + static_cast<std::ptrdiff_t>(end));
      std::vector<std::size_t> lines;
      for (std::size_t i = begin; i < end; ++i) lines.push_back(3 * i + 2);
      if (auto r = search.next_batch(batch, lines)) found.emplace(begin + r->row, *r);
      begin = end;
    }
    INFO("round " << round);
    REQUIRE(found.has_value() == expected.has_value());
    if (!expected) continue;
    ++repeats;
    CHECK(found->first == expected->first);
    CHECK(found->second.same_instant == expected->second.same_instant);
    CHECK(found->second.record == expected->second.record);
    CHECK(found->second.earlier_row.value_or(0) == expected->second.line);
  }
  CHECK(repeats > 1000);  // both outcomes are tried
  CHECK(repeats < 2900);
}
