// Pharmacist - Adherence (issue 15): a wrong period is named beside the dates and nothing is exported for it;
// the export holds the rows as the table shows them; the default period ends today and a dose later today is
// not missed; a short period still shows the doubled-dose alert (the rows of report adherence, one core
// path); the ALT multiple as core words it.
#include <filesystem>
#include <fstream>
#include <iterator>

#include "adherence_model.hpp"
#include "alsmeds/adherence/cohort_columns.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"
#include "layout_check.hpp"
#include "views/view_list.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

Instant at(const char* iso_utc) {
  return *parse_instant(iso_utc, *find_zone("UTC"));
}

void log_taken(gui::AppState& s, RecordId patient, const char* when, const std::string& planned_key = "") {
  LogEntry e;
  e.patient_id = patient;
  e.kind = LogKind::dose;
  e.drug = Drug::riluzole;
  e.status = DoseStatus::taken;
  e.at = at(when);
  e.planned_key = planned_key;
  REQUIRE(s.store->append_log(e, {"setup", Instant{}}).ok());
}

RecordId add_patient(gui::AppState& s, const std::string& name) {
  NewPatient p;
  p.name = name;
  p.tz = "UTC";
  return std::move(s.store->add_patient(p, {"setup", Instant{}})).value();
}

RecordId start_riluzole(gui::AppState& s, RecordId patient, Day start) {
  NewTherapy t;
  t.patient_id = patient;
  t.drug = Drug::riluzole;
  t.product = Product::riluzole_tablet;
  t.start = start;
  return std::move(s.store->start_therapy(t, {"setup", Instant{}})).value();
}

void open_adherence(gui::AppState& s) {
  s.role = gui::Role::pharmacist;
  const auto views = gui::views_for(gui::Role::pharmacist);
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i]->name == "adherence") s.tab = static_cast<int>(i);
  s.select_tab = true;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("Adherence: a wrong period is named beside the dates and nothing is exported for it") {
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  const RecordId zed = add_patient(fx.state, "Zed Other");
  start_riluzole(fx.state, zed, ymd(2026, 11, 1));
  fx.state.changed();
  fx.set_now("2026-11-25T12:00:00Z");
  open_adherence(fx.state);
  GuiHarness gui(1000);
  gui.frame(fx.state);
  fx.state.job.wait();
  gui.frames(fx.state, 2);
  gui::AdherenceView& v = fx.state.adherence;
  REQUIRE(v.loaded);
  CHECK(v.to_text == "2026-11-25");    // the default period ends today
  CHECK(v.from_text == "2026-08-28");  // 90 days with today
  REQUIRE(v.period.due_by.has_value());

  const std::string path = (fx.dir / "report.html").string();
  v.export_path = path;
  v.export_format = 1;  // HTML
  struct Wrong {
    const char *from, *to, *named;
  };
  for (const Wrong& w :
       {Wrong{"2026-13-01", "2026-11-25", "from: '2026-13-01' is not a date"},
        Wrong{"2026-11-01", "25/11/2026", "to: '25/11/2026' is not a date"},
        Wrong{"2026-11-20", "2026-11-10", "to: 2026-11-10 is before the first day, 2026-11-20"},
        Wrong{"2026-11-26", "2026-11-30", "from: 2026-11-26 is in the future"},
        Wrong{"2026-11-01", "2026-12-01", "to: 2026-12-01 is in the future"}}) {
    INFO(w.from << " to " << w.to);
    v.from_text = w.from;
    v.to_text = w.to;
    v.period_message = {};
    gui.frame(fx.state);
    REQUIRE(gui.click(fx.state, "adherence:export"));
    fx.state.job.wait();
    gui.frames(fx.state, 2);
    INFO(v.period_message.text);
    CHECK(v.period_message.error);
    CHECK(v.period_message.text.find(w.named) != std::string::npos);
    CHECK(gui::probed("adherence:period-message"));  // drawn under the date fields
    CHECK(v.export_message.error);
    CHECK_FALSE(std::filesystem::exists(path));  // nothing exported for it
    v.period_message = {};
    REQUIRE(gui.click(fx.state, "adherence:compute"));  // Compute names it too
    CHECK(v.period_message.text.find(w.named) != std::string::npos);
  }

  // A right period typed but not computed yet: the table shows another one, so nothing is exported either.
  v.from_text = "2026-11-01";
  v.to_text = "2026-11-24";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "adherence:export"));
  fx.state.job.wait();
  CHECK(v.export_message.text.find("press Compute") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(path));

  // Computed, filtered: the report holds the rows the table shows.
  REQUIRE(gui.click(fx.state, "adherence:compute"));
  fx.state.job.wait();
  gui.frames(fx.state, 2);
  CHECK_FALSE(v.period_message.error);
  REQUIRE(v.rows.size() == 2u);
  v.filter.text = "ada";
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "adherence:export"));
  fx.state.job.wait();
  gui.frames(fx.state, 2);
  INFO(v.export_message.text);
  REQUIRE(std::filesystem::exists(path));
  const std::string html = slurp(path);
  CHECK(html.find("Ada Test") != std::string::npos);
  CHECK(html.find("Zed Other") == std::string::npos);  // filtered out in the app, so not in the report
}

