// The desktop app and alsmeds-cli on one database file: the CLI reading and writing while the app's
// background jobs run, the app writing after; the app seeing the others' writes; the app killed mid-writes.
// These reproduce the failure seen with the app's worker thread (its second connection dropped the app's
// POSIX locks, a CLI command then deleted the app's WAL, and the app's later writes were lost or misfiled).
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "cli_beside.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

constexpr float kTall = 1400;  // the Today view's quick-log buttons on screen, below the doses

struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("alsmeds-gui-shared-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
};

/// The app on a database file of its own, empty until the test fills it.
struct EmptyApp {
  TempFolder dir;
  std::string path;
  gui::AppState state;
  EmptyApp() {
    path = (dir.path / "clinic.db").string();
    state.user = "app.user";
    state.now = *parse_instant("2026-11-25T09:00:00Z", *find_zone("UTC"));
    REQUIRE(gui::open_database(state, path).ok());
  }
  ~EmptyApp() {
    state.job.wait();
    state.store.reset();
  }
  EmptyApp(const EmptyApp&) = delete;
  EmptyApp& operator=(const EmptyApp&) = delete;
};

/// The ids the app itself shows for a patient (what it acknowledged), recorded by `user`.
std::set<std::string> app_ids(gui::AppState& s, RecordId patient, const std::string& user) {
  std::set<std::string> ids;
  for (const LogEntry& e : s.store->log_entries(patient))
    if (e.recorded_by == user) ids.insert(std::to_string(e.id));
  return ids;
}

/// Every id acknowledged by the app is in its patient's history as another program reads it, and every
/// record there is the app's; likewise for the CLI's patient; and the file checks ok.
void check_nothing_lost_or_misfiled(const std::string& db, const std::set<std::string>& app,
                                    const std::set<std::string>& cli, const std::string& cli_patient) {
  const auto first = cli_history(db, "1");
  for (const std::string& id : app) {
    INFO("app record " << id);
    CHECK(first.count(id) == 1);
  }
  for (const auto& [id, by] : first) {
    INFO("patient 1, record " << id);
    CHECK(by == "app.user");  // nothing of the CLI's patient under the app's
  }
  const auto second = cli_history(db, cli_patient);
  CHECK(second.size() == cli.size());
  for (const std::string& id : cli) {
    INFO("CLI record " << id);
    CHECK(second.count(id) == 1);
  }
  for (const auto& [id, by] : second) CHECK(by == "cli.user");
  CHECK(cli_on(db, {"check"}).out.rfind("ok\n", 0) == 0);
}

void log_weight_in_app(GuiHarness& gui, gui::AppState& s, double kg) {
  s.role = gui::Role::patient;
  s.today_view.weight_kg = format_quantity(kg);
  gui.frame(s);
  REQUIRE(gui.click(s, "today:log-weight"));
  INFO(s.today_view.weight_message.text);
  REQUIRE_FALSE(s.today_view.weight_message.error);
}

}  // namespace

TEST_CASE("App and CLI on one file: the CLI writes while the app's job runs, the app after, nothing lost") {
  EmptyApp app;
  GuiHarness gui(kTall);
  gui.frames(app.state, 2);  // an empty database: the app offers demo data
  REQUIRE(app.state.shell.dialog == "demo");
  app.state.shell.demo_patients = 40;
  gui.frame(app.state);  // the auto-sized dialog settles its place
  REQUIRE(gui.click(app.state, "demo:load"));
  REQUIRE(app.state.job.running());  // the worker thread fills the file through its own connection
  // The demo goes only into an empty file: the CLI's patient comes once the job's patients are in (on a
  // loaded machine the job's thread may start after the CLI's first write, and the demo is refused then).
  for (int i = 0; i < 6000 && app.state.store->patients().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));

  std::set<std::string> cli;
  const std::string mrn = "CLI-1";
  cli_id(app.path, {"patient", "add", "--name", "Cli Person", "--tz", "Europe/London", "--mrn", mrn});
  cli.insert(cli_id(app.path, {"log", "weight", "--patient", mrn, "--kg", "80", "--at", "2026-11-24"}));
  app.state.job.wait();
  INFO(app.state.job.error());
  REQUIRE(app.state.job.error().empty());
  gui.frames(app.state, 2);
  REQUIRE(cli_on(app.path, {"history", "--patient", "1"}).exit_code == 0);  // the read that deleted the WAL

  app.state.patient_id = 1;
  log_weight_in_app(gui, app.state, 70.5);
  cli.insert(cli_id(app.path, {"log", "weight", "--patient", mrn, "--kg", "81", "--at", "2026-11-25"}));
  log_weight_in_app(gui, app.state, 70.0);

  // The pharmacist's cohort (another worker connection), the CLI reading and writing meanwhile, the app
  // after.
  app.state.role = gui::Role::pharmacist;
  gui.frame(app.state);
  REQUIRE(cli_on(app.path, {"history", "--patient", "2"}).exit_code == 0);
  cli.insert(cli_id(app.path, {"log", "weight", "--patient", mrn, "--kg", "82", "--at", "2026-11-25"}));
  app.state.job.wait();
  gui.frames(app.state, 2);
  CHECK(app.state.adherence.loaded);
  log_weight_in_app(gui, app.state, 69.5);

  const std::set<std::string> acknowledged = app_ids(app.state, 1, "app.user");
  REQUIRE(acknowledged.size() > 3);
  const std::string cli_patient = std::to_string(app.state.store->find_patient_by_mrn(mrn)->id);
  check_nothing_lost_or_misfiled(app.path, acknowledged, cli, cli_patient);  // while the app runs
  app.state.store.reset();                                                   // the app closes
  check_nothing_lost_or_misfiled(app.path, acknowledged, cli, cli_patient);
}

