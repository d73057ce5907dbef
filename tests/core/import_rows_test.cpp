// Import row checks, including large files checked on several threads: the first bad line is the one named.
#include "alsmeds/exchange/import_rows.hpp"

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
    t.product = Product::riluzole_tablet;
    t.start = ymd(2026, 1, 1);
    ip.therapies = {t};
    return ip;
  }();
  return p;
}

const PatientByMrn lookup = [](const std::string& mrn) { return mrn == "M1" ? &known_patient() : nullptr; };

// The import's clock, late enough for every row of the large files below.
const Instant kNow{Day{date::year{2100} / 1 / 1}};

std::string doses_csv(int rows) {
  std::string text = "mrn,drug,at,status\n";
  for (int i = 0; i < rows; ++i)
    text += "M1,riluzole," + format_day(ymd(2026, 1, 1) + date::days{i / 2}) + (i % 2 ? "T20:00" : "T08:00") +
            ",taken\n";
  return text;
}

}  // namespace

TEST_CASE("Doses: local times in the patient's zone, matched to their planned dose") {
  const auto rows = doses_from_csv(*parse_csv(doses_csv(4)), lookup, kNow);
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
  auto late = doses_from_csv(*parse_csv(text), lookup, kNow);
  REQUIRE_FALSE(late.ok());
  CHECK_THAT(late.error(), Catch::StartsWith("line 25001, column at"));
  replace_line(7, "M9,riluzole,2026-01-04T08:00,taken");
  auto early = doses_from_csv(*parse_csv(text), lookup, kNow);
  REQUIRE_FALSE(early.ok());
  CHECK_THAT(early.error(), Catch::StartsWith("line 7, column mrn"));
  const auto good = doses_from_csv(*parse_csv(doses_csv(kRows)), lookup, kNow);
  REQUIRE(good.ok());
  REQUIRE(good->size() == static_cast<std::size_t>(kRows));
  for (std::size_t i = 1; i < good->size(); ++i)
    REQUIRE((*good)[i].at > (*good)[i - 1].at);  // file order kept
}

TEST_CASE("Doses before the therapy started, unknown drugs and statuses are refused with line and column") {
  CHECK_THAT(
      doses_from_csv(*parse_csv("mrn,drug,at,status\nM1,riluzole,2025-12-31T08:00,taken\n"), lookup, kNow)
          .error(),
      Catch::StartsWith("line 2, column at") && Catch::Contains("before the riluzole therapy started"));
  CHECK_THAT(
      doses_from_csv(*parse_csv("mrn,drug,at,status\nM1,aspirin,2026-01-02T08:00,taken\n"), lookup, kNow)
          .error(),
      Catch::StartsWith("line 2, column drug"));
  CHECK_THAT(
      doses_from_csv(*parse_csv("mrn,drug,at,status\nM1,riluzole,2026-01-02T08:00,late\n"), lookup, kNow)
          .error(),
      Catch::StartsWith("line 2, column status"));
  CHECK_THAT(doses_from_csv(*parse_csv("mrn,drug,status\nM1,riluzole,taken\n"), lookup, kNow).error(),
             Catch::Contains("missing column 'at'"));
}

TEST_CASE("Import rows pass the rulebook of the command that records one (issue 17 item 4)") {
  const Instant now = Instant{ymd(2026, 3, 10)} + std::chrono::hours{12};
  auto dose_error = [&](const std::string& rows) {
    auto r = doses_from_csv(*parse_csv("mrn,drug,at,status\n" + rows), lookup, now);
    return r ? std::string("accepted") : r.error();
  };
  // The year 10000 in UTC, and a dose taken in the future.
  CHECK_THAT(dose_error("M1,riluzole,9999-12-31T23:59:59-12:00,taken\n"),
             Catch::StartsWith("line 2, column at") && Catch::Contains("outside the years"));
  CHECK_THAT(dose_error("M1,riluzole,2026-04-01T08:00,taken\n"),
             Catch::StartsWith("line 2, column at") && Catch::Contains("future"));
  // A refused dose needs its note (the optional note column), as log dose says.
  CHECK_THAT(dose_error("M1,riluzole,2026-03-02T08:00,refused\n"),
             Catch::StartsWith("line 2, column status") && Catch::Contains("note"));
  CHECK(doses_from_csv(*parse_csv("mrn,drug,at,status,note\nM1,riluzole,2026-03-02T08:00,refused,nausea\n"),
                       lookup, now)
            .ok());
  // A huge value is quoted shortened.
  const std::string huge(1 << 20, 'x');
  const std::string message = dose_error("M1," + huge + ",2026-03-02T08:00,taken\n");
  CHECK_THAT(message, Catch::StartsWith("line 2, column drug"));
  CHECK(message.size() < 200);

  auto patient_error = [&](const std::string& row) {
    auto r = patients_from_csv(*parse_csv("mrn,name,tz,born\n" + row), lookup, now);
    return r ? std::string("accepted") : r.error();
  };
  CHECK_THAT(patient_error("M-2,Ana,localtime,\n"), Catch::StartsWith("line 2, column tz"));
  CHECK_THAT(patient_error("M-2,Ana,/etc/localtime,\n"), Catch::StartsWith("line 2, column tz"));
  CHECK_THAT(patient_error("M-2," + huge + ",UTC,\n"),
             Catch::StartsWith("line 2, column name") && Catch::Contains("too long"));
  CHECK(patient_error("M-2," + huge + ",UTC,\n").size() < 200);
  CHECK_THAT(patient_error("M-2,Ana,UTC,1850-01-01\n"), Catch::StartsWith("line 2, column born"));
  CHECK_THAT(patient_error("M-2,Ana,UTC,2027-01-01\n"), Catch::StartsWith("line 2, column born"));
  CHECK_THAT(patient_error("id:7,Ana,UTC,\n"), Catch::StartsWith("line 2, column mrn"));
  CHECK_THAT(patient_error("   ,Ana,UTC,\n"), Catch::StartsWith("line 2, column mrn"));
  CHECK(patient_error("M-2,Ana,UTC,1950-01-01\n") == "accepted");

  auto dispensing_error = [&](const std::string& rows) {
    auto r = dispensings_from_csv(*parse_csv("mrn,drug,date,days_supply\n" + rows), lookup, now);
    return r ? std::string("accepted") : r.error();
  };
  CHECK_THAT(dispensing_error("M1,riluzole,1990-01-01,30\n"), Catch::StartsWith("line 2, column date"));
  CHECK_THAT(dispensing_error("M1,riluzole,2026-12-01,30\n"), Catch::StartsWith("line 2, column date"));
  CHECK_THAT(dispensing_error("M1,riluzole,2026-03-01,0x1A\n"),
             Catch::StartsWith("line 2, column days_supply"));
  CHECK_THAT(dispensing_error("M1,riluzole,2026-03-01,400\n"),
             Catch::StartsWith("line 2, column days_supply"));
  CHECK(dispensing_error("M1,riluzole,2026-03-01,30\n") == "accepted");
}

