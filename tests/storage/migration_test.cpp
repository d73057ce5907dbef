// A file made by schema version 1 with data opens in the current version: data kept, backup written first.
#include <catch2/catch.hpp>

#include "alsmeds/storage/record_store.hpp"
#include "storage/schema.hpp"
#include "storage/sqlite_db.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::TempFolder;

TEST_CASE("Migration from schema 1 keeps every record, adds the new columns and backs the file up first",
          "[sqlite-only]") {
  TempFolder tmp;
  const std::string path = tmp.file("v1.db");
  {
    storage::Connection db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    storage::migrate_to(db, 0, 1);
    db.exec(
        "INSERT INTO patients (id, mrn, name, tz, born, sulfite_allergy, created_at) "
        "VALUES (1, 'M1', 'Old Patient', 'America/New_York', 0, 1, 1700000000)");
    db.exec(
        "INSERT INTO log_entries (patient_id, kind, at, drug, status, note, recorded_by, recorded_at) "
        "VALUES (1, 'dose', 1772956800, 'riluzole', 'taken', 'v1 note', 'nurse', 1772956900)");
    db.exec(
        "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id) "
        "VALUES (1772956900, 'nurse', 'insert', 'dose', 1, 1)");
  }
  auto opened = open_record_store(path);
  REQUIRE(opened.ok());
  auto& s = *opened.value();
  const auto p = s.find_patient(1);
  REQUIRE(p.has_value());
  CHECK(p->name == "Old Patient");
  CHECK(p->sulfite_allergy);
  CHECK_FALSE(p->dysphagia);  // a version 2 column with its default
  CHECK_FALSE(p->baseline_weight_kg.has_value());
  const auto log = s.log_entries(1);
  REQUIRE(log.size() == 1u);
  CHECK(log[0].note == "v1 note");
  CHECK(s.audit(1).size() == 1u);

  // The backup is the version 1 file as it was.
  const std::string backup = path + ".schema-v1.bak";
  REQUIRE(std::filesystem::exists(backup));
  storage::Connection old(backup, SQLITE_OPEN_READONLY);
  storage::Statement v(old, "PRAGMA user_version");
  REQUIRE(v.step());
  CHECK(v.get_int(0) == 1);
  storage::Statement n(old, "SELECT count(*) FROM log_entries");
  REQUIRE(n.step());
  CHECK(n.get_int(0) == 1);

  // Version 2 columns work after the migration.
  NewPatient np;
  np.name = "New";
  np.tz = "UTC";
  np.feeding_tube = true;
  np.baseline_weight_kg = 70.5;
  const RecordId id = *s.add_patient(np, alsmeds::test::test_actor());
  CHECK(s.find_patient(id)->feeding_tube);
  CHECK(*s.find_patient(id)->baseline_weight_kg == Approx(70.5));
}

TEST_CASE("Migration from schema 4 keeps stops and bookings, then every table is append-only (issue 17)",
          "[sqlite-only]") {
  TempFolder tmp;
  const std::string path = tmp.file("v4.db");
  {
    storage::Connection db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    storage::migrate_to(db, 0, 4);
    db.exec(
        "INSERT INTO patients (id, mrn, name, tz, created_at) VALUES (1, 'M1', 'Old Patient', 'UTC', "
        "1700000000);"
        "INSERT INTO therapies (id, patient_id, drug, product, start_day, created_at, stop_day, stop_reason) "
        "VALUES (1, 1, 'riluzole', 'tablet', 20454, 1700000000, 20500, 'liver tests');"
        "INSERT INTO therapies (id, patient_id, drug, product, start_day, created_at) "
        "VALUES (2, 1, 'edaravone', 'iv', 20455, 1700000000);"
        "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail) "
        "VALUES (1772000000, 'dr.old', 'stop', 'therapy', 1, 1, 'stopped');"
        "INSERT INTO infusion_bookings (id, patient_id, planned_key, day, chair, start_minute, booked_by, "
        "booked_at) VALUES (7, 1, 'edaravone:2:c1:d1', 20455, 3, 540, 'nurse', 1700000000);");
  }
  auto opened = open_record_store(path);
  REQUIRE(opened.ok());
  auto& s = *opened.value();
  const auto therapies = s.therapies(1);
  REQUIRE(therapies.size() == 2u);
  CHECK(therapies[0].stop == Day{date::days{20500}});
  CHECK(therapies[0].stop_reason == "liver tests");
  CHECK_FALSE(therapies[1].stop.has_value());
  const auto booked = s.infusion_bookings(Day{date::days{20455}}, Day{date::days{20455}});
  REQUIRE(booked.size() == 1u);
  CHECK(booked[0].id == 7);
  CHECK(booked[0].chair == 3);
  CHECK(s.integrity_check() == "ok");
  // Stopping the running course and moving the booking work, as new rows.
  REQUIRE(s.stop_therapy(2, Day{date::days{20600}}, "done", alsmeds::test::test_actor()).ok());
  InfusionBooking b = booked[0];
  b.chair = 1;
  REQUIRE(s.book_infusion(b, alsmeds::test::test_actor()).ok());
  CHECK(s.infusion_bookings(Day{date::days{20455}}, Day{date::days{20455}}).at(0).chair == 1);
  CHECK(s.audit(1).back().os_account.size() > 0);
  CHECK(alsmeds::test::raw_exec(path, "UPDATE patients SET name = 'x'") != SQLITE_OK);
  CHECK(alsmeds::test::raw_exec(path, "DELETE FROM infusion_bookings") != SQLITE_OK);
  REQUIRE(s.switch_product(2, Day{date::days{20460}}, Product::edaravone_oral, "home",
                           alsmeds::test::test_actor())
              .ok());
  CHECK(alsmeds::test::raw_exec(path, "UPDATE therapy_changes SET product = 'x'") != SQLITE_OK);
  CHECK(alsmeds::test::raw_exec(path, "DELETE FROM therapy_changes") != SQLITE_OK);
}

