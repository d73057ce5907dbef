// Clinic today (issue 15, "The clinic's day"): the nurse's morning list in the app is alsmeds-cli's `due` for
// the whole clinic, row for row; filters hide what they say; one click on a row opens that patient's day.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <random>

#include "alsmeds/csv_reader.hpp"
#include "alsmeds/demo/demo_data.hpp"
#include "cli_beside.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"
#include "views/view_list.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

using Line = std::vector<std::string>;  // patient_id, mrn, name, kind, when, status, drug, detail

std::vector<Line> lines_of(const std::vector<gui::ClinicRow>& rows) {
  std::vector<Line> out;
  for (const gui::ClinicRow& r : rows)
    out.push_back({std::to_string(r.patient_id), r.mrn, r.name, r.item.kind, r.item.when,
                   std::string(to_string(r.item.status)), r.item.drug, r.item.detail});
  return out;
}

Instant clock_now() {
  return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

int clinic_tab(gui::Role role) {
  const auto views = gui::views_for(role);
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i]->name == "clinic") return static_cast<int>(i);
  return -1;
}

/// An app on a database filled with the demo clinic (alsmeds-cli demo's data), today by the real clock (as
/// `due` reads it).
struct DemoClinic {
  std::filesystem::path dir;
  std::string db;
  gui::AppState state;
  DemoClinic() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() / ("alsmeds-clinic-test-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    db = (dir / "demo.db").string();
    REQUIRE(gui::open_database(state, db).ok());
    state.user = "nurse.test";
    state.shell.demo_offered = true;
    DemoRequest demo;
    demo.patients = 12;
    demo.today = date::floor<date::days>(clock_now());
    auto filled = fill_demo_data(*state.store, demo, {"setup", clock_now()}, [](std::size_t, std::size_t) {});
    if (!filled) FAIL(filled.error());
    state.changed();
    state.patient_id = state.patients.front().id;
  }
  ~DemoClinic() {
    state.wait_for_background();
    state.store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  DemoClinic(const DemoClinic&) = delete;
  DemoClinic& operator=(const DemoClinic&) = delete;
};

}  // namespace

TEST_CASE("Clinic today: the demo clinic's rows are alsmeds-cli due's, in its order") {
  DemoClinic fx;
  const Instant before = clock_now();
  const CliRun due = cli_on(fx.db, {"due", "--format", "csv"});
  const Instant after = clock_now();
  INFO(due.err);
  REQUIRE(due.exit_code == 0);
  auto csv = parse_csv(due.out);
  REQUIRE(csv.ok());
  REQUIRE(csv->header == Line{"patient_id", "mrn", "name", "kind", "when", "status", "drug", "detail"});
  std::vector<Line> expected;
  for (const CsvRow& r : csv->rows) expected.push_back(r.fields);
  REQUIRE(expected.size() > 12u);  // a dozen patients on courses: more than one row each

  // The view reads at the app's clock; `due` read the clock between `before` and `after`.
  fx.state.now = before;
  fx.state.role = gui::Role::nurse;
  fx.state.tab = clinic_tab(gui::Role::nurse);
  REQUIRE(fx.state.tab >= 0);
  GuiHarness gui(1000);
  gui.frames(fx.state, 2);
  fx.state.wait_for_background();
  gui.frame(fx.state);
  const gui::ClinicTodayView& v = fx.state.clinic_today;
  REQUIRE(v.loaded);
  std::vector<Line> shown = lines_of(v.rows);
  if (shown != expected) {  // a dose fell due or was missed while due ran: the list a second later
    auto later = gui::load_clinic_today(*fx.state.store, after);
    REQUIRE(later.ok());
    shown = lines_of(*later);
  }
  CHECK(shown == expected);
  // Every kind of row of the morning list is there (the demo has doses, infusions and liver tests).
  for (const char* kind : {"dose", "infusion", "lft"})
    CHECK(std::any_of(expected.begin(), expected.end(), [&](const Line& l) { return l[3] == kind; }));
  // The pharmacist sees the same list.
  CHECK(clinic_tab(gui::Role::pharmacist) >= 0);
}

