// board settings (issue 27): the unit's chairs and hours kept in the clinic's database, read by board book,
// propose and level; therapy start --dose-days stores a proposal's dose days with the course.
#include "cli_db.hpp"

using namespace alsmeds::test;

namespace {

std::vector<std::string> csv_rows(const CliRun& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out_lines();
}

}  // namespace

TEST_CASE("board settings: the defaults until set, then what was set, for every later command") {
  TempDb db;
  auto shown = csv_rows(db.run({"board", "settings", "--format", "csv"}));
  REQUIRE(shown.size() == 2);
  CHECK(shown[0] ==
        "chairs,open,open_days,infusions_per_day,recorded_by,recorded_at,reason,lp_rooms,lp_minutes");
  CHECK(shown[1] ==
        "4,08:00-17:00,all,36,,,,1,60");  // 4 chairs x 9 hours; one lumbar-puncture room, 60 minutes

  id_of(db.run({"board", "settings", "--chairs", "12", "--open", "08:00-16:00", "--open-days", "weekdays",
                "--reason", "new unit"}));
  shown = csv_rows(db.run({"board", "settings", "--format", "csv"}));
  REQUIRE(shown.size() == 2);
  CHECK(shown[1].rfind("12,08:00-16:00,weekdays,96,nurse.kim,", 0) == 0);  // 12 x 8
  CHECK(shown[1].substr(shown[1].size() - 14) == ",new unit,1,60");

  // One option changes one thing; the same settings again change nothing and say so.
  id_of(db.run({"board", "settings", "--chairs", "10"}));
  CHECK(csv_rows(db.run({"board", "settings", "--format", "csv"}))[1].rfind("10,08:00-16:00,weekdays,80,",
                                                                            0) == 0);
  expect_refused(db.run({"board", "settings", "--chairs", "10"}), "nothing to change");

  SECTION("bad input: one line naming the problem, exit 2, nothing stored") {
    expect_refused(db.run({"board", "settings", "--chairs", "0"}), "--chairs");
    expect_refused(db.run({"board", "settings", "--chairs", "21"}), "--chairs");
    expect_refused(db.run({"board", "settings", "--open", "08:30-17:00"}), "whole hours");
    expect_refused(db.run({"board", "settings", "--open", "17:00-08:00"}), "opening");
    expect_refused(db.run({"board", "settings", "--open", "8-17"}), "--open");
    expect_refused(db.run({"board", "settings", "--open", "25:00-26:00"}), "--open");
    expect_refused(db.run({"board", "settings", "--open-days", "sundays"}), "--open-days");
    CHECK(csv_rows(db.run({"board", "settings", "--format", "csv"}))[1].rfind("10,08:00-16:00,weekdays,",
                                                                              0) == 0);
  }
}

TEST_CASE("board book and board propose use the stored settings, options override them for one command") {
  // The hand-worked unit of board_cli_test.cpp's propose test (one chair 09:00-10:00), stored this time.
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Ana Silva", "--tz", "Europe/Paris", "--mrn", "M-1"}));
  id_of(db.run({"therapy", "start", "--patient", "M-1", "--drug", "edaravone", "--form", "iv", "--start",
                "2026-03-02"}));
  id_of(db.run({"patient", "add", "--name", "Ben Okoro", "--tz", "Europe/Paris", "--mrn", "M-2"}));
  id_of(db.run({"board", "settings", "--chairs", "1", "--open", "09:00-10:00"}));
  const std::vector<std::string> propose{"board",   "propose", "--patient", "M-2", "--from",   "2026-03-02",
                                         "--weeks", "5",       "--top",     "1",   "--format", "csv"};
  const auto rows = csv_rows(db.run(propose));
  REQUIRE(rows.size() == 3);
  CHECK(rows[1] == "1,2026-03-16,c1:1-14;c2:1-10,1,0,0.9,");
  CHECK(rows[2].find(",2026-03-02,c1:1-14;c2:1-10,2,24,30.6,earliest") != std::string::npos);
  // --chairs 2 for this command only: nothing is over capacity any more, and the setting stays.
  auto wider = propose;
  wider.insert(wider.end(), {"--chairs", "2"});
  const auto wide_rows = csv_rows(db.run(wider));
  CHECK(wide_rows[1].find(",0,") != std::string::npos);
  CHECK(csv_rows(db.run({"board", "settings", "--format", "csv"}))[1].rfind("1,09:00-10:00,all,1,", 0) == 0);

  // The board has one chair from 09:00 to 10:00: chair 2, or 10:00, is refused; chair 1 at 09:00 books.
  expect_refused(
      db.run({"board", "book", "--patient", "M-1", "--day", "2026-03-03", "--chair", "2", "--at", "09:00"}),
      "chair 2");
  expect_refused(
      db.run({"board", "book", "--patient", "M-1", "--day", "2026-03-03", "--chair", "1", "--at", "10:00"}),
      "10:00");
  id_of(
      db.run({"board", "book", "--patient", "M-1", "--day", "2026-03-03", "--chair", "1", "--at", "09:00"}));
  // A change that leaves the booking outside the board is made, with a warning naming it.
  const CliRun later = db.run({"board", "settings", "--open", "10:00-12:00"});
  INFO(later.err);
  CHECK(later.exit_code == 0);
  CHECK(later.err.find("warning: 1 booking") == std::string::npos);  // 2026-03-03 is before today: not named
}

TEST_CASE("therapy start --dose-days: a proposal's dose days of cycles 2+ are the course's") {
  // IV from Monday 2026-03-02: cycle 2 from 03-30. Chosen cycle days 3-7 and 10-14 of cycle 2 are
  // 04-01..04-05 and 04-08..04-12 (by hand); the pharmacy's list of those two weeks names exactly them.
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Cy Days", "--tz", "Europe/Paris", "--mrn", "D-1"}));
  expect_refused(db.run({"therapy", "start", "--patient", "D-1", "--drug", "edaravone", "--start",
                         "2026-03-02", "--dose-days", "c2:1-9"}),
                 "--dose-days");
  expect_refused(db.run({"therapy", "start", "--patient", "D-1", "--drug", "riluzole", "--start",
                         "2026-03-02", "--dose-days", "c2:1-10"}),
                 "--dose-days");
  id_of(db.run({"therapy", "start", "--patient", "D-1", "--drug", "edaravone", "--form", "iv", "--start",
                "2026-03-02", "--dose-days", "c1:1-14;c2:3-7,10-14"}));
  const auto prep =
      csv_rows(db.run({"pharmacy", "prep", "--from", "2026-03-30", "--to", "2026-04-12", "--format", "csv"}));
  std::vector<std::string> dates;
  for (std::size_t i = 1; i < prep.size(); ++i) {
    const auto cells = split_csv_line(prep[i]);
    if (cells.size() > 4 && cells[4] == "week") continue;
    if (cells.size() > 2 && cells[2] != "0") dates.push_back(cells[0]);
  }
  CHECK(dates == std::vector<std::string>{"2026-04-01", "2026-04-02", "2026-04-03", "2026-04-04",
                                          "2026-04-05", "2026-04-08", "2026-04-09", "2026-04-10",
                                          "2026-04-11", "2026-04-12"});
  const CliRun audit = db.run({"audit", "--patient", "D-1", "--format", "csv"});
  CHECK(audit.out.find("dose days c2:3-7,10-14") != std::string::npos);
}