TEST_CASE("Writes of other programs show in the open view within a second, without a restart") {
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T08:30:00Z");
  const std::string db = (fx.dir / "gui.db").string();
  const std::string morning = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";
  const std::string evening = "riluzole:" + std::to_string(therapy) + ":2026-11-25:2";
  GuiHarness gui(kTall);
  gui.frame(fx.state);
  REQUIRE(gui::probed("today:taken:" + morning));

  cli_id(db, {"log", "dose", "--patient", "1", "--drug", "riluzole", "--at", "2026-11-25T08:00"});
  fx.state.now += std::chrono::seconds{1};  // the app looks once a second
  gui.frames(fx.state, 2);
  CHECK_FALSE(gui::probed("today:taken:" + morning));  // the CLI's dose is shown: no Taken button any more
  CHECK(gui::probed("today:taken:" + evening));

  // A second app window on the same file logs the evening dose; the first shows it a second later.
  gui::AppState second;
  REQUIRE(gui::open_database(second, db).ok());
  second.user = "second.window";
  second.now = fx.state.now + std::chrono::minutes{11 * 60 + 30};  // 20:01, inside the evening dose's window
  second.shell.demo_offered = true;
  second.patient_id = fx.patient;
  gui.frame(second);
  REQUIRE(gui.click(second, "today:taken:" + evening));
  REQUIRE_FALSE(second.today_view.dose_message.error);
  gui.frame(fx.state);
  fx.state.now += std::chrono::seconds{1};
  gui.frames(fx.state, 2);
  CHECK_FALSE(gui::probed("today:taken:" + evening));
  CHECK(fx.state.store->log_entries(fx.patient).size() == 2);
}

namespace {

// Child: the app (headless, with its worker) logging weights through the Today view forever, writing each
// id to `fd` only after the app showed it as logged. 0 first: the board's worker has come and gone.
[[noreturn]] void app_logging_weights(const std::string& path, int fd) {
  gui::AppState app;
  app.user = "app.user";
  app.now = *parse_instant("2026-11-25T09:00:00Z", *find_zone("UTC"));
  app.shell.demo_offered = true;
  if (!gui::open_database(app, path)) _exit(3);
  app.patient_id = 1;
  GuiHarness gui(kTall);
  app.role = gui::Role::nurse;
  app.tab = 1;
  gui.frames(app, 2);  // the tab bar selects the board on its second frame
  app.job.wait();
  gui.frame(app);
  RecordId id = 0;
  if (!app.board.loaded || write(fd, &id, sizeof id) != sizeof id) _exit(4);
  for (int i = 0;; ++i) {
    app.role = gui::Role::patient;
    app.today_view.weight_kg = format_quantity(40 + (i % 2000) * 0.1);
    gui.frame(app);
    if (!gui.click(app, "today:log-weight") || app.today_view.weight_message.error) _exit(5);
    for (const LogEntry& e : app.store->log_entries(1))
      if (e.kind == LogKind::weight) id = std::max(id, e.id);
    if (write(fd, &id, sizeof id) != sizeof id) _exit(6);
  }
}

/// The next id from the child, or nullopt when it is gone or silent for 30 s.
std::optional<RecordId> next_id(int fd) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 30000) <= 0) return std::nullopt;
  RecordId id = 0;
  if (read(fd, &id, sizeof id) != sizeof id) return std::nullopt;
  return id;
}

}  // namespace

