// The desktop app on a clinic server that goes away (issue 14): the server stopped (pg_ctl stop -m immediate)
// while a dose's record is queued. The app says "Server unreachable" with the time it last reached it, keeps
// the write and everything typed, and sends it once the server is back (Retry, or by itself): exactly one
// dose record. This test runs its own cluster (it stops it; the shared one keeps serving the others).
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "app_state.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"
#include "outbox.hpp"
#include "server_line.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

struct OwnCluster {
  std::string dir = "/tmp/alsmeds-pg-gui-" + std::to_string(::getpid());
  OwnCluster() { REQUIRE(run("start") == 0); }
  ~OwnCluster() { run("stop"); }
  int run(const std::string& action) const {
    return std::system((std::string(ALSMEDS_PG_CLUSTER_SCRIPT) + " " + action + " " + dir).c_str());
  }
  std::string uri() const { return "postgresql://postgres@/postgres?host=" + dir + "&connect_timeout=2"; }
};

std::vector<LogEntry> doses(gui::AppState& s, RecordId patient) {
  std::vector<LogEntry> out;
  for (const LogEntry& e : s.store->log_entries(patient))
    if (e.kind == LogKind::dose) out.push_back(e);
  return out;
}

Instant at(const char* iso_utc) {
  return *parse_instant(iso_utc, *find_zone("UTC"));
}

}  // namespace

TEST_CASE(
    "The server stopped while a dose is queued: shown unreachable, kept as typed, sent once when back") {
  OwnCluster cluster;
  gui::AppState s;
  s.now = at("2026-11-25T08:30:00Z");
  REQUIRE(gui::open_database(s, cluster.uri()).ok());
  s.user = "nurse.test";
  s.shell.demo_offered = true;
  NewPatient p;
  p.name = "Ada Server";
  p.mrn = "MRN-S1";
  p.tz = "Europe/London";
  const RecordId patient = std::move(s.store->add_patient(p, {"setup", Instant{}})).value();
  NewTherapy t;
  t.patient_id = patient;
  t.drug = Drug::riluzole;
  t.product = Product::riluzole_tablet;
  t.start = ymd(2026, 11, 1);
  const RecordId therapy = std::move(s.store->start_therapy(t, {"setup", Instant{}})).value();
  s.changed();
  s.patient_id = patient;
  const std::string morning = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";

  GuiHarness gui(1400);
  gui.frame(s);
  s.today_view.weight_kg = "71.5";  // typed into the weight form, not logged yet
  REQUIRE(gui.click(s, "today:refused:" + morning));
  gui.frames(s, 2);
  const std::string note = "vomited after breakfast, will ask the nurse";
  gui.type(s, note.c_str());  // into the note field, which has the keyboard focus
  REQUIRE(s.today_view.note == note);
  gui.hold_actions = true;  // the click queues the record ...
  REQUIRE(gui.click(s, "today:record-note"));
  REQUIRE(s.actions.size() == 1u);
  REQUIRE(cluster.run("kill") == 0);  // ... and the server stops before it is sent
  gui.hold_actions = false;
  s.now += std::chrono::seconds{5};
  gui.frame(s);

  INFO(s.today_view.dose_message.text);
  CHECK(s.server.unreachable);
  CHECK(s.today_view.dose_message.error);
  CHECK(s.today_view.dose_message.text.rfind("Server unreachable: Refused", 0) == 0);
  REQUIRE(s.unsent.size() == 1u);  // the write is kept
  const std::string banner = gui::server_banner(s, *find_zone("Europe/London"));
  INFO(banner);
  CHECK(banner.rfind("Server unreachable (last reached 2026-11-25 08:30)", 0) == 0);  // GMT in November
  CHECK(banner.find("1 write kept") != std::string::npos);
  gui.frames(s, 2);
  CHECK(gui::probed("server:unreachable"));  // the banner is drawn, with its Retry button
  CHECK(gui::probed("server:retry"));
  CHECK(gui::probed("today:dose-message"));  // and the message beside the dose
  CHECK(s.today_view.weight_kg == "71.5");   // what was typed stays
  CHECK(s.today_view.note == note);

  // Retry while the server is still away: the probe (off the UI thread) finds nothing; still kept, nothing
  // lost, still one write.
  REQUIRE(gui.frames_until(s, [&] { return !s.server.probe.pending(); }));
  REQUIRE(gui.click(s, "server:retry"));
  REQUIRE(gui.frames_until(s, [&] { return !s.server.probe.pending(); }));
  CHECK(s.server.unreachable);
  CHECK(s.unsent.size() == 1u);
  CHECK(s.server.why.find("cannot reach the clinic server") != std::string::npos);

  REQUIRE(cluster.run("restart") == 0);
  gui.frame(s);
  REQUIRE(gui.click(s, "server:retry"));  // its answer comes on a later frame
  REQUIRE(gui.frames_until(s, [&] { return !s.server.unreachable; }));
  CHECK(s.unsent.empty());
  INFO(s.today_view.dose_message.text);
  CHECK_FALSE(s.today_view.dose_message.error);
  const std::vector<LogEntry> stored = doses(s, patient);
  REQUIRE(stored.size() == 1u);  // exactly one dose record
  CHECK(stored[0].status == DoseStatus::refused);
  CHECK(stored[0].note == note);
  CHECK(gui::server_banner(s, *find_zone("UTC")).empty());
}

