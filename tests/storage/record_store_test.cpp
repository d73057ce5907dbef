// The SQLite record store on real files: what goes in comes out exactly, nothing is rewritten in place.
#include "alsmeds/storage/record_store.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

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

NewPatient patient(std::string name, std::optional<std::string> mrn = std::nullopt) {
  NewPatient p;
  p.name = std::move(name);
  p.tz = "Europe/Paris";
  p.mrn = std::move(mrn);
  return p;
}

}  // namespace

TEST_CASE("A new database gets a 0700 folder and a 0600 file", "[sqlite-only]") {
  TempFolder tmp;
  const std::string path = tmp.file("nested/alsmeds.db");
  open(path);
  struct stat folder {
  }, file{};
  REQUIRE(stat((tmp.path / "nested").c_str(), &folder) == 0);
  REQUIRE(stat(path.c_str(), &file) == 0);
  CHECK((folder.st_mode & 0777) == 0700);
  CHECK((file.st_mode & 0777) == 0600);
}

TEST_CASE("Patients: names with quotes, SQL and non-Latin letters come back exactly and MRNs are unique") {
  TempFolder tmp;
  const std::string path = tmp.file("a.db");
  const std::string tricky = "Zoë \"Ro'bert'); DROP TABLE patients;-- 山田 太郎 Ω";
  RecordId id = 0;
  {
    auto s = open(path);
    id = *s->add_patient(patient(tricky, "MRN-7"), test_actor());
    CHECK_FALSE(s->add_patient(patient("Other", "MRN-7"), test_actor()).ok());
  }
  auto s = open(path);  // reopened: durable
  const auto p = s->find_patient(id);
  REQUIRE(p.has_value());
  CHECK(p->name == tricky);
  CHECK(s->find_patient_by_mrn("MRN-7")->id == id);
  CHECK_FALSE(s->find_patient(id + 100).has_value());
  CHECK(s->patients().size() == 1u);
}

TEST_CASE("A patient's versions: the latest facts are read, a move keeps the zones before, the first stays") {
  TempFolder tmp;
  const std::string path = tmp.file("a.db");
  RecordId id = 0, other = 0;
  {
    auto s = open(path);
    NewPatient p = patient("Ann Lee", "M-1");
    p.tz = "America/New_York";
    id = *s->add_patient(p, test_actor());
    other = *s->add_patient(patient("Bo"), test_actor());
    PatientVersion v;
    v.patient_id = id;
    v.name = "Ann Lee-Park";
    v.tz = "America/Los_Angeles";
    v.tz_from = Day{date::year{2026} / 12 / 10};
    v.feeding_tube = true;
    v.reason = "moved";
    REQUIRE(s->add_patient_version(v, test_actor()).ok());
    v.tz = "America/Denver";
    v.tz_from = Day{date::year{2027} / 3 / 1};
    v.sulfite_allergy = true;
    v.reason = "moved again";
    REQUIRE(s->add_patient_version(v, test_actor()).ok());
    v.patient_id = id + 100;
    CHECK_FALSE(s->add_patient_version(v, test_actor()).ok());  // no such patient
  }
  auto s = open(path);  // reopened: durable
  for (const Patient& p : {*s->find_patient(id), *s->find_patient_by_mrn("M-1"), s->patients().at(0)}) {
    CHECK(p.name == "Ann Lee-Park");
    CHECK(p.tz == "America/Denver");
    CHECK(p.feeding_tube);
    CHECK(p.sulfite_allergy);
    REQUIRE(p.earlier_zones.size() == 2u);
    CHECK(p.earlier_zones[0].tz == "America/New_York");
    CHECK(p.earlier_zones[0].until == Day{date::year{2026} / 12 / 10});
    CHECK(p.earlier_zones[1].tz == "America/Los_Angeles");
    CHECK(p.earlier_zones[1].until == Day{date::year{2027} / 3 / 1});
  }
  const Patient bo = *s->find_patient(other);
  CHECK(bo.name == "Bo");
  CHECK(bo.earlier_zones.empty());
  CHECK_FALSE(bo.feeding_tube);
}

