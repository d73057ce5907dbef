// Tofersen, the third drug (issue 26, schema 14), on both stores: a course and its doses stored and read
// back, the plan anchored on the doses given, the due list and adherence from them. Expectations by hand from
// the label (docs/domain.md "Tofersen": three loading doses 14 days apart, then every 28 days; a missed dose
// given as soon as possible, the next the interval after it).
#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>

#include "alsmeds/adherence/adherence.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "storage/schema.hpp"
#include "storage/sqlite_db.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::TempFolder;

namespace {

Day day(int y, unsigned m, unsigned d) {
  return Day{date::year{y} / m / d};
}

// 10:00 in Oslo (UTC+1 in winter and early spring) on a day.
Instant oslo_ten(Day d) {
  return Instant{date::sys_days{d.time_since_epoch()}} + std::chrono::hours{9};
}

const Actor kNurse{"nurse.kim", Instant{std::chrono::seconds{1'775'000'000}}};  // 2026-03-31

PatientFacts facts(RecordStore& s, RecordId id) {
  return std::move(load_facts(s, *s.find_patient(id))).value();
}

RecordId dose(RecordStore& s, RecordId id, Day d, DoseStatus status = DoseStatus::taken) {
  DoseRequest r;
  r.drug = Drug::tofersen;
  r.at = oslo_ten(d);
  r.status = status;
  if (status != DoseStatus::taken) r.note = "clinic full";
  auto logged = log_dose(s, facts(s, id), r, kNurse);
  REQUIRE(logged.ok());
  return logged->id;
}

std::optional<DueItem> tofersen_item(const std::vector<DueItem>& items) {
  for (const DueItem& i : items)
    if (i.drug == "tofersen") return i;
  return std::nullopt;
}

// A patient in Oslo with a tofersen course from 2026-01-05 (loading dose 1's day), started through the rules.
RecordId patient_on_tofersen(RecordStore& s, const std::string& name) {
  NewPatient p;
  p.name = name;
  p.tz = "Europe/Oslo";
  const RecordId id = *s.add_patient(p, kNurse);
  TherapyRequest start;
  start.therapy.drug = Drug::tofersen;
  start.therapy.product = Product::tofersen_intrathecal;
  start.therapy.start = day(2026, 1, 5);
  auto started = start_therapy(s, facts(s, id), start, kNurse);
  REQUIRE(started.ok());
  return id;
}

}  // namespace

TEST_CASE("Tofersen on both stores: a course and its doses, the plan anchored on the doses given") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("tof.db"));
  const RecordId id = patient_on_tofersen(*s, "Sam Sod");
  const std::vector<Therapy> stored = s->therapies(id);
  REQUIRE(stored.size() == 1u);
  CHECK(stored[0].drug == Drug::tofersen);
  CHECK(stored[0].product == Product::tofersen_intrathecal);

  // Dose 1 on its day; dose 2 (due 01-19) missed that day and given on 01-23, 4 days late.
  dose(*s, id, day(2026, 1, 5));
  dose(*s, id, day(2026, 1, 19), DoseStatus::missed);
  {
    // Before dose 2 is given: overdue from 01-19 (a record of it missed does not close it), the next 14 days
    // after it.
    const auto item = tofersen_item(due_items(facts(*s, id), day(2026, 1, 21)));
    REQUIRE(item);
    CHECK(item->status == DueStatus::overdue);
    CHECK(item->when == "2026-01-19");
    CHECK(item->planned_key == "tofersen:" + std::to_string(stored[0].id) + ":d2");
    CHECK_THAT(item->detail, Catch::Contains("loading dose 2 of 3") &&
                                 Catch::Contains("give as soon as possible; the next dose 14 days after it"));
  }
  dose(*s, id, day(2026, 1, 23));

  const PatientFacts f = facts(*s, id);
  std::vector<std::string> keys;
  for (const LogEntry& e : f.log)
    if (e.status == DoseStatus::taken) keys.push_back(e.planned_key);
  std::sort(keys.begin(), keys.end());
  const std::string t = std::to_string(stored[0].id);
  CHECK(keys == std::vector<std::string>{"tofersen:" + t + ":d1", "tofersen:" + t + ":d2"});

  // By hand: dose 3 due 01-23 + 14 = 02-06; dose 4 02-06 + 28 = 03-06; dose 5 04-03.
  const TofersenPlan plan = tofersen_plan_for(f.therapies[0], f.log, f.zone, day(2026, 4, 30));
  std::vector<Day> days;
  for (const TofersenDose& d : plan.doses) days.push_back(d.day);
  CHECK(days == std::vector<Day>{day(2026, 1, 5), day(2026, 1, 23), day(2026, 2, 6), day(2026, 3, 6),
                                 day(2026, 4, 3)});
  const auto coming = tofersen_item(due_items(f, day(2026, 2, 1)));
  REQUIRE(coming);
  CHECK(coming->status == DueStatus::coming);
  CHECK(coming->when == "2026-02-06");
  CHECK(coming->kind == "dose");
  const auto late = tofersen_item(due_items(f, day(2026, 2, 9)));
  REQUIRE(late);
  CHECK(late->status == DueStatus::overdue);
  CHECK_THAT(late->detail, Catch::Contains("loading dose 3 of 3") && Catch::Contains("28 days after it"));

  // Dose 3 on its day, dose 4 on its day: adherence over Q1 counts 4 due doses (01-05, 01-19, 02-06,
  // 03-06), all given, 3 on time (dose 2 given 4 days after its due day; on time is within 3).
  dose(*s, id, day(2026, 2, 6));
  dose(*s, id, day(2026, 3, 6));
  const PatientFacts after = facts(*s, id);
  const DoseAdherence a =
      dose_adherence(after, after.therapies[0], Period{day(2026, 1, 1), day(2026, 3, 31)});
  CHECK(a.scheduled == 4);
  CHECK(a.taken == 4);
  CHECK(a.on_time == 3);
  const auto next = tofersen_item(due_items(after, day(2026, 3, 31)));  // dose 5 on 04-03, coming
  REQUIRE(next);
  CHECK(next->when == "2026-04-03");
}

TEST_CASE("Tofersen: a planned dose named by a number no plan reaches is refused, nothing stored") {
  // A stale or forged planned key from a front end: dose 99,999,999 (its horizon would overflow a day count).
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("k.db"));
  const RecordId id = patient_on_tofersen(*s, "Key Check");
  const RecordId course = s->therapies(id).at(0).id;
  for (const std::string& key :
       {"tofersen:" + std::to_string(course) + ":d99999999", "tofersen:" + std::to_string(course) + ":d0"}) {
    DoseRequest r;
    r.drug = Drug::tofersen;
    r.at = oslo_ten(day(2026, 1, 5));
    r.planned_key = key;
    const auto logged = log_dose(*s, facts(*s, id), r, kNurse);
    REQUIRE_FALSE(logged.ok());
    CHECK_THAT(logged.error(), Catch::Contains("is not in the plan as it stands"));
  }
  CHECK(facts(*s, id).log.empty());
}

