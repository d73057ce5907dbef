// One database shared by a long-running program (the desktop app: a connection on the UI thread and one on
// its worker) and alsmeds-cli commands beside it; files that must be refused and left exactly as they are.
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "alsmeds/storage/record_store.hpp"
#include "cli_db.hpp"

namespace fs = std::filesystem;
using alsmeds::test::id_of;
using alsmeds::test::TempDb;

using alsmeds::test::bytes_of;
using alsmeds::test::mode_of;

namespace {

alsmeds::Actor app_actor() {
  return {"app.user", alsmeds::Instant{std::chrono::seconds{1'780'000'000}}};
}

alsmeds::NewPatient patient(const std::string& mrn) {
  alsmeds::NewPatient p;
  p.mrn = mrn;
  p.name = "Patient " + mrn;
  p.tz = "Europe/Paris";
  return p;
}

// A rollback-journal SQLite file left with a hot journal: a child process dies in the middle of a write,
// as a copy killed halfway does.
void make_file_with_hot_journal(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(
      db,
      "PRAGMA application_id = 1095521613; CREATE TABLE t(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION "
      "ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO t SELECT randomblob(100) FROM n;",
      nullptr, nullptr, nullptr);
  sqlite3_close(db);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    sqlite3* w = nullptr;
    sqlite3_open(path.c_str(), &w);
    sqlite3_exec(w, "PRAGMA cache_size = 5; BEGIN; UPDATE t SET x = randomblob(100);", nullptr, nullptr,
                 nullptr);
    _exit(0);  // no rollback, no close: the journal stays hot
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(fs::exists(path + "-journal"));
}

}  // namespace

TEST_CASE(
    "The app's two connections and a read-only CLI command beside them: the WAL stays, nothing is lost") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "First", "--tz", "Europe/Paris", "--mrn", "M-1"}));
  {
    auto app = std::move(alsmeds::open_record_store(db.path)).value();  // the UI thread's store
    REQUIRE(app->add_patient(patient("M-2"), app_actor()).ok());
    {
      // The worker thread's store, opened and closed while the UI thread's stays open.
      auto worker = std::move(alsmeds::open_record_store(db.path, alsmeds::CreateMode::must_exist)).value();
      CHECK(worker->patients().size() == 2);
    }
    const auto read = db.run({"history", "--patient", "1"});
    REQUIRE(read.exit_code == 0);
    // The CLI must have seen the app still holding the file: the WAL and its index stay while the app runs.
    CHECK(fs::exists(db.path + "-wal"));
    CHECK(fs::exists(db.path + "-shm"));
    REQUIRE(app->add_patient(patient("M-3"), app_actor()).ok());
    id_of(db.run({"patient", "add", "--name", "Fourth", "--tz", "Europe/Paris", "--mrn", "M-4"}));
    REQUIRE(app->add_patient(patient("M-5"), app_actor()).ok());
    CHECK(app->patients().size() == 5);
  }
  const auto check = db.run({"check"});
  CHECK(check.out.rfind("ok\n", 0) == 0);
  const auto list = db.run({"patient", "list", "--format", "csv"});
  REQUIRE(list.exit_code == 0);
  for (const char* mrn : {"M-1", "M-2", "M-3", "M-4", "M-5"}) CHECK(list.out.find(mrn) != std::string::npos);
}

TEST_CASE("Commands that only read never create, migrate or write a database file") {
  TempDb db;
  SECTION("a missing file stays missing") {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"check"}, {"patient", "list"}, {"due"}, {"audit"}, {"history", "--patient", "1"}}) {
      const auto r = db.run(args);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("does not exist") != std::string::npos);
      CHECK_FALSE(fs::exists(db.path));
    }
  }
  SECTION("an empty file is not an alsmeds database, and stays empty") {
    std::ofstream(db.path).close();
    const auto r = db.run({"check"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("empty") != std::string::npos);
    CHECK(fs::file_size(db.path) == 0);
    CHECK_FALSE(fs::exists(db.path + "-wal"));
  }
  SECTION("an interrupted copy (a hot rollback journal) is refused, the file and its journal untouched") {
    make_file_with_hot_journal(db.path);
    const std::string before = bytes_of(db.path), journal = bytes_of(db.path + "-journal");
    for (const auto& args : std::vector<std::vector<std::string>>{{"check"}, {"patient", "list"}}) {
      const auto r = db.run(args);
      INFO(r.out << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.out.find("ok") == std::string::npos);
    }
    CHECK(bytes_of(db.path) == before);
    CHECK(bytes_of(db.path + "-journal") == journal);
  }
}

TEST_CASE("A database's mode is set when it is created, never changed at open") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "A", "--tz", "Europe/Paris"}));
  CHECK(mode_of(db.path) == 0600);
  ::chmod(db.path.c_str(), 0660);  // shared with the clinic's group on purpose
  CHECK(db.run({"patient", "list"}).exit_code == 0);
  id_of(db.run({"patient", "add", "--name", "B", "--tz", "Europe/Paris"}));
  CHECK(mode_of(db.path) == 0660);
  ::chmod(db.path.c_str(), 0440);
  CHECK(db.run({"check"}).exit_code == 0);
  CHECK(mode_of(db.path) == 0440);
}

