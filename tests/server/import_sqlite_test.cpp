// server import-sqlite: a single-machine database moved onto the server gives the same cohort report, the
// file is left byte for byte as it was, and a server that holds records already is refused.
#include <catch2/catch.hpp>

#include "server_test_support.hpp"

using namespace alsmeds::test;

TEST_CASE("A database moved in with import-sqlite gives the same cohort report, the file untouched") {
  TempFolder tmp;
  const std::string file = tmp.file("clinic.db");
  REQUIRE(run_cli({"--db", file, "demo", "--patients", "12", "--years", "1", "--seed", "7"}).exit_code == 0);
  // A stopped course as well (when patient 1 takes riluzole): the report must read it alike.
  (void)run_cli({"--db", file, "therapy", "stop", "--patient", "1", "--drug", "riluzole", "--date",
                 "2026-01-10", "--reason", "liver"});
  const std::string before = file_bytes(file);
  const std::string server = server_uri(fresh_server_database());
  const CliRun moved = cli_on(server, {"server", "import-sqlite", file});
  INFO(moved.err);
  REQUIRE(moved.exit_code == 0);
  CHECK_THAT(moved.out, Catch::Contains("patients: 12") && Catch::Contains("checked: every count equals"));
  CHECK(file_bytes(file) == before);
  for (const std::vector<std::string>& report :
       {std::vector<std::string>{"report", "adherence", "--all", "--from", "2025-06-01", "--to", "2026-11-01",
                                 "--format", "csv"},
        {"report", "cma", "--from", "first", "--days", "180", "--format", "csv"},
        {"history", "--patient", "3", "--format", "csv"}}) {
    const CliRun on_file = run_cli([&] {
      std::vector<std::string> a{"--db", file};
      a.insert(a.end(), report.begin(), report.end());
      return a;
    }());
    const CliRun on_server = cli_on(server, report);
    INFO(report[0] << " " << report[1]);
    REQUIRE(on_file.exit_code == 0);
    REQUIRE(on_server.exit_code == 0);
    CHECK(on_file.out_lines().size() > 2u);
    CHECK(on_server.out == on_file.out);
  }
  CHECK(file_bytes(file) == before);
  // New records get ids after the moved ones.
  const long id = printed_id(cli_on(server, {"patient", "add", "--name", "New One", "--tz", "UTC"}));
  CHECK(id == 13);
  // Once is all: the server holds records now.
  const CliRun again = cli_on(server, {"server", "import-sqlite", file});
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Contains("holds records already"));
}
