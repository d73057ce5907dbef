// A run builds only the commands of its command word (issue 26: building all of them took a sixth of a
// `log dose`): every command the full help names still answers, with the subcommands other groups add to it,
// and the global options may come in either spelling before the word.
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::id_of;
using alsmeds::test::run_cli;
using alsmeds::test::TempDb;

namespace {

// The command words a help text lists under Subcommands ("  log    Log a dose, ...").
std::set<std::string> listed_commands(const std::string& help) {
  std::set<std::string> out;
  std::istringstream in(
      help.substr(help.find("Subcommands:") == std::string::npos ? help.size() : help.find("Subcommands:")));
  std::string line;
  static const std::regex row(R"(^  ([a-z][a-z-]*)\s+\S.*)");
  std::smatch m;
  while (std::getline(in, line))
    if (std::regex_match(line, m, row)) out.insert(m[1]);
  return out;
}

}  // namespace

TEST_CASE("every command the help names answers its own help with its subcommands") {
  const auto top = run_cli({"--help"});
  REQUIRE(top.exit_code == 0);
  const std::set<std::string> words = listed_commands(top.out);
  // docs/cli.md's commands, by hand.
  for (const char* w : {"plan",  "patient", "therapy", "alert",   "log",    "dispense", "history",
                        "audit", "backup",  "check",   "migrate", "closed", "import",   "due",
                        "demo",  "report",  "export",  "board",   "supply", "pharmacy", "server"})
    CHECK(words.count(w) == 1);
  for (const std::string& w : words) {
    INFO(w);
    const auto help = run_cli({w, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.err.empty());
  }
  // Subcommands that another group adds to a command (progression_commands.cpp): present when only that
  // command is built.
  const std::set<std::string> log = listed_commands(run_cli({"log", "--help"}).out);
  CHECK(log == std::set<std::string>{"dose", "effect", "lab", "weight", "alsfrs"});
  const std::set<std::string> report = listed_commands(run_cli({"report", "--help"}).out);
  CHECK(report.count("adherence") == 1);
  CHECK(report.count("cma") == 1);
  CHECK(report.count("progression") == 1);
  const std::set<std::string> plan = listed_commands(run_cli({"plan", "--help"}).out);
  CHECK(plan == std::set<std::string>{"edaravone", "riluzole", "tofersen", "lft"});
}

TEST_CASE("a word of no command is refused naming every command") {
  const auto r = run_cli({"--db", "/nonexistent/x.db", "bogus", "--patient", "1"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("'bogus' is not a command of alsmeds-cli") != std::string::npos);
  CHECK(r.err.find("plan") != std::string::npos);
  CHECK(r.err.find("pharmacy") != std::string::npos);
  const auto sub = run_cli({"log", "bogus"});
  CHECK(sub.exit_code == 2);
  CHECK(sub.err.find("'bogus' is not a command of alsmeds-cli log") != std::string::npos);
  CHECK(sub.err.find("alsfrs") != std::string::npos);
}

TEST_CASE("global options spelled with an equals sign come before the command word") {
  TempDb db;
  const auto added = run_cli({"--db=" + db.path, "--by=nurse.kim", "patient", "add", "--name", "Ana Ruiz",
                              "--tz", "Europe/Madrid", "--mrn", "E-1"});
  REQUIRE(added.exit_code == 0);
  const auto list = run_cli({"--by", "nurse.kim", "--db", db.path, "patient", "list", "--format", "csv"});
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("Ana Ruiz") != std::string::npos);
  const auto audit = db.run({"audit"});
  CHECK(audit.out.find("nurse.kim") != std::string::npos);
}

TEST_CASE("an empty database or recorder is refused naming the option and nothing is written") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Ana Ruiz", "--tz", "Europe/Madrid", "--mrn", "E-1"}));
  const std::vector<std::string> dose = {"log",      "dose", "--patient",        "E-1",      "--drug",
                                         "riluzole", "--at", "2026-03-02T08:00", "--status", "taken"};
  // "--by=" took the next word as its value (here the command word "supply"): refused.
  std::vector<std::string> args = {"--db", db.path, "--by=", "supply"};
  args.insert(args.end(), dose.begin(), dose.end());
  const auto attached = run_cli(args);
  CHECK(attached.exit_code == 2);
  CHECK(attached.err == "error: --by needs a value: who is recording\n");
  args = {"--db", "", "--by", "nurse.kim"};
  args.insert(args.end(), dose.begin(), dose.end());
  const auto empty_db = run_cli(args);  // it opened the default database
  CHECK(empty_db.exit_code == 2);
  CHECK_THAT(empty_db.err, Catch::StartsWith("error: --db needs a value"));
  CHECK(db.run({"history", "--patient", "E-1", "--format", "csv"}).out_lines().size() == 1);  // header only
}

TEST_CASE("a global option after the command word is named where it belongs") {
  TempDb db;
  const auto r = run_cli({"log", "--db", db.path, "dose", "--patient", "E-1"});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: --db is given to alsmeds-cli itself: put it before the command word (alsmeds-cli --db ... "
        "log ...)\n");
}

TEST_CASE("a global option after the leaf command names the whole command it follows") {
  TempDb db;
  const auto r = run_cli({"log", "dose", "--patient", "E-1", "--drug", "riluzole", "--db", db.path});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: --db is given to alsmeds-cli itself: put it before the command word (alsmeds-cli --db ... "
        "log dose ...)\n");
}

TEST_CASE("a command word without its command names the commands it has") {
  // `log` alone: its commands are the ones its help lists (docs/cli.md), said in the refusal.
  const std::set<std::string> log_commands = listed_commands(run_cli({"log", "--help"}).out);
  REQUIRE(log_commands.count("dose") == 1);
  const auto r = run_cli({"log"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("error: alsmeds-cli log needs a command: "));
  for (const std::string& c : log_commands) CHECK_THAT(r.err, Catch::Contains(c));
  // Nothing at all: the top-level commands.
  const auto bare = run_cli({});
  CHECK(bare.exit_code == 2);
  CHECK_THAT(bare.err, Catch::StartsWith("error: alsmeds-cli needs a command: ") && Catch::Contains("plan") &&
                           Catch::Contains("report"));
}
