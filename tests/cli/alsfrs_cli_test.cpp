// log alsfrs and report progression end to end (issue 28). Seven reports 30 days apart, onset 2025-01-01;
// totals, domains, delta FS and the 6-month slope worked by hand (tests/core/alsfrs_test.cpp shows the sums;
// the slopes as of 05-01 and 05-31, -0.91 and -0.99, by the same least squares over 5 and 6 reports).
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <string>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::id_of;
using alsmeds::test::TempDb;

TEST_CASE(
    "log alsfrs: a wrong count or value exits 2 naming it, and a second report of a day is a correction") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "Ana", "--tz", "UTC", "--mrn", "F-1"}));
  const auto eleven =
      db.run({"log", "alsfrs", "--patient", p, "--at", "2026-03-01", "--items", "4,4,4,4,4,4,4,4,4,4,4"});
  CHECK(eleven.exit_code == 2);
  CHECK_THAT(eleven.err, Catch::Contains("--items: 11 answers given, 12 needed"));
  const auto five =
      db.run({"log", "alsfrs", "--patient", p, "--at", "2026-03-01", "--items", "4,4,4,4,4,4,4,4,4,9,4,4"});
  CHECK(five.exit_code == 2);
  CHECK_THAT(five.err, Catch::Contains("item 10 (dyspnea): '9' is not an answer from 0 to 4"));
  CHECK(db.run({"log", "alsfrs", "--patient", p, "--at", "2999-01-01", "--items", "4,4,4,4,4,4,4,4,4,4,4,4"})
            .exit_code == 2);
  const auto ok =
      db.run({"log", "alsfrs", "--patient", p, "--at", "2026-03-01", "--items", "4,4,4,4,4,4,4,4,4,4,4,4"});
  INFO(ok.err);
  REQUIRE(ok.exit_code == 0);
  CHECK(ok.err.empty());  // nothing to warn of
  const std::string first = id_of(ok);
  const auto again =
      db.run({"log", "alsfrs", "--patient", p, "--at", "2026-03-01", "--items", "4,4,4,4,4,4,4,4,4,4,4,3"});
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Contains("--corrects " + first));
  REQUIRE(db.run({"log", "alsfrs", "--patient", p, "--at", "2026-03-01", "--items", "4,4,4,4,4,4,4,4,4,4,4,3",
                  "--corrects", first})
              .exit_code == 0);
  const auto prog = db.run({"report", "progression", "--patient", p, "--format", "csv"});
  CHECK(prog.out ==
        "patient_id,mrn,date,total,bulbar,fine_motor,gross_motor,respiratory,delta_fs,slope_6m\n"
        "1,F-1,2026-03-01,47,12,12,12,11,NA,NA\n");
  // Due 4 weeks after the last report.
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-03-29", "--format", "csv"}).out,
             Catch::Contains("alsfrs,2026-03-29,due"));
}

TEST_CASE("report progression: seven reports, delta FS from the onset and the 6-month slope, by hand") {
  TempDb db;
  const std::string p = id_of(
      db.run({"patient", "add", "--name", "Ana", "--tz", "UTC", "--mrn", "F-1", "--onset", "2025-01-01"}));
  const std::pair<const char*, const char*> reports[] = {
      {"2026-01-01", "4,4,4,4,4,4,2,1,1,4,4,4"}, {"2026-01-31", "4,4,4,4,4,4,1,1,1,4,4,4"},
      {"2026-03-02", "4,4,4,4,4,4,1,1,0,4,4,4"}, {"2026-04-01", "4,4,4,4,4,4,1,1,0,4,4,4"},
      {"2026-05-01", "4,4,4,4,4,2,1,1,0,4,4,4"}, {"2026-05-31", "4,4,4,4,4,2,1,1,0,4,4,3"},
      {"2026-06-30", "4,4,3,4,4,2,1,1,0,4,4,3"}};
  for (const auto& [day, items] : reports) {
    const auto r = db.run({"log", "alsfrs", "--patient", p, "--at", day, "--items", items});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    if (std::string(day) == "2026-05-01") CHECK_THAT(r.err, Catch::Contains("fine motor down 2 (12 to 10)"));
    if (std::string(day) == "2026-05-31") CHECK_THAT(r.err, Catch::Contains("respiratory down 1 (12 to 11)"));
  }
  const auto prog = db.run({"report", "progression", "--all", "--format", "csv"});
  CHECK(prog.out ==
        "patient_id,mrn,date,total,bulbar,fine_motor,gross_motor,respiratory,delta_fs,slope_6m\n"
        "1,F-1,2026-01-01,40,12,12,4,12,0.67,NA\n"
        "1,F-1,2026-01-31,39,12,12,3,12,0.67,-1.01\n"
        "1,F-1,2026-03-02,38,12,12,2,12,0.67,-1.01\n"
        "1,F-1,2026-04-01,38,12,12,2,12,0.67,-0.71\n"
        "1,F-1,2026-05-01,36,12,10,2,12,0.67,-0.91\n"
        "1,F-1,2026-05-31,35,12,10,2,11,0.67,-0.99\n"
        "1,F-1,2026-06-30,34,11,10,2,11,0.67,-1.01\n");
  CHECK(db.run({"report", "progression", "--format", "csv"}).exit_code == 2);  // neither --patient nor --all
  // The onset moves by patient update: delta FS follows.
  REQUIRE(db.run({"patient", "update", "--patient", p, "--onset", "2025-07-01", "--reason", "onset re-dated"})
              .exit_code == 0);
  CHECK_THAT(db.run({"report", "progression", "--patient", p, "--format", "csv"}).out,
             Catch::Contains("2026-01-01,40,12,12,4,12,1.32,NA"));  // 184 days: 8 / 6.045
}

