// The pharmacist's table filter and sort, desktop reminders, and the settings file.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <tuple>

#include "adherence_model.hpp"
#include "alsmeds/adherence/cohort_columns.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"
#include "reminders.hpp"
#include "settings.hpp"
#include "today_model.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

TEST_CASE("Adherence table: filter by name or MRN in any case, flagged only, sort with NA last") {
  std::vector<AdherenceRow> rows(4);
  const char* names[] = {"Ann Lee", "Bob Ray", "Cy Ann", "Di Oz"};
  const std::optional<double> pdc[] = {90.0, 70.0, std::nullopt, 85.0};
  for (int i = 0; i < 4; ++i) {
    rows[i].patient.id = i + 1;
    rows[i].patient.name = names[i];
    rows[i].patient.mrn = "M" + std::to_string(i + 1);
    rows[i].refills.pdc_pct = pdc[i];
    rows[i].flagged = pdc[i] && *pdc[i] < 80;
  }
  gui::AdherenceFilter f;
  f.text = "ANN";
  CHECK(gui::visible_rows(rows, f, gui::AdherenceColumn::patient, true) == std::vector<std::size_t>{0, 2});
  f.text = "m4";
  CHECK(gui::visible_rows(rows, f, gui::AdherenceColumn::patient, true) == std::vector<std::size_t>{3});
  f.text.clear();
  f.flagged_only = true;
  CHECK(gui::visible_rows(rows, f, gui::AdherenceColumn::pdc, true) == std::vector<std::size_t>{1});
  f.flagged_only = false;
  CHECK(gui::visible_rows(rows, f, gui::AdherenceColumn::pdc, true) == std::vector<std::size_t>{1, 3, 0, 2});
  CHECK(gui::visible_rows(rows, f, gui::AdherenceColumn::pdc, false) == std::vector<std::size_t>{2, 0, 3, 1});
  // The Patient column sorts by name with or without a search (ids 1-4 are in name order here: swap two).
  std::swap(rows[0].patient.name, rows[3].patient.name);  // id 1 "Di Oz", id 4 "Ann Lee"
  CHECK(gui::visible_rows(rows, f, gui::AdherenceColumn::patient, true) ==
        std::vector<std::size_t>{3, 1, 2, 0});
  CHECK(gui::visible_rows(rows, f, gui::AdherenceColumn::patient, false) ==
        std::vector<std::size_t>{0, 2, 1, 3});
}

TEST_CASE("Adherence table: its columns are core's (cohort_columns.hpp) and every one that sorts, sorts") {
  // Each sortable column of the table names a column of core's report and back; every column core defines for
  // the screen with a value to sort by is one the table sorts by.
  for (int c = 0; c <= static_cast<int>(gui::AdherenceColumn::alsfrs_slope); ++c) {
    const auto column = static_cast<gui::AdherenceColumn>(c);
    const CohortColumn* core_column = find_cohort_column(gui::column_key(column));
    REQUIRE(core_column != nullptr);
    CHECK(gui::screen_column(core_column->key) == column);
  }
  for (const CohortColumn* c : cohort_columns_in(on_screen))
    CHECK(gui::screen_column(c->key).has_value() == (c->sort_value != nullptr));
}

TEST_CASE("Reminders: at each dose time, never for a dose already logged, liver test at 09:00") {
  GuiFixture fx("Europe/London");
  const RecordId therapy = fx.start(Drug::riluzole, ymd(2026, 11, 25), "tablet");  // baseline test due today
  fx.set_now("2026-11-25T07:00:00Z");
  const Instant started = fx.state.now;
  auto at = [](const char* iso) { return *parse_instant(iso, *find_zone("UTC")); };
  auto reminders =
      gui::due_reminders(*fx.state.facts(), at("2026-11-25T07:59:00Z"), at("2026-11-25T08:00:00Z"), started);
  REQUIRE(reminders.size() == 1);
  CHECK(reminders[0].key == "riluzole:" + std::to_string(therapy) + ":2026-11-25:1");
  CHECK(reminders[0].title.find("Ada Test") != std::string::npos);
  CHECK(reminders[0].body.find("Riluzole") != std::string::npos);
  // 08:30 to 09:00: the liver test (the baseline ALT is due on the start day) at 09:00 local.
  reminders =
      gui::due_reminders(*fx.state.facts(), at("2026-11-25T08:30:00Z"), at("2026-11-25T09:00:00Z"), started);
  REQUIRE(reminders.size() == 1);
  CHECK(reminders[0].body.find("Liver test") != std::string::npos);

  LogEntry taken;
  taken.patient_id = fx.patient;
  taken.kind = LogKind::dose;
  taken.drug = Drug::riluzole;
  taken.status = DoseStatus::taken;
  taken.at = at("2026-11-25T07:50:00Z");
  taken.planned_key = "riluzole:" + std::to_string(therapy) + ":2026-11-25:1";
  REQUIRE(fx.state.store->append_log(taken, fx.state.actor()).ok());
  fx.state.changed();
  CHECK(gui::due_reminders(*fx.state.facts(), at("2026-11-25T07:59:00Z"), at("2026-11-25T08:00:00Z"), started)
            .empty());
}

