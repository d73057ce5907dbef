// alsmeds-cli board book|list end to end, and two nurses booking one chair at the same moment.
#include <unistd.h>

#include <sstream>
#include <thread>

#include "cli_db.hpp"

using namespace alsmeds::test;

namespace {

// 2026-03-02 is a Monday; cycle 1 of IV edaravone is an infusion every day for 14 days (docs/domain.md).
const std::string kStart = "2026-03-02";

void add_iv_patient(const TempDb& db, const std::string& mrn, const std::string& name) {
  id_of(db.run({"patient", "add", "--name", name, "--tz", "Europe/Paris", "--mrn", mrn}));
  id_of(db.run(
      {"therapy", "start", "--patient", mrn, "--drug", "edaravone", "--form", "iv", "--start", kStart}));
}

std::vector<std::string> csv_rows(const CliRun& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out_lines();
}

}  // namespace

TEST_CASE("board book prints the booking id, and board list shows the day's bookings") {
  TempDb db;
  add_iv_patient(db, "M-1", "Ana Silva");
  add_iv_patient(db, "M-2", "Ben Okoro");
  const std::string id = id_of(
      db.run({"board", "book", "--patient", "M-1", "--day", "2026-03-04", "--chair", "2", "--at", "10:00"}));
  id_of(
      db.run({"board", "book", "--patient", "M-2", "--day", "2026-03-04", "--chair", "1", "--at", "09:00"}));
  const auto rows = csv_rows(db.run({"board", "list", "--day", "2026-03-04", "--format", "csv"}));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].rfind("day,start,chair,patient_id,mrn,", 0) == 0);
  CHECK_THAT(rows[0], Catch::Contains("name") && Catch::Contains("cycle") && Catch::Contains("booked_by"));
  // By start: M-2 at 09:00 first; 2026-03-04 is cycle 1 day 3.
  CHECK(rows[1].rfind("2026-03-04,09:00,1,2,M-2,Ben Okoro,edaravone,1,3,nurse.kim", 0) == 0);
  CHECK(rows[2].rfind("2026-03-04,10:00,2,1,M-1,Ana Silva,edaravone,1,3,nurse.kim", 0) == 0);
  CHECK(csv_rows(db.run({"board", "list", "--day", "2026-03-05", "--format", "csv"})).size() == 1);

  SECTION("refusals: one line naming the value, exit 2, nothing stored") {
    for (const std::vector<std::string>& bad :
         {std::vector<std::string>{"--day", "2026-03-04", "--chair", "0", "--at", "10:00"},
          {"--day", "2026-03-04", "--chair", "5", "--at", "10:00"},
          {"--day", "2026-03-04", "--chair", "1", "--at", "25:00"},
          {"--day", "2026-02-30", "--chair", "1", "--at", "10:00"},
          {"--day", "2026-03-04", "--chair", "1", "--at", "09:30"},  // M-2's hour in chair 1
          {"--day", "2026-03-20", "--chair", "1", "--at", "10:00"},  // drug-free
          {"--day", "2026-03-04", "--chair", "1", "--at", "10:00", "--opens", "12", "--closes", "9"}}) {
      std::vector<std::string> args{"board", "book", "--patient", "M-1"};
      args.insert(args.end(), bad.begin(), bad.end());
      const auto r = db.run(args);
      INFO(r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.rfind("error: ", 0) == 0);
      CHECK(r.err_lines().size() == 1);
    }
    const auto after = csv_rows(db.run({"board", "list", "--day", "2026-03-04", "--format", "csv"}));
    CHECK(after == rows);
    CHECK_FALSE(id.empty());
  }
}

TEST_CASE("two nurses booking one chair and start at the same moment: one booking, one clear refusal") {
  TempDb db;
  add_iv_patient(db, "A", "Ana Silva");
  add_iv_patient(db, "B", "Ben Okoro");
  // Each round a day of cycle 1 (14 days): both processes start together, each for its own patient.
  for (int round = 0; round < 14; ++round) {
    const std::string day = "2026-03-" + std::string(round + 2 < 10 ? "0" : "") + std::to_string(round + 2);
    int ready[2], go[2];
    REQUIRE(pipe(ready) == 0);
    REQUIRE(pipe(go) == 0);
    // In each child before exec: say ready, then wait for the go (both start within microseconds).
    auto gate = [&] {
      char c = 'r';
      if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1) _exit(126);
    };
    CliRun ra, rb;
    std::thread ta([&] {
      ra = db.run({"board", "book", "--patient", "A", "--day", day, "--chair", "1", "--at", "10:00"}, gate);
    });
    std::thread tb([&] {
      rb = db.run({"board", "book", "--patient", "B", "--day", day, "--chair", "1", "--at", "10:00"}, gate);
    });
    char buf[2];
    REQUIRE(read(ready[0], buf, 1) == 1);
    REQUIRE(read(ready[0], buf + 1, 1) == 1);
    REQUIRE(write(go[1], "gg", 2) == 2);
    ta.join();
    tb.join();
    for (int fd : {ready[0], ready[1], go[0], go[1]}) close(fd);
    INFO("round " << round << ": " << ra.err << rb.err);
    CHECK(ra.exit_code + rb.exit_code == 2);  // one 0, one 2
    const CliRun& refused = ra.exit_code == 2 ? ra : rb;
    CHECK(refused.err.rfind("error: chair 1 is taken at 10:00 on " + day, 0) == 0);
    const auto rows = csv_rows(db.run({"board", "list", "--day", day, "--format", "csv"}));
    CHECK(rows.size() == 2);  // the header and exactly one booking
  }
}

