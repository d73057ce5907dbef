// dispense with quantities, supply, and pharmacy prep end to end (figures worked from docs/supply.md).
#include <chrono>
#include <set>
#include <sstream>

#include "alsmeds/calendar.hpp"
#include "cli_db.hpp"

using namespace alsmeds::test;

namespace {

std::vector<std::string> csv_rows(const CliRun& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out_lines();
}

}  // namespace

TEST_CASE(
    "dispense --quantity derives the days' supply, and supply shows what is left and when it runs out") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Ana Silva", "--tz", "UTC", "--mrn", "M-1"}));
  id_of(db.run({"therapy", "start", "--patient", "M-1", "--drug", "riluzole", "--start", "2026-03-02"}));
  // 60 tablets at 2 a day: 30 days.
  const auto given = db.run({"dispense", "--patient", "M-1", "--drug", "riluzole", "--date", "2026-03-02",
                             "--quantity", "60", "--unit", "tablet"});
  id_of(given);
  CHECK(given.err.empty());
  const auto history = db.run({"history", "--patient", "M-1", "--format", "csv"});
  CHECK_THAT(history.out, Catch::Contains("30 days' supply"));

  const auto rows = csv_rows(db.run({"supply", "--patient", "M-1", "--on", "2026-03-12", "--format", "csv"}));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "patient_id,mrn,drug,product,on_hand,unit,doses_left,runs_out_on,refill_by,based_on");
  // 10 days used by the plan (nothing logged): 40 tablets, 20 days: runs out 04-01, refill by 03-25.
  CHECK(rows[1] == "1,M-1,riluzole,tablet,40,tablet,40,2026-04-01,2026-03-25,plan");

  SECTION("a given days' supply that disagrees is a warning, and is kept") {
    const auto r = db.run({"dispense", "--patient", "M-1", "--drug", "riluzole", "--date", "2026-03-20",
                           "--days-supply", "20", "--quantity", "56", "--unit", "tablet"});
    id_of(r);
    CHECK_THAT(r.err,
               Catch::Contains("warning: days' supply 20 given, but 56 tablet of tablet last 28 days"));
  }
  SECTION("bad quantities are refused, naming the value, and store nothing") {
    for (const std::vector<std::string>& bad :
         {std::vector<std::string>{"--quantity", "60"},
          {"--unit", "tablet"},
          {"--quantity", "60", "--unit", "litre"},
          {"--quantity", "60", "--unit", "mL"},
          {"--quantity", "-4", "--unit", "tablet"},
          {"--quantity", "60.5", "--unit", "tablet"},
          {"--quantity", "60", "--unit", "tablet", "--product", "generic-iv"},
          {}}) {
      std::vector<std::string> args{"dispense", "--patient", "M-1",       "--drug",
                                    "riluzole", "--date",    "2026-03-05"};
      args.insert(args.end(), bad.begin(), bad.end());
      const auto r = db.run(args);
      INFO(r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.rfind("error: ", 0) == 0);
      CHECK(r.err_lines().size() == 1);
    }
    CHECK(csv_rows(db.run({"supply", "--on", "2026-03-12", "--format", "csv"})) == rows);
  }
  SECTION("IV edaravone bags are never assumed: the product is named") {
    id_of(db.run({"therapy", "start", "--patient", "M-1", "--drug", "edaravone", "--form", "iv", "--start",
                  "2026-03-02"}));
    const auto r = db.run({"dispense", "--patient", "M-1", "--drug", "edaravone", "--date", "2026-03-02",
                           "--quantity", "28", "--unit", "bag"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("radicava-iv") && Catch::Contains("generic-iv"));
    id_of(db.run({"dispense", "--patient", "M-1", "--drug", "edaravone", "--date", "2026-03-02", "--quantity",
                  "14", "--unit", "bag", "--product", "generic-iv"}));
    const auto s = csv_rows(db.run({"supply", "--patient", "M-1", "--on", "2026-03-09", "--format", "csv"}));
    REQUIRE(s.size() == 3);
    // 14 generic bags, one an infusion; 7 given (03-02..03-08): 7 left, cycle 2 (03-30) not covered.
    CHECK(s[1] == "1,M-1,edaravone,generic-iv,7,bag,7,2026-03-30,2026-03-23,plan");
  }
}

