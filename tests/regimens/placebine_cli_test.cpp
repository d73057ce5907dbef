// The fake fourth drug through the real command line (issue 26): alsmeds-cli-placebine is alsmeds-cli with
// the fake drug registered first (placebine_cli_main.cpp). Expectations by hand from the fake label in
// placebine.cpp: one 10 mg tablet a week from the course's start, a dose late in its week answers it (on time
// up to the day after), a dose due in a pause is taken the day after it; a blister of 4 tablets or a bottle
// of 12.
#include <catch2/catch.hpp>
#include <ctime>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

#include "cli_db.hpp"

using alsmeds::test::bytes_of;
using alsmeds::test::CliRun;
using alsmeds::test::id_of;
using alsmeds::test::TempDb;

using alsmeds::test::expect_refused;

TEST_CASE("Fake regimen: the command line plans, logs, dispenses, reports, exports and pauses it") {
  TempDb db;
  CHECK_THAT(db.run({"therapy", "start", "--help"}).out, Catch::Contains("tofersen or placebine"));
  id_of(db.run({"patient", "add", "--name", "Ada Placebo", "--tz", "Europe/Paris", "--mrn", "PL-1"}));
  // Monday 5 January 2026, its one product by default.
  const std::string course = id_of(
      db.run({"therapy", "start", "--patient", "PL-1", "--drug", "placebine", "--start", "2026-01-05"}));
  // Week 1 on its Monday, week 2 on Tuesday the 13th (late in its week, on time by a day).
  id_of(db.run({"log", "dose", "--patient", "PL-1", "--drug", "placebine", "--at", "2026-01-05T10:00",
                "--status", "taken"}));
  id_of(db.run({"log", "dose", "--patient", "PL-1", "--drug", "placebine", "--at", "2026-01-13T10:00",
                "--status", "taken"}));
  const std::string history = db.run({"history", "--patient", "PL-1", "--format", "csv"}).out;
  CHECK_THAT(history, Catch::Contains("placebine:" + course + ":w2"));
  // Week 3 fell on Monday the 19th: overdue on Wednesday the 21st, with its advice.
  const CliRun due = db.run({"due", "--patient", "PL-1", "--on", "2026-01-21", "--format", "csv"});
  INFO(due.err);
  REQUIRE(due.exit_code == 0);
  CHECK_THAT(due.out,
             Catch::Contains("overdue,placebine") && Catch::Contains("week 3: missed, take it as soon "
                                                                     "as possible"));

  // Its tablet comes in two packs: the pack is named. One blister on the 5th: 4 weekly doses, 28 days.
  expect_refused(db.run({"dispense", "--patient", "PL-1", "--drug", "placebine", "--date", "2026-01-05",
                         "--quantity", "4", "--unit", "tablet"}),
                 "placebine tablet comes in 2 packs (placebine-blister, placebine-bottle): name the pack");
  id_of(db.run({"dispense", "--patient", "PL-1", "--drug", "placebine", "--date", "2026-01-05", "--quantity",
                "4", "--unit", "tablet", "--product", "placebine-blister"}));
  CHECK_THAT(db.run({"history", "--patient", "PL-1", "--format", "csv"}).out,
             Catch::Contains("28 days' supply"));
  // At the start of the 13th: week 1 used, week 2's dose that day not yet: 3 left for the 13th, 19th and
  // 26th; 2 February's not covered, the refill 7 days before it.
  CHECK_THAT(db.run({"supply", "--patient", "PL-1", "--on", "2026-01-13", "--format", "csv"}).out,
             Catch::Contains("\n1,PL-1,placebine,placebine-blister,3,tablet,3,2026-02-02,2026-01-26,log"));
  expect_refused(db.run({"dispense", "--patient", "PL-1", "--drug", "placebine", "--date", "2026-01-05",
                         "--quantity", "4", "--unit", "tablet", "--product", "tablet"}),
                 "'tablet' is not a placebine product (placebine-blister, placebine-bottle)");

  // 5-25 January: Mondays 5, 12 and 19 planned, two given, both on time.
  const CliRun report = db.run({"report", "adherence", "--patient", "PL-1", "--from", "2026-01-05", "--to",
                                "2026-01-25", "--format", "csv"});
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  CHECK_THAT(report.out, Catch::Contains("\n1,PL-1,placebine,3,2,66.7,66.7,"));

  // The calendar: weeks 1 and 2 given (on the days given), weeks 3 and 4 ahead, each its key as UID.
  const std::string ics = db.path + ".ics";
  REQUIRE(db.run({"export", "ics", "--patient", "PL-1", "--from", "2026-01-05", "--to", "2026-01-31", "--out",
                  ics})
              .exit_code == 0);
  const std::string calendar = bytes_of(ics);
  CHECK_THAT(calendar, Catch::Contains("UID:placebine:" + course + ":w4@alsmeds"));
  CHECK_THAT(calendar, Catch::Contains("week 2 (given)"));
  CHECK_THAT(calendar, Catch::Contains("DTSTART;TZID=Europe/Paris:20260113T"));
  CHECK_THAT(calendar, Catch::Contains("DTSTART;TZID=Europe/Paris:20260126T"));
  const std::string fhir = db.path + ".json";
  REQUIRE(db.run({"export", "fhir", "--patient", "PL-1", "--out", fhir}).exit_code == 0);
  CHECK_THAT(bytes_of(fhir), Catch::Contains("Placebine tablet, 1 tablet (10 mg)"));

  // A pause over the 19th moves week 3 to the day after it.
  const CliRun paused = db.run({"therapy", "pause", "--patient", "PL-1", "--drug", "placebine", "--from",
                                "2026-01-17", "--to", "2026-01-20", "--reason", "in hospital"});
  id_of(paused);
  CHECK_THAT(paused.err, Catch::Contains("placebine week 3 now on 2026-01-21 (was 2026-01-19)"));
  CHECK_THAT(db.run({"due", "--patient", "PL-1", "--on", "2026-01-21", "--format", "csv"}).out,
             Catch::Contains("due,placebine"));
  // The file checks clean with the drug in its CHECKs, for this program.
  const CliRun check = db.run({"check"});
  INFO(check.out + check.err);
  CHECK(check.exit_code == 0);
  // A word nobody registered is still refused, naming the four.
  expect_refused(
      db.run({"log", "dose", "--patient", "PL-1", "--drug", "aspirin", "--at", "2026-01-21T10:00"}),
      "edaravone, riluzole, tofersen or placebine");
}

