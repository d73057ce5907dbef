// The desktop app on a clinic server that goes away (issue 14): the server stopped (pg_ctl stop -m immediate)
// while a dose's record is queued. The app says "Server unreachable" with the time it last reached it, keeps
// the write and everything typed, and sends it once the server is back (Retry, or by itself): exactly one
// dose record. This test runs its own cluster (it stops it; the shared one keeps serving the others).
#include <unistd.h>

#include <cstdlib>

#include "app_state.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"

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

  // Retry while the server is still away: still kept, nothing lost, still one write.
  REQUIRE(gui.click(s, "server:retry"));
  CHECK(s.server.unreachable);
  CHECK(s.unsent.size() == 1u);

  REQUIRE(cluster.run("restart") == 0);
  gui.frame(s);
  REQUIRE(gui.click(s, "server:retry"));
  CHECK_FALSE(s.server.unreachable);
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
  s.now += std::chrono::seconds{2};
  gui.frame(s);
  CHECK_FALSE(s.server.unreachable);
  CHECK(s.unsent.empty());
  std::size_t weights = 0;
  for (const LogEntry& e : s.store->log_entries(patient)) weights += e.kind == LogKind::weight;
  CHECK(weights == 1u);
  CHECK_FALSE(s.today_view.weight_message.error);
}
