// Issue 16 in the app: the refill threshold setting, the pharmacist's list of supplies running out, and the
// pharmacy's preparation list beside the infusion board (CSV and PDF). Expected figures are worked by hand
// from the label facts (docs/supply.md): riluzole 1 tablet every 12 h; IV edaravone 60 mg = two Radicava
// 30 mg/100 mL bags or one generic 60 mg/100 mL bag; cycle 1 is 14 daily infusions.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "alsmeds/demo/demo_data.hpp"
#include "alsmeds/pharmacy/pharmacy_prep.hpp"
#include "cli_beside.hpp"
#include "gui_fixture.hpp"
#include "gui_harness.hpp"
#include "reminders.hpp"
#include "settings.hpp"
#include "today_model.hpp"
#include "views/view_list.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

/// Frames until the view's background read is in (another view's read may run first).
template <class Loaded>
void settle(GuiHarness& gui, gui::AppState& s, Loaded loaded) {
  gui.frames(s, 2);
  for (int i = 0; i < 6 && !loaded(); ++i) {
    s.job.wait();
    gui.frame(s);
  }
  s.job.wait();
  gui.frame(s);
}

int tab_of(gui::Role role, std::string_view name) {
  const auto views = gui::views_for(role);
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i]->name == name) return static_cast<int>(i);
  return -1;
}

void dispensed(gui::AppState& s, RecordId patient, Drug drug, Day day, double quantity,
               const std::string& unit, const std::string& product, int days_supply) {
  LogEntry d;
  d.patient_id = patient;
  d.kind = LogKind::dispensing;
  d.drug = drug;
  d.day = day;
  d.at = Instant{day};
  d.days_supply = days_supply;
  d.quantity = quantity;
  d.unit = unit;
  d.product = product;
  REQUIRE(s.store->append_log(d, {"setup", Instant{}}).ok());
  s.changed();
}

RecordId add_patient(gui::AppState& s, const std::string& name, const std::string& mrn) {
  NewPatient p;
  p.name = name;
  p.mrn = mrn;
  p.tz = "UTC";
  const RecordId id = std::move(s.store->add_patient(p, {"setup", Instant{}})).value();
  s.changed();
  return id;
}

