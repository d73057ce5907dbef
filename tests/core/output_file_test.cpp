// check_output_target and write_output_file: the database refused by any name, private whole files, and the
// failures told apart (a target the person can change, or the machine).
#include "alsmeds/output_file.hpp"

#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

using namespace alsmeds;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path dir;
  TempDir() {
    std::random_device rd;
    dir = fs::temp_directory_path() / ("alsmeds-output-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string operator/(const std::string& name) const { return (dir / name).string(); }
};

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void put(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// Sets the umask for the scope and puts the old one back.
struct Umask {
  mode_t old;
  explicit Umask(mode_t m) : old(::umask(m)) {}
  ~Umask() { ::umask(old); }
};

}  // namespace

TEST_CASE("check_output_target refuses the database and its -wal, -shm, -journal by any name") {
  TempDir t;
  const std::string db = t / "clinic.db";
  put(db, "SQLite format 3");
  put(db + "-wal", "");  // -shm and -journal do not exist: refused all the same
  fs::create_directories(t.dir / "sub");
  REQUIRE(::symlink(db.c_str(), (t / "sym.db").c_str()) == 0);
  REQUIRE(::link(db.c_str(), (t / "hard.db").c_str()) == 0);
  REQUIRE(::symlink((db + "-shm").c_str(), (t / "shm-link").c_str()) == 0);  // dangling
  REQUIRE(::symlink("../sym.db", (t / "sub/chain").c_str()) == 0);           // a link to a link
  REQUIRE(::symlink(t.dir.c_str(), (t / "dir-link").c_str()) == 0);          // a folder reached another way

  for (const std::string& target :
       {db, db + "-wal", db + "-shm", db + "-journal", t / "sym.db", t / "hard.db", t / "shm-link",
        t / "sub/chain", t / "sub/../clinic.db", t / "dir-link/clinic.db-shm", t / "./clinic.db"}) {
    auto r = check_output_target(target, db);
    INFO(target);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("'" + target + "'") != std::string::npos);
    CHECK(r.error().find(db) != std::string::npos);
  }
  CHECK(check_output_target(t / "sym.db", db).error().find("a link to the open database") !=
        std::string::npos);
  CHECK(check_output_target(db + "-wal", db).error().find("write-ahead log") != std::string::npos);

  SECTION("the database named through a link or relative path is the same database") {
    CHECK_FALSE(check_output_target(db, t / "sym.db").ok());
    CHECK_FALSE(check_output_target(db + "-wal", t / "dir-link/clinic.db").ok());
    const fs::path cwd = fs::current_path();
    fs::current_path(t.dir);
    CHECK_FALSE(check_output_target(db, "clinic.db").ok());
    CHECK_FALSE(check_output_target("sub/../clinic.db-journal", db).ok());
    fs::current_path(cwd);
  }
  SECTION("other names are fine, and so is anything when there is no database file to compare") {
    for (const std::string& fine : {db + ".json", db + "-wal.json", t / "clinic.db2", t / "sub/clinic.db",
                                    t / "other.json", std::string("relative.json")})
      CHECK(check_output_target(fine, db).ok());
    CHECK(check_output_target(db, "").ok());
    CHECK(check_output_target(db, "postgresql://clinic.example/alsmeds").ok());
  }
}

TEST_CASE("check_output_target and a refused write never open the database file") {
  // Closing any descriptor on a SQLite file drops the process's POSIX locks on it: stat only.
  TempDir t;
  const std::string db = t / "clinic.db";
  put(db, "SQLite format 3");
  put(db + "-wal", "");
  REQUIRE(::link(db.c_str(), (t / "hard.db").c_str()) == 0);
  const int watch = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  REQUIRE(watch >= 0);
  REQUIRE(::inotify_add_watch(watch, db.c_str(), IN_OPEN | IN_CLOSE | IN_MODIFY) >= 0);
  REQUIRE(::inotify_add_watch(watch, (db + "-wal").c_str(), IN_OPEN | IN_CLOSE | IN_MODIFY) >= 0);
  CHECK_FALSE(check_output_target(t / "hard.db", db).ok());
  CHECK(check_output_target(t / "other.json", db).ok());
  CHECK(write_output_file(db, "x", db).failure == WriteFailure::bad_target);
  CHECK(write_output_file(db + "-wal", "x", db).failure == WriteFailure::bad_target);
  CHECK(write_output_file(t / "other.json", "x", db).ok());
  char events[4096];
  CHECK(::read(watch, events, sizeof events) < 0);  // EAGAIN: no event at all
  ::close(watch);
  CHECK(bytes_of(db) == "SQLite format 3");
}

