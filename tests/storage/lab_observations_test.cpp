// Tofersen's observations on both stores (issue 26, schema 15): plasma NfL and the CSF's white cells and
// protein are lab results in their own units, with or without the laboratory's ULN; the liver rules read
// ALT and AST only; the schema refuses a test it does not know, a result out of the rulebook's range and a
// transaminase without its ULN, whoever writes.
#include <catch2/catch.hpp>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "storage/schema.hpp"
#include "storage/sqlite_db.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::TempFolder;

namespace {

const Actor kNurse{"nurse.kim", Instant{std::chrono::seconds{1'775'000'000}}};  // 2026-03-31

Day day(int y, unsigned m, unsigned d) {
  return Day{date::year{y} / m / d};
}

PatientFacts facts(RecordStore& s, RecordId id) {
  return std::move(load_facts(s, *s.find_patient(id))).value();
}

RecordId add_patient(RecordStore& s) {
  NewPatient p;
  p.name = "Nora Fil";
  p.tz = "UTC";
  return *s.add_patient(p, kNurse);
}

Result<ActionOutcome> lab(RecordStore& s, RecordId id, const std::string& test, double value, double uln,
                          Day on) {
  LabRequest r;
  r.test = test;
  r.value = value;
  r.uln = uln;
  r.day = on;
  return log_lab(s, facts(s, id), r, kNurse);
}

std::string last_audit_detail(RecordStore& s, RecordId id) {
  const std::vector<AuditEntry> rows = s.audit(id);
  REQUIRE_FALSE(rows.empty());
  return rows.back().detail;
}

}  // namespace

TEST_CASE("NfL and CSF results: stored in their units with or without a ULN, the liver rules untouched") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("obs.db"));
  const RecordId id = add_patient(*s);
  // Typed in any case; stored as registered; no ULN (NfL's reference depends on age).
  auto nfl = lab(*s, id, "nfl", 85.5, 0, day(2026, 3, 2));
  INFO((nfl ? std::string() : nfl.error()));
  REQUIRE(nfl.ok());
  CHECK(nfl->warnings.empty());
  CHECK(last_audit_detail(*s, id) == "NfL 85.5 pg/mL");
  // A CSF white-cell count of 0 is a result (normal), not a missing one.
  REQUIRE(lab(*s, id, "CSF-WBC", 0, 5, day(2026, 3, 2)).ok());
  CHECK(last_audit_detail(*s, id) == "CSF-WBC 0 cells/uL (ULN 5)");
  // Above the laboratory's ULN: said, as an observation for the prescriber.
  auto protein = lab(*s, id, "csf-protein", 62, 45, day(2026, 3, 2));
  REQUIRE(protein.ok());
  REQUIRE(protein->warnings.size() == 1u);
  CHECK(protein->warnings[0] ==
        "CSF-protein 62 mg/dL is above the laboratory's upper limit of normal (45): for the prescriber to "
        "review");

  const PatientFacts f = facts(*s, id);
  int labs = 0;
  for (const LogEntry& e : f.log)
    if (e.kind == LogKind::lab) {
      ++labs;
      if (e.test == "NfL") {
        CHECK(e.value == Approx(85.5));
        CHECK(e.uln == 0);
      }
    }
  CHECK(labs == 3);

  // Out of range or unknown: refused, nothing stored.
  CHECK_FALSE(lab(*s, id, "NfL", 0, 0, day(2026, 3, 3)).ok());      // a result must be positive
  CHECK_FALSE(lab(*s, id, "NfL", 20000, 0, day(2026, 3, 3)).ok());  // a unit slip (ng/mL typed x1000)
  CHECK_FALSE(lab(*s, id, "CSF-WBC", 3, 500, day(2026, 3, 3)).ok());
  const auto ggt = lab(*s, id, "GGT", 30, 40, day(2026, 3, 3));
  REQUIRE_FALSE(ggt.ok());
  CHECK(ggt.error() == "test 'GGT' is not ALT, AST, NfL, CSF-WBC or CSF-protein");
  const auto alt = lab(*s, id, "ALT", 30, 0, day(2026, 3, 3));
  REQUIRE_FALSE(alt.ok());
  CHECK(alt.error().rfind("ALT needs the laboratory's upper limit of normal", 0) == 0);
  CHECK(facts(*s, id).log.size() == 3u);
}

TEST_CASE("A riluzole patient's NfL is no liver test: the baseline ALT is still due") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("ril.db"));
  const RecordId id = add_patient(*s);
  NewTherapy t;
  t.patient_id = id;
  t.drug = Drug::riluzole;
  t.product = Product::riluzole_tablet;
  t.start = day(2026, 3, 2);
  REQUIRE(s->start_therapy(t, kNurse).ok());
  // The liver tests due (the baseline ALT, before the first dose: docs/domain.md) are the same after an NfL
  // result as before it: NfL is not a transaminase.
  auto lft_items = [&] {
    std::vector<std::string> out;
    for (const DueItem& i : due_items(facts(*s, id), day(2026, 3, 30)))
      if (i.kind == "lft") out.push_back(i.when + " " + i.detail);
    return out;
  };
  const std::vector<std::string> before = lft_items();
  REQUIRE_FALSE(before.empty());
  REQUIRE(lab(*s, id, "NfL", 120, 0, day(2026, 3, 2)).ok());
  CHECK(lft_items() == before);
}