TEST_CASE("A pipe or a device given as the database is refused at once") {
  TempDb db;
  REQUIRE(::mkfifo(db.path.c_str(), 0600) == 0);
  const auto start = std::chrono::steady_clock::now();
  const auto r = db.run({"patient", "list"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("not a regular file") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - start <
        std::chrono::seconds(20));  // no hang (a bound, not a timing)
  const auto dev = alsmeds::test::run_cli({"--db", "/dev/null", "check"});
  CHECK(dev.exit_code == 2);
}

TEST_CASE("Another program's SQLite file with a leftover WAL is refused and left exactly as it was") {
  TempDb db;
  sqlite3* other = nullptr;
  sqlite3_open(db.path.c_str(), &other);
  sqlite3_exec(other,
               "PRAGMA journal_mode = WAL; CREATE TABLE notes(t); INSERT INTO notes VALUES ('theirs');",
               nullptr, nullptr, nullptr);
  sqlite3_db_config(other, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  sqlite3_close(other);  // as if that program had been killed: its WAL holds the last write
  REQUIRE(fs::file_size(db.path + "-wal") > 0);
  const std::string file = bytes_of(db.path), wal = bytes_of(db.path + "-wal");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"patient", "list"}, {"patient", "add", "--name", "X", "--tz", "Europe/Paris"}, {"check"}}) {
    const auto r = db.run(args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("another program") != std::string::npos);
  }
  CHECK(bytes_of(db.path) == file);
  CHECK(bytes_of(db.path + "-wal") == wal);
}

TEST_CASE("Two patient add with one MRN at the same moment: one is stored, the other is refused clearly") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Seed", "--tz", "Europe/Paris"}));
  for (int round = 0; round < 8; ++round) {
    const std::string mrn = "R-" + std::to_string(round);
    std::vector<alsmeds::test::CliRun> runs(2);
    std::thread a([&] {
      runs[0] = db.run({"patient", "add", "--name", "A", "--tz", "Europe/Paris", "--mrn", mrn});
    });
    std::thread b([&] {
      runs[1] = db.run({"patient", "add", "--name", "B", "--tz", "Europe/Paris", "--mrn", mrn});
    });
    a.join();
    b.join();
    INFO(runs[0].err << runs[1].err);
    CHECK(((runs[0].exit_code == 0 && runs[1].exit_code == 2) ||
           (runs[0].exit_code == 2 && runs[1].exit_code == 0)));
    const auto& refused = runs[0].exit_code == 2 ? runs[0] : runs[1];
    CHECK(refused.err.find("belongs to another patient") != std::string::npos);
  }
}

TEST_CASE("A backup is whole or absent: killed halfway, refused over an existing file, never a 0-byte file") {
  TempDb db;
  REQUIRE(db.run({"demo", "--patients", "60"}).exit_code == 0);
  const std::string target = (db.dir / "copy.db").string();
  SECTION("killed at some point of the copy") {
    for (int delay_ms : {5, 40, 120}) {
      fs::remove(target);
      const pid_t child = fork();
      REQUIRE(child >= 0);
      if (child == 0) {
        execl(ALSMEDS_CLI_PATH, "alsmeds-cli", "--db", db.path.c_str(), "backup", target.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      ::kill(child, SIGKILL);
      int status = 0;
      waitpid(child, &status, 0);
      if (fs::exists(target)) {
        const auto r = alsmeds::test::run_cli({"--db", target, "check"});
        INFO("killed after " << delay_ms << " ms: " << r.err);
        CHECK(r.out.rfind("ok\n", 0) == 0);
      }
      CHECK_FALSE(fs::exists(target + "-journal"));
    }
  }
  SECTION("a finished backup checks ok, is private, and is never overwritten") {
    const auto done = db.run({"backup", target});
    REQUIRE(done.exit_code == 0);
    CHECK(mode_of(target) == 0600);
    CHECK(alsmeds::test::run_cli({"--db", target, "check"}).out.rfind("ok\n", 0) == 0);
    const std::string before = bytes_of(target);
    CHECK(db.run({"backup", target}).exit_code == 2);
    CHECK(bytes_of(target) == before);
  }
  SECTION("never onto the database's own companions, even before they exist") {
    for (const std::string& own : {db.path + "-journal", db.path + "-shm", db.path + "-wal"}) {
      fs::remove(own);
      const auto r = db.run({"backup", own});
      INFO(own << ": " << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("open database") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(db.path + "-journal"));  // (the -wal and -shm are the command's own connection's)
    CHECK(db.run({"check"}).out.rfind("ok\n", 0) == 0);
  }
}

TEST_CASE("A write that waits past the busy timeout fails in words, prints no id and writes nothing") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "A", "--tz", "UTC", "--mrn", "B-1"}));
  sqlite3* holder = nullptr;
  REQUIRE(sqlite3_open(db.path.c_str(), &holder) == SQLITE_OK);
  REQUIRE(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  const auto r = db.run({"log", "weight", "--patient", "B-1", "--kg", "70", "--at", "2026-01-05"});
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::StartsWith("error: database busy"));
  CHECK_THAT(r.err, !Catch::Contains("internal failure"));
  CHECK(db.run({"history", "--patient", "B-1", "--format", "csv"}).out_lines().size() == 1u);  // header only
}