TEST_CASE("write_output_file: the whole file, mode 0600 under any umask, nothing else left in the folder") {
  TempDir t;
  const std::string out = t / "export.json";
  const std::string text(100000, 'x');
  {
    Umask open_to_all(0);
    REQUIRE(write_output_file(out, text, "").ok());
  }
  CHECK(bytes_of(out) == text);
  struct stat st {};
  REQUIRE(::stat(out.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
  CHECK(entries(t.dir) == 1u);

  SECTION("an existing file is replaced whole, and becomes private") {
    ::chmod(out.c_str(), 0644);
    {
      Umask strict(0277);  // even a umask that would leave the owner unable to write
      REQUIRE(write_output_file(out, "second", "").ok());
    }
    CHECK(bytes_of(out) == "second");
    REQUIRE(::stat(out.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);
    CHECK(entries(t.dir) == 1u);
  }
  SECTION("a symbolic link at the target is replaced, not followed") {
    const std::string victim = t / "victim.txt";
    put(victim, "keep me");
    const std::string link = t / "link.json";
    REQUIRE(::symlink(victim.c_str(), link.c_str()) == 0);
    REQUIRE(write_output_file(link, "export", "").ok());
    CHECK(bytes_of(victim) == "keep me");
    CHECK_FALSE(fs::is_symlink(link));
    CHECK(bytes_of(link) == "export");
  }
  SECTION("a relative name is written in the current folder") {
    const fs::path cwd = fs::current_path();
    fs::current_path(t.dir);
    const auto r = write_output_file("relative.csv", "a,b\n", "");
    fs::current_path(cwd);
    REQUIRE(r.ok());
    CHECK(bytes_of(t / "relative.csv") == "a,b\n");
  }
}

TEST_CASE("write_output_file: a target the person can change is bad_target, naming it") {
  TempDir t;
  fs::create_directories(t.dir / "folder");
  const std::string db = t / "clinic.db";
  put(db, "SQLite format 3");
  for (const std::string& target :
       {t / "missing/x.json", t / "folder", t / "folder/", t / "folder/.", db, db + "-shm", std::string()}) {
    const WriteResult r = write_output_file(target, "x", db);
    INFO(target);
    CHECK(r.failure == WriteFailure::bad_target);
    CHECK_FALSE(r.ok());
    CHECK(r.message.find(target) != std::string::npos);
  }
  CHECK(write_output_file(t / "missing/x.json", "x", "").message.find("does not exist") != std::string::npos);
  CHECK(fs::is_empty(t.dir / "folder"));
  CHECK(entries(t.dir) == 2u);  // folder and clinic.db
  CHECK(bytes_of(db) == "SQLite format 3");
}

TEST_CASE("write_output_file: a write the machine cannot finish is io, the old file left as it was") {
  TempDir t;
  const std::string out = t / "report.html";
  put(out, "the previous report");
  const std::string text(200000, 'r');

  SECTION("a file size limit (EFBIG mid-write, after a short write)") {
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old_limit{};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
    rlimit limit = old_limit;
    limit.rlim_cur = 50000;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
    const WriteResult r = write_output_file(out, text, "");
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    CHECK(r.failure == WriteFailure::io);
    CHECK(r.message.find(out) != std::string::npos);
    CHECK(r.message.find("too large") != std::string::npos);
  }
  SECTION("a full disk (ENOSPC): a 64 KiB tmpfs, when this process may mount one") {
    const fs::path disk = t.dir / "disk";
    fs::create_directories(disk);
    if (::mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=64k,mode=0700") != 0) {
      WARN("skipped: this process may not mount a tmpfs (needs root or CAP_SYS_ADMIN)");
      return;
    }
    const std::string full = (disk / "report.html").string();
    put(full, "the previous report");
    const WriteResult r = write_output_file(full, text, "");
    CHECK(r.failure == WriteFailure::io);
    CHECK(r.message.find("no space left on device") != std::string::npos);
    CHECK(bytes_of(full) == "the previous report");
    CHECK(entries(disk) == 1u);
    ::umount2(disk.c_str(), MNT_DETACH);
  }
  CHECK(bytes_of(out) == "the previous report");
  CHECK(entries(t.dir) <= 2u);  // report.html (and the disk folder)
}

TEST_CASE("write_output_file: a pipe, a link to one, or a device is refused, never replaced by a file") {
  // As `--out /dev/stdout` was: the rename replaced the system's /dev/stdout link with a file of patient
  // data. Tested on a pipe and a link to it in a temporary folder, never on the real /dev entries.
  TempDir t;
  const std::string pipe = t / "pipe";
  REQUIRE(::mkfifo(pipe.c_str(), 0600) == 0);
  const std::string link = t / "stdout";
  fs::create_symlink(pipe, link);
  for (const std::string& target : {pipe, link}) {
    const WriteResult r = write_output_file(target, "patient data", "");
    INFO(target);
    CHECK(r.failure == WriteFailure::bad_target);
    CHECK(r.message.find("not a regular file") != std::string::npos);
  }
  CHECK(fs::is_fifo(fs::symlink_status(pipe)));
  CHECK(fs::is_symlink(fs::symlink_status(link)));
  CHECK(entries(t.dir) == 2u);
  // A link to a regular file is replaced by the new file (never written through).
  const std::string victim = t / "victim.txt", to_victim = t / "report.csv";
  put(victim, "someone else's file");
  fs::create_symlink(victim, to_victim);
  CHECK(write_output_file(to_victim, "report", "").ok());
  CHECK(bytes_of(victim) == "someone else's file");
  CHECK(bytes_of(to_victim) == "report");
}