TEST_CASE("due lists a refill from the refill day on, for one patient and for the clinic") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Ana Silva", "--tz", "UTC", "--mrn", "M-1"}));
  id_of(db.run({"therapy", "start", "--patient", "M-1", "--drug", "riluzole", "--start", "2026-03-02"}));
  id_of(db.run({"dispense", "--patient", "M-1", "--drug", "riluzole", "--date", "2026-03-02", "--quantity",
                "60", "--unit", "tablet"}));
  // 60 tablets from 03-02 at 2 a day (nothing logged): run out 04-01; refill from 03-25 (7 days before).
  auto refill_rows = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "due");
    args.insert(args.end(), {"--format", "csv"});
    std::vector<std::string> out;
    for (const std::string& line : csv_rows(db.run(args)))
      if (line.find(",refill,") != std::string::npos) out.push_back(line);
    return out;
  };
  CHECK(refill_rows({"--patient", "M-1", "--on", "2026-03-24"}).empty());
  CHECK(refill_rows({"--on", "2026-03-24"}).empty());
  const auto one = refill_rows({"--patient", "M-1", "--on", "2026-03-25"});
  REQUIRE(one.size() == 1);
  CHECK_THAT(one[0], Catch::Contains("2026-03-25,due,riluzole,\"tablet: 14 tablet left (14 doses), runs out "
                                     "2026-04-01"));
  CHECK(refill_rows({"--on", "2026-03-25"}) == one);
  const auto late = refill_rows({"--on", "2026-04-02"});
  REQUIRE(late.size() == 1);
  CHECK_THAT(late[0], Catch::Contains(",overdue,riluzole,"));
}

TEST_CASE("pharmacy prep counts bags per product: two Radicava bags or one generic bag an infusion") {
  TempDb db;
  for (const char* mrn : {"G-1", "R-1"}) {
    id_of(db.run({"patient", "add", "--name", std::string("Patient ") + mrn, "--tz", "UTC", "--mrn", mrn}));
    id_of(db.run({"therapy", "start", "--patient", mrn, "--drug", "edaravone", "--form", "iv", "--start",
                  "2026-03-02"}));
  }
  id_of(db.run({"dispense", "--patient", "G-1", "--drug", "edaravone", "--date", "2026-03-02", "--quantity",
                "14", "--unit", "bag", "--product", "generic-iv"}));
  id_of(db.run({"dispense", "--patient", "R-1", "--drug", "edaravone", "--date", "2026-03-02", "--quantity",
                "28", "--unit", "bag", "--product", "radicava-iv"}));
  // Cycle 1: an infusion a day for each patient, 2026-03-02 (a Monday) to 03-08.
  const auto rows =
      csv_rows(db.run({"pharmacy", "prep", "--from", "2026-03-02", "--to", "2026-03-08", "--format", "csv"}));
  REQUIRE(rows.size() == 1 + 14 + 2);
  CHECK(rows[0] == "date,product,infusions,bags,period,vials");
  CHECK(rows[1] == "2026-03-02,generic-iv,1,1,day,");
  CHECK(rows[2] == "2026-03-02,radicava-iv,1,2,day,");
  CHECK(rows[14] == "2026-03-08,radicava-iv,1,2,day,");
  CHECK(rows[15] == "2026-03-02,generic-iv,7,7,week,");
  CHECK(rows[16] == "2026-03-02,radicava-iv,7,14,week,");
  const auto bad = db.run({"pharmacy", "prep", "--from", "2026-03-08", "--to", "2026-03-02"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.rfind("error: --to", 0) == 0);
}

TEST_CASE("report adherence gains the supply at the end of the period, after the existing columns") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Ana Silva", "--tz", "UTC", "--mrn", "M-1"}));
  id_of(db.run({"therapy", "start", "--patient", "M-1", "--drug", "riluzole", "--start", "2026-03-02"}));
  id_of(db.run({"dispense", "--patient", "M-1", "--drug", "riluzole", "--date", "2026-03-02", "--quantity",
                "60", "--unit", "tablet"}));
  for (const std::vector<std::string>& who : {std::vector<std::string>{"--patient", "M-1"}, {"--all"}}) {
    std::vector<std::string> args{"report", "adherence",  "--from",   "2026-03-02",
                                  "--to",   "2026-03-11", "--format", "csv"};
    args.insert(args.end(), who.begin(), who.end());
    const auto rows = csv_rows(db.run(args));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].rfind("patient_id,mrn,drug,scheduled,taken,taking_pct,timing_pct,pdc_pct,", 0) == 0);
    CHECK_THAT(rows[0], Catch::Contains(",start_delay_days,on_hand,runs_out_on,"));
    // Nothing logged: 10 days of the plan used, 40 of 60 tablets left, lasting 20 days from 03-12.
    CHECK_THAT(rows[1], Catch::Contains(",40 tablet,2026-04-01,"));
  }
}