TEST_CASE("A write made while the server is away is sent by itself once the server answers again") {
  OwnCluster cluster;
  gui::AppState s;
  s.now = at("2026-11-25T08:30:00Z");
  REQUIRE(gui::open_database(s, cluster.uri()).ok());
  s.user = "nurse.test";
  s.shell.demo_offered = true;
  NewPatient p;
  p.name = "Ben Server";
  p.tz = "UTC";
  const RecordId patient = std::move(s.store->add_patient(p, {"setup", Instant{}})).value();
  s.changed();
  s.patient_id = patient;
  GuiHarness gui(1400);
  gui.frame(s);
  REQUIRE(cluster.run("kill") == 0);
  s.today_view.weight_kg = "68";
  gui.frame(s);
  REQUIRE(gui.click(s, "today:log-weight"));
  CHECK(s.server.unreachable);
  CHECK(s.today_view.weight_message.text.rfind("Server unreachable: weight 68 kg", 0) == 0);
  CHECK(s.today_view.weight_kg == "68");
  REQUIRE(cluster.run("restart") == 0);
  s.now += std::chrono::seconds{1};  // too soon to try again (every 2 s)
  gui.frame(s);
  CHECK(s.server.unreachable);
  CHECK_FALSE(s.server.probe.pending());
  s.now += std::chrono::seconds{2};
  gui.frame(s);
  CHECK(s.server.probe.pending());  // asked now, off the UI thread; the answer comes on a later frame
  REQUIRE(gui.frames_until(s, [&] { return !s.server.unreachable; }));
  CHECK(s.unsent.empty());
  std::size_t weights = 0;
  for (const LogEntry& e : s.store->log_entries(patient)) weights += e.kind == LogKind::weight;
  CHECK(weights == 1u);
  CHECK_FALSE(s.today_view.weight_message.error);
}