TEST_CASE("Tofersen: the schema takes the third drug's word and still refuses one it does not know") {
  TempFolder tmp;
  const std::string path = tmp.file("w.db");
  auto s = alsmeds::test::open_store(path);
  NewPatient p;
  p.name = "Word Check";
  p.tz = "UTC";
  const RecordId id = *s->add_patient(p, kNurse);
  const std::string pid = std::to_string(id);
  CHECK(alsmeds::test::raw_exec(path, ("INSERT INTO therapies (patient_id, drug, product, start_day, "
                                       "created_at) VALUES (" +
                                       pid + ", 'nusinersen', 'intrathecal', 20458, 1700000000)")
                                          .c_str()) != SQLITE_OK);
  CHECK(alsmeds::test::raw_exec(path, ("INSERT INTO log_entries (patient_id, kind, at, drug, status, "
                                       "recorded_by, recorded_at) VALUES (" +
                                       pid + ", 'dose', 1700000000, 'nusinersen', 'taken', 'x', 1700000000)")
                                          .c_str()) != SQLITE_OK);
  CHECK(s->therapies(id).empty());
}

TEST_CASE("Migration from schema 13 to 14: courses kept, the schema checks clean, tofersen stored",
          "[sqlite-only]") {
  TempFolder tmp;
  const std::string path = tmp.file("v13.db");
  {
    storage::Connection db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    storage::migrate_to(db, 0, 13);
    db.exec("INSERT INTO patients (id, name, tz, created_at) VALUES (1, 'P', 'UTC', 1700000000)");
    db.exec(
        "INSERT INTO therapies (id, patient_id, drug, product, start_day, created_at) "
        "VALUES (1, 1, 'riluzole', 'tablet', 20458, 1700000000)");
    // Schema 13 refuses the third drug's word.
    CHECK_THROWS(
        db.exec("INSERT INTO therapies (patient_id, drug, product, start_day, created_at) "
                "VALUES (1, 'tofersen', 'intrathecal', 20458, 1700000000)"));
  }
  auto s = alsmeds::test::open_store(path);
  REQUIRE(s->therapies(1).size() == 1u);
  CHECK(s->therapies(1)[0].drug == Drug::riluzole);
  NewTherapy t;
  t.patient_id = 1;
  t.drug = Drug::tofersen;
  t.product = Product::tofersen_intrathecal;
  t.start = day(2026, 1, 5);
  REQUIRE(s->start_therapy(t, kNurse).ok());
  CHECK(s->therapies(1).size() == 2u);
  s.reset();
  storage::Connection db(path, SQLITE_OPEN_READWRITE);
  CHECK(storage::schema_problems(db).empty());
  storage::Statement v(db, "PRAGMA user_version");
  REQUIRE(v.step());
  CHECK(v.get_int(0) == kSchemaVersion);  // opened: migrated to the latest (14 and on)
}

TEST_CASE("Tofersen: the course's audit words have no dose times (no dangling ' at ')") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("words.db"));
  const RecordId id = patient_on_tofersen(*s, "Wes Words");
  std::string words;
  for (const AuditEntry& a : s->audit(id))
    if (a.entity == "therapy") words = a.detail;
  CHECK(words == "tofersen intrathecal from 2026-01-05");
}