TEST_CASE(
    "Clinic today: filters by kind, by overdue and by text, sorting by patient, a click opens the patient") {
  DemoClinic fx;
  fx.state.now = clock_now();
  fx.state.role = gui::Role::nurse;
  fx.state.tab = clinic_tab(gui::Role::nurse);
  GuiHarness gui(1000);
  gui.frames(fx.state, 2);
  fx.state.wait_for_background();
  gui.frame(fx.state);
  gui::ClinicTodayView& v = fx.state.clinic_today;
  REQUIRE(v.loaded);
  const std::vector<gui::ClinicRow> rows = v.rows;
  const auto count = [&](auto pred) { return std::count_if(rows.begin(), rows.end(), pred); };

  // Doses unticked (a click on the box): no dose row is shown, every other row is.
  REQUIRE(gui.click(fx.state, "clinic:doses"));
  CHECK_FALSE(v.filter.doses);
  auto shown = gui::clinic_rows_shown(rows, v.filter, v.sort_by, v.ascending);
  CHECK(static_cast<long>(shown.size()) ==
        count([](const gui::ClinicRow& r) { return r.item.kind != "dose"; }));
  for (std::size_t i : shown) CHECK(rows[i].item.kind != "dose");
  REQUIRE(gui.click(fx.state, "clinic:doses"));
  CHECK(v.filter.doses);

  // Overdue and alerts only.
  REQUIRE(gui.click(fx.state, "clinic:overdue-only"));
  shown = gui::clinic_rows_shown(rows, v.filter, v.sort_by, v.ascending);
  CHECK(static_cast<long>(shown.size()) == count([](const gui::ClinicRow& r) {
          return r.item.status == DueStatus::overdue || r.item.status == DueStatus::alert;
        }));
  REQUIRE(gui.click(fx.state, "clinic:overdue-only"));

  // Text: one patient's MRN keeps that patient's rows only.
  const gui::ClinicRow one = rows.back();
  v.filter.text = one.mrn;
  shown = gui::clinic_rows_shown(rows, v.filter, v.sort_by, v.ascending);
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows[i].patient_id == one.patient_id) CHECK(std::find(shown.begin(), shown.end(), i) != shown.end());
  for (std::size_t i : shown)
    CHECK((rows[i].mrn.find(one.mrn) != std::string::npos ||
           rows[i].name.find(one.mrn) != std::string::npos ||
           rows[i].item.detail.find(one.mrn) != std::string::npos));
  v.filter.text.clear();

  // Sorted by patient: names in order, and each patient's rows keep due's order.
  shown = gui::clinic_rows_shown(rows, v.filter, gui::ClinicColumn::patient, true);
  REQUIRE(shown.size() == rows.size());
  for (std::size_t n = 1; n < shown.size(); ++n) {
    CHECK(rows[shown[n - 1]].name <= rows[shown[n]].name);
    if (rows[shown[n - 1]].patient_id == rows[shown[n]].patient_id) CHECK(shown[n - 1] < shown[n]);
  }

  // One click on a row: that patient, in the patient's own view.
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "clinic:row:2"));
  CHECK(fx.state.patient_id == rows[2].patient_id);
  CHECK(fx.state.role == gui::Role::patient);
  gui.frame(fx.state);
  CHECK(fx.state.today_view.patient == rows[2].patient_id);
  // The nurse's way back is one click, to Clinic today (not the Cycle planner).
  const int clinic_tab = fx.state.shell.back_to_clinic_tab;
  REQUIRE(clinic_tab >= 0);
  REQUIRE(gui.click(fx.state, "shell:back-to-clinic"));
  gui.frame(fx.state);
  CHECK(fx.state.role == gui::Role::nurse);
  CHECK(fx.state.tab == clinic_tab);
  CHECK(gui::probed("clinic:row:2"));
  CHECK_FALSE(gui::probed("shell:back-to-clinic"));
}

TEST_CASE("Clinic today: its minute's refresh and the app's job never wait for each other") {
  DemoClinic fx;
  fx.state.now = clock_now();
  fx.state.role = gui::Role::nurse;
  fx.state.tab = clinic_tab(gui::Role::nurse);
  GuiHarness gui(1000);
  gui.frames(fx.state, 2);
  gui::ClinicTodayView& v = fx.state.clinic_today;
  // The refresh reads on its own thread (running until a frame takes its rows): an export clicked now
  // starts at once (it was ignored while the refresh held the one job).
  REQUIRE(v.refresh.running());
  CHECK_FALSE(fx.state.job.running());
  bool exported = false;
  CHECK(
      fx.state.job.start("Writing the report", [&exported](gui::JobProgress&) -> gui::BackgroundJob::Finish {
        return [&exported] { exported = true; };
      }));
  fx.state.wait_for_background();
  CHECK(exported);
  CHECK(v.loaded);

  // A long export runs (held until released, no timing): the minute turns and the clinic is read again
  // meanwhile (the refresh waited for the job before).
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  REQUIRE(
      fx.state.job.start("Writing the report", [released](gui::JobProgress&) -> gui::BackgroundJob::Finish {
        released.wait();
        return nullptr;
      }));
  gui.frame(fx.state);
  CHECK_FALSE(v.refresh.running());  // nothing changed: no read
  fx.state.now += std::chrono::minutes{1};
  gui.frame(fx.state);
  CHECK(v.refresh.running());
  CHECK(fx.state.job.running());
  release.set_value();
  fx.state.wait_for_background();
  CHECK(v.loaded);
  CHECK_FALSE(v.loading);
}
