// End-to-end, issue 17 items 1-4 and 8-10: how --patient names a patient, corrections that chain, repeated
// doses, absurd values, imports in the audit trail, who records, and tables that nothing rewrites.
#include <pwd.h>
#include <sqlite3.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::id_of;
using alsmeds::test::run_cli;
using alsmeds::test::split_csv_line;
using alsmeds::test::TempDb;

namespace {

// Patients id 1 (MRN M-1), id 2 (MRN M-2), id 3 (MRN 2), id 4 (MRN 0003): clinics' MRNs are often numbers.
void add_four_patients(const TempDb& db) {
  for (const char* mrn : {"M-1", "M-2", "2", "0003"})
    id_of(db.run({"patient", "add", "--name", std::string("Patient ") + mrn, "--tz", "UTC", "--mrn", mrn}));
}

std::size_t rows_of(const TempDb& db, std::vector<std::string> args) {
  args.insert(args.end(), {"--format", "csv"});
  const auto r = db.run(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out_lines().size() - 1;  // the header
}

// The CSV rows of `audit` as lists of cells, header first.
std::vector<std::vector<std::string>> audit_rows(const TempDb& db, const std::string& patient) {
  std::vector<std::string> args{"audit", "--format", "json"};
  if (!patient.empty()) args.insert(args.end(), {"--patient", patient});
  const auto r = db.run(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::vector<std::string>> out;
  for (const auto& row : nlohmann::json::parse(r.out)) {
    std::vector<std::string> cells;
    for (const char* c :
         {"id", "actor", "action", "entity", "entity_id", "patient_id", "detail", "os_account"})
      cells.push_back(row.at(c).is_string() ? row.at(c).get<std::string>() : row.at(c).dump());
    out.push_back(cells);
  }
  return out;
}

std::string account() {
  const passwd* pw = ::getpwuid(::geteuid());
  return pw && pw->pw_name ? pw->pw_name : "uid " + std::to_string(::geteuid());
}

int raw_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

std::string doses_file(int days) {
  std::string csv = "mrn,drug,at,status\n";
  for (int i = 0; i < days * 2; ++i) {
    char at[32];
    std::snprintf(at, sizeof at, "2026-03-%02dT%s", 1 + i / 2, i % 2 ? "20:00" : "08:00");
    csv += std::string(i % 3 ? "M-1" : "M-2") + ",riluzole," + at + ",taken\n";
  }
  return csv;
}

}  // namespace

TEST_CASE("Item 1: --patient never picks one of two patients by a guess") {
  TempDb db;
  add_four_patients(db);
  for (const char* patient : {"1", "M-2", "3", "4"})  // values that name one patient only
    id_of(db.run({"therapy", "start", "--patient", patient, "--drug", "riluzole", "--start", "2026-03-01"}));

  // '2' is the id of patient 2 and the MRN of patient 3: refused, both listed with how to name each.
  const auto two =
      db.run({"log", "dose", "--patient", "2", "--drug", "riluzole", "--at", "2026-03-02T08:00"});
  CHECK(two.exit_code == 2);
  CHECK(two.out.empty());
  CHECK_THAT(two.err, Catch::StartsWith("error: --patient: '2' could name 2 patients") &&
                          Catch::Contains("patient 2 (MRN 'M-2') by its id (write id:2)") &&
                          Catch::Contains("patient 3 (MRN '2') by its MRN (write mrn:2)"));
  CHECK(rows_of(db, {"history", "--patient", "id:2"}) == 0u);
  CHECK(rows_of(db, {"history", "--patient", "id:3"}) == 0u);
  for (const char* command : {"history", "audit", "due"}) {
    const auto r = db.run({command, "--patient", "2"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("could name 2 patients"));
  }

  // Each one named explicitly.
  id_of(db.run({"log", "dose", "--patient", "id:2", "--drug", "riluzole", "--at", "2026-03-02T08:00"}));
  id_of(db.run({"log", "dose", "--patient", "mrn:2", "--drug", "riluzole", "--at", "2026-03-02T20:00"}));
  const auto of2 = db.run({"history", "--patient", "M-2", "--format", "csv"});
  REQUIRE(of2.out_lines().size() == 2u);
  CHECK_THAT(of2.out_lines()[1], Catch::Contains("T08:00"));
  const auto of3 = db.run({"history", "--patient", "mrn:2", "--format", "csv"});
  REQUIRE(of3.out_lines().size() == 2u);
  CHECK_THAT(of3.out_lines()[1], Catch::Contains("T20:00"));

  // '0003' is not how an id is written: it is the MRN of patient 4, never patient 3.
  id_of(db.run({"log", "dose", "--patient", "0003", "--drug", "riluzole", "--at", "2026-03-03T08:00"}));
  CHECK(rows_of(db, {"history", "--patient", "id:4"}) == 1u);
  CHECK(rows_of(db, {"history", "--patient", "id:3"}) == 1u);  // only the 20:00 dose above
  // '1' is only patient 1's id: no MRN is '1'.
  CHECK(rows_of(db, {"history", "--patient", "1"}) == 0u);
  const auto none = db.run({"history", "--patient", "007"});
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Catch::Contains("without leading zeros"));
  const auto bad_id = db.run({"history", "--patient", "id:x"});
  CHECK(bad_id.exit_code == 2);

  // An MRN that --patient would read as a prefix is refused at the door.
  for (const char* mrn : {"id:7", "mrn:7", " 7", "7 "}) {
    const auto r = db.run({"patient", "add", "--name", "P", "--tz", "UTC", "--mrn", mrn});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("MRN"));
  }
}

TEST_CASE("Item 2: a corrected record is corrected only in its current version, and every view agrees") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "A", "--tz", "UTC", "--mrn", "M-1"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  const std::string alt = id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "250",
                                        "--uln", "40", "--at", "2026-03-10"}));
  const std::string fix = id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "25",
                                        "--uln", "40", "--at", "2026-03-10", "--corrects", alt}));
  // A second correction of the old version would split the record in two: refused, naming the current one.
  const auto split = db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "260", "--uln", "40",
                             "--at", "2026-03-10", "--corrects", alt});
  CHECK(split.exit_code == 2);
  CHECK_THAT(split.err, Catch::Contains("already corrected by record " + fix));
  // The chain goes on from the current version.
  const std::string again = id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "26",
                                          "--uln", "40", "--at", "2026-03-10", "--corrects", fix}));

  // history lists every version; the audit names each link of the chain.
  CHECK(rows_of(db, {"history", "--patient", p}) == 3u);
  const auto audit = db.run({"audit", "--patient", p, "--format", "csv"}).out;
  CHECK_THAT(audit,
             Catch::Contains("supersedes record " + alt) && Catch::Contains("supersedes record " + fix));
  // due and the report read the current version only: ALT 26 (0.65x ULN); 250 or 260 would be a stop alert.
  const auto due = db.run({"due", "--patient", p, "--on", "2026-03-11", "--format", "csv"});
  REQUIRE(due.exit_code == 0);
  CHECK_THAT(due.out, !Catch::Contains("ALT"));
  const auto report = db.run({"report", "adherence", "--patient", p, "--from", "2026-03-01", "--to",
                              "2026-03-31", "--format", "json"});
  REQUIRE(report.exit_code == 0);
  const auto rows = nlohmann::json::parse(report.out);
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0].at("last_alt_x_uln").get<double>() == Approx(0.7));  // one decimal
  // The database itself refuses a second correction of one record (another program, or sqlite3).
  CHECK(raw_exec(db.path,
                 "INSERT INTO log_entries (patient_id, kind, at, day, test, value, uln, note, recorded_by, "
                 "recorded_at, supersedes) VALUES (" +
                     p + ", 'lab', 0, 0, 'ALT', 260, 40, '', 'x', 0, " + alt + ")") != SQLITE_OK);
  CHECK(db.run({"check"}).out.rfind("ok\n", 0) == 0);
  (void)again;
}