TEST_CASE("Settings: saved and read back, a damaged file gives the defaults and says why") {
  GuiFixture fx;
  const std::string path = (fx.dir / "cfg" / "settings.json").string();
  gui::Settings s;
  s.chairs = 6;
  s.opening_hour = 7;
  s.closing_hour = 19;
  s.last_view = "pharmacist";
  s.last_db = "/data/clinic.db";
  REQUIRE(gui::save_settings(s, path).ok());
  auto back = gui::load_settings(path);
  REQUIRE(back.ok());
  CHECK(back->chairs == 6);
  CHECK(back->opening_hour == 7);
  CHECK(back->closing_hour == 19);
  CHECK(back->last_view == "pharmacist");
  CHECK(back->last_db == "/data/clinic.db");
  { std::ofstream(path) << "{ not json"; }
  CHECK_FALSE(gui::load_settings(path).ok());
  { std::ofstream(path) << R"({"chairs": 0})"; }
  auto bad = gui::load_settings(path);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().find("chairs") != std::string::npos);
  CHECK(gui::load_settings((fx.dir / "none.json").string()).ok());  // missing: defaults
}

TEST_CASE("Report export: whole CSV with the contract's columns, or nothing at all") {
  GuiFixture fx;
  std::vector<AdherenceRow> rows(1);
  rows[0].patient.id = 7;
  rows[0].patient.mrn = "M7";
  rows[0].patient.name = "Ann Lee";
  const Period period{ymd(2026, 9, 1), ymd(2026, 11, 24)};
  const std::string path = (fx.dir / "report.csv").string();
  auto written = gui::export_report(rows, period, gui::ExportFormat::csv, path, Instant{}, fx.state.db_path);
  REQUIRE(written.ok());
  std::ifstream in(path);
  std::string header;
  std::getline(in, header);
  // docs/cli.md: report adherence --format csv starts with these columns.
  CHECK(header.rfind("patient_id,mrn,drug,scheduled,taken,taking_pct,timing_pct,pdc_pct", 0) == 0);
  std::string row;
  std::getline(in, row);
  CHECK(row.rfind("7,M7,", 0) == 0);

  const std::string nowhere = (fx.dir / "no-such-folder" / "report.csv").string();
  CHECK_FALSE(
      gui::export_report(rows, period, gui::ExportFormat::csv, nowhere, Instant{}, fx.state.db_path).ok());
  CHECK_FALSE(std::filesystem::exists(nowhere));
  CHECK_FALSE(std::filesystem::exists(nowhere + ".part"));
}

TEST_CASE("Report export: private file, never over the open database, a planted link not followed") {
  GuiFixture fx;
  std::vector<AdherenceRow> rows(1);
  rows[0].patient.id = 7;
  rows[0].patient.mrn = "M7";
  const Period period{ymd(2026, 9, 1), ymd(2026, 11, 24)};
  const std::string db = fx.state.db_path;
  // stat() only: this process holds the database open, and closing a descriptor on it drops SQLite's locks.
  auto identity = [](const std::string& file) {
    struct stat st {};
    ::stat(file.c_str(), &st);
    return std::make_tuple(st.st_ino, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  };
  const auto db_before = identity(db), wal_before = identity(db + "-wal");
  for (const std::string& target : {db, db + "-wal", db + "-shm"}) {
    auto refused = gui::export_report(rows, period, gui::ExportFormat::csv, target, Instant{}, db);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().find("open database") != std::string::npos);
  }
  CHECK(identity(db) == db_before);
  CHECK(identity(db + "-wal") == wal_before);
  CHECK(fx.state.store->integrity_check() == "ok");
  CHECK(fx.state.store->find_patient(fx.patient).has_value());

  // The app used to write X.part without O_EXCL: a link planted there sent the report elsewhere.
  const std::string victim = (fx.dir / "victim.txt").string();
  { std::ofstream(victim) << "keep me"; }
  const std::string path = (fx.dir / "report.csv").string();
  REQUIRE(::symlink(victim.c_str(), (path + ".part").c_str()) == 0);
  const mode_t old_umask = ::umask(0);
  auto written = gui::export_report(rows, period, gui::ExportFormat::csv, path, Instant{}, db);
  ::umask(old_umask);
  REQUIRE(written.ok());
  std::ifstream victim_in(victim);
  CHECK(std::string{std::istreambuf_iterator<char>(victim_in), std::istreambuf_iterator<char>()} ==
        "keep me");
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
}

