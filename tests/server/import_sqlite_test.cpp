// server import-sqlite: a single-machine database moved onto the server gives the same cohort report, the
// file is left byte for byte as it was, and a server that holds records already is refused.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "server_test_support.hpp"
#include "storage/audit_chain.hpp"

using namespace alsmeds::test;

TEST_CASE("A database moved in with import-sqlite gives the same cohort report, the file untouched") {
  TempFolder tmp;
  const std::string file = tmp.file("clinic.db");
  REQUIRE(run_cli({"--db", file, "demo", "--patients", "12", "--years", "1", "--seed", "7"}).exit_code == 0);
  // A stopped course as well (when patient 1 takes riluzole): the report must read it alike.
  (void)run_cli({"--db", file, "therapy", "stop", "--patient", "1", "--drug", "riluzole", "--date",
                 "2026-01-10", "--reason", "liver"});
  const std::string before = file_bytes(file);
  const std::string server = server_uri(fresh_server_database());
  const CliRun moved = cli_on(server, {"server", "import-sqlite", file});
  INFO(moved.err);
  REQUIRE(moved.exit_code == 0);
  CHECK_THAT(moved.out, Catch::Contains("patients: 12") && Catch::Contains("checked: every count equals"));
  CHECK(file_bytes(file) == before);
  // The planner's statistics are gathered by the import itself (not left to autovacuum).
  CHECK_THAT(moved.out, Catch::Contains("statistics: gathered"));
  CHECK(
      sql_as(server, "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'log_entries'")
          .value == "t");
  for (const std::vector<std::string>& report :
       {std::vector<std::string>{"report", "adherence", "--all", "--from", "2025-06-01", "--to", "2026-11-01",
                                 "--format", "csv"},
        {"report", "cma", "--from", "first", "--days", "180", "--format", "csv"},
        {"history", "--patient", "3", "--format", "csv"}}) {
    const CliRun on_file = run_cli([&] {
      std::vector<std::string> a{"--db", file};
      a.insert(a.end(), report.begin(), report.end());
      return a;
    }());
    const CliRun on_server = cli_on(server, report);
    INFO(report[0] << " " << report[1]);
    REQUIRE(on_file.exit_code == 0);
    REQUIRE(on_server.exit_code == 0);
    CHECK(on_file.out_lines().size() > 2u);
    CHECK(on_server.out == on_file.out);
  }
  CHECK(file_bytes(file) == before);
  // New records get ids after the moved ones.
  const long id = printed_id(cli_on(server, {"patient", "add", "--name", "New One", "--tz", "UTC"}));
  CHECK(id == 13);
  // Once is all: the server holds records now.
  const CliRun again = cli_on(server, {"server", "import-sqlite", file});
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Contains("holds records already"));
}

namespace {

// Plain SQL on the SQLite file, each value bound (what a damaged or hostile file could hold).
void insert_into_file(const std::string& file, const std::string& sql,
                      const std::vector<std::string>& values) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  alsmeds::storage::register_audit_chain_function(db);  // the file's audit chain trigger (schema 9) calls it
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
  for (std::size_t i = 0; i < values.size(); ++i)
    sqlite3_bind_text(s, static_cast<int>(i + 1), values[i].data(), static_cast<int>(values[i].size()),
                      SQLITE_TRANSIENT);
  CHECK(sqlite3_step(s) == SQLITE_DONE);
  sqlite3_finalize(s);
  sqlite3_close(db);
}