TEST_CASE(
    "Item 3: a repeated dose is refused on import, naming the line, and recorded with a warning by hand") {
  TempDb db;
  for (const char* mrn : {"M-1", "M-2"}) {
    id_of(db.run({"patient", "add", "--name", "P", "--tz", "UTC", "--mrn", mrn}));
    id_of(db.run({"therapy", "start", "--patient", mrn, "--drug", "riluzole", "--start", "2026-03-01"}));
  }
  const std::string file = db.write("doses.csv", doses_file(31));  // 62 doses
  const auto first = db.run({"import", "doses", file});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out == "imported 62 doses\n");
  // The same file again: refused, nothing written.
  const auto twice = db.run({"import", "doses", file});
  CHECK(twice.exit_code == 2);
  CHECK_THAT(twice.err, Catch::Contains("line 2") && Catch::Contains("repeats record"));
  CHECK(rows_of(db, {"history", "--patient", "M-1"}) + rows_of(db, {"history", "--patient", "M-2"}) == 62u);
  // Two lines of one file for one dose.
  const auto dup = db.write("dup.csv",
                            "mrn,drug,at,status\nM-1,riluzole,2026-04-02T08:00,taken\n"
                            "M-1,riluzole,2026-04-02T08:00,taken\n");
  const auto in_file = db.run({"import", "doses", dup});
  CHECK(in_file.exit_code == 2);
  CHECK_THAT(in_file.err, Catch::Contains("line 3") && Catch::Contains("repeats line 2"));
  // The same for dispensings.
  const auto disp = db.write("disp.csv", "mrn,drug,date,days_supply\nM-1,riluzole,2026-03-01,30\n");
  REQUIRE(db.run({"import", "dispensing", disp}).exit_code == 0);
  CHECK(db.run({"import", "dispensing", disp}).exit_code == 2);

  // By hand, a dose matched to a planned dose already taken is recorded with a warning.
  id_of(db.run({"log", "dose", "--patient", "M-1", "--drug", "riluzole", "--at", "2026-04-02T08:00"}));
  const auto late =
      db.run({"log", "dose", "--patient", "M-1", "--drug", "riluzole", "--at", "2026-04-02T13:37"});
  CHECK(late.exit_code == 0);
  CHECK_THAT(late.err, Catch::StartsWith("warning: ") && Catch::Contains("already recorded taken"));
}