TEST_CASE("Adherence export: the rows in the table's order and filter, not the report's own") {
  std::vector<AdherenceRow> rows(3);
  const char* names[] = {"Cara Lind", "Abe Moss", "Bea Nash"};
  for (int i = 0; i < 3; ++i) {
    rows[i].patient.id = i + 1;
    rows[i].patient.name = names[i];
    rows[i].patient.mrn = "M" + std::to_string(i + 1);
  }
  const gui::AdherenceFilter filter{"e", false};  // Abe and Bea have an 'e', Cara none
  const auto descending = gui::shown_rows(rows, filter, gui::AdherenceColumn::patient, false);
  REQUIRE(descending.size() == 2u);
  CHECK(descending[0].patient.name == "Bea Nash");
  CHECK(descending[1].patient.name == "Abe Moss");
  GuiFixture fx;
  const std::string path = (fx.dir / "r.html").string();
  REQUIRE(gui::export_report(descending, {ymd(2026, 11, 1), ymd(2026, 11, 24)}, gui::ExportFormat::html, path,
                             Instant{}, fx.state.db_path)
              .ok());
  const std::string html = slurp(path);
  const auto bea = html.find("Bea Nash"), abe = html.find("Abe Moss");
  REQUIRE(bea != std::string::npos);
  REQUIRE(abe != std::string::npos);
  CHECK(bea < abe);
  CHECK(html.find("Cara Lind") == std::string::npos);
}

TEST_CASE("Adherence: a period that ends today counts the doses due so far, not those later today") {
  GuiFixture fx("UTC");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 20), "tablet");
  // Riluzole at 08:00 and 20:00 (the defaults): every dose from 11-20 to this morning's taken on time.
  const std::string key = "riluzole:" + std::to_string(therapy) + ":";
  for (int day = 20; day <= 25; ++day) {
    const std::string d = "2026-11-" + std::to_string(day);
    log_taken(fx.state, fx.patient, (d + "T08:05:00Z").c_str(), key + d + ":1");
    if (day < 25) log_taken(fx.state, fx.patient, (d + "T20:05:00Z").c_str(), key + d + ":2");
  }
  const Instant now = at("2026-11-25T12:00:00Z");
  const auto today = gui::parse_view_period("2026-11-20", "2026-11-25", ymd(2026, 11, 25), now);
  REQUIRE(today.ok());
  const auto rows = gui::load_cohort_rows(*fx.state.store, *today);
  REQUIRE(rows.size() == 1u);
  // 11 doses due by 12:00 on the 25th (two a day for 5 days, and this morning's), all taken; the 20:00 dose
  // is not due yet, so not missed.
  CHECK(rows[0].doses.scheduled == 11);
  CHECK(rows[0].doses.taken == 11);
  CHECK(rows[0].doses.taking_pct() == Approx(100.0));
  CHECK(rows[0].doses.longest_missed_run == 0);
}

TEST_CASE("Adherence: a period shorter than a week still shows the doubled-dose alert, as report adherence") {
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  const RecordId control = add_patient(fx.state, "Control Same");
  start_riluzole(fx.state, control, ymd(2026, 11, 1));
  // Two doses 30 minutes apart on 11-20 (a doubled dose: under 6 h apart); the alert looks back 7 days.
  log_taken(fx.state, fx.patient, "2026-11-20T08:00:00Z");
  log_taken(fx.state, fx.patient, "2026-11-20T08:30:00Z");
  log_taken(fx.state, control, "2026-11-20T08:00:00Z");
  const Period one_day{ymd(2026, 11, 24), ymd(2026, 11, 24)};
  const auto rows = gui::load_cohort_rows(*fx.state.store, one_day);
  int doubled = -1, same = -1;
  for (const AdherenceRow& r : rows) (r.patient.id == fx.patient ? doubled : same) = r.open_alerts;
  REQUIRE(doubled >= 0);
  REQUIRE(same >= 0);
  CHECK(doubled == same + 1);  // the doubled dose of four days before is an open alert on 11-24
}

