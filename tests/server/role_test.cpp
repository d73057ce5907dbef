// The roles the clinic server enforces: each login tries, through alsmeds and through plain SQL, what its
// role must not do. Nothing here trusts the client: the same refusals hold for psql.
#include <catch2/catch.hpp>

#include "server_test_support.hpp"

using namespace alsmeds::test;

namespace {

struct Clinic {
  std::string db = fresh_server_database();
  std::string admin = server_uri(db);
  // Logins are the cluster's, not the database's: named after the database so that tests never share one.
  std::string nurse = "nurse_" + db, pharmacist = "pharm_" + db, patient = "pat_" + db;
  long ann = 0, bob = 0;
  long bob_dose = 0;

  Clinic() {
    REQUIRE(cli_on(admin, {"server", "init"}).exit_code == 0);
    const CliRun again = cli_on(admin, {"server", "init"});  // safe to run twice
    REQUIRE(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::Contains("already"));
    ann = printed_id(
        cli_on(admin, {"patient", "add", "--name", "Ann Home", "--tz", "Europe/Paris", "--mrn", "A-1"}));
    bob = printed_id(
        cli_on(admin, {"patient", "add", "--name", "Bob Other", "--tz", "Europe/Paris", "--mrn", "B-1"}));
    REQUIRE(ann > 0);
    REQUIRE(bob > 0);
    for (const char* mrn : {"A-1", "B-1"})
      REQUIRE(
          cli_on(admin, {"therapy", "start", "--patient", mrn, "--drug", "riluzole", "--start", "2026-03-01"})
              .exit_code == 0);
    bob_dose = printed_id(
        cli_on(admin, {"log", "dose", "--patient", "B-1", "--drug", "riluzole", "--at", "2026-03-02T08:00"}));
    REQUIRE(bob_dose > 0);
    REQUIRE(cli_on(admin, {"server", "add-user", nurse, "--role", "nurse"}).exit_code == 0);
    REQUIRE(cli_on(admin, {"server", "add-user", pharmacist, "--role", "pharmacist"}).exit_code == 0);
    REQUIRE(
        cli_on(admin, {"server", "add-user", patient, "--role", "patient", "--patient", "A-1"}).exit_code ==
        0);
  }
  std::string as(const std::string& login) const { return server_uri(db, login); }
};

}  // namespace

TEST_CASE("A nurse plans and logs, and the audit names the nurse's login, whatever --by says") {
  Clinic c;
  const long id = printed_id(cli_on(c.as(c.nurse), {"--by", "someone.else", "log", "dose", "--patient", "A-1",
                                                    "--drug", "riluzole", "--at", "2026-03-02T08:00"}));
  REQUIRE(id > 0);
  CHECK(printed_id(cli_on(c.as(c.nurse), {"patient", "add", "--name", "Cy New", "--tz", "UTC"})) > 0);
  CHECK(cli_on(c.as(c.nurse), {"therapy", "stop", "--patient", "B-1", "--drug", "riluzole", "--date",
                               "2026-04-01", "--reason", "liver"})
            .exit_code == 0);
  const SqlAnswer login = sql_as(
      c.admin, "SELECT login FROM audit_trail WHERE entity = 'dose' AND entity_id = " + std::to_string(id));
  REQUIRE(login.ok);
  CHECK(login.value == c.nurse);
  // The name typed with --by is kept as the claimed actor, beside the login (the record's recorded_by is the
  // login's); a write without --by names the login.
  CHECK(sql_as(c.admin,
               "SELECT actor FROM audit_trail WHERE entity = 'dose' AND entity_id = " + std::to_string(id))
            .value == "someone.else");
  CHECK(sql_as(c.admin, "SELECT recorded_by FROM log_entries WHERE id = " + std::to_string(id)).value ==
        c.nurse);
  CHECK(sql_as(c.admin, "SELECT actor FROM audit_trail WHERE entity = 'patient' ORDER BY id DESC LIMIT 1")
            .value == c.nurse);
  // Audit rows are the server's (schema 11): a nurse's own, with or without a login named, is refused.
  CHECK_FALSE(sql_as(c.as(c.nurse),
                     "INSERT INTO audit_trail (at, actor, action, entity, entity_id, login) "
                     "VALUES (0, 'x', 'note', 'none', 0, 'postgres')")
                  .ok);
  CHECK_FALSE(
      sql_as(
          c.as(c.nurse),
          "INSERT INTO audit_trail (at, actor, action, entity, entity_id) VALUES (0, 'x', 'note', 'none', 0)")
          .ok);
  // Nobody rewrites a record: not the nurse (no grant), not the owner (the triggers).
  for (const std::string& uri : {c.as(c.nurse), c.admin}) {
    CHECK_FALSE(sql_as(uri, "UPDATE log_entries SET status = 'missed'").ok);
    CHECK_FALSE(sql_as(uri, "DELETE FROM audit_trail").ok);
    CHECK_FALSE(sql_as(uri, "DELETE FROM patients WHERE id = " + std::to_string(c.bob)).ok);
    CHECK_FALSE(sql_as(uri, "TRUNCATE log_entries CASCADE").ok);
  }
  CHECK(sql_as(c.admin, "SELECT status FROM log_entries WHERE id = " + std::to_string(id)).value == "taken");
}