TEST_CASE("Item 4: absurd values are refused on every path, and messages quote them shortened") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "A", "--tz", "UTC", "--mrn", "M-1"}));
  id_of(db.run({"therapy", "start", "--patient", "M-1", "--drug", "riluzole", "--start", "2026-03-01"}));
  const std::string huge(100000, 'x');  // one argument may hold at most 128 KiB
  struct Case {
    std::vector<std::string> args;
    std::string named;
  };
  const std::vector<Case> cases{
      {{"log", "dose", "--patient", "M-1", "--drug", "riluzole", "--at", "9999-12-31T23:59:59-12:00",
        "--status", "missed"},
       "--at"},
      {{"log", "lab", "--patient", "M-1", "--test", "ALT", "--value", "0x1A", "--uln", "40", "--at",
        "2026-03-10"},
       "--value"},
      {{"log", "lab", "--patient", "M-1", "--test", "ALT", "--value", "1e308", "--uln", "40", "--at",
        "2026-03-10"},
       "--value"},
      {{"log", "lab", "--patient", "M-1", "--test", "ALT", "--value", "30", "--uln", "1e-300", "--at",
        "2026-03-10"},
       "--uln"},
      {{"patient", "add", "--name", "B", "--tz", "localtime"}, "localtime"},
      {{"patient", "add", "--name", huge, "--tz", "UTC"}, "too long"},
      {{"log", "dose", "--patient", huge, "--drug", "riluzole", "--at", "2026-03-02T08:00"}, "--patient"},
      {{"log", "dose", "--patient", "M-1", "--drug", huge, "--at", "2026-03-02T08:00"}, "--drug"},
      {{"log", "dose", "--patient", "M-1", "--drug", "riluzole", "--at", huge}, "--at"},
      {{"log", "effect", "--patient", "M-1", "--term", "rash", "--grade", "0x2", "--at", "2026-03-02T08:00"},
       "--grade"},
      {{"dispense", "--patient", "M-1", "--drug", "riluzole", "--date", "2026-03-01", "--days-supply",
        "0x1E"},
       "--days-supply"},
      // Far beyond the rule's bound: the value typed is named (it was clamped to 100000 and named so).
      {{"dispense", "--patient", "M-1", "--drug", "riluzole", "--date", "2026-03-01", "--days-supply",
        "99999999999999"},
       "--days-supply: 99999999999999 is far out of range"},
      {{"log", "effect", "--patient", "M-1", "--term", "rash", "--grade", "123456", "--at",
        "2026-03-02T08:00"},
       "--grade: 123456 is far out of range"},
      {{"therapy", "shift", "--patient", "M-1", "--cycle", "0x2", "--days", "3", "--reason", "r"}, "--cycle"},
      {{"plan", "riluzole", "--start", "2026-03-01", "--tz", "localtime"}, "localtime"},
      {{"plan", "edaravone", "--start", "9999-12-01"}, "--start"},
      {{"plan", "lft", "--start", "1900-01-01"}, "--start"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--cycles", "0x1A"}, "--cycles"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--cycles", "010x"}, "--cycles"},
      {{"plan", "riluzole", "--start", "2026-01-05", "--tz", "UTC", "--days", "1e3"}, "--days"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--delay", "2:0x3"}, "--delay"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--delay", "2:999"}, "--delay"},
      {{"report", "cma", "--from", "2026-01-01", "--days", "0x10"}, "--days"},
      {{"demo", "--patients", "0x10"}, "--patients"},
      {{"plan", huge}, "is not a command"},
      {{"due", "--on", "9999-12-31"}, "--on"},
      {{"history", "--patient", "M-1", "--from", "2026-01-01", "--to", "9999-12-31"}, "--to"},
      {{"export", "ics", "--patient", "M-1", "--out", "x.ics", "--from", "9999-12-01", "--to", "9999-12-31"},
       "--from"},
      {{"report", "adherence", "--all", "--from", "9999-01-01", "--to", "9999-12-31"}, "--from"},
      {{"closed", "add", "--date", "9999-12-31", "--reason", "typo"}, "9999-12-31"},
  };
  for (const Case& c : cases) {
    std::string joined;
    for (const auto& a : c.args) joined += a.substr(0, 40) + " ";
    INFO(joined);
    const auto r = db.run(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::StartsWith("error: ") && Catch::Contains(c.named));
    CHECK(r.err.size() < 400);  // never the 100 kB value whole
  }
  CHECK(rows_of(db, {"history", "--patient", "M-1"}) == 0u);
  CHECK(rows_of(db, {"patient", "list"}) == 1u);

  // Imports go through the same rules, naming the line.
  const auto patients = db.write("p.csv", "mrn,name,tz\nM-2,B,UTC\nM-3,C,localtime\n");
  const auto p = db.run({"import", "patients", patients});
  CHECK(p.exit_code == 2);
  CHECK_THAT(p.err, Catch::Contains("line 3, column tz"));
  const auto doses = db.write("d.csv",
                              "mrn,drug,at,status\nM-1,riluzole,2026-03-02T08:00,taken\n"
                              "M-1,riluzole,9999-12-31T23:59:59-12:00,taken\n");
  const auto d = db.run({"import", "doses", doses});
  CHECK(d.exit_code == 2);
  CHECK_THAT(d.err, Catch::Contains("line 3, column at"));
  const auto future = db.write("f.csv", "mrn,drug,at,status\nM-1,riluzole,2099-03-02T08:00,taken\n");
  CHECK_THAT(db.run({"import", "doses", future}).err,
             Catch::Contains("line 2, column at") && Catch::Contains("future"));
  CHECK(rows_of(db, {"history", "--patient", "M-1"}) == 0u);
}

