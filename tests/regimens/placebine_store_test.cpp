// The fake fourth drug on both stores (issue 26): its course started and its doses logged through the rules,
// stored, read back and planned; the store itself still refuses a word no program registered. Runs on
// SQLite and, with ALSMEDS_TEST_PG, on the throwaway server as its owner (the CHECKs take the registered
// word there: schema.hpp allow_registered_drugs, pg_schema.hpp pg_allow_registered_drugs).
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "alsmeds/exchange/import_rows.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "placebine.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::kPlacebineTablet;
using alsmeds::test::TempFolder;

namespace {

const Actor kNurse{"nurse.kim", Instant{std::chrono::seconds{1'775'000'000}}};  // 2026-03-31

Day day(int y, unsigned m, unsigned d) {
  return Day{date::year{y} / m / d};
}

// 10:00 in Paris in winter (UTC+1).
Instant paris_ten(Day d) {
  return Instant{date::sys_days{d.time_since_epoch()}} + std::chrono::hours{9};
}

PatientFacts facts(RecordStore& s, RecordId id) {
  return std::move(load_facts(s, *s.find_patient(id))).value();
}

Drug placebine() {
  return parse_drug("placebine").value();  // registered in placebine_regimen_test.cpp
}

// A patient in Paris (MRN PL-1) on a placebine course from Monday 5 January 2026 (week 1), started through
// the rules.
RecordId patient_on_placebine(RecordStore& s) {
  NewPatient p;
  p.name = "Ada Placebo";
  p.tz = "Europe/Paris";
  p.mrn = "PL-1";
  const RecordId id = *s.add_patient(p, kNurse);
  TherapyRequest start;
  start.therapy.drug = placebine();
  start.therapy.product = kPlacebineTablet;
  start.therapy.start = day(2026, 1, 5);
  auto started = start_therapy(s, facts(s, id), start, kNurse);
  REQUIRE(started.ok());
  return id;
}

// A dose given at 10:00 in Paris on `d`, logged through the rules.
void log_given(RecordStore& s, RecordId id, Day d) {
  DoseRequest r;
  r.drug = placebine();
  r.at = paris_ten(d);
  auto logged = log_dose(s, facts(s, id), r, kNurse);
  INFO((logged.ok() ? std::string() : logged.error()));
  REQUIRE(logged.ok());
}

}  // namespace

TEST_CASE("Fake regimen: both stores keep its course and doses, started and logged by the rules") {
  TempFolder tmp;
  const std::string path = tmp.file("placebine.db");
  auto s = alsmeds::test::open_store(path);
  const RecordId id = patient_on_placebine(*s);
  // Week 1 given on its Monday, week 2 on Tuesday the 13th (late, still week 2).
  for (const Day d : {day(2026, 1, 5), day(2026, 1, 13)}) log_given(*s, id, d);
  s.reset();
  s = alsmeds::test::open_store(path);  // read back by a second open
  const PatientFacts f = facts(*s, id);
  REQUIRE(f.therapies.size() == 1u);
  CHECK(f.therapies[0].drug == placebine());
  CHECK(f.therapies[0].product == kPlacebineTablet);
  const std::string course = std::to_string(f.therapies[0].id);
  std::vector<std::string> keys;
  for (const LogEntry& e : f.log)
    if (e.kind == LogKind::dose) {
      CHECK(e.drug == placebine());
      keys.push_back(e.planned_key);
    }
  std::sort(keys.begin(), keys.end());  // the log reads newest first
  CHECK(keys == std::vector<std::string>{"placebine:" + course + ":w1", "placebine:" + course + ":w2"});
  // Week 3 fell on Monday the 19th: overdue on Wednesday the 21st.
  bool overdue = false;
  for (const DueItem& i : due_items(f, day(2026, 1, 21)))
    overdue |=
        i.kind == "dose" && i.planned_key == "placebine:" + course + ":w3" && i.status == DueStatus::overdue;
  CHECK(overdue);
}

TEST_CASE("Fake regimen: the store still refuses a drug no program registered") {
  TempFolder tmp;
  const std::string path = tmp.file("unknown.db");
  auto s = alsmeds::test::open_store(path);
  NewPatient p;
  p.name = "Word Check";
  p.tz = "UTC";
  const RecordId id = *s->add_patient(p, kNurse);
  const std::string pid = std::to_string(id);
  for (const char* word : {"placebine", "nusinersen"}) {
    INFO(word);
    const int rc = alsmeds::test::raw_exec(
        path,
        ("INSERT INTO log_entries (patient_id, kind, at, drug, status, recorded_by, recorded_at) VALUES (" +
         pid + ", 'dose', 1700000000, '" + word + "', 'taken', 'x', 1700000000)")
            .c_str());
    if (std::string(word) == "placebine")
      CHECK(rc == SQLITE_OK);  // registered: allowed
    else
      CHECK(rc != SQLITE_OK);
  }
}

TEST_CASE("Fake regimen: both stores match a doses file's doses to their weeks, in any order") {
  TempFolder tmp;
  const std::string path = tmp.file("import.db");
  auto s = alsmeds::test::open_store(path);
  const RecordId id = patient_on_placebine(*s);
  // Mondays 5, 12 and 19 January are weeks 1-3: the 13th answers week 2, the 20th week 3, the 5th week 1.
  const std::string csv =
      "mrn,drug,at,status\n"
      "PL-1,placebine,2026-01-20T10:00,taken\n"
      "PL-1,placebine,2026-01-05T10:00,taken\n"
      "PL-1,placebine,2026-01-13T10:00,taken\n";
  auto written = import_csv(*s, "doses", csv, kNurse, nullptr, "placebine.csv");
  REQUIRE(written.ok());
  CHECK(*written == 3u);
  std::vector<std::pair<std::int64_t, std::string>> keys;
  for (const LogEntry& e : facts(*s, id).log)
    if (e.kind == LogKind::dose) keys.emplace_back(e.at.time_since_epoch().count(), e.planned_key);
  std::sort(keys.begin(), keys.end());
  const std::string course = "placebine:" + std::to_string(facts(*s, id).therapies[0].id) + ":w";
  REQUIRE(keys.size() == 3u);
  CHECK(keys[0].second == course + "1");
  CHECK(keys[1].second == course + "2");
  CHECK(keys[2].second == course + "3");
}

TEST_CASE("Fake regimen: on both stores a pause moves its planned doses and a resume brings them back") {
  TempFolder tmp;
  const std::string path = tmp.file("pause.db");
  auto s = alsmeds::test::open_store(path);
  const RecordId id = patient_on_placebine(*s);
  const std::string course = "placebine:" + std::to_string(facts(*s, id).therapies[0].id) + ":w";
  log_given(*s, id, day(2026, 1, 5));  // week 1
  // By the fake label: a dose due in a pause is taken the day after it, the later weeks a week apart from it.
  // Weeks fall on Mondays 5, 12, 19 and 26 January; a pause from the 10th to the 14th moves week 2 to
  // Thursday the 15th, week 3 to the 22nd.
  PauseRequest pause;
  pause.drug = placebine();
  pause.from = day(2026, 1, 10);
  pause.to = day(2026, 1, 14);
  pause.reason = "admitted to hospital";
  auto paused = pause_therapy(*s, facts(*s, id), pause, kNurse);
  REQUIRE(paused.ok());
  REQUIRE(paused->warnings.size() == 1u);
  CHECK(paused->warnings[0] ==
        "placebine week 2 now on 2026-01-15 (was 2026-01-12): the later doses follow it");
  // The next dose the due list shows on a day: its key, status and day.
  struct Next {
    std::string key;
    DueStatus status;
    std::string when;
    bool operator==(const Next&) const = default;
  };
  const auto next_on = [&](Day on) {
    std::vector<Next> out;
    for (const DueItem& i : due_items(facts(*s, id), on))
      if (i.kind == "dose") out.push_back({i.planned_key, i.status, i.when});
    return out;
  };
  CHECK(next_on(day(2026, 1, 13)) == std::vector<Next>{{course + "2", DueStatus::coming, "2026-01-15"}});
  CHECK(next_on(day(2026, 1, 15)) == std::vector<Next>{{course + "2", DueStatus::due, "2026-01-15"}});
  CHECK(next_on(day(2026, 1, 17)).at(0).status == DueStatus::overdue);
  // A pause with no planned dose in it (Tuesday 20 and Wednesday 21; week 3 is on Thursday the 22nd now)
  // changes nothing and says so.
  pause.from = day(2026, 1, 20);
  pause.to = day(2026, 1, 21);
  auto quiet = pause_therapy(*s, facts(*s, id), pause, kNurse);
  REQUIRE(quiet.ok());
  REQUIRE(quiet->warnings.size() == 1u);
  CHECK(quiet->warnings[0] ==
        "no planned placebine dose falls from 2026-01-20 to 2026-01-21: the plan is unchanged");
  // Resumed on the 12th: the first pause ends on the 11th and week 2 is due on Monday the 12th again.
  auto resumed = resume_therapy(*s, facts(*s, id), placebine(), day(2026, 1, 12), "home early", kNurse);
  REQUIRE(resumed.ok());
  CHECK(next_on(day(2026, 1, 12)) == std::vector<Next>{{course + "2", DueStatus::due, "2026-01-12"}});
  // Its one product: a switch to it is refused as the product in force.
  SwitchRequest sw;
  sw.drug = placebine();
  sw.product = kPlacebineTablet;
  sw.from = day(2026, 2, 2);
  sw.reason = "easier to swallow";
  auto switched = switch_therapy(*s, facts(*s, id), sw, kNurse);
  REQUIRE_FALSE(switched.ok());
  CHECK(switched.error() == "placebine is already tablet on 2026-02-02");
  // Weeks now on 12, 19 and 26 January and 2 February. The course stops on Tuesday 3 February: a pause of its
  // last two days leaves week 5 no day after the pause before the stop, and says so (it is not "unchanged").
  REQUIRE(stop_therapy(*s, facts(*s, id), placebine(), day(2026, 2, 3), "course completed", kNurse).ok());
  pause.from = day(2026, 2, 2);
  pause.to = day(2026, 2, 3);
  auto last_days = pause_therapy(*s, facts(*s, id), pause, kNurse);
  REQUIRE(last_days.ok());
  REQUIRE(last_days->warnings.size() == 1u);
  CHECK(last_days->warnings[0] ==
        "placebine week 5 (2026-02-02) falls in the pause and is not planned after it");
}

TEST_CASE("Fake regimen: on both stores its pack is dispensed and counted by the plan") {
  TempFolder tmp;
  const std::string path = tmp.file("supply.db");
  auto s = alsmeds::test::open_store(path);
  const RecordId id = patient_on_placebine(*s);
  log_given(*s, id, day(2026, 1, 5));  // week 1
  // Its tablet comes in two packs: never a guess between them.
  DispenseRequest blister;
  blister.drug = placebine();
  blister.day = day(2026, 1, 5);
  blister.quantity = 4;
  blister.unit = "tablet";
  auto unnamed = dispense(*s, facts(*s, id), blister, kNurse);
  REQUIRE_FALSE(unnamed.ok());
  CHECK(unnamed.error() ==
        "placebine tablet comes in 2 packs (placebine-blister, placebine-bottle): name the pack");
  // One blister of 4 tablets on Monday 5 January. By the fake label one tablet a week: the doses of 5, 12, 19
  // and 26 January are covered, 2 February's is not: 28 days.
  blister.product = "placebine-blister";
  auto dispensed = dispense(*s, facts(*s, id), blister, kNurse);
  REQUIRE(dispensed.ok());
  const PatientFacts f = facts(*s, id);
  const auto stored = std::find_if(f.log.begin(), f.log.end(),
                                   [](const LogEntry& e) { return e.kind == LogKind::dispensing; });
  REQUIRE(stored != f.log.end());
  CHECK(stored->product == "placebine-blister");
  CHECK(stored->days_supply == 28);
  // On Tuesday 13 January: week 1 taken, week 2 (the 12th, no record) counted as used: 2 tablets left, for
  // the 19th and the 26th; out on 2 February, to refill 7 days before (our default).
  const std::vector<SupplyStatus> supply = supply_status(f, day(2026, 1, 13));
  REQUIRE(supply.size() == 1u);
  CHECK(supply[0].drug == placebine());
  CHECK(supply[0].product == "placebine-blister");
  CHECK(supply[0].on_hand == Approx(2));
  CHECK(supply[0].unit == SupplyUnit::tablet);
  CHECK(supply[0].doses_left == 2);
  CHECK(supply[0].runs_out_on == day(2026, 2, 2));
  CHECK(supply[0].refill_by == day(2026, 1, 26));
  // Another drug's pack is refused by name, with the drug's own listed.
  blister.product = "tablet";
  auto riluzole_pack = dispense(*s, facts(*s, id), blister, kNurse);
  REQUIRE_FALSE(riluzole_pack.ok());
  CHECK(riluzole_pack.error() == "'tablet' is not a placebine product (placebine-blister, placebine-bottle)");
}