RecordId start(gui::AppState& s, RecordId patient, Drug drug, Day day, const std::string& product) {
  NewTherapy t;
  t.patient_id = patient;
  t.drug = drug;
  t.product = parse_product(drug, product).value();
  t.start = day;
  const RecordId id = std::move(s.store->start_therapy(t, {"setup", Instant{}})).value();
  s.changed();
  return id;
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

mode_t mode_of(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("Refill threshold: a setting, stored, that moves the day Today's refill line and notice appear") {
  // 60 tablets dispensed 2026-03-02, 2 a day, nothing logged: they run out on 04-01. With the default
  // threshold of 7 days the refill line comes from 03-25; with 10 days from 03-22.
  GuiFixture fx("UTC");
  fx.start(Drug::riluzole, ymd(2026, 3, 2), "tablet");
  dispensed(fx.state, fx.patient, Drug::riluzole, ymd(2026, 3, 2), 60, "tablet", "tablet", 30);
  fx.state.role = gui::Role::patient;
  fx.state.tab = 0;
  GuiHarness gui;
  fx.set_now("2026-03-22T10:00:00Z");
  CHECK(fx.state.settings.refill_days == 7);
  gui.frames(fx.state, 2);
  CHECK(fx.state.today_view.model.refills.empty());  // 10 days ahead: not yet at 7
  CHECK_FALSE(gui::probed("today:refill"));

  fx.state.settings.refill_days = 10;  // Settings > Refill reminder
  gui.frame(fx.state);
  REQUIRE(fx.state.today_view.model.refills.size() == 1);
  CHECK_THAT(fx.state.today_view.model.refills[0],
             Catch::Contains("Refill riluzole by 2026-03-22") && Catch::Contains("runs out 2026-04-01"));
  CHECK(gui::probed("today:refill"));
  fx.set_now("2026-03-21T10:00:00Z");  // 11 days ahead: not yet at 10
  gui.frame(fx.state);
  CHECK(fx.state.today_view.model.refills.empty());

  // The desktop notice follows the same threshold, at 09:00 of the refill day.
  auto at = [](const char* iso) { return *parse_instant(iso, *find_zone("UTC")); };
  auto refill_notes = [&](const char* from, const char* to, int days) {
    int n = 0;
    for (const gui::Reminder& r : gui::due_reminders(*fx.state.facts(), at(from), at(to), at(from), days))
      n += r.key.rfind("refill:", 0) == 0 ? 1 : 0;
    return n;
  };
  CHECK(refill_notes("2026-03-22T08:00:00Z", "2026-03-22T10:00:00Z", 10) == 1);
  CHECK(refill_notes("2026-03-22T08:00:00Z", "2026-03-22T10:00:00Z", 7) == 0);
  CHECK(refill_notes("2026-03-21T08:00:00Z", "2026-03-21T10:00:00Z", 10) == 0);

  // Stored with the other settings, and refused out of range.
  const auto file = (fx.dir / "settings.json").string();
  REQUIRE(gui::save_settings(fx.state.settings, file).ok());
  CHECK(gui::load_settings(file).value().refill_days == 10);
  std::ofstream(file) << R"({"refill_days": 0})";
  CHECK_THAT(gui::load_settings(file).error(), Catch::Contains("refill threshold 0 days"));
}

TEST_CASE(
    "Supply (pharmacist): who runs out within 7 or 14 days, earliest first, a click opens the patient") {
  // Three patients from 2026-03-02 on riluzole tablets, 2 a day, nothing logged: 28 tablets last 14 days
  // (out 03-16), 20 tablets 10 days (out 03-12), 120 tablets 60 days (out 05-01). Seen on 03-05.
  GuiFixture fx("UTC");
  const RecordId a = fx.patient;
  const RecordId b = add_patient(fx.state, "Bea Two", "B");
  const RecordId c = add_patient(fx.state, "Cai Three", "C");
  for (const auto& [who, tablets] : std::vector<std::pair<RecordId, double>>{{a, 28}, {b, 20}, {c, 120}}) {
    start(fx.state, who, Drug::riluzole, ymd(2026, 3, 2), "tablet");
    dispensed(fx.state, who, Drug::riluzole, ymd(2026, 3, 2), tablets, "tablet", "tablet", 30);
  }
  fx.set_now("2026-03-05T10:00:00Z");
  fx.state.role = gui::Role::pharmacist;
  fx.state.tab = tab_of(gui::Role::pharmacist, "supply");
  REQUIRE(fx.state.tab >= 0);
  GuiHarness gui(1000);
  settle(gui, fx.state, [&] { return fx.state.supply.loaded; });
  REQUIRE(fx.state.supply.loaded);
  auto shown = gui::supply_rows_within(fx.state.supply.rows, 7);
  REQUIRE(shown.size() == 1);  // Bea: 03-12 is 7 days away
  CHECK(shown[0]->patient.id == b);
  CHECK(shown[0]->status.runs_out_on == ymd(2026, 3, 12));
  CHECK(shown[0]->status.on_hand == Approx(14));  // 20 - 3 days x 2
  CHECK(gui::probed("supply:row:0"));
  CHECK_FALSE(gui::probed("supply:row:1"));

  REQUIRE(gui.click(fx.state, "supply:14"));
  CHECK(fx.state.supply.within == 14);
  shown = gui::supply_rows_within(fx.state.supply.rows, 14);
  REQUIRE(shown.size() == 2);  // then Ada: 03-16, 11 days away; Cai (05-01) is not listed
  CHECK(shown[0]->patient.id == b);
  CHECK(shown[1]->patient.id == a);
  CHECK(shown[1]->status.runs_out_on == ymd(2026, 3, 16));
  CHECK(gui::probed("supply:row:1"));

  fx.state.patient_id = c;
  REQUIRE(gui.click(fx.state, "supply:row:1"));  // one click: Ada's own day
  CHECK(fx.state.patient_id == a);
  CHECK(fx.state.role == gui::Role::patient);
}

TEST_CASE("Pharmacy prep beside the board: a hand-built week, and its CSV and PDF exports (0600)") {
  // Ada: IV from Monday 2026-11-23, Radicava (28 bags dispensed); Bo: IV from Wednesday 11-25, a generic
  // (14 bags). Cycle 1 is daily: Ada 7 infusions this week (Mon-Sun), Bo 5 (Wed-Sun).
  GuiFixture fx("UTC");
  fx.start(Drug::edaravone, ymd(2026, 11, 23), "iv");
  dispensed(fx.state, fx.patient, Drug::edaravone, ymd(2026, 11, 23), 28, "bag", "radicava-iv", 28);
  const RecordId bo = add_patient(fx.state, "Bo Test", "MRN-2");
  start(fx.state, bo, Drug::edaravone, ymd(2026, 11, 25), "iv");
  dispensed(fx.state, bo, Drug::edaravone, ymd(2026, 11, 25), 14, "bag", "generic-iv", 28);
  fx.set_now("2026-11-25T09:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = tab_of(gui::Role::nurse, "prep");
  CHECK(fx.state.tab == tab_of(gui::Role::nurse, "board") + 1);  // beside the board
  GuiHarness gui(1000);
  settle(gui, fx.state, [&] { return fx.state.board.loaded; });
  REQUIRE(fx.state.board.loaded);
  const std::vector<std::string> expected{
      "date,product,infusions,bags,period,vials", "2026-11-23,radicava-iv,1,2,day,",
      "2026-11-24,radicava-iv,1,2,day,",          "2026-11-25,generic-iv,1,1,day,",
      "2026-11-25,radicava-iv,1,2,day,",          "2026-11-26,generic-iv,1,1,day,",
      "2026-11-26,radicava-iv,1,2,day,",          "2026-11-27,generic-iv,1,1,day,",
      "2026-11-27,radicava-iv,1,2,day,",          "2026-11-28,generic-iv,1,1,day,",
      "2026-11-28,radicava-iv,1,2,day,",          "2026-11-29,generic-iv,1,1,day,",
      "2026-11-29,radicava-iv,1,2,day,",          "2026-11-23,generic-iv,5,5,week,",
      "2026-11-23,radicava-iv,7,14,week,"};
  std::vector<std::string> lines;
  {
    const std::string csv = render(prep_table(fx.state.board.prep), OutputFormat::csv);
    std::size_t at = 0;
    for (std::size_t nl; (nl = csv.find('\n', at)) != std::string::npos; at = nl + 1)
      lines.push_back(csv.substr(at, nl - at));
  }
  CHECK(lines == expected);
  CHECK(gui::probed("prep:row:12"));  // 12 day rows and 2 week rows drawn
  CHECK(gui::probed("prep:row:13"));

  // The same list as alsmeds-cli pharmacy prep for that week.
  const CliRun cli = cli_on(fx.state.db_path, {"pharmacy", "prep", "--from", "2026-11-23", "--to",
                                               "2026-11-29", "--format", "csv"});
  INFO(cli.err);
  CHECK(cli.out_lines() == expected);

  // Export as CSV, then PDF: whole files, private.
  fx.state.prep.export_path = (fx.dir / "prep.csv").string();
  REQUIRE(gui.click(fx.state, "prep:export"));
  CHECK_FALSE(fx.state.prep.message.error);
  CHECK(read_all(fx.dir / "prep.csv")
            .rfind("date,product,infusions,bags,period,vials\n2026-11-23,radicava-iv,1,2,day,\n", 0) == 0);
  CHECK(mode_of(fx.dir / "prep.csv") == 0600);
  fx.state.prep.export_format = static_cast<int>(gui::PrepExport::pdf);
  fx.state.prep.export_path = (fx.dir / "prep.pdf").string();
  REQUIRE(gui.click(fx.state, "prep:export"));
  INFO(fx.state.prep.message.text);
  CHECK_FALSE(fx.state.prep.message.error);
  CHECK(read_all(fx.dir / "prep.pdf").rfind("%PDF-", 0) == 0);
  CHECK(mode_of(fx.dir / "prep.pdf") == 0600);
  // CSV chosen again over a name that exists: asked before replacing it, nothing written until then.
  fx.state.prep.export_format = static_cast<int>(gui::PrepExport::csv);
  fx.state.prep.export_path = (fx.dir / "prep.csv").string();
  { std::ofstream(fx.dir / "prep.csv") << "kept\n"; }
  gui.frame(fx.state);
  REQUIRE(gui.click(fx.state, "prep:export"));
  gui.frame(fx.state);
  CHECK(read_all(fx.dir / "prep.csv") == "kept\n");
  REQUIRE(gui.click(fx.state, "prep:replace"));
  CHECK(read_all(fx.dir / "prep.csv").rfind("date,product", 0) == 0);
  // Never over the open database.
  fx.state.prep.export_path = fx.state.db_path;
  REQUIRE(gui.click(fx.state, "prep:export"));
  CHECK(fx.state.prep.message.error);
}

TEST_CASE("Pharmacy prep: a week of the demo clinic equals the infusions on the board that week") {
  GuiFixture fx("UTC");
  // The demo clinic in a database of its own (the fixture's patient is not in it).
  const auto db = (fx.dir / "demo.db").string();
  REQUIRE(gui::open_database(fx.state, db).ok());
  DemoRequest demo;
  demo.patients = 40;
  demo.today = ymd(2026, 11, 25);
  REQUIRE(fill_demo_data(*fx.state.store, demo, {"setup", Instant{demo.today}}, nullptr).ok());
  fx.state.changed();
  fx.state.patient_id = fx.state.patients.front().id;
  fx.set_now("2026-11-25T12:00:00Z");
  fx.state.role = gui::Role::nurse;
  fx.state.tab = tab_of(gui::Role::nurse, "board");
  GuiHarness gui(1000);
  settle(gui, fx.state, [&] { return fx.state.board.loaded; });
  REQUIRE(fx.state.board.loaded);
  // Book every infusion of two days into free chairs first: booked ones count on their booked day.
  for (const char* day : {"board:day:2026-11-25", "board:day:2026-11-26"}) {
    if (!gui.click(fx.state, day)) continue;
    if (gui::probed("board:book-all")) REQUIRE(gui.click(fx.state, "board:book-all"));
  }
  gui.frame(fx.state);
  CHECK_FALSE(fx.state.store->infusion_bookings(ymd(2026, 11, 23), ymd(2026, 11, 29)).empty());

  // Count by hand from the board: each day's infusions by the patient's IV product (the latest edaravone
  // dispensing naming one), and the bags by the label: Radicava two an infusion, a generic one.
  std::map<RecordId, std::string> product_of;
  for (const gui::BoardPatient& p : fx.state.board.patients)
    for (const LogEntry& e : p.dispensings)
      if (e.product == "radicava-iv" || e.product == "generic-iv") product_of[p.facts.patient.id] = e.product;
  std::map<std::pair<Day, std::string>, int> infusions;
  int in_week = 0;
  for (const gui::BoardDay& d : fx.state.board.model.days)
    for (const gui::BoardInfusion& i : d.infusions) {
      REQUIRE(i.cycle > 0);                     // no booking without its planned infusion in the demo
      REQUIRE(product_of.count(i.patient_id));  // every demo IV patient's product is named
      ++infusions[{d.day, product_of[i.patient_id]}];
      ++in_week;
    }
  REQUIRE(in_week > 0);
  std::map<std::string, int> products;
  for (const auto& [key, n] : infusions) products[key.second] += n;
  CHECK(products.size() == 2);  // both Radicava and generic bags in the demo clinic's week

  std::map<std::pair<Day, std::string>, std::pair<int, int>> listed;  // day rows: infusions, bags
  std::map<std::string, std::pair<int, int>> week;
  for (const PrepRow& r : fx.state.board.prep.rows) {
    if (!r.chair) {  // the demo's tofersen patients: one vial a dose, never on the board
      CHECK(r.product == "tofersen-intrathecal");
      CHECK(r.vials == r.infusions);
      continue;
    }
    REQUIRE(r.bags);
    (r.week ? week[r.product] : listed[{r.date, r.product}]) = {r.infusions, *r.bags};
  }
  REQUIRE(listed.size() == infusions.size());
  for (const auto& [key, n] : infusions) {
    INFO(format_day(key.first) << " " << key.second);
    CHECK(listed[key].first == n);
    CHECK(listed[key].second == n * (key.second == "radicava-iv" ? 2 : 1));
  }
  for (const auto& [product, n] : products) {
    CHECK(week[product].first == n);
    CHECK(week[product].second == n * (product == "radicava-iv" ? 2 : 1));
  }
  // And alsmeds-cli pharmacy prep lists the same rows for that week.
  const CliRun cli =
      cli_on(db, {"pharmacy", "prep", "--from", "2026-11-23", "--to", "2026-11-29", "--format", "csv"});
  INFO(cli.err);
  CHECK(cli.out == render(prep_table(fx.state.board.prep), OutputFormat::csv));
}