TEST_CASE("A pharmacist reads everything, records dispensings and acknowledgments, and changes no plan") {
  Clinic c;
  const std::string p = c.as(c.pharmacist);
  CHECK(cli_on(p, {"patient", "list", "--format", "csv"}).out_lines().size() == 3u);  // header + 2
  CHECK(printed_id(cli_on(p, {"dispense", "--patient", "A-1", "--drug", "riluzole", "--date", "2026-03-01",
                              "--days-supply", "30"})) > 0);
  const CliRun dose =
      cli_on(p, {"log", "dose", "--patient", "A-1", "--drug", "riluzole", "--at", "2026-03-02T08:00"});
  CHECK(dose.exit_code != 0);
  CHECK_THAT(dose.err, Catch::Contains("refused"));
  CHECK(cli_on(p, {"therapy", "stop", "--patient", "A-1", "--drug", "riluzole", "--date", "2026-04-01",
                   "--reason", "x"})
            .exit_code != 0);
  CHECK(cli_on(p, {"patient", "add", "--name", "Not Allowed", "--tz", "UTC"}).exit_code != 0);
  // Plain SQL: the same refusals.
  CHECK_FALSE(sql_as(p,
                     "INSERT INTO log_entries (patient_id, kind, at, recorded_by, recorded_at, drug, status) "
                     "VALUES (" +
                         std::to_string(c.ann) + ", 'dose', 0, 'x', 0, 'riluzole', 'taken')")
                  .ok);
  CHECK_FALSE(sql_as(p, "INSERT INTO therapy_stops VALUES (1, 0, 'x', 'x', 0)").ok);
  CHECK_FALSE(sql_as(p, "INSERT INTO closed_days (day) VALUES (0)").ok);
  CHECK_FALSE(sql_as(p, "UPDATE log_entries SET note = 'x'").ok);
  CHECK(sql_as(c.admin, "SELECT count(*) FROM therapy_stops").value == "0");
  CHECK(sql_as(c.admin, "SELECT count(*) FROM log_entries WHERE kind = 'dose'").value == "1");
}

TEST_CASE("A patient sees and logs only their own records, nothing of anyone else is visible") {
  Clinic c;
  const std::string p = c.as(c.patient);
  const CliRun list = cli_on(p, {"patient", "list", "--format", "csv"});
  REQUIRE(list.exit_code == 0);
  REQUIRE(list.out_lines().size() == 2u);
  CHECK_THAT(list.out, Catch::Contains("Ann Home"));
  CHECK_THAT(list.out, !Catch::Contains("Bob"));
  CHECK(printed_id(cli_on(
            p, {"log", "dose", "--patient", "A-1", "--drug", "riluzole", "--at", "2026-03-02T08:00"})) > 0);
  // Bob does not exist for Ann's login: by MRN, by id, in the history and the audit.
  const CliRun other =
      cli_on(p, {"log", "dose", "--patient", "B-1", "--drug", "riluzole", "--at", "2026-03-02T20:00"});
  CHECK(other.exit_code == 2);
  CHECK(cli_on(p, {"history", "--patient", std::to_string(c.bob)}).exit_code == 2);
  CHECK_THAT(cli_on(p, {"audit"}).out, !Catch::Contains("Bob"));
  // Plain SQL as the patient's login: only Ann's rows, no write for Bob, no plan changes, no login table.
  CHECK(sql_as(p, "SELECT count(*) FROM patients").value == "1");
  CHECK(sql_as(p, "SELECT count(*) FROM log_entries WHERE id = " + std::to_string(c.bob_dose)).value == "0");
  CHECK(sql_as(p, "SELECT count(*) FROM therapies").value == "1");
  CHECK(sql_as(p, "SELECT count(*) FROM audit_trail WHERE patient_id = " + std::to_string(c.bob)).value ==
        "0");
  CHECK_FALSE(sql_as(p,
                     "INSERT INTO log_entries (patient_id, kind, at, recorded_by, recorded_at, drug, status) "
                     "VALUES (" +
                         std::to_string(c.bob) + ", 'dose', 0, 'x', 0, 'riluzole', 'taken')")
                  .ok);
  CHECK_FALSE(sql_as(p,
                     "INSERT INTO log_entries (patient_id, kind, at, recorded_by, recorded_at, day, drug, "
                     "days_supply) VALUES (" +
                         std::to_string(c.ann) + ", 'dispensing', 0, 'x', 0, 0, 'riluzole', 30)")
                  .ok);
  CHECK_FALSE(sql_as(p, "INSERT INTO therapy_stops VALUES (1, 0, 'x', 'x', 0)").ok);
  CHECK_FALSE(sql_as(p, "SELECT * FROM patient_logins").ok);
  CHECK_FALSE(sql_as(p, "UPDATE log_entries SET status = 'missed'").ok);
  CHECK(
      sql_as(c.admin, "SELECT count(*) FROM log_entries WHERE patient_id = " + std::to_string(c.bob)).value ==
      "1");
}

TEST_CASE("server add-user refuses what it cannot do right, and server commands need a server") {
  Clinic c;
  CHECK(cli_on(c.admin, {"server", "add-user", "x_" + c.db, "--role", "doctor"}).exit_code == 2);
  CHECK(cli_on(c.admin, {"server", "add-user", "x_" + c.db, "--role", "patient"}).exit_code == 2);
  CHECK(
      cli_on(c.admin, {"server", "add-user", "x_" + c.db, "--role", "nurse", "--patient", "A-1"}).exit_code ==
      2);
  CHECK(cli_on(c.admin, {"server", "add-user", c.nurse, "--role", "pharmacist"}).exit_code == 2);  // one role
  CHECK(cli_on(c.admin, {"server", "add-user", "bad name;--", "--role", "nurse"}).exit_code == 2);
  TempFolder tmp;
  const CliRun file = run_cli({"--db", tmp.file("a.db"), "server", "init"});
  CHECK(file.exit_code == 2);
  CHECK_THAT(file.err, Catch::StartsWith("error: --db:"));
}
