// Issue 17 in the store: a record corrected once only (two programs racing), every clinical table append-only
// with `check` watching its guards, imports audited record by record, the account beside who records.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <tuple>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "storage/schema.hpp"
#include "storage/sqlite_db.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::dose_entry;
using alsmeds::test::raw_exec;
using alsmeds::test::TempFolder;
using alsmeds::test::test_actor;

namespace {

std::unique_ptr<RecordStore> open(const std::string& path) {
  return alsmeds::test::open_store(path);
}

NewPatient patient(const std::string& mrn) {
  NewPatient p;
  p.name = "Patient " + mrn;
  p.tz = "UTC";
  p.mrn = mrn;
  return p;
}

Actor now_actor() {
  return {"nurse.kim", Instant{Day{date::year{2026} / 3 / 20}}};
}

}  // namespace

TEST_CASE("Two programs correcting one record at once: the second is refused inside its transaction") {
  TempFolder tmp;
  const std::string path = tmp.file("race.db");
  auto first = open(path);
  auto second = open(path);  // another program on the same file
  const RecordId p = *first->add_patient(patient("M-1"), test_actor());
  NewTherapy t;
  t.patient_id = p;
  t.drug = Drug::riluzole;
  t.product = Product::riluzole_tablet;
  t.start = Day{date::year{2026} / 3 / 1};
  REQUIRE(first->start_therapy(t, test_actor()).ok());
  LabRequest alt{"ALT", 250, 40, Day{date::year{2026} / 3 / 10}, "", std::nullopt};
  const RecordId old =
      std::move(log_lab(*first, *load_facts(*first, *first->find_patient(p)), alt, now_actor())).value().id;

  // Both read the patient's facts before either writes: the rulebook sees record `old` as current in both.
  const PatientFacts seen_by_first = *load_facts(*first, *first->find_patient(p));
  const PatientFacts seen_by_second = *load_facts(*second, *second->find_patient(p));
  LabRequest fix = alt;
  fix.value = 25;
  fix.corrects = old;
  REQUIRE(log_lab(*first, seen_by_first, fix, now_actor()).ok());
  fix.value = 260;
  const auto late = log_lab(*second, seen_by_second, fix, now_actor());
  REQUIRE_FALSE(late.ok());
  CHECK_THAT(late.error(), Catch::Contains("already corrected"));
  // One current version: 25.
  const auto current = current_entries(second->log_entries(p));
  REQUIRE(current.size() == 1u);
  CHECK(current[0].value == 25);

  // The schema refuses it too, whatever a program checks: a second correction, another patient's or kind's.
  LogEntry again = dose_entry(p, Instant{Day{date::year{2026} / 3 / 10}});
  again.kind = LogKind::lab;
  again.drug.reset();
  again.status.reset();
  again.test = "ALT";
  again.value = 260;
  again.uln = 40;
  again.day = Day{date::year{2026} / 3 / 10};
  again.supersedes = old;
  CHECK_THAT(second->append_log(again, test_actor()).error(), Catch::Contains("already corrected"));
  again.supersedes = current[0].id;
  again.kind = LogKind::weight;
  CHECK_THAT(second->append_log(again, test_actor()).error(), Catch::Contains("is a lab, not a weight"));
  CHECK(
      raw_exec(path, ("INSERT INTO log_entries (patient_id, kind, at, recorded_by, recorded_at, supersedes) "
                      "VALUES (" +
                      std::to_string(p) + ", 'lab', 0, 'x', 0, " + std::to_string(old) + ")")
                         .c_str()) != SQLITE_OK);
  CHECK(second->integrity_check() == "ok");
}