TEST_CASE(
    "A row that repeats an earlier line or a recorded record is refused, naming both (issue 17 item 3)") {
  const Instant now = Instant{ymd(2026, 3, 10)};
  const std::string header = "mrn,drug,at,status\n";
  // The same dose twice in one file.
  auto twice = doses_from_csv(
      *parse_csv(header + "M1,riluzole,2026-03-02T08:00,taken\nM1,riluzole,2026-03-02T20:00,taken\n"
                          "M1,riluzole,2026-03-02T08:00,taken\n"),
      lookup, now);
  REQUIRE_FALSE(twice.ok());
  CHECK_THAT(twice.error(), Catch::StartsWith("line 4, column at") && Catch::Contains("repeats line 2"));
  // The planned 08:00 dose taken, then "taken" again at 13:37 (matched to the same planned dose).
  auto again = doses_from_csv(
      *parse_csv(header + "M1,riluzole,2026-03-02T08:00,taken\nM1,riluzole,2026-03-02T10:37,taken\n"), lookup,
      now);
  REQUIRE_FALSE(again.ok());
  CHECK_THAT(again.error(), Catch::StartsWith("line 3, column at") && Catch::Contains("repeats line 2") &&
                                Catch::Contains("riluzole:9:2026-03-02:1"));
  // A dose already recorded (a file imported twice).
  ImportPatient with_log = known_patient();
  LogEntry recorded;
  recorded.id = 41;
  recorded.patient_id = 5;
  recorded.kind = LogKind::dose;
  recorded.drug = Drug::riluzole;
  recorded.status = DoseStatus::taken;
  recorded.at = *parse_instant("2026-03-02T08:00", with_log.zone);
  recorded.planned_key = "riluzole:9:2026-03-02:1";
  with_log.log = {recorded};
  const PatientByMrn recorded_lookup = [&](const std::string& mrn) {
    return mrn == "M1" ? &with_log : nullptr;
  };
  auto repeat =
      doses_from_csv(*parse_csv(header + "M1,riluzole,2026-03-02T08:00,taken\n"), recorded_lookup, now);
  REQUIRE_FALSE(repeat.ok());
  CHECK_THAT(repeat.error(), Catch::StartsWith("line 2, column at") && Catch::Contains("repeats record 41"));
  // A missed dose and a later one of another planned dose are not repeats.
  CHECK(doses_from_csv(*parse_csv(header + "M1,riluzole,2026-03-02T20:00,missed\n"
                                           "M1,riluzole,2026-03-03T08:00,taken\n"),
                       recorded_lookup, now)
            .ok());

  const std::string dispensing = "mrn,drug,date,days_supply\nM1,riluzole,2026-03-01,30\n";
  // Two identical fills in one file are two packs (issue 25: claims data has them, AdhereR counts both):
  // both kept, with a warning naming the lines.
  std::vector<std::string> warnings;
  auto twice_dispensed =
      dispensings_from_csv(*parse_csv(dispensing + "M1,riluzole,2026-03-01,30\n"), lookup, now, &warnings);
  REQUIRE(twice_dispensed.ok());
  CHECK(twice_dispensed->size() == 2u);
  REQUIRE(warnings.size() == 1u);
  CHECK_THAT(warnings[0], Catch::StartsWith("line 3: the same fill as line 2"));
}