TEST_CASE("The schema refuses a lab row outside the rulebook whoever writes it (schema 15)") {
  TempFolder tmp;
  const std::string path = tmp.file("raw.db");
  auto s = alsmeds::test::open_store(path);
  const std::string pid = std::to_string(add_patient(*s));
  auto insert = [&](const std::string& test, const std::string& value, const std::string& uln) {
    return alsmeds::test::raw_exec(
        path, ("INSERT INTO log_entries (patient_id, kind, at, day, test, value, "
               "uln, recorded_by, recorded_at) VALUES (" +
               pid + ", 'lab', 1772409600, 20514, " + test + ", " + value + ", " + uln + ", 'x', 1772409600)")
                  .c_str());
  };
  CHECK(insert("'NfL'", "85", "NULL") == SQLITE_OK);
  CHECK(insert("'CSF-WBC'", "0", "NULL") == SQLITE_OK);
  CHECK(insert("'ALT'", "30", "40") == SQLITE_OK);
  CHECK(insert("'ALT'", "30", "NULL") != SQLITE_OK);  // a transaminase without its ULN
  CHECK(insert("'NfL'", "-1", "NULL") != SQLITE_OK);
  CHECK(insert("'NfL'", "NULL", "NULL") != SQLITE_OK);
  CHECK(insert("'CSF-protein'", "40", "5000") != SQLITE_OK);
  CHECK(insert("'GGT'", "30", "40") != SQLITE_OK);
  CHECK(insert("NULL", "30", "40") != SQLITE_OK);
}

TEST_CASE("Migration from schema 14 to 15: results kept, the schema checks clean, NfL stored",
          "[sqlite-only]") {
  TempFolder tmp;
  const std::string path = tmp.file("v14.db");
  {
    storage::Connection db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    storage::migrate_to(db, 0, 14);
    db.exec("INSERT INTO patients (id, name, tz, created_at) VALUES (1, 'P', 'UTC', 1700000000)");
    db.exec(
        "INSERT INTO log_entries (patient_id, kind, at, day, test, value, uln, recorded_by, recorded_at) "
        "VALUES (1, 'lab', 1772409600, 20514, 'ALT', 30, 40, 'x', 1772409600)");
    // Schema 14 refuses NfL.
    CHECK_THROWS(
        db.exec("INSERT INTO log_entries (patient_id, kind, at, day, test, value, uln, recorded_by, "
                "recorded_at) VALUES (1, 'lab', 1772409600, 20514, 'NfL', 85, NULL, 'x', 1772409600)"));
  }
  auto s = alsmeds::test::open_store(path);
  REQUIRE(lab(*s, 1, "NfL", 85, 0, day(2026, 3, 2)).ok());
  int alt = 0, nfl = 0;
  for (const LogEntry& e : facts(*s, 1).log) {
    alt += e.test == "ALT" ? 1 : 0;
    nfl += e.test == "NfL" ? 1 : 0;
  }
  CHECK(alt == 1);
  CHECK(nfl == 1);
  s.reset();
  storage::Connection db(path, SQLITE_OPEN_READWRITE);
  CHECK(storage::schema_problems(db).empty());
  CHECK_THROWS(db.exec(
      "INSERT INTO log_entries (patient_id, kind, at, day, test, value, uln, recorded_by, recorded_at) "
      "VALUES (1, 'lab', 1772409600, 20514, 'ALT', 30, NULL, 'x', 1772409600)"));
  storage::Statement v(db, "PRAGMA user_version");
  REQUIRE(v.step());
  CHECK(v.get_int(0) == kSchemaVersion);  // 15, and later steps after it
}