TEST_CASE(
    "A server that never answers: each frame returns while the probe waits off the UI thread, and once "
    "back the kept write is sent once") {
  OwnCluster cluster;
  ServerLine line(cluster.dir);  // TCP to the cluster, which the test cuts
  const std::string uri =
      "postgresql://postgres@127.0.0.1:" + std::to_string(line.port()) + "/postgres?connect_timeout=20";
  gui::AppState s;
  s.now = at("2026-11-25T08:30:00Z");
  REQUIRE(gui::open_database(s, uri).ok());
  s.user = "nurse.test";
  s.shell.demo_offered = true;
  NewPatient p;
  p.name = "Cy Blackhole";
  p.tz = "UTC";
  const RecordId patient = std::move(s.store->add_patient(p, {"setup", Instant{}})).value();
  s.changed();
  s.patient_id = patient;
  GuiHarness gui(1400);
  gui.frame(s);

  line.cut();  // the app's connection drops; a new one is taken in and never answered
  s.now += std::chrono::seconds{1};
  gui.frame(s);  // the once-a-second look finds the connection gone
  CHECK(s.server.unreachable);
  gui.frame(s);  // a probe starts (at once: the server may have come back)
  // The frame returned, and the probe is still waiting for the server's answer: the UI thread did not wait.
  REQUIRE(s.server.probe.pending());
  CHECK(line.held_ever() <= 1);  // at most the probe's connection reached the line so far
  const bool arrived = gui.frames_until(s, [&] { return line.clients_waiting() == 1; });
  CHECK(arrived);  // the probe's connection is held, its client (the probe's thread) waiting
  CHECK(s.server.probe.pending());
  CHECK(s.server.unreachable);

  // Frames go on while the probe waits: a weight logged now is kept, as typed, without waiting either.
  s.today_view.weight_kg = "66.5";
  gui.frame(s);
  REQUIRE(gui.click(s, "today:log-weight"));
  CHECK(s.today_view.weight_message.text.rfind("Server unreachable: weight 66.5 kg", 0) == 0);
  REQUIRE(s.unsent.size() == 1u);
  CHECK(s.server.probe.pending());  // still the one probe: never a second in flight
  CHECK(line.held_ever() == 1);

  line.restore();  // the network is back: the held connection is passed on, the probe answers
  REQUIRE(gui.frames_until(s, [&] { return !s.server.unreachable; }));
  CHECK_FALSE(s.status.error);  // the status line no longer shows the failure: the write is saved
  REQUIRE(gui.frames_until(s, [&] { return s.unsent.empty(); }));
  std::size_t weights = 0;
  for (const LogEntry& e : s.store->log_entries(patient)) weights += e.kind == LogKind::weight;
  CHECK(weights == 1u);  // sent once
  INFO(s.today_view.weight_message.text);
  CHECK_FALSE(s.today_view.weight_message.error);
}

TEST_CASE(
    "Another patient picked while the server is unreachable: the frame returns without reading, the patient "
    "is shown once the server answers") {
  OwnCluster cluster;
  ServerLine line(cluster.dir);  // TCP to the cluster, which the test cuts
  const std::string uri =
      "postgresql://postgres@127.0.0.1:" + std::to_string(line.port()) + "/postgres?connect_timeout=20";
  gui::AppState s;
  s.now = at("2026-11-25T08:30:00Z");
  REQUIRE(gui::open_database(s, uri).ok());
  s.user = "nurse.test";
  s.shell.demo_offered = true;
  NewPatient p;
  p.name = "Ann Shown";
  p.mrn = "MRN-A";
  p.tz = "UTC";
  const RecordId ann = std::move(s.store->add_patient(p, {"setup", Instant{}})).value();
  p.name = "Bea Later";
  p.mrn = "MRN-B";
  const RecordId bea = std::move(s.store->add_patient(p, {"setup", Instant{}})).value();
  s.changed();
  s.patient_id = ann;
  GuiHarness gui(1400);
  gui.frame(s);
  REQUIRE(s.facts() != nullptr);  // Ann's records were read while the server answered

  line.cut();
  s.now += std::chrono::seconds{1};
  gui.frame(s);  // the once-a-second look finds the connection gone
  REQUIRE(s.server.unreachable);
  gui.frame(s);  // the probe starts, off the UI thread
  REQUIRE(s.server.probe.pending());

  // Bea picked: the frames return with nothing read for her (a read on this thread would take a connection
  // through the line and wait its 20 s connect timeout); the view says why she is not shown.
  REQUIRE(gui::select_patient(s, "MRN-B").ok());
  gui.frames(s, 3);
  CHECK(s.patient_id == bea);
  CHECK(s.facts() == nullptr);
  const std::string waiting = s.waits_for_server();
  CHECK(waiting == "The clinic server is unreachable: Bea Later is shown when it answers.");
  CHECK(gui::probed("patient:waits-for-server"));
  CHECK(gui::probed("server:unreachable"));
  REQUIRE(gui.frames_until(s, [&] { return line.clients_waiting() == 1; }));  // the probe's connection
  CHECK(line.held_ever() == 1);  // and no other: the store was not asked
  CHECK(s.server.probe.pending());

  // Back to Ann: her records as read before the line went silent, still without the network.
  REQUIRE(gui::select_patient(s, "MRN-A").ok());
  gui.frame(s);
  REQUIRE(s.facts() != nullptr);
  CHECK(s.facts()->patient.id == ann);
  CHECK(s.waits_for_server().empty());
  CHECK(line.held_ever() == 1);

  // Bea again, and the network back: the probe answers, then she is read and shown.
  REQUIRE(gui::select_patient(s, "MRN-B").ok());
  gui.frame(s);
  CHECK_FALSE(s.waits_for_server().empty());
  line.restore();
  REQUIRE(gui.frames_until(s, [&] { return !s.server.unreachable; }));
  gui.frame(s);
  CHECK(s.waits_for_server().empty());
  REQUIRE(s.facts() != nullptr);
  CHECK(s.facts()->patient.id == bea);
  CHECK_FALSE(gui::probed("patient:waits-for-server"));
}

