// End-to-end: the database commands of docs/cli.md as a script uses them.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::run_cli;
using alsmeds::test::split_csv_line;

namespace {

using alsmeds::test::id_of;
using alsmeds::test::TempDb;

std::size_t history_rows(const TempDb& db, const std::string& patient) {
  const auto r = db.run({"history", "--patient", patient, "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  return r.out_lines().size() - 1;
}

}  // namespace

TEST_CASE("A patient's day: add, start therapies, log, history newest first with the printed ids") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "Zoë \"O'Brien\"", "--tz",
                                      "America/New_York", "--mrn", "MRN-1", "--born", "1960-05-01"}));
  id_of(db.run({"therapy", "start", "--patient", "MRN-1", "--drug", "riluzole", "--start", "2026-03-01"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "edaravone", "--start", "2026-03-02"}));
  const std::string d1 =
      id_of(db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-08T08:05"}));
  const std::string d2 =
      id_of(db.run({"log", "dose", "--patient", "MRN-1", "--drug", "riluzole", "--at",
                    "2026-03-08T20:00:00-04:00", "--status", "missed", "--note", "asleep"}));
  const std::string lab = id_of(db.run(
      {"log", "lab", "--patient", p, "--test", "ALT", "--value", "30", "--uln", "40", "--at", "2026-03-09"}));
  const std::string eff = id_of(db.run({"log", "effect", "--patient", p, "--term", "headache", "--grade", "2",
                                        "--at", "2026-03-04T10:00", "--drug", "edaravone"}));
  const std::string disp = id_of(db.run(
      {"dispense", "--patient", p, "--drug", "riluzole", "--date", "2026-03-01", "--days-supply", "30"}));
  const auto h = db.run({"history", "--patient", p, "--format", "csv"});
  REQUIRE(h.exit_code == 0);
  const auto lines = h.out_lines();
  REQUIRE(lines.size() == 6u);
  const auto header = split_csv_line(lines[0]);
  CHECK(std::vector<std::string>(header.begin(), header.begin() + 6) ==
        std::vector<std::string>{"id", "kind", "at", "drug", "status", "detail"});
  CHECK(split_csv_line(lines[1])[0] == lab);  // 9 Mar
  CHECK(split_csv_line(lines[2])[0] == d2);   // 8 Mar 20:00
  CHECK(split_csv_line(lines[2])[4] == "missed");
  CHECK(split_csv_line(lines[2])[2] == "2026-03-08T20:00:00-04:00");
  CHECK(split_csv_line(lines[3])[0] == d1);
  CHECK(split_csv_line(lines[3])[2] == "2026-03-08T08:05:00-04:00");  // after the DST change: EDT
  CHECK(split_csv_line(lines[4])[0] == eff);
  CHECK_THAT(lines[4], Catch::Contains("cycle 1 day 3"));  // 4 Mar is day 3 of cycle 1 from 2 Mar
  CHECK(split_csv_line(lines[5])[0] == disp);
  CHECK(split_csv_line(lines[5])[1] == "dispensing");
}