namespace {

// A file of schema `from` (4 or 5) with a course and a delay opens in version 6: a switch of form and a delay
// of a started cycle are stored and read back, and a restart's cycle 1 with its reason.
void check_course_after_migration_from(int from) {
  TempFolder tmp;
  const std::string path = tmp.file("v" + std::to_string(from) + ".db");
  {
    storage::Connection db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    storage::migrate_to(db, 0, from);
    db.exec("INSERT INTO patients (id, name, tz, created_at) VALUES (1, 'P', 'UTC', 1700000000)");
    db.exec(
        "INSERT INTO therapies (id, patient_id, drug, product, start_day, created_at) "
        "VALUES (1, 1, 'edaravone', 'iv', 20458, 1700000000)");  // 2026-01-05
    db.exec(
        "INSERT INTO cycle_adjustments (therapy_id, cycle, days, reflow, reason, recorded_by, recorded_at) "
        "VALUES (1, 3, 2, 'shift-all-later', 'old delay', 'nurse', 1700000000)");
  }
  auto opened = open_record_store(path);
  REQUIRE(opened.ok());
  auto& s = *opened.value();
  const Day feb5{date::year{2026} / 2 / 5}, feb6{date::year{2026} / 2 / 6};
  REQUIRE(
      s.shift_cycle(1, {2, 5, Reflow::shift_all_later, feb5}, "hospital", alsmeds::test::test_actor()).ok());
  REQUIRE(s.switch_product(1, feb6, Product::edaravone_oral, "home", alsmeds::test::test_actor()).ok());
  const auto t = s.therapies(1).at(0);
  REQUIRE(t.adjustments.size() == 2u);
  CHECK_FALSE(
      t.adjustments[0].shift.resume_from.has_value());  // the older version's row: the whole cycle moved
  CHECK(t.adjustments[1].shift.resume_from == feb5);
  REQUIRE(t.changes.size() == 1u);
  CHECK(t.changes[0].from == feb6);
  CHECK(product_on(t, feb5) == Product::edaravone_iv);
  CHECK(product_on(t, feb6) == Product::edaravone_oral);
  CHECK(t.first_cycle == FirstCycle::full);  // the older version's row's default
  NewTherapy restart;
  restart.patient_id = 1;
  restart.drug = Drug::riluzole;
  restart.product = Product::riluzole_tablet;
  restart.start = feb6;
  restart.first_cycle = FirstCycle::ten_of_fourteen;
  restart.restart_reason = "read back";
  const RecordId id = *s.start_therapy(restart, alsmeds::test::test_actor());
  for (const Therapy& x : s.therapies(1))
    if (x.id == id) {
      CHECK(x.first_cycle == FirstCycle::ten_of_fourteen);
      CHECK(x.restart_reason == "read back");
    }
}

}  // namespace

TEST_CASE(
    "Migration from schema 4 to 6: a switch of form and a delay of a started cycle are stored and read "
    "back",
    "[sqlite-only]") {
  check_course_after_migration_from(4);
}

TEST_CASE(
    "Migration from schema 5 to 6: a switch of form and a delay of a started cycle are stored and read "
    "back",
    "[sqlite-only]") {
  check_course_after_migration_from(5);
}

TEST_CASE("Migration from schema 6 to 7: old dispensings keep their days' supply, quantities are stored") {
  TempFolder tmp;
  const std::string path = tmp.file("v6.db");
  {
    storage::Connection db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    storage::migrate_to(db, 0, 6);
    db.exec(
        "INSERT INTO patients (id, mrn, name, tz, created_at) VALUES (1, 'M1', 'Old Patient', 'UTC', "
        "1700000000);"
        "INSERT INTO log_entries (patient_id, kind, at, day, drug, days_supply, recorded_by, recorded_at) "
        "VALUES (1, 'dispensing', 1772409600, 20514, 'riluzole', 30, 'pharmacist', 1772409600);");
  }
  auto opened = open_record_store(path);
  REQUIRE(opened.ok());
  auto& s = *opened.value();
  auto log = s.log_entries(1);
  REQUIRE(log.size() == 1u);
  CHECK(log[0].days_supply == 30);
  CHECK(log[0].quantity == 0);
  CHECK(log[0].unit.empty());
  LogEntry e = log[0];
  e.id = 0;
  e.quantity = 2;
  e.unit = "bottle";
  e.product = "suspension";
  e.days_supply = 30;
  REQUIRE(s.append_log(e, alsmeds::test::test_actor()).ok());
  log = s.log_entries(1);
  REQUIRE(log.size() == 2u);
  const LogEntry& added = log[0].quantity > 0 ? log[0] : log[1];
  CHECK(added.quantity == Approx(2));
  CHECK(added.unit == "bottle");
  CHECK(added.product == "suspension");
  CHECK((log[0].quantity > 0) != (log[1].quantity > 0));  // the old one still without
  CHECK(alsmeds::test::raw_exec(path, "UPDATE log_entries SET quantity = 3") != SQLITE_OK);
  CHECK(alsmeds::test::raw_exec(path,
                                "INSERT INTO log_entries (patient_id, kind, at, unit, recorded_by, "
                                "recorded_at) VALUES (1, 'dispensing', 0, 'litre', 'x', 0)") != SQLITE_OK);
  CHECK(s.integrity_check() == "ok");
}
