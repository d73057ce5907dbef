// Import row checks, including large files checked on several threads: the first bad line is the one named.
#include "alsmeds/import_rows.hpp"

#include <catch2/catch.hpp>

#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;

namespace {

const ImportPatient& known_patient() {
  static const ImportPatient p = [] {
    ImportPatient ip;
    ip.patient.id = 5;
    ip.patient.mrn = "M1";
    ip.zone = *find_zone("America/New_York");
    Therapy t;
    t.id = 9;
    t.drug = Drug::riluzole;
    t.product = "tablet";
    t.start = ymd(2026, 1, 1);
    ip.therapies = {t};
    return ip;
  }();
  return p;
}

const PatientByMrn lookup = [](const std::string& mrn) { return mrn == "M1" ? &known_patient() : nullptr; };

std::string doses_csv(int rows) {
  std::string text = "mrn,drug,at,status\n";
  for (int i = 0; i < rows; ++i)
    text += "M1,riluzole," + format_day(ymd(2026, 1, 1) + date::days{i / 2}) + (i % 2 ? "T20:00" : "T08:00") +
            ",taken\n";
  return text;
}

}  // namespace

TEST_CASE("Doses: local times in the patient's zone, matched to their planned dose") {
  const auto rows = doses_from_csv(*parse_csv(doses_csv(4)), lookup);
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 4u);
  CHECK((*rows)[0].at == Instant{ymd(2026, 1, 1)} + std::chrono::hours{13});  // 08:00 EST
  CHECK((*rows)[0].planned_key == "riluzole:9:2026-01-01:1");
  CHECK((*rows)[3].planned_key == "riluzole:9:2026-01-02:2");
  CHECK((*rows)[0].patient_id == 5);
}

TEST_CASE("Large files: a bad row in either half is named by its own line, the earliest first") {
  constexpr int kRows = 30000;
  std::string text = doses_csv(kRows);
  auto replace_line = [&](int line, const std::string& with) {
    std::size_t pos = 0;
    for (int l = 1; l < line; ++l) pos = text.find('\n', pos) + 1;
    text.replace(pos, text.find('\n', pos) - pos, with);
  };
  replace_line(25001, "M1,riluzole,2026-02-30T08:00,taken");
  auto late = doses_from_csv(*parse_csv(text), lookup);
  REQUIRE_FALSE(late.ok());
  CHECK_THAT(late.error(), Catch::StartsWith("line 25001, column at"));
  replace_line(7, "M9,riluzole,2026-01-04T08:00,taken");
  auto early = doses_from_csv(*parse_csv(text), lookup);
  REQUIRE_FALSE(early.ok());
  CHECK_THAT(early.error(), Catch::StartsWith("line 7, column mrn"));
  const auto good = doses_from_csv(*parse_csv(doses_csv(kRows)), lookup);
  REQUIRE(good.ok());
  REQUIRE(good->size() == static_cast<std::size_t>(kRows));
  for (std::size_t i = 1; i < good->size(); ++i)
    REQUIRE((*good)[i].at > (*good)[i - 1].at);  // file order kept
}

TEST_CASE("Doses before the therapy started, unknown drugs and statuses are refused with line and column") {
  CHECK_THAT(
      doses_from_csv(*parse_csv("mrn,drug,at,status\nM1,riluzole,2025-12-31T08:00,taken\n"), lookup).error(),
      Catch::StartsWith("line 2, column at") && Catch::Contains("before the therapy started"));
  CHECK_THAT(
      doses_from_csv(*parse_csv("mrn,drug,at,status\nM1,aspirin,2026-01-02T08:00,taken\n"), lookup).error(),
      Catch::StartsWith("line 2, column drug"));
  CHECK_THAT(
      doses_from_csv(*parse_csv("mrn,drug,at,status\nM1,riluzole,2026-01-02T08:00,late\n"), lookup).error(),
      Catch::StartsWith("line 2, column status"));
  CHECK_THAT(doses_from_csv(*parse_csv("mrn,drug,status\nM1,riluzole,taken\n"), lookup).error(),
             Catch::Contains("missing column 'at'"));
}