TEST_CASE(
    "Patient picker: the rule of --patient, and Enter never takes the first of several (issue 17 item 1)") {
  GuiFixture f;                                   // patient 1, MRN MRN-1
  for (const char* mrn : {"M-2", "2", "0003"}) {  // ids 2, 3, 4
    NewPatient p;
    p.name = std::string("Pat ") + mrn;
    p.mrn = mrn;
    p.tz = "UTC";
    REQUIRE(f.state.store->add_patient(p, {"setup", Instant{}}).ok());
  }
  f.state.changed();
  gui::AppState& s = f.state;

  // '2' names patient 2 by id and patient 3 by MRN: nothing is chosen, both are named.
  s.patient_id = 1;
  auto two = gui::select_patient(s, "2");
  REQUIRE_FALSE(two.ok());
  CHECK_THAT(two.error(), Catch::Contains("could name 2 patients"));
  CHECK(s.patient_id == 1);
  auto typed = gui::pick_patient(s, "2");
  REQUIRE_FALSE(typed.ok());
  CHECK_THAT(typed.error(), Catch::Contains("could name 2 patients"));
  CHECK(s.patient_id == 1);

  REQUIRE(gui::select_patient(s, "mrn:2").ok());
  CHECK(s.patient_id == 3);
  REQUIRE(gui::select_patient(s, "id:2").ok());
  CHECK(s.patient_id == 2);
  REQUIRE(gui::select_patient(s, "0003").ok());  // an MRN, never id 3
  CHECK(s.patient_id == 4);

  // Enter on a name: the only match, or none of several.
  REQUIRE(gui::pick_patient(s, "ada").ok());
  CHECK(s.patient_id == 1);
  auto several = gui::pick_patient(s, "pat");
  REQUIRE_FALSE(several.ok());
  CHECK_THAT(several.error(), Catch::Contains("3 patients match"));
  CHECK(s.patient_id == 1);
  CHECK(gui::search_patients(s, "pat").size() == 3u);
  CHECK(gui::search_patients(s, "").size() == 4u);
}

TEST_CASE("Refill: the Today view's line and the notification appear on the refill day, not before") {
  // 60 riluzole tablets dispensed 2026-03-02, 2 a day, nothing logged: they last to 03-31 and run out on
  // 04-01; the refill threshold is 7 days, so the reminder comes from 03-25 (docs/supply.md).
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 3, 2), "tablet");
  LogEntry d;
  d.patient_id = fx.patient;
  d.kind = LogKind::dispensing;
  d.drug = Drug::riluzole;
  d.day = ymd(2026, 3, 2);
  d.at = Instant{*d.day};
  d.days_supply = 30;
  d.quantity = 60;
  d.unit = "tablet";
  d.product = "tablet";
  REQUIRE(fx.state.store->append_log(d, fx.state.actor()).ok());
  fx.state.changed();
  auto at = [](const char* iso) { return *parse_instant(iso, *find_zone("UTC")); };
  auto refill_notes = [&](const char* from, const char* to) {
    std::vector<gui::Reminder> out;
    for (const gui::Reminder& r : gui::due_reminders(*fx.state.facts(), at(from), at(to), at(from)))
      if (r.key.rfind("refill:", 0) == 0) out.push_back(r);
    return out;
  };
  fx.set_now("2026-03-24T10:00:00Z");
  CHECK(gui::build_today(*fx.state.facts(), fx.state.now).refills.empty());
  CHECK(refill_notes("2026-03-24T08:00:00Z", "2026-03-24T10:00:00Z").empty());

  fx.set_now("2026-03-25T10:00:00Z");
  const auto today = gui::build_today(*fx.state.facts(), fx.state.now);
  REQUIRE(today.refills.size() == 1);
  CHECK_THAT(today.refills[0], Catch::Contains("Refill riluzole by 2026-03-25") &&
                                   Catch::Contains("14 tablet left") &&
                                   Catch::Contains("runs out 2026-04-01"));
  const auto notes = refill_notes("2026-03-25T08:00:00Z", "2026-03-25T10:00:00Z");  // at 09:00
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].at == at("2026-03-25T09:00:00Z"));
  CHECK(notes[0].body.find("Refill riluzole") != std::string::npos);
  CHECK(notes[0].title.find("Ada Test") != std::string::npos);

  // The Today window shows the line.
  fx.state.role = gui::Role::patient;
  GuiHarness gui;
  gui.frame(fx.state);
  CHECK(gui::probed("today:refill"));
}