TEST_CASE("supply --runs-out-within lists the supplies that run out soonest first (the pharmacist's list)") {
  TempDb db;
  // Both start 2026-03-02 on riluzole tablets, 2 a day, nothing logged: 28 tablets last 14 days (out 03-16),
  // 20 tablets 10 days (out 03-12), 120 tablets 60 days (out 05-01).
  for (const auto& [mrn, tablets] :
       std::vector<std::pair<std::string, std::string>>{{"A", "28"}, {"B", "20"}, {"C", "120"}}) {
    id_of(db.run({"patient", "add", "--name", "Patient " + mrn, "--tz", "UTC", "--mrn", mrn}));
    id_of(db.run({"therapy", "start", "--patient", mrn, "--drug", "riluzole", "--start", "2026-03-02"}));
    id_of(db.run({"dispense", "--patient", mrn, "--drug", "riluzole", "--date", "2026-03-02", "--quantity",
                  tablets, "--unit", "tablet"}));
  }
  const auto rows =
      csv_rows(db.run({"supply", "--on", "2026-03-05", "--runs-out-within", "14", "--format", "csv"}));
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].rfind("2,B,riluzole,tablet,14,tablet,14,2026-03-12,", 0) == 0);  // 7 days away
  CHECK(rows[2].rfind("1,A,riluzole,tablet,22,tablet,22,2026-03-16,", 0) == 0);  // 11 days away
  CHECK(csv_rows(db.run({"supply", "--on", "2026-03-05", "--runs-out-within", "7", "--format", "csv"}))
            .size() == 2);
}

TEST_CASE("dispense: a pack of the form before a switch, with no days given, names both forms") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Ana Silva", "--tz", "UTC", "--mrn", "M-1"}));
  id_of(db.run({"therapy", "start", "--patient", "M-1", "--drug", "riluzole", "--start", "2026-03-02"}));
  id_of(db.run({"therapy", "switch", "--patient", "M-1", "--drug", "riluzole", "--form", "suspension",
                "--date", "2026-03-10", "--reason", "swallowing"}));
  // Tablets on the 12th: the course plans suspension doses from the 10th, no tablet dose to count days by.
  expect_refused(db.run({"dispense", "--patient", "M-1", "--drug", "riluzole", "--date", "2026-03-12",
                         "--quantity", "60", "--unit", "tablet", "--product", "tablet"}),
                 "no riluzole tablet dose is planned from 2026-03-12 on (riluzole is suspension then): give "
                 "the days' supply");
}