namespace {

// The placebine doses of a patient's history (`id,kind,at,drug,status,detail`, newest first): the week of
// each taken dose, by its planned-dose key in the detail, oldest first, with its local day.
struct TakenWeek {
  int week = 0;
  std::string day;  // YYYY-MM-DD of `at`
};

std::vector<TakenWeek> taken_weeks(const std::string& history, std::vector<int>& missed) {
  std::vector<TakenWeek> out;
  std::istringstream in(history);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(",dose,") == std::string::npos || line.find(",placebine,") == std::string::npos) continue;
    const std::size_t key = line.find("placebine:");
    const std::size_t w = line.find(":w", key);
    REQUIRE(w != std::string::npos);
    const int week = std::stoi(line.substr(w + 2));
    if (line.find(",missed,") != std::string::npos) {
      missed.push_back(week);
      continue;
    }
    REQUIRE(line.find(",taken,") != std::string::npos);
    const std::size_t at = line.find(",dose,") + 6;
    out.insert(out.begin(), {week, line.substr(at, 10)});
  }
  return out;
}

int days_between(const std::string& a, const std::string& b) {
  auto day = [](const std::string& s) {
    std::tm tm{};
    std::istringstream(s) >> std::get_time(&tm, "%Y-%m-%d");
    return timegm(&tm) / 86400;  // UTC: no daylight saving between two days
  };
  return static_cast<int>(day(b) - day(a));
}

}  // namespace

TEST_CASE("Fake regimen: the demo gives it to one patient in ten, each week's tablet once as its plan says") {
  TempDb db;
  REQUIRE(db.run({"demo", "--patients", "20", "--years", "1"}).exit_code == 0);
  // Patients 7 and 17 (the demo's seventh in every ten for the fourth drug); 8 has none.
  for (const char* mrn : {"DEMO-0007", "DEMO-0017"}) {
    INFO(mrn);
    std::vector<int> missed;
    const std::vector<TakenWeek> taken =
        taken_weeks(db.run({"history", "--patient", mrn, "--format", "csv"}).out, missed);
    // A course started within four months of a year's demo: at least 30 weekly doses given.
    CHECK(taken.size() >= 30);
    for (std::size_t i = 0; i < taken.size(); ++i) {
      INFO(taken[i].day);
      CHECK(taken[i].week == static_cast<int>(i) + 1);  // every week once, in order
      // A weekly tablet given on its day or up to five days late: 2 to 12 days from the one before.
      if (i > 0) CHECK(days_between(taken[i - 1].day, taken[i].day) >= 2);
      if (i > 0) CHECK(days_between(taken[i - 1].day, taken[i].day) <= 12);
    }
    for (int week : missed) CHECK(week <= static_cast<int>(taken.size()));  // given later
    const CliRun report = db.run({"report", "adherence", "--patient", mrn, "--from", taken.front().day,
                                  "--to", taken.back().day, "--format", "csv"});
    CHECK_THAT(report.out, Catch::Contains("," + std::string(mrn) + ",placebine,"));
  }
  std::vector<int> none;
  CHECK(taken_weeks(db.run({"history", "--patient", "DEMO-0008", "--format", "csv"}).out, none).empty());
  const CliRun check = db.run({"check"});
  INFO(check.out + check.err);
  CHECK(check.exit_code == 0);
}