TEST_CASE("Log entries: newest first, range filters, corrections supersede and both stay") {
  TempFolder tmp;
  auto s = open(tmp.file("a.db"));
  const RecordId p = *s->add_patient(patient("A"), test_actor());
  const Instant t0{std::chrono::seconds{1'772'956'800}};  // 2026-03-08T08:00:00Z
  const RecordId a = *s->append_log(dose_entry(p, t0), test_actor());
  const RecordId b =
      *s->append_log(dose_entry(p, t0 + std::chrono::hours{12}, DoseStatus::missed), test_actor());
  LogEntry fix = dose_entry(p, t0 + std::chrono::minutes{30});
  fix.supersedes = a;
  const RecordId c = *s->append_log(fix, test_actor());
  const auto all = s->log_entries(p);
  REQUIRE(all.size() == 3u);
  CHECK(all[0].id == b);  // newest first by instant
  CHECK(all[1].id == c);
  CHECK(all[2].id == a);
  CHECK(*all[1].supersedes == a);
  CHECK(s->log_entries(p, t0 + std::chrono::hours{1}, std::nullopt).size() == 1u);
  // A correction must name a record of the same patient.
  const RecordId other = *s->add_patient(patient("B"), test_actor());
  LogEntry wrong = dose_entry(other, t0);
  wrong.supersedes = a;
  CHECK_FALSE(s->append_log(wrong, test_actor()).ok());
  CHECK_FALSE(s->append_log(dose_entry(999, t0), test_actor()).ok());
  const auto audit = s->audit(p);
  CHECK(std::count_if(audit.begin(), audit.end(),
                      [](const AuditEntry& e) { return e.action == "correct"; }) == 1);
}

TEST_CASE("The log and the audit trail refuse UPDATE and DELETE at the database level") {
  TempFolder tmp;
  const std::string path = tmp.file("a.db");
  {
    auto s = open(path);
    const RecordId p = *s->add_patient(patient("A"), test_actor());
    REQUIRE(s->append_log(dose_entry(p, Instant{std::chrono::seconds{1'772'956'800}}), test_actor()).ok());
  }
  CHECK(raw_exec(path, "UPDATE log_entries SET status = 'missed'") != SQLITE_OK);
  CHECK(raw_exec(path, "DELETE FROM log_entries") != SQLITE_OK);
  CHECK(raw_exec(path, "DELETE FROM audit_trail") != SQLITE_OK);
  auto s = open(path);
  CHECK(s->log_entries(1).at(0).status == DoseStatus::taken);
}

TEST_CASE(
    "A stored product word alsmeds cannot read is an error naming it, never taken for another product") {
  // Old code read any edaravone word but "oral" as IV; every write is checked, so only a damaged database
  // holds one.
  TempFolder tmp;
  const std::string path = tmp.file("p.db");
  RecordId p = 0;
  {
    auto s = open(path);
    p = *s->add_patient(patient("A"), test_actor());
  }
  const std::string sql =
      "INSERT INTO therapies (patient_id, drug, product, start_day, created_at) VALUES (" +
      std::to_string(p) + ", 'edaravone', 'IV', 20454, 1700000000)";
  REQUIRE(raw_exec(path, sql.c_str()) == SQLITE_OK);
  auto s = open(path);
  CHECK_THROWS_WITH(s->therapies(p), Catch::Contains("'IV' is not an edaravone form (iv or oral)"));
}

TEST_CASE("Therapies: start, re-flow and stop are recorded with who and why") {
  TempFolder tmp;
  auto s = open(tmp.file("a.db"));
  const RecordId p = *s->add_patient(patient("A"), test_actor());
  NewTherapy t;
  t.patient_id = p;
  t.drug = Drug::edaravone;
  t.product = Product::edaravone_iv;
  t.start = Day{date::year{2026} / 1 / 5};
  const RecordId tid = *s->start_therapy(t, test_actor());
  REQUIRE(
      s->shift_cycle(tid, {2, 3, Reflow::only_this_cycle, std::nullopt}, "hospital stay", test_actor()).ok());
  CHECK_FALSE(s->stop_therapy(tid, Day{date::year{2025} / 12 / 1}, "before start", test_actor()).ok());
  REQUIRE(s->stop_therapy(tid, Day{date::year{2026} / 6 / 1}, "patient choice", test_actor()).ok());
  CHECK_FALSE(s->stop_therapy(tid, Day{date::year{2026} / 6 / 2}, "twice", test_actor()).ok());
  CHECK_FALSE(
      s->shift_cycle(tid, {3, 1, Reflow::shift_all_later, std::nullopt}, "after stop", test_actor()).ok());
  const auto list = s->therapies(p);
  REQUIRE(list.size() == 1u);
  REQUIRE(list[0].adjustments.size() == 1u);
  CHECK(list[0].adjustments[0].reason == "hospital stay");
  CHECK(list[0].adjustments[0].recorded_by == "tester");
  CHECK(list[0].adjustments[0].shift.reflow == Reflow::only_this_cycle);
  CHECK(*list[0].stop == Day{date::year{2026} / 6 / 1});
  const auto audit = s->audit(p);
  CHECK(std::any_of(audit.begin(), audit.end(), [](const AuditEntry& e) { return e.action == "reflow"; }));
  CHECK(std::any_of(audit.begin(), audit.end(), [](const AuditEntry& e) { return e.action == "stop"; }));
}

TEST_CASE("Text that is not UTF-8 is refused by every write, whichever front end sends it") {
  TempFolder tmp;
  auto s = open(tmp.file("a.db"));
  CHECK(s->add_patient(patient("Bad \xFF name"), test_actor()).error() ==
        "name: invalid UTF-8 at byte 5 (0xff)");
  CHECK(s->add_patient(patient("A", std::string("M\0", 2)), test_actor()).error() ==
        "mrn: a NUL character at byte 2");
  CHECK_FALSE(s->add_patient(patient("A"), {"kim\xC0\xAF", test_actor().now}).ok());
  CHECK_FALSE(
      s->import_patients({patient("A"), patient("\xED\xA0\x80")}, test_actor(), nullptr, "test.csv").ok());
  CHECK(s->patients().empty());

  const RecordId p = *s->add_patient(patient("A"), test_actor());
  LogEntry e = dose_entry(p, Instant{std::chrono::seconds{1'772'956'800}});
  e.note = "ok \xF4\x90\x80\x80";
  CHECK(s->append_log(e, test_actor()).error() == "note: invalid UTF-8 at byte 4 (0xf4)");
  CHECK(s->import_log({dose_entry(p, e.at), e}, test_actor(), nullptr, "test.csv").error() ==
        "row 3: note: invalid UTF-8 at byte 4 (0xf4)");
  CHECK(s->log_entries(p).empty());
  NewTherapy t;
  t.patient_id = p;
  t.drug = Drug::edaravone;
  t.product = Product::edaravone_iv;
  t.start = Day{date::year{2026} / 1 / 5};
  const RecordId tid = *s->start_therapy(t, test_actor());
  CHECK_FALSE(s->shift_cycle(tid, {2, 3, Reflow::shift_all_later, std::nullopt}, "\x80", test_actor()).ok());
  CHECK_FALSE(s->stop_therapy(tid, Day{date::year{2026} / 6 / 1}, "\xFE", test_actor()).ok());
  CHECK_FALSE(s->add_closed_day({std::nullopt, t.start, "\xC1\xBF"}, test_actor()).ok());
  CHECK(s->therapies(p).at(0).adjustments.empty());
  CHECK_FALSE(s->therapies(p).at(0).stop);
  CHECK(s->closed_days(p).empty());
  // Control characters are text: stored exactly (output escapes them).
  CHECK(*s->add_patient(patient("\x1B[2JEve"), test_actor()) > p);
}

TEST_CASE("Import is all or nothing and names the failing row") {
  TempFolder tmp;
  auto s = open(tmp.file("a.db"));
  const RecordId p = *s->add_patient(patient("A"), test_actor());
  std::vector<LogEntry> rows;
  for (int i = 0; i < 1000; ++i)
    rows.push_back(dose_entry(p, Instant{std::chrono::seconds{1'772'956'800 + i * 3600}}));
  rows[500].patient_id = 4242;  // no such patient: the foreign key fails
  const auto r = s->import_log(rows, test_actor(), nullptr, "test.csv");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Catch::Contains("row 502"));
  CHECK(s->log_entries(p).empty());
  rows[500].patient_id = p;
  CHECK(*s->import_log(rows, test_actor(), nullptr, "test.csv") == 1000u);
  CHECK(s->log_entries(p).size() == 1000u);
}

TEST_CASE("A large import rebuilds the log index, and a failed one leaves the index as it was",
          "[sqlite-only]") {
  TempFolder tmp;
  const std::string path = tmp.file("big.db");
  auto s = open(path);
  const RecordId p = *s->add_patient(patient("A"), test_actor());
  std::vector<LogEntry> rows;
  for (int i = 0; i < 60000; ++i)
    rows.push_back(dose_entry(p, Instant{std::chrono::seconds{1'772'956'800 + i * 600}}));
  rows.back().patient_id = 31337;  // fails: nothing written, index untouched
  CHECK_FALSE(s->import_log(rows, test_actor(), nullptr, "test.csv").ok());
  rows.back().patient_id = p;
  REQUIRE(*s->import_log(rows, test_actor(), nullptr, "test.csv") == 60000u);
  s.reset();
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(
      db,
      "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('log_entries_by_patient', "
      "'log_entries_riluzole_taken', 'log_entries_beside_riluzole_doses', 'log_entries_corrections')",
      -1, &st, nullptr);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) == 4);
  sqlite3_finalize(st);
  // The partial index of riluzole doses taken holds every imported dose (all taken riluzole doses).
  sqlite3_prepare_v2(
      db,
      "SELECT count(*) FROM log_entries INDEXED BY log_entries_riluzole_taken WHERE kind = 'dose' "
      "AND drug = 'riluzole' AND status = 'taken'",
      -1, &st, nullptr);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) == 60000);
  sqlite3_finalize(st);
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok");
  sqlite3_finalize(st);
  sqlite3_close(db);
  auto again = open(path);
  CHECK(again->log_entries(p, Instant{std::chrono::seconds{1'772'956'800 + 59990 * 600}}, std::nullopt)
            .size() == 10u);
}

TEST_CASE("Backup copies every record to a new file and never overwrites one", "[sqlite-only]") {
  TempFolder tmp;
  auto s = open(tmp.file("a.db"));
  const RecordId p = *s->add_patient(patient("A"), test_actor());
  REQUIRE(s->append_log(dose_entry(p, Instant{std::chrono::seconds{1'772'956'800}}), test_actor()).ok());
  REQUIRE(s->backup_to(tmp.file("copy.db")).ok());
  CHECK_FALSE(s->backup_to(tmp.file("copy.db")).ok());
  auto copy = open(tmp.file("copy.db"));
  CHECK(copy->log_entries(p).size() == 1u);
}

TEST_CASE("Files that are not ours are refused and left byte-for-byte untouched", "[sqlite-only]") {
  TempFolder tmp;
  SECTION("a text file") {
    const std::string path = tmp.file("notes.txt");
    std::ofstream(path) << "patient notes, not a database\n";
    const std::string before = alsmeds::test::file_bytes(path);
    const auto r = open_record_store(path);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::Contains("not an alsmeds database"));
    CHECK(alsmeds::test::file_bytes(path) == before);
  }
  SECTION("another program's SQLite database") {
    const std::string path = tmp.file("other.db");
    REQUIRE(raw_exec(path, "CREATE TABLE t(x); INSERT INTO t VALUES (1);") == SQLITE_OK);
    const std::string before = alsmeds::test::file_bytes(path);
    const auto r = open_record_store(path);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::Contains("another program"));
    CHECK(alsmeds::test::file_bytes(path) == before);
  }
  SECTION("a database written by a newer alsmeds") {
    const std::string path = tmp.file("newer.db");
    open(path);
    REQUIRE(raw_exec(path, "PRAGMA user_version = 99;") == SQLITE_OK);
    const std::string before = alsmeds::test::file_bytes(path);
    const auto r = open_record_store(path);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::Contains("newer alsmeds"));
    CHECK(alsmeds::test::file_bytes(path) == before);
  }
  SECTION("a corrupt database") {
    const std::string path = tmp.file("corrupt.db");
    {
      auto s = open(path);
      const RecordId p = *s->add_patient(patient("A"), test_actor());
      std::vector<LogEntry> rows;
      for (int i = 0; i < 3000; ++i)
        rows.push_back(dose_entry(p, Instant{std::chrono::seconds{1'772'956'800 + i * 60}}));
      REQUIRE(s->import_log(rows, test_actor(), nullptr, "test.csv").ok());
    }
    REQUIRE(raw_exec(path, "PRAGMA wal_checkpoint(TRUNCATE);") == SQLITE_OK);
    std::string bytes = alsmeds::test::file_bytes(path);
    REQUIRE(bytes.size() > 8 * 4096);
    for (std::size_t i = 4 * 4096; i < 6 * 4096; ++i) bytes[i] = static_cast<char>(0xA5);  // smash two pages
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    const auto r = open_record_store(path);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::Contains("damaged"));
    CHECK(alsmeds::test::file_bytes(path) == bytes);
  }
  SECTION("a path that must exist but does not") {
    CHECK_FALSE(open_record_store(tmp.file("missing.db"), CreateMode::must_exist).ok());
  }
}

TEST_CASE("A dispensing's quantity, unit and product come back as written, in the log and after an import") {
  TempFolder tmp;
  auto s = open(tmp.file("a.db"));
  const RecordId p = *s->add_patient(patient("Dispensed"), test_actor());
  LogEntry e;
  e.patient_id = p;
  e.kind = LogKind::dispensing;
  e.drug = Drug::riluzole;
  e.day = Day{date::year{2026} / 3 / 2};
  e.at = Instant{*e.day};
  e.days_supply = 30;
  e.quantity = 60;  // 60 tablets of 50 mg, one every 12 hours: 30 days
  e.unit = "tablet";
  e.product = "tablet";
  REQUIRE(s->append_log(e, test_actor()).ok());
  LogEntry bottles = e;
  bottles.quantity = 2;
  bottles.unit = "bottle";
  bottles.product = "suspension";  // the Tiglutik bottle's pack word (docs/supply.md; schema 18 holds it)
  bottles.day = Day{date::year{2026} / 4 / 1};
  bottles.at = Instant{*bottles.day};
  REQUIRE(s->import_log({bottles}, test_actor(), nullptr, "dispensing.csv").ok());
  const auto log = s->log_entries(p);
  REQUIRE(log.size() == 2u);
  CHECK(log[0].quantity == Approx(2));  // newest first
  CHECK(log[0].unit == "bottle");
  CHECK(log[0].product == "suspension");
  CHECK(log[1].quantity == Approx(60));
  CHECK(log[1].unit == "tablet");
  CHECK(log[1].product == "tablet");
  CHECK(log[1].days_supply == 30);
  LogEntry bad = e;
  bad.unit = "crate";
  CHECK_THROWS(s->append_log(bad, test_actor()));  // the schema's CHECK, whichever store
}