TEST_CASE(
    "The app killed with SIGKILL in the middle of its writes, the CLI beside it: no acknowledged loss") {
  TempFolder tmp;
  const std::string db = (tmp.path / "clinic.db").string();
  cli_id(db, {"patient", "add", "--name", "App Person", "--tz", "Europe/London", "--mrn", "APP-1"});
  cli_id(db, {"patient", "add", "--name", "Cli Person", "--tz", "Europe/London", "--mrn", "CLI-1"});
  std::set<std::string> cli, printed;
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(fds[0]);
    app_logging_weights(db, fds[1]);
  }
  close(fds[1]);
  auto take = [&](int n) {
    for (int i = 0; i < n; ++i) {
      auto id = next_id(fds[0]);
      if (!id) {
        int status = 0;
        ::kill(child, SIGKILL);
        waitpid(child, &status, 0);
        FAIL("the app stopped logging: " << (WIFEXITED(status)
                                                 ? "exit " + std::to_string(WEXITSTATUS(status))
                                                 : "signal " + std::to_string(WTERMSIG(status))));
      }
      if (*id) printed.insert(std::to_string(*id));
    }
  };
  take(1);  // the app's board worker has opened and closed its connection
  REQUIRE(cli_on(db, {"history", "--patient", "1"}).exit_code == 0);
  cli.insert(cli_id(db, {"log", "weight", "--patient", "CLI-1", "--kg", "80", "--at", "2026-11-24"}));
  take(15);
  cli.insert(cli_id(db, {"log", "weight", "--patient", "CLI-1", "--kg", "81", "--at", "2026-11-25"}));
  take(15);
  ::kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status));  // it was still logging, not failing
  for (RecordId id = 0; read(fds[0], &id, sizeof id) == sizeof id;) printed.insert(std::to_string(id));
  close(fds[0]);
  CHECK(printed.size() >= 30u);
  check_nothing_lost_or_misfiled(db, printed, cli, "2");
}

TEST_CASE("File > Import CSV: a doses file goes in through the app's job, read a batch at a time") {
  EmptyApp app;
  GuiHarness gui(kTall);
  const std::string mrn = "IMP-1";
  cli_id(app.path, {"patient", "add", "--name", "Ida Import", "--tz", "Europe/London", "--mrn", mrn});
  cli_id(app.path, {"therapy", "start", "--patient", mrn, "--drug", "riluzole", "--start", "2026-11-01"});
  const std::string file = (app.dir.path / "doses.csv").string();
  std::ofstream(file) << "mrn,drug,at,status\n"
                      << mrn << ",riluzole,2026-11-02T08:00,taken\n"
                      << mrn << ",riluzole,2026-11-02T20:00,missed\n"
                      << mrn << ",riluzole,2026-11-03T08:00,taken\n";
  gui.frames(app.state, 2);
  app.state.shell.dialog = "import";
  app.state.shell.import_kind = "doses";
  app.state.shell.path_input = file;
  gui.frames(app.state, 2);
  REQUIRE(gui.click(app.state, "dialog:go"));
  app.state.job.wait();
  gui.frames(app.state, 2);
  CHECK(app.state.status.text == "Imported 3 doses");
  CHECK_FALSE(app.state.status.error);
  const auto history = cli_on(app.path, {"history", "--patient", mrn, "--format", "csv"});
  CHECK(std::count(history.out.begin(), history.out.end(), '\n') == 4);  // the header and the three doses
  // The same file again repeats every dose: refused in words, nothing more written.
  app.state.shell.dialog = "import";
  app.state.shell.path_input = file;
  gui.frames(app.state, 2);
  REQUIRE(gui.click(app.state, "dialog:go"));
  for (int i = 0; i < 500 && app.state.job.running(); ++i) {  // the frames see the job end, as on screen
    gui.frame(app.state);
    usleep(10000);
  }
  CHECK(app.state.status.error);
  CHECK_THAT(app.state.status.text, Catch::Contains("line 2, column at: this dose repeats record 1"));
  CHECK(cli_on(app.path, {"history", "--patient", mrn, "--format", "csv"}).out == history.out);
}