TEST_CASE("import dispensing takes quantities, units and products by dispense's rules, all or nothing") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Ana Silva", "--tz", "UTC", "--mrn", "M-1"}));
  id_of(db.run({"therapy", "start", "--patient", "M-1", "--drug", "riluzole", "--start", "2026-03-02"}));
  id_of(db.run({"patient", "add", "--name", "Gil Costa", "--tz", "UTC", "--mrn", "G-1"}));
  id_of(db.run({"therapy", "start", "--patient", "G-1", "--drug", "edaravone", "--form", "iv", "--start",
                "2026-03-02"}));
  id_of(db.run({"patient", "add", "--name", "Olga Berg", "--tz", "UTC", "--mrn", "O-1"}));
  id_of(db.run({"therapy", "start", "--patient", "O-1", "--drug", "edaravone", "--form", "oral", "--start",
                "2026-03-02"}));
  const std::string header = "mrn,drug,date,days_supply,quantity,unit,product\n";
  const std::string good =
      "M-1,riluzole,2026-03-02,,60,tablet,\n"
      "G-1,edaravone,2026-03-02,,14,bag,generic-iv\n"
      "O-1,edaravone,2026-03-02,,2,bottle,\n";
  auto supply = [&] { return csv_rows(db.run({"supply", "--on", "2026-03-12", "--format", "csv"})); };
  const auto before = supply();
  CHECK(before.size() == 1);  // nothing dispensed yet

  SECTION("a bad row is one error line naming the row and its column; nothing is imported") {
    for (const auto& [row, column] : std::vector<std::pair<std::string, std::string>>{
             {"M-1,riluzole,2026-03-02,,60,litre,\n", "column unit"},
             {"M-1,riluzole,2026-03-02,,60.5,tablet,\n", "column quantity"},
             {"M-1,riluzole,2026-03-02,,60,mL,\n", "column unit"},
             {"M-1,riluzole,2026-03-02,,-4,tablet,\n", "column quantity"},
             {"M-1,riluzole,2026-03-02,,0,tablet,\n", "column quantity"},
             {"M-1,riluzole,2026-03-02,,60,,\n", "column unit"},
             {"M-1,riluzole,2026-03-02,,,tablet,\n", "column quantity"},
             {"M-1,riluzole,2026-03-02,,,,\n", "column days_supply"},
             {"G-1,edaravone,2026-03-02,,28,bag,\n", "column product"},
             {"G-1,edaravone,2026-03-02,,28,bag,radicava\n", "column product"},
             {"M-1,riluzole,2026-03-02,,60,tablet,generic-iv\n", "column product"},
             {"M-1,riluzole,2026-03-02,400,60,tablet,\n", "column days_supply"},
             // Given from the clinic's stock: never dispensed to a patient (the drug is the column at fault).
             {"M-1,tofersen,2026-03-02,28,,,\n", "column drug"}}) {
      const std::string file = db.write("bad.csv", header + good + row);
      const auto r = db.run({"import", "dispensing", file});
      INFO(row << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err_lines().size() == 1);
      CHECK(r.err.rfind("error: ", 0) == 0);
      CHECK_THAT(r.err, Catch::Contains("line 5, " + column));
      CHECK(supply() == before);
    }
  }
  SECTION("good rows: the days' supply derived as dispense derives it, the supply counted from them") {
    const auto r = db.run({"import", "dispensing", db.write("good.csv", header + good)});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "imported 3 dispensing\n");
    CHECK(r.err.empty());
    // 60 tablets at 2 a day: 30 days. 14 generic bags, one an infusion: cycle 1's 14 infusions, then
    // nothing until cycle 2 on 03-30: 28 days. Two ORS bottles: cycle 1 (14 doses), the second bottle past
    // its 15-day in-use life (opened 03-12) by 03-30: 28 days.
    const auto history = db.run({"history", "--patient", "M-1", "--format", "csv"});
    CHECK_THAT(history.out, Catch::Contains("30 days' supply"));
    CHECK_THAT(db.run({"history", "--patient", "G-1", "--format", "csv"}).out,
               Catch::Contains("28 days' supply"));
    CHECK_THAT(db.run({"history", "--patient", "O-1", "--format", "csv"}).out,
               Catch::Contains("28 days' supply"));
    const auto rows = supply();
    REQUIRE(rows.size() == 4);
    // At the start of 03-12, nothing logged, by the plan: 10 days of riluzole used (20 tablets); 10
    // infusions given (10 bags); 10 ORS doses (the first bottle, empty), the second bottle unopened.
    CHECK(rows[1] == "1,M-1,riluzole,tablet,40,tablet,40,2026-04-01,2026-03-25,plan");
    CHECK(rows[2] == "2,G-1,edaravone,generic-iv,4,bag,4,2026-03-30,2026-03-23,plan");
    CHECK(rows[3] == "3,O-1,edaravone,oral,50,mL,4,2026-03-30,2026-03-23,plan");
    SECTION("the same file again repeats every row: refused") {
      const auto again = db.run({"import", "dispensing", db.write("good.csv", header + good)});
      CHECK(again.exit_code == 2);
      CHECK_THAT(again.err, Catch::Contains("line 2") && Catch::Contains("repeats record"));
      CHECK(supply() == rows);
    }
  }
  SECTION("a days' supply that disagrees with the quantity is kept, with a warning naming the line") {
    const auto r = db.run(
        {"import", "dispensing", db.write("warn.csv", header + "M-1,riluzole,2026-03-02,20,56,tablet,\n")});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.err, Catch::Contains("warning: ") && Catch::Contains("line 2: days' supply 20 given, but "
                                                                      "56 tablet of tablet last 28 days"));
  }
  SECTION("the old columns still import") {
    const auto r = db.run({"import", "dispensing",
                           db.write("old.csv", "mrn,drug,date,days_supply\nM-1,riluzole,2026-03-02,30\n")});
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
}

