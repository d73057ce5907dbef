// The fake fourth drug on both stores (issue 26): its course started and its doses logged through the rules,
// stored, read back and planned; the store itself still refuses a word no program registered. Runs on
// SQLite and, with ALSMEDS_TEST_PG, on the throwaway server as its owner (the CHECKs take the registered
// word there: schema.hpp allow_registered_drugs, pg_schema.hpp pg_allow_registered_drugs).
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "alsmeds/exchange/import_rows.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "placebine.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::kPlacebineCapsule;
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
  start.therapy.product = kPlacebineCapsule;
  start.therapy.start = day(2026, 1, 5);
  auto started = start_therapy(s, facts(s, id), start, kNurse);
  REQUIRE(started.ok());
  return id;
}

}  // namespace

TEST_CASE("Fake regimen: both stores keep its course and doses, started and logged by the rules") {
  TempFolder tmp;
  const std::string path = tmp.file("placebine.db");
  auto s = alsmeds::test::open_store(path);
  const RecordId id = patient_on_placebine(*s);
  // Week 1 given on its Monday, week 2 on Tuesday the 13th (late, still week 2).
  for (const Day d : {day(2026, 1, 5), day(2026, 1, 13)}) {
    DoseRequest r;
    r.drug = placebine();
    r.at = paris_ten(d);
    auto logged = log_dose(*s, facts(*s, id), r, kNurse);
    REQUIRE(logged.ok());
  }
  s.reset();
  s = alsmeds::test::open_store(path);  // read back by a second open
  const PatientFacts f = facts(*s, id);
  REQUIRE(f.therapies.size() == 1u);
  CHECK(f.therapies[0].drug == placebine());
  CHECK(f.therapies[0].product == kPlacebineCapsule);
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
