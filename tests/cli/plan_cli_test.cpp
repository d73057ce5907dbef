// End-to-end: alsmeds-cli plan ... as a script uses it (docs/cli.md). Expected rows are worked by hand.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "run_cli.hpp"

using alsmeds::test::run_cli;
using alsmeds::test::split_csv_line;

namespace {

// The first `n` cells of a CSV line joined again: the contract's columns, ignoring extra ones that follow.
std::string first_cells(const std::string& line, std::size_t n) {
  const auto cells = split_csv_line(line);
  std::string out;
  for (std::size_t i = 0; i < n && i < cells.size(); ++i) out += (i ? "," : "") + cells[i];
  return out;
}

}  // namespace

TEST_CASE("plan edaravone: CSV header, 6 cycles by default, one row per dose day") {
  const auto r = run_cli({"plan", "edaravone", "--start", "2026-01-05", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const auto lines = r.out_lines();
  REQUIRE(lines.size() == 1 + 14 + 5 * 10);
  CHECK(first_cells(lines[0], 6) == "date,cycle,cycle_day,drug,form,dose_mg");
  CHECK(first_cells(lines[1], 6) == "2026-01-05,1,1,edaravone,iv,60");
  CHECK(first_cells(lines[14], 6) == "2026-01-18,1,14,edaravone,iv,60");
  CHECK(first_cells(lines[15], 6) == "2026-02-02,2,1,edaravone,iv,60");
  CHECK(first_cells(lines[24], 6) == "2026-02-11,2,10,edaravone,iv,60");
  CHECK(first_cells(lines[25], 6) == "2026-03-02,3,1,edaravone,iv,60");
  // Cycle 6 starts 5 Jan + 140 days = 25 May 2026.
  CHECK(first_cells(lines[55], 6) == "2026-05-25,6,1,edaravone,iv,60");
}

TEST_CASE("plan edaravone: weekdays policy from a Saturday, oral form") {
  const auto r = run_cli({"plan", "edaravone", "--start", "2026-01-03", "--policy", "weekdays", "--form",
                          "oral", "--cycles", "2", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  const auto lines = r.out_lines();
  REQUIRE(lines.size() == 1 + 14 + 10);
  CHECK(first_cells(lines[15], 6) == "2026-02-02,2,3,edaravone,oral,105");
  CHECK(first_cells(lines[20], 6) == "2026-02-09,2,10,edaravone,oral,105");
  CHECK(first_cells(lines[24], 6) == "2026-02-13,2,14,edaravone,oral,105");
}

TEST_CASE("plan edaravone: closed days make a short cycle, warned on stderr, exit 0") {
  const auto r = run_cli({"plan", "edaravone", "--start", "2026-01-05", "--cycles", "2", "--closed",
                          "2026-02-03,2026-02-04,2026-02-05,2026-02-06,2026-02-09", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out_lines().size() == 1 + 14 + 9);
  CHECK(r.out.find("2026-02-03") == std::string::npos);
  const auto err = r.err_lines();
  REQUIRE(err.size() == 1);
  CHECK_THAT(err[0], Catch::StartsWith("warning: ") && Catch::Contains("cycle 2"));
}

TEST_CASE("plan edaravone: table output shows cycle boundaries and JSON is typed") {
  const auto t =
      run_cli({"plan", "edaravone", "--start", "2026-01-05", "--cycles", "2", "--format", "table"});
  REQUIRE(t.exit_code == 0);
  CHECK_THAT(t.out, Catch::Contains("-- cycle 1: 2026-01-05") && Catch::Contains("-- cycle 2: 2026-02-02"));
  const auto j = run_cli({"plan", "edaravone", "--start", "2026-01-05", "--cycles", "2", "--format", "json"});
  REQUIRE(j.exit_code == 0);
  const auto rows = nlohmann::json::parse(j.out);
  REQUIRE(rows.size() == 24u);
  CHECK(rows[14]["date"] == "2026-02-02");
  CHECK(rows[14]["cycle"] == 2);
  CHECK(rows[14]["dose_mg"] == 60);
}

TEST_CASE("plan edaravone: without --format the output to a pipe is CSV") {
  const auto r = run_cli({"plan", "edaravone", "--start", "2026-01-05", "--cycles", "1"});
  REQUIRE(r.exit_code == 0);
  CHECK(first_cells(r.out_lines().at(0), 6) == "date,cycle,cycle_day,drug,form,dose_mg");
}

TEST_CASE("plan edaravone: --delay re-flows, --missed makes up, --fit-start avoids closures") {
  const auto delay = run_cli(
      {"plan", "edaravone", "--start", "2026-01-05", "--cycles", "3", "--delay", "2:3", "--format", "csv"});
  REQUIRE(delay.exit_code == 0);
  CHECK(first_cells(delay.out_lines()[15], 2) == "2026-02-05,2");
  CHECK(first_cells(delay.out_lines()[25], 2) == "2026-03-05,3");
  const auto only = run_cli({"plan", "edaravone", "--start", "2026-01-05", "--cycles", "3", "--delay", "2:3",
                             "--only-this-cycle", "--format", "csv"});
  CHECK(first_cells(only.out_lines()[25], 2) == "2026-03-02,3");
  const auto missed = run_cli({"plan", "edaravone", "--start", "2026-01-05", "--cycles", "2", "--missed",
                               "2026-02-04", "--format", "csv"});
  CHECK(first_cells(missed.out_lines().back(), 3) == "2026-02-12,2,11");
  const auto fit = run_cli({"plan", "edaravone", "--start", "2026-01-05", "--cycles", "1", "--closed",
                            "2026-01-10", "--fit-start", "--format", "csv"});
  REQUIRE(fit.exit_code == 0);
  CHECK(first_cells(fit.out_lines()[1], 1) == "2026-01-11");
  CHECK(fit.out_lines().size() == 15u);
}

TEST_CASE("plan riluzole: New York across the March change, local and UTC columns") {
  const auto r =
      run_cli({"plan", "riluzole", "--start", "2026-03-01", "--tz", "America/New_York", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  const auto lines = r.out_lines();
  REQUIRE(lines.size() == 1 + 28 * 2);
  CHECK(first_cells(lines[0], 4) == "local_time,utc_time,drug,dose_mg");
  CHECK(first_cells(lines[1], 4) == "2026-03-01T08:00:00-05:00,2026-03-01T13:00:00Z,riluzole,50");
  // 8 March is the 8th day: rows 15 (08:00) and 16 (20:00).
  CHECK(first_cells(lines[15], 4) == "2026-03-08T08:00:00-04:00,2026-03-08T12:00:00Z,riluzole,50");
  CHECK(first_cells(lines[16], 4) == "2026-03-08T20:00:00-04:00,2026-03-09T00:00:00Z,riluzole,50");
}

TEST_CASE("plan riluzole: custom times and days") {
  const auto r = run_cli({"plan", "riluzole", "--start", "2026-06-01", "--tz", "Asia/Kolkata", "--days", "2",
                          "--times", "07:30,19:30", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  const auto lines = r.out_lines();
  REQUIRE(lines.size() == 5u);
  CHECK(first_cells(lines[1], 2) == "2026-06-01T07:30:00+05:30,2026-06-01T02:00:00Z");
  CHECK(first_cells(lines[4], 2) == "2026-06-02T19:30:00+05:30,2026-06-02T14:00:00Z");
}

TEST_CASE("plan lft: date,reason from 31 January with the month-end rule") {
  const auto r = run_cli({"plan", "lft", "--start", "2026-01-31", "--months", "6", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  const auto lines = r.out_lines();
  REQUIRE(lines.size() == 6u);
  CHECK(first_cells(lines[0], 2) == "date,reason");
  CHECK(first_cells(lines[1], 2) == "2026-01-31,baseline");
  CHECK(first_cells(lines[2], 2) == "2026-02-28,month-1");
  CHECK(first_cells(lines[5], 2) == "2026-07-31,month-6");
  const auto def = run_cli({"plan", "lft", "--start", "2026-01-31", "--format", "csv"});
  CHECK(first_cells(def.out_lines().back(), 2) == "2028-01-31,month-24");  // default 24 months
  const auto wk = run_cli(
      {"plan", "lft", "--start", "2026-01-31", "--months", "1", "--weekdays-only", "--format", "csv"});
  REQUIRE(wk.exit_code == 0);
  CHECK(first_cells(wk.out_lines()[1], 2) ==
        "2026-01-30,baseline");  // the Friday before: before the first dose
  CHECK(first_cells(wk.out_lines()[2], 2) == "2026-03-02,month-1");
  CHECK(wk.err.empty());
}

TEST_CASE("Bad input: exit 2, one 'error:' line naming the value, nothing on stdout") {
  struct Case {
    std::vector<std::string> args;
    std::string named;
  };
  const std::vector<Case> cases{
      {{"plan", "edaravone", "--start", "2026-02-30"}, "2026-02-30"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--cycles", "0"}, "--cycles"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--cycles", "-3"}, "--cycles"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--cycles", "many"}, "--cycles"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--policy", "random"}, "random"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--form", "patch"}, "patch"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--closed", "2026-01-32"}, "2026-01-32"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--format", "xml"}, "xml"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--delay", "9:3"}, "cycle 9"},
      {{"plan", "edaravone", "--start", "2026-01-05", "--delay", "2:x"}, "2:x"},
      {{"plan", "riluzole", "--start", "2026-01-05", "--tz", "Mars/Olympus"}, "Mars/Olympus"},
      {{"plan", "riluzole", "--start", "2026-01-05", "--tz", "UTC", "--times", "08:00,08:00"}, "08:00"},
      {{"plan", "riluzole", "--start", "2026-01-05", "--tz", "UTC", "--times", "25:00,13:00"}, "25:00"},
      {{"plan", "riluzole", "--start", "2026-01-05", "--tz", "UTC", "--days", "0"}, "--days"},
      {{"plan", "riluzole", "--start", "2026-01-05"}, "--tz"},
      {{"plan", "lft", "--start", "2026-01-05", "--months", "-1"}, "--months"},
      {{"plan", "lft"}, "--start"},
      {{"plan", "aspirin", "--start", "2026-01-05"}, "aspirin"},
      {{"frobnicate"}, "frobnicate"},
  };
  for (const Case& c : cases) {
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    INFO(joined);
    const auto r = run_cli(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    const auto err = r.err_lines();
    REQUIRE(err.size() == 1);
    CHECK_THAT(err[0], Catch::StartsWith("error: ") && Catch::Contains(c.named));
  }
}

TEST_CASE("Version and help flags exit 0") {
  const auto v = run_cli({"--version"});
  CHECK(v.exit_code == 0);
  CHECK(std::regex_match(v.out, std::regex("alsmeds [0-9]+\\.[0-9]+\\.[0-9]+\n")));
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"},
                                               {"plan", "--help"},
                                               {"plan", "edaravone", "--help"},
                                               {"plan", "riluzole", "--help"},
                                               {"plan", "lft", "--help"}}) {
    const auto h = run_cli(args);
    CHECK(h.exit_code == 0);
    CHECK_THAT(h.out, Catch::Contains("--help"));
  }
}

TEST_CASE("plan tofersen: CSV columns dose,date,kind,note, re-anchored on the given days") {
  // Worked by hand (docs/domain.md "Tofersen"): dose 1 on 5 Jan, dose 2 due 19 Jan given 23 Jan, so dose 3 on
  // 23 Jan + 14 = 6 Feb and dose 4 (the first maintenance dose) on 6 Feb + 28 = 6 Mar.
  const auto r = run_cli({"plan", "tofersen", "--start", "2026-01-05", "--given", "2026-01-05,2026-01-23",
                          "--days", "70", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  const auto lines = r.out_lines();
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "dose,date,kind,note");
  CHECK(first_cells(lines[1], 3) == "1,2026-01-05,loading");
  CHECK(first_cells(lines[2], 3) == "2,2026-01-23,loading");
  CHECK(first_cells(lines[3], 3) == "3,2026-02-06,loading");
  CHECK(first_cells(lines[4], 3) == "4,2026-03-06,maintenance");
}

TEST_CASE("plan tofersen: a given day out of order exits 2 naming it, nothing printed") {
  const auto r = run_cli({"plan", "tofersen", "--start", "2026-01-05", "--given", "2026-01-19,2026-01-10"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("error: --given: dose 2 given on 2026-01-10", 0) == 0);
}