TEST_CASE("board propose: the start and dose days that keep one chair free, beside the earliest start") {
  // Worked by hand. One chair open 09:00-10:00: one infusion a day. M-1 (IV from Mon 2 Mar, policy earliest)
  // fills it on 2-15 Mar (cycle 1), 30 Mar - 8 Apr (cycle 2) and from 27 Apr (cycle 3). For M-2, 5 weeks
  // means cycles 1 and 2; the days scored are 2 Mar + 28 + 35 = 63 days (2 Mar - 3 May).
  // The only start whose 14 consecutive days miss M-1's is 16 Mar (16-29 Mar); its cycle-2 window 13-26 Apr
  // is free: the first 10 days. Over capacity: none; peak 1. The earliest start, 2 Mar, doubles every one of
  // M-1's 14 + 10 days: 24 over-capacity days, peak 2. Infusions: M-1 14 + 10 + 7 (27 Apr - 3 May) + M-2 24
  // = 55 over 63 open days, mean 0.873; best: 55 days at 1 -> 55 x 0.127^2 = 0.9; earliest: 24 days at 2 and
  // 7 at 1 -> 24 x 1.127^2 + 7 x 0.127^2 = 30.6.
  TempDb db;
  add_iv_patient(db, "M-1", "Ana Silva");
  id_of(db.run({"patient", "add", "--name", "Ben Okoro", "--tz", "Europe/Paris", "--mrn", "M-2"}));
  const std::vector<std::string> base{"board",   "propose", "--patient", "M-2", "--from",   kStart,
                                      "--weeks", "5",       "--top",     "1",   "--chairs", "1",
                                      "--opens", "9",       "--closes",  "10",  "--format", "csv"};
  const auto rows = csv_rows(db.run(base));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == "rank,start,dose_days,peak_day_load,over_capacity_days,sum_sq_above_mean,note");
  CHECK(rows[1] == "1,2026-03-16,c1:1-14;c2:1-10,1,0,0.9,");
  CHECK(rows[2].rfind(",2026-03-02,c1:1-14;c2:1-10,2,24,30.6,earliest") != std::string::npos);

  SECTION("refused: a patient whose course runs, a bad unit or horizon (exit 2, one line)") {
    auto with = [&](std::vector<std::string> args, const std::string& option, const std::string& value) {
      for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == option) args[i + 1] = value;
      return db.run(args);
    };
    for (const CliRun& r : {with(base, "--patient", "M-1"), with(base, "--weeks", "0"),
                            with(base, "--chairs", "0"), with(base, "--from", "2026-02-30")}) {
      INFO(r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.rfind("error: ", 0) == 0);
      CHECK(r.err_lines().size() == 1);
      CHECK(r.out.empty());
    }
    auto bad_days = base;
    bad_days.insert(bad_days.end(), {"--open-days", "sundays"});
    CHECK(db.run(bad_days).exit_code == 2);
  }
}

TEST_CASE(
    "board level: a proposed delay, accepted with the command it prints, is the unit the list promised") {
  // Two IV patients starting on the same future Monday share every day of cycle 1 on one chair: any delay
  // of one of them frees days. The proposal's `accept` command is run as printed; board level then starts
  // from the unit the accepted move promised.
  TempDb db;
  for (const std::string mrn : {"L-1", "L-2"}) {
    id_of(db.run({"patient", "add", "--name", "Patient " + mrn, "--tz", "Europe/Paris", "--mrn", mrn}));
    id_of(db.run({"therapy", "start", "--patient", mrn, "--drug", "edaravone", "--form", "iv", "--start",
                  "2027-01-04"}));
  }
  const std::vector<std::string> level{"board",    "level", "--from",   "2027-01-01", "--weeks", "1",
                                       "--top",    "1",     "--chairs", "1",          "--opens", "9",
                                       "--closes", "10",    "--format", "csv"};
  const auto rows = csv_rows(db.run(level));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] ==
        "rank,patient_id,mrn,cycle,start,new_start,delay_days,peak_before,peak_after,over_capacity_before,"
        "over_capacity_after,sum_sq_above_mean_after,accept");
  const auto cells = split_csv_line(rows[1]);
  REQUIRE(cells.size() >= 13);
  CHECK(cells[3] == "1");
  CHECK(cells[4] == "2027-01-04");
  CHECK(std::stoi(cells[10]) < std::stoi(cells[9]));
  // The accept cell: alsmeds-cli therapy shift ... --reason "..." (a CSV cell with doubled quotes inside).
  std::string accept = rows[1].substr(rows[1].find("\"alsmeds-cli"));
  const auto reason_at = accept.find("--reason");
  REQUIRE(reason_at != std::string::npos);
  std::vector<std::string> args;
  std::istringstream words(
      accept.substr(std::string("\"alsmeds-cli ").size(), reason_at - std::string("\"alsmeds-cli ").size()));
  for (std::string w; words >> w;) args.push_back(w);
  args.push_back("--reason");
  args.push_back("chair levelling");
  id_of(db.run(args));
  const auto again = csv_rows(db.run(level));
  if (again.size() > 1) CHECK(split_csv_line(again[1])[9] == cells[10]);  // starts where the move left it

  CHECK(db.run({"board", "level", "--from", "2027-01-01", "--weeks", "0"}).exit_code == 2);
  CHECK(db.run({"board", "level", "--from", "2027-01-01", "--weeks", "2", "--max-delay", "9"}).exit_code ==
        2);
}