TEST_CASE("Bad input is refused with exit 2 and nothing is written") {
  TempDb db;
  const std::string p =
      id_of(db.run({"patient", "add", "--name", "A", "--tz", "Europe/Paris", "--mrn", "M"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  const std::vector<std::vector<std::string>> bad{
      {"log", "dose", "--patient", "999", "--drug", "riluzole", "--at", "2026-03-08T08:00"},
      {"log", "dose", "--patient", p, "--drug", "aspirin", "--at", "2026-03-08T08:00"},
      {"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-02-28T08:00"},
      {"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-32T08:00"},
      {"log", "dose", "--patient", p, "--drug", "edaravone", "--at", "2026-03-08T08:00"},
      {"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-08T08:00", "--status", "lost"},
      {"log", "effect", "--patient", p, "--term", "rash", "--grade", "6", "--at", "2026-03-08T08:00"},
      {"log", "effect", "--patient", p, "--term", "rash", "--grade", "0", "--at", "2026-03-08T08:00"},
      {"log", "lab", "--patient", p, "--test", "ALT", "--value", "-5", "--uln", "40", "--at", "2026-03-08"},
      {"log", "lab", "--patient", p, "--test", "ALT", "--value", "5", "--uln", "0", "--at", "2026-03-08"},
      {"log", "lab", "--patient", p, "--test", "GGT", "--value", "5", "--uln", "40", "--at", "2026-03-08"},
      {"log", "weight", "--patient", p, "--kg", "-70", "--at", "2026-03-08"},
      {"dispense", "--patient", p, "--drug", "riluzole", "--date", "2026-03-08", "--days-supply", "-30"},
      {"patient", "add", "--name", "B", "--tz", "Moon/Base"},
      {"patient", "add", "--name", "C", "--tz", "UTC", "--mrn", "M"},
      {"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-02-30"},
      {"therapy", "stop", "--patient", p, "--drug", "riluzole", "--date", "2026-01-01", "--reason", "x"},
  };
  for (const auto& args : bad) {
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    INFO(joined);
    const auto r = db.run(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    REQUIRE(r.err_lines().size() == 1u);
    CHECK_THAT(r.err_lines()[0], Catch::StartsWith("error: "));
  }
  CHECK(history_rows(db, p) == 0u);
  const auto list = db.run({"patient", "list", "--format", "csv"});
  CHECK(list.out_lines().size() == 2u);  // header + the one patient
}

TEST_CASE("Sulfite allergy blocks edaravone until the risk is confirmed") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "S", "--tz", "UTC", "--sulfite-allergy"}));
  const auto refused =
      db.run({"therapy", "start", "--patient", p, "--drug", "edaravone", "--start", "2026-03-02"});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("sulfite"));
  // A confirmation names the prescriber and why; without them it is refused too.
  CHECK(db.run({"therapy", "start", "--patient", p, "--drug", "edaravone", "--start", "2026-03-02",
                "--confirm-sulfite-risk"})
            .exit_code == 2);
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "edaravone", "--start", "2026-03-02",
                "--confirm-sulfite-risk", "--prescriber", "Dr Ruiz", "--confirm-reason",
                "mild reaction only; premedicated"}));
  const auto due = db.run({"due", "--patient", p, "--on", "2026-03-03", "--format", "csv"});
  CHECK_THAT(due.out, Catch::Contains("sulfite"));
  CHECK_THAT(db.run({"audit", "--patient", p, "--format", "csv"}).out,
             Catch::Contains("sulfite risk accepted by Dr Ruiz: mild reaction only; premedicated"));
}

TEST_CASE("Corrections supersede and the audit lists both, re-flow moves the next infusions") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "A", "--tz", "UTC"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "edaravone", "--start", "2026-01-05"}));
  const std::string first =
      id_of(db.run({"log", "weight", "--patient", p, "--kg", "170", "--at", "2026-01-05"}));
  const std::string fix = id_of(
      db.run({"log", "weight", "--patient", p, "--kg", "71", "--at", "2026-01-05", "--corrects", first}));
  CHECK(history_rows(db, p) == 2u);
  const auto audit = db.run({"audit", "--patient", p, "--format", "csv"});
  CHECK_THAT(audit.out, Catch::Contains("correct") && Catch::Contains("supersedes record " + first));
  // Cycle 2 would start 2 Feb; a 3-day delay of cycle 2 moves its first infusion to 5 Feb.
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-02-02", "--format", "csv"}).out,
             Catch::Contains("2026-02-02,due,edaravone"));
  id_of(db.run({"therapy", "shift", "--patient", p, "--drug", "edaravone", "--cycle", "2", "--days", "3",
                "--reason", "hospital stay"}));
  const auto after = db.run({"due", "--patient", p, "--on", "2026-02-02", "--format", "csv"}).out;
  CHECK_THAT(after,
             !Catch::Contains("2026-02-02,due,edaravone") && Catch::Contains("2026-02-05,coming,edaravone"));
  CHECK_THAT(db.run({"audit", "--format", "csv"}).out,
             Catch::Contains("reflow") && Catch::Contains("hospital stay"));
  (void)fix;
}

TEST_CASE("Import: all rows or none, the bad row is named") {
  TempDb db;
  const auto patients =
      db.write("p.csv", "mrn,name,tz,born\nM1,\"Doe, Jane\",UTC,1950-01-01\nM2,Bo,Asia/Tokyo,\n");
  CHECK(db.run({"import", "patients", patients}).exit_code == 0);
  id_of(db.run({"therapy", "start", "--patient", "M1", "--drug", "riluzole", "--start", "2026-03-01"}));
  const auto bad = db.write("d.csv",
                            "mrn,drug,at,status\nM1,riluzole,2026-03-02T08:00,taken\n"
                            "M1,riluzole,2026-03-02T20:00,taken\nM9,riluzole,2026-03-03T08:00,taken\n");
  const auto r = db.run({"import", "doses", bad});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("line 4") && Catch::Contains("M9"));
  CHECK(history_rows(db, "M1") == 0u);
  const auto good = db.write("g.csv",
                             "mrn,drug,at,status\nM1,riluzole,2026-03-02T08:00,taken\n"
                             "M1,riluzole,2026-03-02T20:00,missed\n");
  CHECK(db.run({"import", "doses", good}).exit_code == 0);
  CHECK(history_rows(db, "M1") == 2u);
  const auto disp =
      db.write("s.csv", "mrn,drug,date,days_supply\nM1,riluzole,2026-03-01,30\nM1,riluzole,2026-03-31,x\n");
  CHECK_THAT(db.run({"import", "dispensing", disp}).err, Catch::Contains("line 3, column days_supply"));
}

