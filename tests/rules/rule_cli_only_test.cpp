// The rule table's rules where only the command line takes part (rule_table_test.cpp runs the others through
// every front end): who records when --by is not given, and an import's row that repeats a dose logged
// seconds before (the same intent rule as a second press in the app).
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>

#include "../cli/cli_db.hpp"
#include "alsmeds/records/rulebook.hpp"

using namespace alsmeds;
using alsmeds::test::TempDb;

namespace {

// The patient lives in UTC, so local days are UTC days.
Day today() {
  return date::floor<date::days>(date::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

}  // namespace

TEST_CASE("Rule table: who records is the operating system's account when --by is not given, never unknown") {
  TempDb db;
  const char* saved = std::getenv("USER");
  const std::string user = saved ? saved : "";
  ::unsetenv("USER");
  const auto r = alsmeds::test::run_cli({"--db", db.path, "patient", "add", "--name", "A", "--tz", "UTC"});
  if (!user.empty()) ::setenv("USER", user.c_str(), 1);
  REQUIRE(r.exit_code == 0);
  const auto audit = alsmeds::test::run_cli({"--db", db.path, "audit", "--format", "csv"});
  CHECK_THAT(audit.out, Catch::Contains("," + rules::operating_system_account() + ",insert"));
  CHECK_THAT(audit.out, !Catch::Contains("unknown"));
  CHECK(rules::operating_system_account() != "");
}

TEST_CASE(
    "Rule table: import, the same intent rule: a row repeating a dose logged seconds before is refused") {
  TempDb db;
  alsmeds::test::id_of(db.run({"patient", "add", "--name", "I", "--tz", "UTC", "--mrn", "P-1"}));
  alsmeds::test::id_of(db.run({"therapy", "start", "--patient", "P-1", "--drug", "riluzole", "--start",
                               format_day(today() - date::days{30})}));
  const std::string at = format_utc(Instant{today() - date::days{1}} + std::chrono::hours{8});
  const std::string logged = alsmeds::test::id_of(
      db.run({"log", "dose", "--patient", "P-1", "--drug", "riluzole", "--at", at, "--status", "taken"}));
  const auto file = db.write("doses.csv", "mrn,drug,at,status\nP-1,riluzole," + at + ",taken\n");
  const auto r = db.run({"import", "doses", file});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("line 2") && Catch::Contains("repeats record " + logged));
}