namespace {

/// The booking the board shows for `patient` on `day`, if any.
std::optional<InfusionBooking> shown_booking(const gui::AppState& s, RecordId patient, Day day) {
  for (const gui::BoardDay& d : s.board.model.days)
    if (d.day == day)
      for (const gui::BoardInfusion& i : d.infusions)
        if (i.patient_id == patient && i.booking) return i.booking;
  return std::nullopt;
}

bool clinic_today_names(const gui::AppState& s, const std::string& name) {
  for (const gui::ClinicRow& r : s.clinic_today.rows)
    if (r.name == name) return true;
  return false;
}

/// Frames as the app runs them (its clock a second on each: it looks for others' writes once a second)
/// until `done`, for at most 30 s of real time.
bool frames_until_seen(GuiHarness& gui, gui::AppState& s, const std::function<bool()>& done) {
  return gui.frames_until(s, [&] {
    s.now += std::chrono::seconds{1};
    return done();
  });
}

/// The app open on `where` as a nurse on the infusion board while another workstation (a store of its own on
/// the same database) books a chair and adds a patient: the board and Clinic today show them, no restart.
void other_workstation_shows(const std::string& where) {
  gui::AppState s;
  s.now = at("2026-11-25T09:00:00Z");
  REQUIRE(gui::open_database(s, where).ok());
  s.user = "nurse.one";
  s.shell.demo_offered = true;
  NewPatient p;
  p.name = "Di Board";
  p.tz = "UTC";
  const RecordId patient = std::move(s.store->add_patient(p, {"setup", Instant{}})).value();
  NewTherapy t;
  t.patient_id = patient;
  t.drug = Drug::edaravone;
  t.product = Product::edaravone_iv;
  t.start = ymd(2026, 11, 23);  // cycle 1, an infusion every day: day 3 on 2026-11-25
  REQUIRE(s.store->start_therapy(t, {"setup", Instant{}}).ok());
  s.changed();
  s.patient_id = patient;
  s.role = gui::Role::nurse;
  s.tab = 1;  // Infusion board
  GuiHarness gui(1000);
  const Day day = ymd(2026, 11, 25);
  REQUIRE(gui.frames_until(s, [&] { return s.board.loaded; }));
  REQUIRE_FALSE(shown_booking(s, patient, day));  // planned, not booked yet

  auto other = open_record_store(where, {});
  REQUIRE(other);
  const Actor nurse_two{"nurse.two", s.now};
  {
    const auto facts = load_facts(**other, *(*other)->find_patient(patient));
    REQUIRE(facts);
    BookingRequest r;
    r.day = day;
    r.chair = 2;
    r.start = WallClock{10 * 60};
    REQUIRE(book_infusion(**other, *facts, r, BoardHours{}, nurse_two).ok());
  }
  REQUIRE(frames_until_seen(gui, s, [&] { return shown_booking(s, patient, day).has_value(); }));
  const InfusionBooking b = *shown_booking(s, patient, day);
  CHECK(b.chair == 2);
  CHECK(b.start == WallClock{10 * 60});

  // Clinic today (nurses and pharmacists): a patient another workstation adds, with riluzole from today.
  s.tab = 4;
  s.select_tab = true;
  REQUIRE(gui.frames_until(s, [&] { return s.clinic_today.loaded && !s.clinic_today.loading; }));
  REQUIRE_FALSE(clinic_today_names(s, "Ed Elsewhere"));
  NewPatient q;
  q.name = "Ed Elsewhere";
  q.tz = "UTC";
  const RecordId second = std::move((*other)->add_patient(q, nurse_two)).value();
  NewTherapy r;
  r.patient_id = second;
  r.drug = Drug::riluzole;
  r.product = Product::riluzole_tablet;
  r.start = day;
  REQUIRE((*other)->start_therapy(r, nurse_two).ok());
  CHECK(frames_until_seen(gui, s, [&] { return clinic_today_names(s, "Ed Elsewhere"); }));
  s.wait_for_background();
}

}  // namespace