TEST_CASE("Item 8: each imported record is audited under its patient, naming the file") {
  TempDb db;
  for (const char* mrn : {"M-1", "M-2"}) {
    id_of(db.run({"patient", "add", "--name", "P", "--tz", "UTC", "--mrn", mrn}));
    id_of(db.run({"therapy", "start", "--patient", mrn, "--drug", "riluzole", "--start", "2026-03-01"}));
  }
  const std::string file = db.write("march doses.csv", doses_file(3));  // 6 doses: 2 of M-2, 4 of M-1
  REQUIRE(db.run({"import", "doses", file}).exit_code == 0);
  // One audit row per patient and import names the patient's records by their ids: the records go in by
  // patient and time, so M-1's four are records 1 to 4 and M-2's two are 5 and 6.
  for (const auto& [mrn, detail, ids] :
       std::vector<std::tuple<std::string, std::string, std::set<std::string>>>{
           {"M-1", "4 dose records, ids 1 to 4, imported from '", {"1", "2", "3", "4"}},
           {"M-2", "2 dose records, ids 5 to 6, imported from '", {"5", "6"}}}) {
    std::size_t imported = 0;
    for (const auto& row : audit_rows(db, mrn)) {
      if (row[2] != "import") continue;
      ++imported;
      CHECK(row[3] == "dose");
      CHECK_THAT(row[6], Catch::StartsWith(detail) && Catch::EndsWith("/march doses.csv'"));
      CHECK(row[4] == *ids.begin());  // the first record
    }
    CHECK(imported == 1u);
    std::set<std::string> recorded;
    const auto history = db.run({"history", "--patient", mrn, "--format", "csv"}).out_lines();
    for (std::size_t i = 1; i < history.size(); ++i) recorded.insert(split_csv_line(history[i])[0]);
    CHECK(recorded == ids);
  }
  // Patients imported are audited each under itself too.
  const auto patients = db.write("new patients.csv", "mrn,name,tz\nM-3,C,UTC\n");
  REQUIRE(db.run({"import", "patients", patients}).exit_code == 0);
  const auto rows = audit_rows(db, "M-3");
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0][2] == "import");
  CHECK_THAT(rows[0][6], Catch::Contains("new patients.csv"));
}

