// The reads both stores share (storage/sql_reads.hpp): the dialect layer's placeholders and arguments. The
// reads themselves run on both stores through the whole storage suite (storage: and storage-pg:).
#include <catch2/catch.hpp>

#include "alsmeds/storage/record_store.hpp"
#include "storage/row_mapping.hpp"
#include "storage/schema.hpp"
#include "storage/sql_reads.hpp"
#include "temp_db.hpp"

namespace alsmeds::storage {

TEST_CASE("A shared SELECT's ?N placeholders read as PostgreSQL's $N, nothing else changed") {
  CHECK(dollar_placeholders("SELECT a FROM t WHERE b = ?1 AND c = ?12 ORDER BY a") ==
        "SELECT a FROM t WHERE b = $1 AND c = $12 ORDER BY a");
  // A '?' not followed by a digit is no placeholder (and the last character is read safely).
  CHECK(dollar_placeholders("SELECT '?', x ? y FROM t WHERE z = ?") ==
        "SELECT '?', x ? y FROM t WHERE z = ?");
  CHECK(dollar_placeholders("").empty());
}

TEST_CASE("The cohort reads' condition of a dose that shapes its plan at any time, from the regimens") {
  // By hand from the registry (registry_test): edaravone's missed or refused doses, every tofersen dose.
  CHECK(plan_shaping_doses_sql("l.") ==
        "((l.drug = 'edaravone' AND l.status <> 'taken') OR l.drug = 'tofersen')");
  CHECK(plan_shaping_doses_sql("") == "((drug = 'edaravone' AND status <> 'taken') OR drug = 'tofersen')");
}

TEST_CASE("SQLite runs a shared SELECT with each kind of argument bound to its ?N", "[sqlite-only]") {
  Connection db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  SqliteReads reads(db);
  int rows = 0;
  reads.each("SELECT ?1 IS NULL, ?2 + 1, ?3 * 2, ?4 || '!', ?2 = 41",
             {SqlArg{}, std::int64_t{41}, 1.25, "ALT"}, [&](const SqlRow& r) {
               ++rows;
               CHECK(r.flag(0));
               CHECK(r.integer(1) == 42);
               CHECK(r.real(2) == 2.5);
               CHECK(r.text(3) == "ALT!");
               CHECK(r.flag(4));
               CHECK_FALSE(r.is_null(1));
             });
  CHECK(rows == 1);
}

TEST_CASE("A course's confirmations are kept in the file's course row, one a line, as on the server",
          "[sqlite-only]") {
  alsmeds::test::TempFolder tmp;
  const std::string path = tmp.file("c.db");
  {  // a file of schema 16 with a course started before confirmations had a column
    Connection db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    migrate_to(db, 0, 16);
    db.exec("INSERT INTO patients (id, name, tz, created_at) VALUES (1, 'P', 'UTC', 1700000000)");
    db.exec(
        "INSERT INTO therapies (id, patient_id, drug, product, start_day, policy, times, lft_schedule, "
        "lft_weekdays_only, created_at) VALUES (1, 1, 'riluzole', 'tablet', 20454, 'earliest', "
        "'08:00,20:00', "
        "'eu', 0, 1700000000)");
  }
  auto s = alsmeds::test::open_store(path);  // migrated to the latest
  NewTherapy t;
  t.patient_id = 1;
  t.start = Day{date::days{20460}};
  t.restart_reason = "restarted after the review";
  t.confirmations = {"baseline ALT waived by Dr Ruiz", "film with a feeding tube: Dr Ruiz"};
  const auto id = s->start_therapy(t, Actor{"dr.ruiz", Instant{std::chrono::seconds{1'780'000'000}}});
  REQUIRE(id.ok());
  s.reset();
  Connection db(path, SQLITE_OPEN_READONLY);
  Statement rows(db, "SELECT id, confirmations FROM therapies ORDER BY id");
  REQUIRE(rows.step());
  CHECK(rows.get_text(1).empty());  // the course from before: none said
  REQUIRE(rows.step());
  CHECK(rows.get_int(0) == *id);
  CHECK(rows.get_text(1) == "baseline ALT waived by Dr Ruiz\nfilm with a feeding tube: Dr Ruiz");
  CHECK(schema_problems(db).empty());
}

}  // namespace alsmeds::storage
