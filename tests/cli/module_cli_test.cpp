// The server's store and the documents are modules loaded when first needed
// (core/src/storage/program_modules.hpp): a command on a SQLite file starts without libpq, cairo and libical
// (the `log dose` figure, README), and a program whose module is missing says which and where it looked
// instead of failing obscurely.
#include <cstdlib>
#include <filesystem>

#include "cli_db.hpp"

using namespace alsmeds::test;

namespace {

// The program copied alone into a folder with no lib/alsmeds beside it.
struct LoneProgram {
  std::filesystem::path path;
  explicit LoneProgram(const TempDb& db) {
    std::filesystem::create_directories(db.dir / "lone" / "bin");
    path = db.dir / "lone" / "bin" / "alsmeds-cli";
    std::filesystem::copy_file(ALSMEDS_CLI_PATH, path);
  }
  CliRun run(const TempDb& db, std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db.path, "--by", "nurse.kim"});
    const std::string program = path.string();
    return run_cli(args, [program] { setenv("ALSMEDS_TEST_CLI", program.c_str(), 1); });
  }
};

}  // namespace

TEST_CASE("The command line starts without the server's and the documents' libraries") {
  // What the dynamic loader maps before main: libpq, cairo and libical only when a module is loaded.
  const CliRun ldd = run_cli({}, [] {
    const char* argv[] = {"ldd", ALSMEDS_CLI_PATH, nullptr};
    execvp("ldd", const_cast<char* const*>(argv));
    _exit(127);
  });
  REQUIRE(ldd.exit_code == 0);
  CHECK(ldd.out.find("libsqlite3") != std::string::npos);  // the check can see a library
  CHECK(ldd.out.find("libpq") == std::string::npos);
  CHECK(ldd.out.find("libcairo") == std::string::npos);
  CHECK(ldd.out.find("libical") == std::string::npos);
}

TEST_CASE("A program without its modules keeps working on a SQLite file and names the missing module") {
  TempDb db;
  REQUIRE(
      db.run({"patient", "add", "--name", "Ana Lima", "--tz", "Europe/Lisbon", "--mrn", "M1"}).exit_code ==
      0);
  REQUIRE(db.run({"therapy", "start", "--patient", "M1", "--drug", "riluzole", "--start", "2026-03-02"})
              .exit_code == 0);
  const LoneProgram lone(db);

  const CliRun logged =
      lone.run(db, {"log", "dose", "--patient", "M1", "--drug", "riluzole", "--at", "2026-03-02T08:00"});
  INFO(logged.err);
  CHECK(logged.exit_code == 0);
  CHECK(db.run({"history", "--patient", "M1", "--format", "csv"}).out.find("2026-03-02") !=
        std::string::npos);

  const CliRun ics = lone.run(db, {"export", "ics", "--patient", "M1", "--from", "2026-03-02", "--to",
                                   "2026-03-09", "--out", (db.dir / "plan.ics").string()});
  CHECK(ics.exit_code == 1);  // an installation fault, said as itself (it was "internal failure: ...")
  CHECK(ics.err.rfind("error: the documents module is not installed", 0) == 0);
  CHECK(ics.err.find("lib/alsmeds/alsmeds_documents.so") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(db.dir / "plan.ics"));

  const CliRun server = run_cli(
      {"--db", "postgresql://nurse@/clinic?host=" + (db.dir / "no-server").string(), "patient", "list"},
      [program = lone.path.string()] { setenv("ALSMEDS_TEST_CLI", program.c_str(), 1); });
  CHECK(server.exit_code == 1);  // an installation fault, not bad input (it was exit 2)
  CHECK(server.err.find("the clinic server's module is not installed") != std::string::npos);
  const CliRun init = run_cli(
      {"--db", "postgresql://nurse@/clinic?host=" + (db.dir / "no-server").string(), "server", "init"},
      [program = lone.path.string()] { setenv("ALSMEDS_TEST_CLI", program.c_str(), 1); });
  CHECK(init.exit_code == 1);
  CHECK(init.err.find("the clinic server's module is not installed") != std::string::npos);
  CHECK(server.err.find("postgresql://") != std::string::npos);
}