TEST_CASE("Item 9: who records is a bounded name, and the audit shows the account beside a different one") {
  TempDb db;
  for (const std::string& by : {std::string("   "), std::string(201, 'a'), std::string("nurse\tkim")}) {
    const auto r = run_cli({"--db", db.path, "--by", by, "patient", "add", "--name", "A", "--tz", "UTC"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--by"));
  }
  CHECK(rows_of(db, {"patient", "list"}) == 0u);
  // A --by name that is not the account: the audit names both.
  const std::string p = id_of(db.run({"patient", "add", "--name", "A", "--tz", "UTC"}));  // --by nurse.kim
  const auto rows = audit_rows(db, p);
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0][1] == "nurse.kim");
  CHECK(rows[0][7] == account());
  // Without --by, the account itself records: nothing to show beside it.
  const auto own = run_cli({"--db", db.path, "patient", "add", "--name", "B", "--tz", "UTC"});
  REQUIRE(own.exit_code == 0);
  const auto mine = audit_rows(db, own.out.substr(0, own.out.size() - 1));
  REQUIRE(mine.size() == 1u);
  CHECK(mine[0][1] == account());
  CHECK(mine[0][7].empty());
}

TEST_CASE("Item 10: every clinical table refuses UPDATE and DELETE, and check finds a guard removed") {
  TempDb db;
  const std::string p =
      id_of(db.run({"patient", "add", "--name", "A", "--tz", "UTC", "--mrn", "M-1", "--sulfite-allergy"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "edaravone", "--start", "2026-03-02",
                "--confirm-sulfite-risk", "--prescriber", "Dr Ruiz", "--confirm-reason", "premedicated"}));
  id_of(db.run({"therapy", "shift", "--patient", p, "--drug", "edaravone", "--cycle", "2", "--days", "3",
                "--reason", "hospital stay"}));
  id_of(db.run({"closed", "add", "--date", "2026-12-25", "--reason", "Christmas"}));
  id_of(db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-02T08:00"}));
  id_of(db.run({"therapy", "stop", "--patient", p, "--drug", "riluzole", "--date", "2026-06-30", "--reason",
                "side effects"}));
  CHECK(db.run({"check"}).out.rfind("ok\n", 0) == 0);

  for (const char* sql : {"UPDATE patients SET sulfite_allergy = 0", "DELETE FROM patients",
                          "UPDATE therapies SET start_day = 0", "DELETE FROM therapies",
                          "UPDATE therapy_stops SET stop_day = 0", "DELETE FROM therapy_stops",
                          "UPDATE cycle_adjustments SET days = 1", "DELETE FROM cycle_adjustments",
                          "UPDATE closed_days SET day = 0", "DELETE FROM closed_days",
                          "UPDATE log_entries SET note = 'x'", "DELETE FROM audit_trail"}) {
    INFO(sql);
    CHECK(raw_exec(db.path, sql) != SQLITE_OK);
  }
  // Nothing changed: the allergy, the stop, the re-flow and the closed day are all still there.
  CHECK_THAT(db.run({"patient", "list", "--format", "csv"}).out, Catch::Contains("sulfite-allergy"));
  const auto stopped =
      db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-07-02T08:00"});
  CHECK(stopped.exit_code == 2);
  CHECK_THAT(stopped.err, Catch::Contains("stopped"));
  CHECK_THAT(db.run({"audit", "--format", "csv"}).out,
             Catch::Contains("hospital stay") && Catch::Contains("Christmas"));

  // A guard dropped with sqlite3: check says so (exit 1), naming it.
  REQUIRE(raw_exec(db.path, "DROP TRIGGER patients_append_only_update") == SQLITE_OK);
  const auto dropped = db.run({"check"});
  CHECK(dropped.exit_code == 1);
  CHECK_THAT(dropped.out, Catch::Contains("patients_append_only_update is missing"));
  // A guard replaced by one that does nothing is found too.
  REQUIRE(
      raw_exec(db.path,
               "CREATE TRIGGER patients_append_only_update BEFORE UPDATE ON patients BEGIN SELECT 1; END") ==
      SQLITE_OK);
  CHECK_THAT(db.run({"check"}).out,
             Catch::Contains("patients_append_only_update is not the one alsmeds made"));
}

TEST_CASE(
    "Two identical fills on one day are two fills (claims data), the same file twice is refused (issue 25)") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "P", "--tz", "UTC", "--mrn", "M-1"}));
  id_of(db.run({"therapy", "start", "--patient", "M-1", "--drug", "riluzole", "--start", "2026-03-01"}));
  // Two packs of 30 days on 03-01 (60 days, 120 tablets) and one on 05-01.
  const std::string file = db.write("fills.csv",
                                    "mrn,drug,date,days_supply\nM-1,riluzole,2026-03-01,30\n"
                                    "M-1,riluzole,2026-03-01,30\nM-1,riluzole,2026-05-01,30\n");
  const auto first = db.run({"import", "dispensing", file});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.err, Catch::Contains("line 3: the same fill as line 2"));
  // Both counted: on 03-11, 10 days by the plan (20 tablets) used of 120: 100 left.
  const auto on = db.run({"supply", "--patient", "M-1", "--on", "2026-03-11", "--format", "csv"});
  REQUIRE(on.exit_code == 0);
  CHECK_THAT(on.out, Catch::Contains("1,M-1,riluzole,tablet,100,tablet,"));
  // The same file again: every row is recorded, refused, nothing written.
  const auto again = db.run({"import", "dispensing", file});
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Contains("every row of the file is already recorded"));
  // A file with one of the two packs only is recorded too (one of the two records matches it).
  const auto one = db.run({"import", "dispensing",
                           db.write("one.csv",
                                    "mrn,drug,date,days_supply\n"
                                    "M-1,riluzole,2026-03-01,30\n")});
  CHECK(one.exit_code == 2);
  CHECK(db.run({"supply", "--patient", "M-1", "--on", "2026-03-11", "--format", "csv"}).out == on.out);
}