TEST_CASE("Another workstation's booking and patient show on the open board and Clinic today: server") {
  OwnCluster cluster;
  other_workstation_shows(cluster.uri());
}

TEST_CASE("Another workstation's booking and patient show on the open board and Clinic today: file") {
  const std::string dir = "/tmp/alsmeds-gui-other-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  other_workstation_shows(dir + "/clinic.db");
  std::filesystem::remove_all(dir);
}

TEST_CASE(
    "The outbox: a write kept while the server is away survives the app being killed, and is sent once on "
    "the next start") {
  OwnCluster cluster;
  const std::string data = "/tmp/alsmeds-outbox-test-" + std::to_string(::getpid());
  std::filesystem::remove_all(data);
  ::setenv("XDG_DATA_HOME", data.c_str(), 1);
  RecordId patient = 0;
  {
    auto store = std::move(open_record_store(cluster.uri())).value();
    NewPatient p;
    p.name = "Di Outbox";
    p.tz = "UTC";
    patient = std::move(store->add_patient(p, {"setup", Instant{}})).value();
  }
  const std::string file = gui::outbox_path(cluster.uri(), "patient.di");
  REQUIRE(file.rfind(data + "/alsmeds/outbox/", 0) == 0);
  // The app, in a process of its own: the line goes down, a weight is logged (kept), the app is killed.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    gui::AppState s;
    s.user = "patient.di";
    s.now = at("2026-11-25T08:30:00Z");
    if (!gui::open_database(s, cluster.uri()).ok()) ::_exit(3);
    s.shell.demo_offered = true;
    s.patient_id = patient;
    GuiHarness gui(1400);
    gui.frame(s);
    if (cluster.run("kill") != 0) ::_exit(4);
    s.today_view.weight_kg = "68.5";
    gui.frame(s);
    if (!gui.click(s, "today:log-weight") || s.unsent.size() != 1) ::_exit(5);
    ::raise(SIGKILL);  // no shutdown, no destructor: as a crash or a power cut
    ::_exit(6);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  INFO("child status " << status);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
  REQUIRE(std::filesystem::exists(file));
  CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  {
    std::ifstream in(file);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    CHECK(text.find("\"weight\"") != std::string::npos);
    CHECK(text.find("68.5") != std::string::npos);
  }
  // The next start, the server back: the kept weight is sent, once, with the time it was logged.
  REQUIRE(cluster.run("restart") == 0);
  gui::AppState s;
  s.user = "patient.di";
  s.now = at("2026-11-25T09:45:00Z");
  REQUIRE(gui::open_database(s, cluster.uri()).ok());
  s.shell.demo_offered = true;
  s.patient_id = patient;
  CHECK(s.unsent.size() == 1u);
  CHECK_THAT(s.status.text, Catch::Contains("1 write(s) kept from the last run"));
  GuiHarness gui(1400);
  REQUIRE(gui.frames_until(s, [&] { return s.unsent.empty(); }));
  gui.frame(s);
  std::vector<LogEntry> weights;
  for (const LogEntry& e : s.store->log_entries(patient))
    if (e.kind == LogKind::weight) weights.push_back(e);
  REQUIRE(weights.size() == 1u);
  CHECK(weights[0].value == Approx(68.5));
  CHECK(weights[0].recorded_at == at("2026-11-25T08:30:00Z"));  // when the patient logged it
  CHECK_FALSE(std::filesystem::exists(file));                   // confirmed: nothing waits any more
  // Opened again: nothing is sent twice.
  gui::AppState again;
  again.user = "patient.di";
  again.now = s.now;
  REQUIRE(gui::open_database(again, cluster.uri()).ok());
  CHECK(again.unsent.empty());
  std::filesystem::remove_all(data);
  ::unsetenv("XDG_DATA_HOME");
}