TEST_CASE("A file that is not an alsmeds database is refused and left unchanged") {
  TempDb db;
  const auto path = db.write("notes.db", "these are notes, not a database\n");
  const auto r = run_cli({"--db", path, "patient", "list"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("error: ") && Catch::Contains("not an alsmeds database"));
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "these are notes, not a database\n");
}

TEST_CASE("Demo fills an empty database, due and backup work on it, demo refuses a second fill") {
  TempDb db;
  const auto demo = db.run({"demo", "--patients", "6", "--years", "1", "--seed", "3"});
  REQUIRE(demo.exit_code == 0);
  CHECK_THAT(demo.out, Catch::Contains("6 patients"));
  const auto list = db.run({"patient", "list", "--format", "json"});
  CHECK(nlohmann::json::parse(list.out).size() == 6u);
  const auto due = db.run({"due", "--format", "csv"});
  CHECK(due.exit_code == 0);
  CHECK(due.out_lines().size() > 6u);
  CHECK(db.run({"demo"}).exit_code == 2);
  const auto copy = (db.dir / "copy.db").string();
  CHECK(db.run({"backup", copy}).exit_code == 0);
  CHECK(run_cli({"--db", copy, "patient", "list", "--format", "csv"}).out_lines().size() == 7u);
  const auto check = run_cli({"--db", copy, "check"});
  CHECK(check.exit_code == 0);
  CHECK(check.out.rfind("ok\n", 0) == 0);
}

TEST_CASE("report adherence: hand-computed taking, timing and PDC for one patient, bad periods refused") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "R", "--tz", "UTC", "--mrn", "R-1"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  // 1-5 March: 10 doses planned; 8 logged taken, one of them 4 hours late (outside the 3-hour window).
  const std::vector<std::string> taken{"2026-03-01T08:00", "2026-03-01T20:00", "2026-03-02T08:00",
                                       "2026-03-02T20:00", "2026-03-03T12:00", "2026-03-04T08:00",
                                       "2026-03-04T20:00", "2026-03-05T08:00"};
  for (const auto& at : taken)
    id_of(db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", at}));
  id_of(db.run(
      {"dispense", "--patient", p, "--drug", "riluzole", "--date", "2026-03-01", "--days-supply", "30"}));
  const auto r = db.run({"report", "adherence", "--patient", "R-1", "--from", "2026-03-01", "--to",
                         "2026-03-05", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  const auto lines = r.out_lines();
  REQUIRE(lines.size() == 2u);
  const auto header = split_csv_line(lines[0]);
  CHECK(std::vector<std::string>(header.begin(), header.begin() + 8) ==
        std::vector<std::string>{"patient_id", "mrn", "drug", "scheduled", "taken", "taking_pct",
                                 "timing_pct", "pdc_pct"});
  const auto row = split_csv_line(lines[1]);
  CHECK(std::vector<std::string>(row.begin(), row.begin() + 8) ==
        std::vector<std::string>{p, "R-1", "riluzole", "10", "8", "80.0", "70.0", "100.0"});
  CHECK(db.run({"report", "adherence", "--all", "--from", "2026-03-05", "--to", "2026-03-01"}).exit_code ==
        2);
  CHECK(db.run({"report", "adherence", "--all", "--patient", p, "--from", "2026-03-01", "--to", "2026-03-05"})
            .exit_code == 2);
  const auto json = db.run(
      {"report", "adherence", "--all", "--from", "2026-03-01", "--to", "2026-03-05", "--format", "json"});
  REQUIRE(json.exit_code == 0);
  const auto rows = nlohmann::json::parse(json.out);
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0]["taking_pct"] == 80.0);
}

TEST_CASE("log lab: an AST result is assessed like ALT and its warning printed (issue 25)") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Ann", "--tz", "Europe/Paris", "--mrn", "A1"}));
  id_of(db.run({"log", "lab", "--patient", "A1", "--test", "AST", "--value", "30", "--uln", "40", "--at",
                "2026-03-01"}));
  // AST 300 U/L at ULN 40 = 7.5x: 5x or more (worked by hand).
  const auto r = db.run({"log", "lab", "--patient", "A1", "--test", "AST", "--value", "300", "--uln", "40",
                         "--at", "2026-03-10"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("warning: AST 7.5x ULN: 5x ULN or more, discontinue riluzole"));
}