TEST_CASE(
    "Dispensings with the pharmacy's dispensing_id: one fill per id, a file imported twice adds nothing") {
  // docs/cli.md: import dispensing takes an optional dispensing_id column (the claim or Rx number).
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "P", "--tz", "UTC", "--mrn", "M-1"}));
  id_of(db.run({"therapy", "start", "--patient", "M-1", "--drug", "riluzole", "--start", "2026-03-01"}));
  // Two packs of 30 days on 03-01 with their own claim numbers: two fills, no warning (120 tablets).
  const std::string file = db.write("claims.csv",
                                    "mrn,drug,date,days_supply,dispensing_id\n"
                                    "M-1,riluzole,2026-03-01,30,RX-1001\n"
                                    "M-1,riluzole,2026-03-01,30,RX-1002\n");
  const auto first = db.run({"import", "dispensing", file});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.err, !Catch::Contains("the same fill"));
  const auto on = db.run({"supply", "--patient", "M-1", "--on", "2026-03-11", "--format", "csv"});
  CHECK_THAT(on.out, Catch::Contains("1,M-1,riluzole,tablet,100,tablet,"));
  // The same file again: nothing new, not an error; the supply is the same.
  const auto again = db.run({"import", "dispensing", file});
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.err, Catch::Contains("dispensing id 'RX-1001' is recorded already"));
  CHECK(db.run({"supply", "--patient", "M-1", "--on", "2026-03-11", "--format", "csv"}).out == on.out);
  // The next month's file, holding the last two claims and a new one: only the new one is added (30 more
  // days: 160 tablets left on 03-11 by the plan's 20).
  const auto next = db.run({"import", "dispensing",
                            db.write("next.csv",
                                     "mrn,drug,date,days_supply,dispensing_id\n"
                                     "M-1,riluzole,2026-03-01,30,RX-1001\n"
                                     "M-1,riluzole,2026-03-01,30,RX-1002\n"
                                     "M-1,riluzole,2026-03-05,30,RX-1003\n")});
  INFO(next.err);
  REQUIRE(next.exit_code == 0);
  CHECK_THAT(db.run({"supply", "--patient", "M-1", "--on", "2026-03-11", "--format", "csv"}).out,
             Catch::Contains("1,M-1,riluzole,tablet,160,tablet,"));
  // One id on two lines of a file is refused, naming both lines; nothing is written.
  const auto twice = db.run({"import", "dispensing",
                             db.write("twice.csv",
                                      "mrn,drug,date,days_supply,dispensing_id\n"
                                      "M-1,riluzole,2026-04-01,30,RX-2000\n"
                                      "M-1,riluzole,2026-04-02,30,RX-2000\n")});
  CHECK(twice.exit_code == 2);
  CHECK_THAT(twice.err, Catch::Contains("line 3") && Catch::Contains("line 2 too"));
}
