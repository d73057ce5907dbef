// The reads both stores share (storage/sql_reads.hpp): the dialect layer's placeholders and arguments. The
// reads themselves run on both stores through the whole storage suite (storage: and storage-pg:).
#include <catch2/catch.hpp>

#include "storage/row_mapping.hpp"
#include "storage/sql_reads.hpp"

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

}  // namespace alsmeds::storage
