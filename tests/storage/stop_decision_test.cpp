// A prescriber's "discontinue riluzole" answer to a stop alert (issue 13): the stop and the acknowledgment
// are one write, all or nothing, each with its audit row.
#include <catch2/catch.hpp>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::open_store;
using alsmeds::test::raw_exec;
using alsmeds::test::TempFolder;

namespace {

Day ymd(int y, unsigned m, unsigned d) {
  return Day{date::year{y} / date::month{m} / date::day{d}};
}

const Actor kNurse{"nurse.kim", Instant{ymd(2026, 3, 20)} + std::chrono::hours{10}};

// A patient in UTC on riluzole from 2026-03-01 with ALT 30 (baseline) and 240 U/L (6x ULN) on 2026-03-18.
RecordId riluzole_with_stop_alert(RecordStore& store) {
  NewPatient p;
  p.name = "Ada Decision";
  p.tz = "UTC";
  const RecordId id = std::move(store.add_patient(p, kNurse)).value();
  NewTherapy t;
  t.patient_id = id;
  t.drug = Drug::riluzole;
  t.product = Product::riluzole_tablet;
  t.start = ymd(2026, 3, 1);
  REQUIRE(store.start_therapy(t, kNurse).ok());
  for (auto [d, v] : {std::pair{ymd(2026, 2, 27), 30.0}, std::pair{ymd(2026, 3, 18), 240.0}}) {
    LogEntry e;
    e.patient_id = id;
    e.kind = LogKind::lab;
    e.test = "ALT";
    e.value = v;
    e.uln = 40;
    e.day = d;
    e.at = Instant{d};
    REQUIRE(store.append_log(e, kNurse).ok());
  }
  return id;
}

StopAlertDecisionRequest discontinue() {
  return {ymd(2026, 3, 18), StopAlertDecision::discontinue, {"Dr Ruiz", "ALT 6x ULN"}, ymd(2026, 3, 20)};
}

int audit_rows(RecordStore& store, RecordId patient, const std::string& action) {
  int n = 0;
  for (const AuditEntry& a : store.audit(patient)) n += a.action == action;
  return n;
}

}  // namespace

TEST_CASE("Discontinue: the stop and the acknowledgment are stored together, each audited") {
  TempFolder dir;
  auto store = open_store(dir.file("a.db"));
  const RecordId p = riluzole_with_stop_alert(*store);
  const PatientFacts f = std::move(load_facts(*store, *store->find_patient(p))).value();
  const auto done = decide_stop_alert(*store, f, discontinue(), kNurse);
  INFO((done ? "" : done.error()));
  REQUIRE(done.ok());
  CHECK(store->therapies(p).at(0).stop == ymd(2026, 3, 20));
  REQUIRE(store->alert_acknowledgments(p).size() == 1u);
  CHECK(store->alert_acknowledgments(p)[0].id == done->id);
  CHECK(audit_rows(*store, p, "stop") == 1);
  CHECK(audit_rows(*store, p, "acknowledge") == 1);
}

// SQLite only: the failure is made with a SQLite trigger (the server store runs the same two inserts in one
// write(), whose refusal rolls back).
TEST_CASE("Discontinue: when the acknowledgment cannot be stored, riluzole is not stopped either",
          "[sqlite-only]") {
  TempFolder dir;
  const std::string path = dir.file("a.db");
  RecordId p = 0;
  {
    auto store = open_store(path);
    p = riluzole_with_stop_alert(*store);
  }
  // The acknowledgment's write fails (as a full disk or a lost lock would), after the stop's.
  REQUIRE(raw_exec(path,
                   "CREATE TRIGGER test_refuse_ack BEFORE INSERT ON alert_acknowledgments "
                   "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END") == SQLITE_OK);
  auto store = open_store(path);
  const PatientFacts f = std::move(load_facts(*store, *store->find_patient(p))).value();
  bool failed = false;
  try {
    failed = !decide_stop_alert(*store, f, discontinue(), kNurse).ok();
  } catch (const std::exception&) {
    failed = true;
  }
  CHECK(failed);
  CHECK_FALSE(store->therapies(p).at(0).stop);  // nothing half done: riluzole is not stopped
  CHECK(store->alert_acknowledgments(p).empty());
  CHECK(audit_rows(*store, p, "stop") == 0);
}

TEST_CASE("A stop alert cannot be acknowledged without the prescriber's decision: riluzole stays on hold") {
  TempFolder dir;
  auto store = open_store(dir.file("a.db"));
  const RecordId p = riluzole_with_stop_alert(*store);
  const PatientFacts f = std::move(load_facts(*store, *store->find_patient(p))).value();
  REQUIRE(riluzole_on_hold(f, ymd(2026, 3, 20)) == ymd(2026, 3, 18));
  // The stop alert's key as the alerts list names it: riluzole, the ALT's day, the alert's text.
  std::string stop_key;
  for (const DueItem& a : alerts(f, ymd(2026, 3, 20)))
    if (a.when == "2026-03-18") stop_key = alert_key(a);
  REQUIRE_FALSE(stop_key.empty());
  const auto ack = acknowledge_alert(*store, f, stop_key, "seen", kNurse);
  REQUIRE_FALSE(ack.ok());
  CHECK_THAT(ack.error(), Catch::Contains("prescriber's decision") && Catch::Contains("alert decide"));
  CHECK(store->alert_acknowledgments(p).empty());  // nothing stored
  const PatientFacts after = std::move(load_facts(*store, *store->find_patient(p))).value();
  CHECK(riluzole_on_hold(after, ymd(2026, 3, 20)) == ymd(2026, 3, 18));
  // The decision is still the way to answer it.
  REQUIRE(decide_stop_alert(*store, after, discontinue(), kNurse).ok());
}

TEST_CASE("Other alerts are still acknowledged with one click") {
  TempFolder dir;
  auto store = open_store(dir.file("a.db"));
  NewPatient np;
  np.name = "Ada Ack";
  np.tz = "UTC";
  const RecordId p = std::move(store->add_patient(np, kNurse)).value();
  NewTherapy t;
  t.patient_id = p;
  t.drug = Drug::riluzole;
  t.product = Product::riluzole_tablet;
  t.start = ymd(2026, 3, 1);
  REQUIRE(store->start_therapy(t, kNurse).ok());
  LogEntry e;  // ALT 100 U/L with ULN 40: 2.5x ULN, an alert below the stop level (docs/domain.md)
  e.patient_id = p;
  e.kind = LogKind::lab;
  e.test = "ALT";
  e.value = 100;
  e.uln = 40;
  e.day = ymd(2026, 3, 18);
  e.at = Instant{ymd(2026, 3, 18)};
  REQUIRE(store->append_log(e, kNurse).ok());
  const PatientFacts f = std::move(load_facts(*store, *store->find_patient(p))).value();
  std::string key;
  for (const DueItem& a : alerts(f, ymd(2026, 3, 20)))
    if (a.when == "2026-03-18") key = alert_key(a);
  REQUIRE_FALSE(key.empty());
  const auto ack = acknowledge_alert(*store, f, key, "", kNurse);
  INFO((ack ? "" : ack.error()));
  CHECK(ack.ok());
  CHECK(store->alert_acknowledgments(p).size() == 1u);
}