// The server's indexes, triggers (and whether they fire), constraints, row security and grants of every
// table.
constexpr const char* kCatalog =
    "SELECT concat_ws(' | ',"
    " (SELECT string_agg(indexdef, '; ' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public'),"
    " (SELECT string_agg(pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text, '; ' ORDER BY t.tgname)"
    "    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
    "    WHERE n.nspname = 'public' AND NOT t.tgisinternal),"
    " (SELECT string_agg(conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid), '; '"
    "    ORDER BY conrelid::regclass::text, conname) FROM pg_constraint WHERE connamespace = "
    "'public'::regnamespace),"
    " (SELECT string_agg(relname || ' ' || relrowsecurity || relforcerowsecurity || ' ' || "
    "coalesce(relacl::text, ''),"
    "    '; ' ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace),"
    " (SELECT string_agg(tablename || ' ' || policyname || ' ' || cmd || ' ' || coalesce(qual, '') || ' ' ||"
    "    coalesce(with_check, ''), '; ' ORDER BY tablename, policyname) FROM pg_policies))";

}  // namespace

TEST_CASE("import-sqlite moves tabs, line breaks, backslashes, quotes and non-ASCII text byte for byte") {
  TempFolder tmp;
  const std::string file = tmp.file("clinic.db");
  REQUIRE(run_cli({"--db", file, "patient", "add", "--name", "Plain Patient", "--tz", "UTC"}).exit_code == 0);
  // Each would break a COPY in text format escaped wrongly: its delimiter, row end, escape, NULL and end
  // marks. (Who recorded is a name without control characters: schema 9 holds that rule in the file too.)
  const std::vector<std::string> hostile = {
      "tab\there\tand\tthere",
      "line\nbreak\r\nand CRLF\r",
      "back\\slash \\t \\n \\\\ \\x41 \\101",
      "\\N",
      "\\.",
      "end\n\\.\nafter",
      "quote ' double \" semicolon ; comma , pipe |",
      "\xC3\x86r\xC3\xB8 \xC3\xBCn\xC3\xAF \xE8\x96\xAC \xF0\x9F\x99\x82 \xE2\x80\xAE right-to-left",
      "",
      " trailing space ",
  };
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    const std::string id = std::to_string(i + 2);
    insert_into_file(
        file, "INSERT INTO patients (id, mrn, name, tz, created_at) VALUES (" + id + ", ?1, ?1, 'UTC', 0)",
        {hostile[i]});
    insert_into_file(
        file,
        "INSERT INTO log_entries (id, patient_id, kind, at, term, grade, note, recorded_by, recorded_at) "
        "VALUES (" +
            id + ", " + id + ", 'effect', 1767225600, ?1, 2, ?1, 'nurse', 1767225600)",
        {hostile[i]});
    insert_into_file(
        file,
        "INSERT INTO audit_trail (id, at, actor, action, entity, entity_id, patient_id, detail, previous) "
        "VALUES (" +
            std::to_string(1000 + i) + ", 0, 'nurse', 'add', 'patient', " + id + ", " + id + ", ?1, ?1)",
        {hostile[i]});
  }
  const std::string before = file_bytes(file);
  const std::string name = fresh_server_database(), reference = fresh_server_database();
  const std::string server = server_uri(name);
  REQUIRE(cli_on(server, {"server", "init"}).exit_code == 0);
  REQUIRE(cli_on(server_uri(reference), {"server", "init"}).exit_code == 0);
  const CliRun moved = cli_on(server, {"server", "import-sqlite", file});
  INFO(moved.err);
  REQUIRE(moved.exit_code == 0);
  CHECK(file_bytes(file) == before);
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    const std::string id = std::to_string(i + 2);
    INFO("value " << i);
    for (const std::string& sql :
         {"SELECT name FROM patients WHERE id = " + id, "SELECT mrn FROM patients WHERE id = " + id,
          "SELECT term FROM log_entries WHERE id = " + id, "SELECT note FROM log_entries WHERE id = " + id,
          "SELECT detail FROM audit_trail WHERE id = " + std::to_string(1000 + i),
          "SELECT previous FROM audit_trail WHERE id = " + std::to_string(1000 + i)}) {
      const SqlAnswer a = sql_as(server, sql);
      INFO(sql);
      CHECK(a.ok);
      CHECK(a.value == hostile[i]);
    }
    // Stored as text, not as NULL (the text format's NULL is \N).
    CHECK(sql_as(server, "SELECT count(*) FROM patients WHERE id = " + id + " AND mrn IS NOT NULL").value ==
          "1");
  }
  // NULL stays NULL: the plain patient has no MRN, the effects no dose status.
  CHECK(sql_as(server, "SELECT count(*) FROM patients WHERE mrn IS NULL").value == "1");
  CHECK(sql_as(server, "SELECT count(*) FROM log_entries WHERE status IS NULL").value ==
        std::to_string(hostile.size()));
  // Every audit row names the login that moved them in (the server's, never the file's).
  CHECK(sql_as(server, "SELECT count(*) FROM audit_trail WHERE login <> 'postgres'").value == "0");
  // What the import set aside while it ran is back exactly: as on a server that never imported.
  const SqlAnswer after = sql_as(server, kCatalog), fresh = sql_as(server_uri(reference), kCatalog);
  REQUIRE(after.ok);
  CHECK(after.value.find("log_entries_beside_doses") != std::string::npos);
  CHECK(after.value.find("audit_trail_login") != std::string::npos);
  CHECK(after.value == fresh.value);
}