TEST_CASE("Every clinical table refuses UPDATE and DELETE: stops and booking moves are new rows") {
  TempFolder tmp;
  const std::string path = tmp.file("a.db");
  RecordId p = 0, tid = 0;
  {
    auto s = open(path);
    p = *s->add_patient(patient("M-1"), test_actor());
    NewTherapy t;
    t.patient_id = p;
    t.drug = Drug::edaravone;
    t.product = Product::edaravone_iv;
    t.start = Day{date::year{2026} / 1 / 5};
    tid = *s->start_therapy(t, test_actor());
    REQUIRE(s->shift_cycle(tid, {2, 3, Reflow::shift_all_later, std::nullopt}, "hospital stay", test_actor())
                .ok());
    REQUIRE(
        s->add_closed_day({std::nullopt, Day{date::year{2026} / 12 / 25}, "Christmas"}, test_actor()).ok());
    REQUIRE(
        s->switch_product(tid, Day{date::year{2026} / 3 / 2}, Product::edaravone_oral, "home", test_actor())
            .ok());
    REQUIRE(s->stop_therapy(tid, Day{date::year{2026} / 6 / 1}, "patient choice", test_actor()).ok());
    InfusionBooking b;
    b.patient_id = p;
    b.planned_key = "edaravone:1:c2:d1";
    b.day = Day{date::year{2026} / 2 / 5};
    b.chair = 1;
    b.start = WallClock{9 * 60};
    REQUIRE(s->book_infusion(b, test_actor()).ok());
    b.chair = 2;
    REQUIRE(s->book_infusion(b, test_actor()).ok());  // moved: a second version
    REQUIRE(s->acknowledge_alert({0, p, "alert", "", Instant{}, ""}, test_actor()).ok());
    REQUIRE(s->append_log(dose_entry(p, Instant{Day{date::year{2026} / 1 / 5}}), test_actor()).ok());
    PatientVersion v;
    v.patient_id = p;
    v.name = "A";
    v.tz = "Europe/Paris";
    v.feeding_tube = true;
    v.reason = "PEG placed";
    REQUIRE(s->add_patient_version(v, test_actor()).ok());
    UnitSettings unit;
    unit.chairs = 12;
    REQUIRE(s->add_unit_settings(unit, test_actor()).ok());
    CHECK(s->integrity_check() == "ok");
  }
  for (const char* table : {"patients", "patient_versions", "therapies", "therapy_stops", "therapy_changes",
                            "cycle_adjustments", "closed_days", "infusion_bookings", "alert_acknowledgments",
                            "log_entries", "audit_trail", "unit_settings"}) {
    INFO(table);
    // Every table's first column (an id, or the stopped course's id) set to itself: still an UPDATE.
    const std::string key = std::string(table) == "therapy_stops" ? "therapy_id" : "id";
    CHECK(raw_exec(path, ("UPDATE " + std::string(table) + " SET " + key + " = " + key).c_str()) !=
          SQLITE_OK);
    CHECK(raw_exec(path, (std::string("DELETE FROM ") + table).c_str()) != SQLITE_OK);
  }
  auto s = open(path);
  CHECK(s->find_patient(p)->feeding_tube);
  CHECK(s->unit_settings()->chairs == 12);
  const auto therapies = s->therapies(p);
  REQUIRE(therapies.size() == 1u);
  CHECK(*therapies[0].stop == Day{date::year{2026} / 6 / 1});
  CHECK(therapies[0].stop_reason == "patient choice");
  CHECK(therapies[0].adjustments.size() == 1u);
  const auto booked = s->infusion_bookings(Day{date::year{2026} / 2 / 1}, Day{date::year{2026} / 2 / 28});
  REQUIRE(booked.size() == 1u);
  CHECK(booked[0].chair == 2);
  REQUIRE(s->cancel_booking("edaravone:1:c2:d1", test_actor()).ok());
  CHECK(s->infusion_bookings(Day{date::year{2026} / 2 / 1}, Day{date::year{2026} / 2 / 28}).empty());

  // check compares the guards with the schema alsmeds makes: a dropped or emptied trigger is named.
  CHECK(s->integrity_check() == "ok");
  const bool server = alsmeds::test::on_server();  // the same guards, in each database's own SQL
  REQUIRE(raw_exec(path, server ? "DROP TRIGGER therapies_append_only_update ON therapies"
                                : "DROP TRIGGER therapies_append_only_update") == SQLITE_OK);
  CHECK_THAT(s->integrity_check(), Catch::Contains("therapies_append_only_update is missing"));
  REQUIRE(raw_exec(path, server ? "CREATE TRIGGER sneaky AFTER INSERT ON patients EXECUTE FUNCTION "
                                  "alsmeds_notify_change()"
                                : "CREATE TRIGGER sneaky AFTER INSERT ON patients BEGIN SELECT 1; END") ==
          SQLITE_OK);
  CHECK_THAT(s->integrity_check(), Catch::Contains("sneaky was added outside alsmeds"));
}

