// Storage failures in the desktop app: a write that waits past the busy timeout, a database file removed
// while open, a damaged file chosen in File > Open. Each leaves a message beside the control, the app
// drawing on, and nothing written.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "cli_beside.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

std::size_t doses_of(gui::AppState& s, RecordId patient) {
  std::size_t n = 0;
  for (const LogEntry& e : s.store->log_entries(patient)) n += e.kind == LogKind::dose;
  return n;
}

/// Another program holding the database's write lock (BEGIN EXCLUSIVE) until release() or the end.
class WriteLockHolder {
 public:
  explicit WriteLockHolder(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  ~WriteLockHolder() { release(); }
  WriteLockHolder(const WriteLockHolder&) = delete;
  WriteLockHolder& operator=(const WriteLockHolder&) = delete;
  void release() {
    if (!db_) return;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace

TEST_CASE("A write kept waiting past the busy timeout: a message beside the button, the app goes on") {
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T08:30:00Z");
  const std::string db = (fx.dir / "gui.db").string();
  fx.state.busy_timeout_ms = 200;
  REQUIRE(gui::open_database(fx.state, db).ok());
  const std::string morning = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";
  GuiHarness gui(1400);  // tall: the quick-log buttons on screen below the doses
  gui.frame(fx.state);

  WriteLockHolder other(db);
  REQUIRE(gui.click(fx.state, "today:taken:" + morning));
  const gui::Message& shown = fx.state.today_view.dose_message;
  INFO(shown.text);
  CHECK(shown.error);
  CHECK(shown.text.rfind("database busy", 0) == 0);
  CHECK(shown.text.find("Not saved: Taken") != std::string::npos);
  CHECK(fx.state.status.error);
  gui.frames(fx.state, 3);  // the app draws on: the message in the dose's row, the dose still to log
  CHECK(gui::probed("today:dose-message"));
  CHECK(gui::probed("today:taken:" + morning));

  fx.state.today_view.weight_kg = "71";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-weight"));
  CHECK(fx.state.today_view.weight_message.text.rfind("database busy", 0) == 0);
  gui.frame(fx.state);
  CHECK(gui::probed("today:weight-message"));

  other.release();
  CHECK(fx.state.store->log_entries(fx.patient).empty());  // nothing written by the failed clicks
  REQUIRE(gui.click(fx.state, "today:taken:" + morning));  // and once the other program is done, it works
  CHECK_FALSE(fx.state.today_view.dose_message.error);
  CHECK(doses_of(fx.state, fx.patient) == 1);
}

TEST_CASE("The database file removed while the app runs: writes fail visibly, nothing is acknowledged") {
  GuiFixture fx("Europe/London");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T08:30:00Z");
  const std::string db = (fx.dir / "gui.db").string();
  GuiHarness gui(1400);  // tall: the quick-log buttons on screen below the doses
  gui.frame(fx.state);
  std::filesystem::remove(db);
  fx.state.today_view.weight_kg = "71";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "today:log-weight"));
  const gui::Message& shown = fx.state.today_view.weight_message;
  INFO(shown.text);
  CHECK(shown.error);
  CHECK(shown.text.find("removed or renamed") != std::string::npos);
  CHECK(fx.state.store->log_entries(fx.patient).empty());
  fx.state.now += std::chrono::seconds{1};
  gui.frames(fx.state, 2);  // the once-a-second look says so in the status line too
  CHECK(fx.state.status.error);
  CHECK(fx.state.status.text.find("removed or renamed") != std::string::npos);
}

TEST_CASE("File > Open of a damaged database is refused, the open one stays open and usable") {
  GuiFixture fx("Europe/London");
  const std::string db = (fx.dir / "gui.db").string();
  const std::string damaged = (fx.dir / "damaged.db").string(), good = (fx.dir / "good.db").string();
  REQUIRE(cli_on(damaged, {"demo", "--patients", "5"}).exit_code == 0);
  REQUIRE(cli_on(good, {"demo", "--patients", "3"}).exit_code == 0);
  {
    std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);  // no connection holds it
    for (int page = 20; page < 40; ++page) {  // b-tree page headers of an impossible kind
      f.seekp(4096L * page);
      f.write("\x0d\xff\xff\xff\xff\xff\xff\xff", 8);
    }
  }
  REQUIRE(cli_on(damaged, {"check"}).exit_code != 0);
  GuiHarness gui(1400);  // tall: the quick-log buttons on screen below the doses
  gui.frame(fx.state);

  fx.state.shell.dialog = "open";
  fx.state.shell.path_input = damaged;
  gui.frames(fx.state, 2);
  REQUIRE(gui.click(fx.state, "dialog:go"));
  const gui::Message& shown = fx.state.shell.dialog_message;
  INFO(shown.text);
  CHECK(shown.error);
  CHECK(shown.text.find("is damaged") != std::string::npos);
  CHECK(fx.state.status.error);
  gui.frame(fx.state);
  CHECK(gui::probed("dialog:message"));  // shown in the dialog, which stays open
  CHECK(fx.state.shell.dialog == "open");
  CHECK(fx.state.db_path == db);  // the open database stays open, and usable
  CHECK(fx.state.patients.size() == 1);
  CHECK(fx.state.store->patients().size() == 1);

  fx.state.shell.path_input = good;  // a good file opens from the same dialog, which then closes
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "dialog:go"));
  CHECK_FALSE(fx.state.shell.dialog_message.error);
  CHECK(fx.state.db_path == good);
  CHECK(fx.state.patients.size() == 3);
  gui.frames(fx.state, 2);
  CHECK(fx.state.shell.dialog.empty());
}