TEST_CASE("report adherence: the cohort gains the last ALSFRS-R total, delta FS and the 6-month slope") {
  TempDb db;
  const std::string p = id_of(
      db.run({"patient", "add", "--name", "Ana", "--tz", "UTC", "--mrn", "F-1", "--onset", "2025-01-01"}));
  const std::string q = id_of(db.run({"patient", "add", "--name", "Bo", "--tz", "UTC", "--mrn", "F-2"}));
  for (const std::string& who : {p, q})
    REQUIRE(db.run({"therapy", "start", "--patient", who, "--drug", "edaravone", "--start", "2026-01-05"})
                .exit_code == 0);
  // The first four reports of the test above: as of 04-30 the last is 04-01 (38), delta FS 0.67 and the
  // slope over 01-01..04-01 -0.71 (worked there by hand); a report after the period is not read.
  for (const auto& [day, items] : {std::pair{"2026-01-01", "4,4,4,4,4,4,2,1,1,4,4,4"},
                                   {"2026-01-31", "4,4,4,4,4,4,1,1,1,4,4,4"},
                                   {"2026-03-02", "4,4,4,4,4,4,1,1,0,4,4,4"},
                                   {"2026-04-01", "4,4,4,4,4,4,1,1,0,4,4,4"},
                                   {"2026-05-01", "0,0,0,0,0,0,0,0,0,0,0,0"}})
    REQUIRE(db.run({"log", "alsfrs", "--patient", p, "--at", day, "--items", items}).exit_code == 0);
  const auto csv = db.run(
      {"report", "adherence", "--all", "--from", "2026-04-01", "--to", "2026-04-30", "--format", "csv"});
  INFO(csv.out << csv.err);
  REQUIRE(csv.exit_code == 0);
  const auto lines = csv.out_lines();
  REQUIRE(lines.size() == 3u);
  CHECK_THAT(lines[0], Catch::EndsWith(",on_hand,runs_out_on,alsfrs_total,alsfrs_on,delta_fs,slope_6m"));
  for (const std::string& line : {lines[1], lines[2]}) {
    if (line.rfind(p + ",F-1,", 0) == 0)
      CHECK_THAT(line, Catch::EndsWith(",38,2026-04-01,0.67,-0.71"));
    else
      CHECK_THAT(line, Catch::EndsWith(",NA,,NA,NA"));  // Bo: no report
  }
}

TEST_CASE("report progression as pdf to a file, and log alsfrs --by names the rater in the audit") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "Ana", "--tz", "UTC", "--mrn", "F-1"}));
  REQUIRE(db.run({"log", "alsfrs", "--patient", p, "--at", "2026-03-01", "--items", "4,4,4,4,4,4,4,4,4,4,4,4",
                  "--by", "Dr Rao"})
              .exit_code == 0);
  CHECK_THAT(db.run({"audit", "--format", "csv"}).out, Catch::Contains("Dr Rao,insert,alsfrs"));
  const auto to_terminal = db.run({"report", "progression", "--patient", p, "--format", "pdf"});
  CHECK(to_terminal.exit_code == 2);
  CHECK_THAT(to_terminal.err, Catch::Contains("needs --out"));
  CHECK(db.run({"report", "progression", "--patient", p, "--format", "html"}).exit_code == 2);
  const std::string path = (db.dir / "p.pdf").string();
  REQUIRE(db.run({"report", "progression", "--patient", p, "--format", "pdf", "--out", path}).exit_code == 0);
  std::ifstream in(path, std::ios::binary);
  const std::string pdf{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  CHECK(pdf.rfind("%PDF-", 0) == 0);
  CHECK(pdf.find("%%EOF") != std::string::npos);
  // --out with csv writes the table to the file.
  const std::string csv_path = (db.dir / "p.csv").string();
  REQUIRE(db.run({"report", "progression", "--patient", p, "--out", csv_path}).exit_code == 0);
  std::ifstream csv_in(csv_path);
  std::string first;
  std::getline(csv_in, first);
  CHECK(first == "patient_id,mrn,date,total,bulbar,fine_motor,gross_motor,respiratory,delta_fs,slope_6m");
}

TEST_CASE("due --alsfrs-every: the self-report interval is a setting, out-of-range refused") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "Ana", "--tz", "UTC", "--mrn", "F-1"}));
  REQUIRE(
      db.run({"log", "alsfrs", "--patient", p, "--at", "2026-03-01", "--items", "4,4,4,4,4,4,4,4,4,4,4,4"})
          .exit_code == 0);
  // Every 14 days: due on 03-15, not on 03-14; the clinic-wide list says the same.
  CHECK_THAT(
      db.run({"due", "--patient", p, "--on", "2026-03-14", "--alsfrs-every", "14", "--format", "csv"}).out,
      !Catch::Contains("alsfrs"));
  CHECK_THAT(
      db.run({"due", "--patient", p, "--on", "2026-03-15", "--alsfrs-every", "14", "--format", "csv"}).out,
      Catch::Contains("alsfrs,2026-03-15,due,,ALSFRS-R self-report (every 2 weeks; the last on 2026-03-01)"));
  CHECK_THAT(db.run({"due", "--on", "2026-03-15", "--alsfrs-every", "14", "--format", "csv"}).out,
             Catch::Contains("alsfrs,2026-03-15,due"));
  // The default stays 4 weeks.
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-03-15", "--format", "csv"}).out,
             !Catch::Contains("alsfrs"));
  for (const char* bad : {"6", "183", "two", "-14"}) {
    const auto r = db.run({"due", "--patient", p, "--alsfrs-every", bad});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--alsfrs-every"));
  }
}