TEST_CASE("An import audits each record under its patient with the file's name, and the account") {
  TempFolder tmp;
  auto s = open(tmp.file("a.db"));
  const RecordId a = *s->add_patient(patient("M-1"), test_actor());
  const RecordId b = *s->add_patient(patient("M-2"), test_actor());
  const Instant t0{Day{date::year{2026} / 3 / 2}};
  const std::vector<LogEntry> rows{dose_entry(a, t0), dose_entry(b, t0),
                                   dose_entry(a, t0 + std::chrono::hours{12})};
  REQUIRE(*s->import_log(rows, {"nurse.kim", t0}, nullptr, "march.csv") == 3u);
  CHECK(s->integrity_check() == "ok");  // the correction guard, set aside for the rows, is back as it was
  LogEntry twice = rows[0];
  twice.supersedes = 1;
  REQUIRE(s->append_log(twice, test_actor()).ok());
  CHECK(raw_exec(tmp.file("a.db"),
                 "INSERT INTO log_entries (patient_id, kind, at, recorded_by, recorded_at, supersedes) "
                 "VALUES (1, 'dose', 0, 'x', 0, 1)") != SQLITE_OK);
  // The server's triggers write an audit row from each record it is sent. A SQLite file, written by this
  // program alone, audits each patient's imported records in one row naming their ids: the rows go in by
  // patient and time, so patient a's two records are ids 1 and 2 and b's is id 3.
  const bool server = alsmeds::test::on_server();
  for (const auto& [patient_id, count, detail] :
       {std::tuple<RecordId, std::size_t, std::string>{a, 2, "2 dose records, ids 1 to 2, "},
        {b, 1, "1 dose record, id 3, "}}) {
    std::size_t imported = 0;
    for (const AuditEntry& e : s->audit(patient_id)) {
      if (e.action != "import") continue;
      ++imported;
      CHECK(e.entity == "dose");
      CHECK(s->find_log_entry(e.entity_id)->patient_id == patient_id);
      CHECK(e.detail == (server ? "" : detail) + "imported from 'march.csv'");
      CHECK(e.actor == "nurse.kim");
      CHECK(e.os_account == alsmeds::test::audited_account(rules::operating_system_account()));
    }
    CHECK(imported == (server ? count : 1u));
  }
  if (!server)
    for (RecordId id : {1, 2, 3}) CHECK(s->find_log_entry(id)->patient_id == (id == 3 ? b : a));
  // A file name that is not UTF-8 is recorded readably (Linux allows any bytes in a name).
  REQUIRE(s->import_patients({patient("M-3")}, test_actor(), nullptr, "caf\xE9.csv").ok());
  const auto audit = s->audit(s->find_patient_by_mrn("M-3")->id);
  REQUIRE(audit.size() == 1u);
  CHECK(audit[0].detail == "Patient M-3 (UTC) MRN M-3 imported from 'caf\\xe9.csv'");
}

TEST_CASE("An import past the rulebook's bounds is refused naming its row, and the bounds hold after it") {
  // The 0.5 kg weight the rules refuse, sent to the store directly (as a program skipping the rules would):
  // the file's bounds refuse it inside the import too, and the import writes nothing.
  TempFolder tmp;
  const std::string path = tmp.file("bounds.db");
  auto s = open(path);
  const RecordId a = *s->add_patient(patient("W-1"), test_actor());
  const Instant t0{Day{date::year{2026} / 3 / 2}};
  LogEntry light;
  light.patient_id = a;
  light.kind = LogKind::weight;
  light.value = 0.5;
  light.at = t0 + std::chrono::hours{1};
  const std::vector<LogEntry> rows{dose_entry(a, t0 + std::chrono::hours{12}), light, dose_entry(a, t0)};
  const auto refused = s->import_log(rows, test_actor(), nullptr, "weights.csv");
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error(), Catch::StartsWith("row 3: "));  // the file's second row (line 1: the header)
  CHECK_THAT(refused.error(), Catch::Contains("rule_log_weight"));
  CHECK(s->log_entries(a).empty());
  // A good import, then the bounds are held again row by row, whoever writes.
  REQUIRE(*s->import_log({dose_entry(a, t0)}, test_actor(), nullptr, "doses.csv") == 1u);
  CHECK(s->integrity_check() == "ok");
  if (!alsmeds::test::on_server())
    CHECK(raw_exec(path,
                   "INSERT INTO log_entries (patient_id, kind, at, value, recorded_by, recorded_at) "
                   "VALUES (1, 'weight', 1772409600, 0.5, 'x', 1772409600)") != SQLITE_OK);
}