TEST_CASE("Adherence: the ALT multiple as core words it (format_times_uln), in the table and the chart") {
  AdherenceRow row;
  const CohortColumn* alt = find_cohort_column("last_alt_x_uln");  // the table's column (cohort_columns.hpp)
  REQUIRE(alt != nullptr);
  CHECK(alt->shown(row) == "NA");
  row.last_alt_x_uln = 46.0 / 40.0;  // ALT 46 with ULN 40: 1.15x, a decimal half a person rounds up
  row.alt_x_uln = {{ymd(2026, 11, 20), 46.0 / 40.0}};
  CHECK(alt->shown(row) == "1.2x");
  CHECK(gui::alt_trend_title(row) == "ALT trend (x ULN); last 1.2x");
}

TEST_CASE(
    "Adherence export: the name follows the format, and an existing file is replaced only on the person's "
    "word") {
  // The trial: after a PDF export, choosing CSV kept the .pdf path and wrote CSV text over the PDF unasked.
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  fx.set_now("2026-11-25T12:00:00Z");
  open_adherence(fx.state);
  GuiHarness gui(1000);
  gui.frame(fx.state);
  fx.state.job.wait();
  gui.frames(fx.state, 2);
  gui::AdherenceView& v = fx.state.adherence;
  REQUIRE(v.loaded);
  const std::string pdf = (fx.dir / "report.pdf").string(), csv = (fx.dir / "report.csv").string();
  v.export_path = pdf;
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "adherence:export"));
  fx.state.job.wait();
  gui.frames(fx.state, 2);
  REQUIRE(std::filesystem::exists(pdf));
  CHECK(slurp(pdf).rfind("%PDF", 0) == 0);
  // CSV chosen: the name follows it; the PDF stays.
  REQUIRE(gui.click(fx.state, "adherence:format"));
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "adherence:format:CSV"));
  CHECK(v.export_format == 2);
  CHECK(v.export_path == csv);
  REQUIRE(gui.click(fx.state, "adherence:export"));
  fx.state.job.wait();
  gui.frames(fx.state, 2);
  CHECK(slurp(pdf).rfind("%PDF", 0) == 0);
  REQUIRE(std::filesystem::exists(csv));
  CHECK(slurp(csv).rfind("patient_id,mrn,drug", 0) == 0);
  // Exported again under a name that exists: asked first, nothing written until the answer.
  { std::ofstream(csv) << "kept\n"; }
  REQUIRE(gui.click(fx.state, "adherence:export"));
  fx.state.job.wait();
  gui.frames(fx.state, 2);
  CHECK(slurp(csv) == "kept\n");
  REQUIRE(gui::probed("adherence:replace"));
  REQUIRE(gui.click(fx.state, "adherence:keep"));  // Cancel: still nothing written
  gui.frames(fx.state, 2);
  CHECK_FALSE(gui::probed("adherence:replace"));
  CHECK(slurp(csv) == "kept\n");
  REQUIRE(gui.click(fx.state, "adherence:export"));
  gui.frames(fx.state, 2);
  REQUIRE(gui.click(fx.state, "adherence:replace"));
  fx.state.job.wait();
  gui.frames(fx.state, 2);
  CHECK(slurp(csv).rfind("patient_id,mrn,drug", 0) == 0);
  CHECK_THAT(v.export_message.text, Catch::Contains("Report written to " + csv));
}

TEST_CASE("Adherence: the Patient column fits the longest name of all rows, not only those shown first") {
  // 40 patients on riluzole; the longest name sorts last (by taking%, all alike, then as listed) and is far
  // below the rows the first frame shows in a short window.
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 11, 1), "tablet");
  for (int i = 0; i < 40; ++i)
    start_riluzole(fx.state,
                   add_patient(fx.state, i == 39 ? "Maximiliana Bartholomew-Vandersteen de la Cruz"
                                                 : "Pat " + std::to_string(i)),
                   ymd(2026, 11, 1));
  fx.state.changed();
  fx.set_now("2026-11-25T12:00:00Z");
  open_adherence(fx.state);
  GuiHarness gui(600);
  gui.frame(fx.state);
  fx.state.job.wait();
  gui.frames(fx.state, 2);
  gui::AdherenceView& v = fx.state.adherence;
  REQUIRE(v.loaded);
  REQUIRE(v.rows.size() == 41u);
  for (std::size_t i = 0; i < v.rows.size(); ++i)
    if (v.rows[i].patient.name.rfind("Maximiliana", 0) == 0) v.selected = i;
  v.scroll_to_selected = true;  // the long name comes into view
  gui.frames(fx.state, 2);
  gui::clear_layout_problems();
  gui.frames(fx.state, 2);
  std::string all;
  for (const std::string& p : layout_problems_now()) all += p + "\n";
  CHECK(all.empty());
}
