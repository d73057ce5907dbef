// End-to-end: files written with patient data (exports, --out reports) are private, created exclusively,
// whole or not at all, and never the open database (docs/cli.md, "Common rules").
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::id_of;
using alsmeds::test::run_cli;
using alsmeds::test::TempDb;
namespace fs = std::filesystem;

using alsmeds::test::bytes_of;
using alsmeds::test::mode_of;

namespace {

// A patient with a riluzole therapy and a few doses logged: something to export and report on.
std::string add_patient(const TempDb& db) {
  const std::string p = id_of(db.run({"patient", "add", "--name", "F", "--tz", "UTC", "--mrn", "F-1"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  id_of(db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-01T08:00"}));
  return p;
}

// The commands that write --out, each with the target to write.
std::vector<std::vector<std::string>> writers(const std::string& out) {
  return {
      {"export", "fhir", "--patient", "F-1", "--out", out},
      {"export", "ics", "--patient", "F-1", "--out", out, "--from", "2026-03-01", "--to", "2026-03-02"},
      {"report", "adherence", "--patient", "F-1", "--from", "2026-03-01", "--to", "2026-03-05", "--out", out},
      {"report", "cma", "--from", "2026-01-01", "--days", "30", "--out", out}};
}

// A tmpfs of `size` mounted on a new folder of `db`, unmounted when the test ends; empty when this process
// may not mount (not root, or in a container without CAP_SYS_ADMIN).
struct SmallDisk {
  std::string dir;
  explicit SmallDisk(const TempDb& db, const char* size) {
    const fs::path at = db.dir / "small-disk";
    fs::create_directories(at);
    const std::string options = std::string("size=") + size + ",mode=0700";
    if (::mount("tmpfs", at.c_str(), "tmpfs", 0, options.c_str()) == 0) dir = at.string();
  }
  ~SmallDisk() {
    if (!dir.empty()) ::umount2(dir.c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
};

}  // namespace

TEST_CASE("Output files: the open database and its -wal -shm -journal or links to them are refused") {
  TempDb db;
  add_patient(db);
  const std::string before = bytes_of(db.path);
  REQUIRE(!before.empty());
  REQUIRE(::symlink(db.path.c_str(), (db.dir / "link.db").c_str()) == 0);
  REQUIRE(::link(db.path.c_str(), (db.dir / "hard.db").c_str()) == 0);
  REQUIRE(::symlink((db.path + "-wal").c_str(), (db.dir / "wal-link").c_str()) == 0);  // dangling for now
  fs::create_directories(db.dir / "sub");

  for (const std::string& target :
       {db.path, db.path + "-wal", db.path + "-shm", db.path + "-journal", (db.dir / "link.db").string(),
        (db.dir / "hard.db").string(), (db.dir / "wal-link").string(),
        (db.dir / "sub" / ".." / "clinic.db").string()}) {
    for (const auto& args : writers(target)) {
      const auto r = db.run(args);
      INFO(args[0] + " " + args[1] + " --out " + target);
      INFO(r.err);
      CHECK(r.exit_code == 2);
      REQUIRE(r.err_lines().size() == 1u);
      CHECK(r.err_lines()[0].rfind("error: --out: ", 0) == 0);
      CHECK(r.err.find(target) != std::string::npos);
      CHECK(bytes_of(db.path) == before);
      CHECK_FALSE(fs::exists(db.path + "-journal"));
      CHECK(fs::is_symlink(db.dir / "link.db"));
      CHECK(fs::is_symlink(db.dir / "wal-link"));
    }
  }
  const auto check = db.run({"check"});
  CHECK(check.exit_code == 0);
  CHECK(check.out.rfind("ok\n", 0) == 0);
  CHECK(bytes_of(db.path) == before);
  CHECK(fs::is_empty(db.dir / "sub"));
  // Near names are ordinary files.
  for (const std::string& fine : {db.path + ".json", db.path + "-wal.json", (db.dir / "clinic.db2").string()})
    CHECK(db.run(writers(fine)[0]).exit_code == 0);
}

TEST_CASE("Output files: exports and reports are created 0600 even under umask 000") {
  TempDb db;
  add_patient(db);
  const std::string out = (db.dir / "out.file").string();
  for (const auto& args : writers(out)) {
    fs::remove(out);
    const auto r = db.run(args, [] { ::umask(0); });
    INFO(args[0] + " " + args[1]);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(mode_of(out) == 0600);
    CHECK(fs::file_size(out) > 0u);
  }
  // A file already there (readable by all) is replaced by a private one.
  { std::ofstream(out) << "old"; }
  ::chmod(out.c_str(), 0644);
  REQUIRE(db.run(writers(out)[0], [] { ::umask(0); }).exit_code == 0);
  CHECK(mode_of(out) == 0600);
  CHECK(bytes_of(out).find("\"resourceType\"") != std::string::npos);
}

TEST_CASE("Output files: a symlink planted at the temporary name or at the target is not followed") {
  TempDb db;
  add_patient(db);
  const std::string victim = db.write("victim.txt", "someone else's file\n");
  const std::string out = (db.dir / "export.json").string();
  // The name the writer used before (X.part-<pid>): the child knows its pid before exec.
  const auto r = db.run(writers(out)[0], [&] {
    const std::string planted = out + ".part-" + std::to_string(::getpid());
    if (::symlink(victim.c_str(), planted.c_str()) != 0) _exit(99);
  });
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(bytes_of(victim) == "someone else's file\n");
  CHECK_FALSE(fs::is_symlink(out));
  CHECK(bytes_of(out).find("\"resourceType\"") != std::string::npos);

  // The target itself a symlink: the link is replaced by the export, what it points to is left alone.
  const std::string linked = (db.dir / "linked.ics").string();
  REQUIRE(::symlink(victim.c_str(), linked.c_str()) == 0);
  REQUIRE(db.run(writers(linked)[1]).exit_code == 0);
  CHECK(bytes_of(victim) == "someone else's file\n");
  CHECK_FALSE(fs::is_symlink(linked));
  CHECK(bytes_of(linked).find("BEGIN:VCALENDAR") != std::string::npos);
}

TEST_CASE("Output files: a missing folder or a folder as target is exit 2 and leaves nothing behind") {
  TempDb db;
  add_patient(db);
  fs::create_directories(db.dir / "folder");
  for (const std::string& target : {(db.dir / "missing" / "x.json").string(), (db.dir / "folder").string()}) {
    const auto r = db.run(writers(target)[0]);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    REQUIRE(r.err_lines().size() == 1u);
    CHECK(r.err_lines()[0].rfind("error: --out: ", 0) == 0);
    CHECK(r.err.find(target) != std::string::npos);
  }
  CHECK(fs::is_empty(db.dir / "folder"));
  CHECK_FALSE(fs::exists(db.dir / "missing"));
}

TEST_CASE("Output files: a report that fails for want of space is exit 1 with a clear line") {
  TempDb db;
  REQUIRE(db.run({"demo", "--patients", "4", "--years", "1", "--seed", "5"}).exit_code == 0);
  const std::vector<std::string> report{"report", "adherence",  "--all",    "--from", "2026-01-01",
                                        "--to",   "2026-12-31", "--format", "html"};
  auto with_out = [&](const std::string& out) {
    auto a = report;
    a.insert(a.end(), {"--out", out});
    return a;
  };
  auto expect_io_failure = [&](const alsmeds::test::CliRun& r, const std::string& out) {
    INFO(r.err);
    CHECK(r.exit_code == 1);
    REQUIRE(r.err_lines().size() == 1u);
    CHECK(r.err_lines()[0].rfind("error: ", 0) == 0);
    CHECK(r.err.find("internal failure") == std::string::npos);
    CHECK(r.err.find(out) != std::string::npos);
  };

  SECTION("a file size limit (EFBIG): runs anywhere") {
    const std::string out = (db.dir / "big.html").string();
    REQUIRE(bytes_of(db.path).size() > 0u);
    const auto r = db.run(with_out(out), [] {
      std::signal(SIGXFSZ, SIG_IGN);
      struct rlimit limit {};
      ::getrlimit(RLIMIT_FSIZE, &limit);
      limit.rlim_cur = 40000;  // above SQLite's 32 KiB -shm, below the report
      ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    expect_io_failure(r, out);
    CHECK_FALSE(fs::exists(out));
    const auto full = db.run(with_out(out));
    REQUIRE(full.exit_code == 0);
    REQUIRE(fs::file_size(out) > 40000u);
  }
  SECTION("a full disk (ENOSPC) on a 64 KiB tmpfs: needs permission to mount") {
    SmallDisk disk(db, "64k");
    if (disk.dir.empty()) {
      WARN("skipped: this process may not mount a tmpfs (needs root or CAP_SYS_ADMIN)");
      return;
    }
    const std::string out = disk.dir + "/report.html";
    const auto r = db.run(with_out(out));
    expect_io_failure(r, out);
    CHECK(fs::is_empty(disk.dir));  // no temporary file left
  }
}
