// The audit trail's hash chain on a SQLite file (issue 23; audit_chain.hpp): check finds an audit row
// rewritten, removed or reordered behind the triggers' back (dropped and made again, so that only the chain
// can tell), and a file of schema 8 starts its chain with a row that says how many rows came before it.
#include <catch2/catch.hpp>

#include "alsmeds/storage/record_store.hpp"
#include "storage/schema.hpp"
#include "storage/sqlite_db.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::TempFolder;

namespace {

// Three audited records through the store.
void fill(const std::string& path) {
  auto opened = open_record_store(path);
  REQUIRE(opened.ok());
  const Actor nurse{"nurse.kim", date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{9}};
  for (const char* name : {"Ann", "Bob", "Cy"}) {
    NewPatient p;
    p.name = name;
    p.tz = "Europe/Paris";
    REQUIRE((*opened)->add_patient(p, nurse).ok());
  }
}

// `sql` run with the audit trail's append-only triggers set aside, and made again after.
void behind_the_triggers(const std::string& path, const std::string& sql) {
  storage::Connection db(path, SQLITE_OPEN_READWRITE);
  std::vector<std::string> triggers;
  {
    storage::Statement s(db,
                         "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
                         "('audit_trail', 'audit_chain') AND name LIKE '%append_only%'");
    while (s.step()) triggers.push_back(s.get_text(0));
  }
  REQUIRE(triggers.size() == 4u);
  db.exec(
      "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete; "
      "DROP TRIGGER audit_chain_append_only_update; DROP TRIGGER audit_chain_append_only_delete");
  db.exec(sql.c_str());
  for (const std::string& t : triggers) db.exec(t.c_str());
}

std::string check(const std::string& path) {
  auto opened = open_record_store(path);
  REQUIRE(opened.ok());
  return (*opened)->integrity_check();
}

}  // namespace

TEST_CASE("The audit chain of a file: a rewritten, removed or reordered audit row is found",
          "[sqlite-only]") {
  const std::vector<std::pair<std::string, std::string>> tampering{
      {"its content does not match its hash", "UPDATE audit_trail SET actor = 'mallory' WHERE id = 2"},
      {"the audit record is missing", "DELETE FROM audit_trail WHERE id = 2"},
      {"its content does not match its hash",
       "UPDATE audit_trail SET detail = (SELECT detail FROM audit_trail WHERE id = 3), entity_id = 3 "
       "WHERE id = 2"},
      {"a chain row was removed", "DELETE FROM audit_chain WHERE seq = 2"},
      {"its previous hash is not the hash of the row before",
       "UPDATE audit_chain SET prev_hash = (SELECT prev_hash FROM audit_chain WHERE seq = 2) WHERE seq = 3"},
  };
  for (const auto& [found, sql] : tampering) {
    TempFolder tmp;
    const std::string path = tmp.file("clinic.db");
    fill(path);
    REQUIRE(check(path) == "ok");
    behind_the_triggers(path, sql);
    INFO(sql);
    const std::string result = check(path);
    CHECK_THAT(result, Catch::Contains("audit chain: ") && Catch::Contains(found));
  }
}

TEST_CASE("A file of schema 8 starts its audit chain with a row saying how many rows came before",
          "[sqlite-only]") {
  TempFolder tmp;
  const std::string path = tmp.file("v8.db");
  {
    storage::Connection db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    storage::migrate_to(db, 0, 8);
    db.exec(
        "INSERT INTO patients (id, name, tz, created_at) VALUES (1, 'Old', 'UTC', 1700000000);"
        "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id) VALUES "
        "(1700000000, 'nurse', 'insert', 'patient', 1, 1), (1700000001, 'nurse', 'insert', 'dose', 7, 1)");
  }
  auto opened = open_record_store(path);
  REQUIRE(opened.ok());
  RecordStore& s = **opened;
  const auto all = s.audit(std::nullopt);
  REQUIRE(all.size() == 3u);
  bool started = false;
  for (const AuditEntry& a : all)
    if (a.action == "chain-start") {
      started = true;
      CHECK_THAT(a.detail, Catch::Contains("the 2 audit rows before it are outside it"));
    }
  CHECK(started);
  CHECK(s.integrity_check() == "ok");
  CHECK_THAT(s.audit_chain_head(), Catch::Contains("audit chain: 1 rows") && Catch::Contains("2 earlier"));
}