TEST_CASE("demo dispenses IV edaravone with a named product: pharmacy prep counts bags of both") {
  TempDb db;
  REQUIRE(db.run({"demo", "--patients", "12"}).exit_code == 0);
  // The last 28 days hold a whole cycle's dosing window of every IV patient (cycles are 28 days).
  const auto today = date::floor<date::days>(std::chrono::system_clock::now());
  const auto rows =
      csv_rows(db.run({"pharmacy", "prep", "--from", alsmeds::format_day(today - date::days{27}), "--to",
                       alsmeds::format_day(today), "--format", "csv"}));
  REQUIRE(rows.size() > 1);
  std::set<std::string> products;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    INFO(rows[i]);
    std::vector<std::string> cells;
    std::stringstream line(rows[i]);
    for (std::string c; std::getline(line, c, ',');) cells.push_back(c);
    if (cells[1] == "tofersen-intrathecal") {  // the demo's tofersen patients: a vial a dose, no bag
      REQUIRE(cells.size() == 6);
      CHECK(cells[3].empty());
      CHECK(cells[5] == cells[2]);
      continue;
    }
    REQUIRE(cells.size() == 5);  // the vials column empty
    products.insert(cells[1]);
    // Bags by the label: Radicava two 30 mg bags an infusion, a generic one 60 mg bag; never unnamed.
    const int infusions = std::stoi(cells[2]);
    CHECK(std::stoi(cells[3]) == infusions * (cells[1] == "radicava-iv" ? 2 : 1));
  }
  CHECK(products == std::set<std::string>{"generic-iv", "radicava-iv"});
  // Every IV patient's supply is counted in bags of the product dispensed.
  const auto supply = csv_rows(db.run({"supply", "--format", "csv"}));
  int iv_rows = 0;
  for (const std::string& r : supply)
    if (r.find(",radicava-iv,") != std::string::npos || r.find(",generic-iv,") != std::string::npos) {
      ++iv_rows;
      CHECK_THAT(r, Catch::Contains(",bag,"));
    }
  CHECK(iv_rows == 2);  // demo patients 1 and 9 on IV edaravone (patient 5 is sulfite-allergic)
}