TEST_CASE(
    "import-sqlite of a file whose record names a patient it lacks moves nothing and leaves the server as it "
    "was") {
  TempFolder tmp;
  const std::string file = tmp.file("clinic.db");
  REQUIRE(run_cli({"--db", file, "patient", "add", "--name", "Only Patient", "--tz", "UTC"}).exit_code == 0);
  // A damaged file: a record of patient 99, who is not in it (SQLite checks no foreign keys unless asked).
  insert_into_file(
      file,
      "INSERT INTO log_entries (patient_id, kind, at, term, grade, note, recorded_by, recorded_at) "
      "VALUES (99, 'effect', 1767225600, ?1, 2, '', 'nurse', 1767225600)",
      {"nausea"});
  const std::string name = fresh_server_database(), reference = fresh_server_database();
  const std::string server = server_uri(name);
  REQUIRE(cli_on(server, {"server", "init"}).exit_code == 0);
  REQUIRE(cli_on(server_uri(reference), {"server", "init"}).exit_code == 0);
  const CliRun moved = cli_on(server, {"server", "import-sqlite", file});
  CHECK(moved.exit_code == 2);
  CHECK_THAT(moved.err, Catch::Contains("nothing was imported"));
  CHECK(sql_as(server, "SELECT count(*) FROM patients").value == "0");
  CHECK(sql_as(server, "SELECT count(*) FROM log_entries").value == "0");
  CHECK(sql_as(server, "SELECT count(*) FROM audit_trail").value == "0");
  const SqlAnswer after = sql_as(server, kCatalog), fresh = sql_as(server_uri(reference), kCatalog);
  REQUIRE(after.ok);
  CHECK(after.value == fresh.value);
}

TEST_CASE("import-sqlite refuses a text holding a NUL byte rather than cutting it short") {
  TempFolder tmp;
  const std::string file = tmp.file("clinic.db");
  REQUIRE(run_cli({"--db", file, "patient", "add", "--name", "Only Patient", "--tz", "UTC"}).exit_code == 0);
  // SQLite keeps "a", NUL, "b" as a text of 3 bytes; PostgreSQL's text cannot hold it.
  insert_into_file(
      file,
      "INSERT INTO log_entries (patient_id, kind, at, term, grade, note, recorded_by, recorded_at) "
      "VALUES (1, 'effect', 1767225600, 'nausea', 2, ?1, 'nurse', 1767225600)",
      {std::string("a\0b", 3)});
  const std::string server = server_uri(fresh_server_database());
  const CliRun moved = cli_on(server, {"server", "import-sqlite", file});
  CHECK(moved.exit_code == 2);
  CHECK_THAT(moved.err, Catch::Contains("nothing was imported"));
  CHECK(sql_as(server, "SELECT count(*) FROM log_entries").value == "0");
}
