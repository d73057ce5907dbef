// The clinic server trusts no client (issue 23): each login of a clinic, logging in with its password over
// TCP (scram-sha-256, as a clinic's server is reached) the way psql would, tries through plain SQL what
// alsmeds refuses. Each attack here succeeded on schema 8 (the test of it fails there); each is refused now.
// The cluster and the clinic are attack_clinic.hpp's (tofersen's attacks: tofersen_attack_test.cpp).
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>

#include "alsmeds/storage/record_store.hpp"
#include "attack_clinic.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_schema.hpp"

using namespace alsmeds::test;

TEST_CASE("Attack: logins give their password over TCP, and a wrong one is refused") {
  Clinic c;
  CHECK(c.run(c.patient, "SELECT 1").ok);
  const SqlAnswer wrong =
      sql_as("postgresql://" + c.patient + ":guess@127.0.0.1:" + std::to_string(cluster().port) + "/" + c.db,
             "SELECT 1");
  CHECK_FALSE(wrong.ok);
  CHECK_THAT(wrong.error, Catch::Contains("password authentication failed"));
}

TEST_CASE("Attack: a temporary table named like ours never stands in for it (correcting another's record)") {
  Clinic c;
  // A login has no TEMP any more.
  CHECK_FALSE(c.run(c.patient, "CREATE TEMP TABLE log_entries (id bigint, patient_id bigint, kind text)").ok);
  CHECK_FALSE(c.run(c.nurse, "CREATE TEMP TABLE infusion_bookings (planned_key text)").ok);
  CHECK_FALSE(c.run(c.patient,
                    "CREATE FUNCTION pg_temp.now() RETURNS timestamptz LANGUAGE sql AS 'SELECT "
                    "''2000-01-01''::timestamptz'")
                  .ok);
  CHECK_FALSE(c.run(c.patient, "CREATE TABLE public.log_entries_copy (id bigint)").ok);
  // Even a login that can make one (the administrator) finds the triggers reading the real table: Ann's
  // record superseding Bob's dose is refused, whatever the search_path says.
  const SqlAnswer admin_try =
      sql_as(c.admin,
             "CREATE TEMP TABLE log_entries (id bigint, patient_id bigint, kind text); INSERT INTO "
             "log_entries VALUES (" +
                 std::to_string(c.bob_dose) + ", " + std::to_string(c.ann) +
                 ", 'dose'); SET search_path = pg_temp, public; " +
                 "INSERT INTO public.log_entries (patient_id, kind, "
                 "at, drug, status, recorded_by, recorded_at, supersedes) VALUES (" +
                 std::to_string(c.ann) +
                 ", 'dose', 1772438400, 'riluzole', 'missed', 'x', extract(epoch from now())::bigint, " +
                 std::to_string(c.bob_dose) + ")");
  CHECK_FALSE(admin_try.ok);
  CHECK_THAT(admin_try.error, Catch::Contains("only the current version"));
  // The patient, with any search_path, cannot correct Bob's record either.
  const SqlAnswer patient_try =
      c.run(c.patient, "SET search_path = pg_temp, public; " +
                           ann_dose(c, ", supersedes", ", " + std::to_string(c.bob_dose)));
  CHECK_FALSE(patient_try.ok);
  CHECK(c.count("SELECT count(*) FROM log_entries WHERE supersedes = " + std::to_string(c.bob_dose)) == "0");
}

TEST_CASE("Attack: the booking trigger reads the real bookings: no two infusions in one chair at one time") {
  Clinic c;
  // Bob's edaravone course, and a booking overlapping Ann's 09:00 in chair 1 written by hand.
  REQUIRE(cli_on(c.admin, {"therapy", "start", "--patient", "B-1", "--drug", "edaravone", "--form", "iv",
                           "--start", "2026-03-02"})
              .exit_code == 0);
  const std::string bob_key =
      sql_as(c.admin, "SELECT 'edaravone:' || id || ':c1:d1' FROM therapies WHERE patient_id = " +
                          std::to_string(c.bob) + " AND drug = 'edaravone'")
          .value;
  const std::string overlap =
      "INSERT INTO infusion_bookings (patient_id, planned_key, day, chair, start_minute, booked_by, "
      "booked_at) "
      "VALUES (" +
      std::to_string(c.bob) + ", '" + bob_key + "', 20514, 1, 570, 'x', extract(epoch from now())::bigint)";
  const SqlAnswer half_hour_later = c.run(c.nurse, overlap);
  CHECK_FALSE(half_hour_later.ok);
  CHECK_THAT(half_hour_later.error, Catch::Contains("overlapping"));
  // With a temporary table of the same name in front of the real one (a login that may make one).
  CHECK_FALSE(sql_as(c.admin,
                     "CREATE TEMP TABLE infusion_bookings (LIKE public.infusion_bookings); "
                     "SET search_path = pg_temp, public; " +
                         std::string("INSERT INTO public.infusion_bookings (patient_id, planned_key, day, "
                                     "chair, start_minute, booked_by, booked_at) VALUES (") +
                         std::to_string(c.bob) + ", '" + bob_key +
                         "', 20514, 1, 570, 'x', extract(epoch from now())::bigint)")
                  .ok);
  CHECK(c.count("SELECT count(*) FROM infusion_bookings WHERE day = 20514 AND chair = 1") == "1");
  // The next hour is free.
  CHECK(
      c.run(c.nurse, overlap.substr(0, overlap.find("570")) + "600" + overlap.substr(overlap.find("570") + 3))
          .ok);
}

TEST_CASE("Attack: a login never chooses an id, nor reads or moves a sequence") {
  Clinic c;
  const std::string next = c.count("SELECT max(id) + 1 FROM log_entries");
  CHECK_FALSE(c.run(c.patient, ann_dose(c, ", id", ", " + next)).ok);
  CHECK_FALSE(c.run(c.nurse,
                    "INSERT INTO log_entries (id, patient_id, kind, at, recorded_by, recorded_at) "
                    "OVERRIDING SYSTEM VALUE VALUES (" +
                        next + ", " + std::to_string(c.ann) + ", 'lab', 1772409600, 'x', 1772409600)")
                  .ok);
  CHECK_FALSE(
      c.run(c.nurse, "COPY log_entries (id, patient_id, kind, at, recorded_by, recorded_at) FROM STDIN").ok);
  CHECK_FALSE(c.run(c.nurse, "COPY audit_trail (id, at, actor, action, entity, entity_id) FROM STDIN").ok);
  for (const std::string& who : {c.patient, c.nurse, c.pharmacist}) {
    CHECK_FALSE(c.run(who, "SELECT nextval('log_entries_id_seq')").ok);
    CHECK_FALSE(c.run(who, "SELECT last_value FROM log_entries_id_seq").ok);
    CHECK_FALSE(c.run(who, "SELECT setval('audit_trail_id_seq', 1000000)").ok);
  }
  // The next nurse's write still gets its id: nothing was taken from it.
  CHECK(printed_id(cli_on(c.as(c.nurse), {"log", "dose", "--patient", "A-1", "--drug", "riluzole", "--at",
                                          "2026-03-03T08:00"})) > 0);
  // A patient's own write without an id is fine.
  CHECK(c.run(c.patient, ann_dose(c)).ok);
}

TEST_CASE("Attack: what the rulebook refuses, the server refuses whoever writes it") {
  Clinic c;
  const std::string now = "extract(epoch from now())::bigint";
  const std::string ann = std::to_string(c.ann);
  auto log_row = [&](const std::string& cols, const std::string& vals) {
    return "INSERT INTO log_entries (patient_id, recorded_by, recorded_at, " + cols + ") VALUES (" + ann +
           ", 'ann', " + now + ", " + vals + ")";
  };
  for (const std::string& who : {c.patient, c.nurse}) {
    INFO(who);
    CHECK_FALSE(c.run(who, log_row("kind, at, day, value", "'weight', 1772409600, 20514, 0.5")).ok);
    CHECK_FALSE(c.run(who, log_row("kind, at, day, value", "'weight', 1772409600, 20514, 351")).ok);
    CHECK_FALSE(
        c.run(who, log_row("kind, at, day, test, value, uln", "'lab', 1772409600, 20514, 'ALT', 40, 1000"))
            .ok);
    CHECK_FALSE(
        c.run(who, log_row("kind, at, day, test, value, uln", "'lab', 1772409600, 20514, 'ALT', 0, 40")).ok);
    CHECK_FALSE(c.run(who, log_row("kind, at, term, grade", "'effect', 1772409600, 'nausea', 6")).ok);
    CHECK_FALSE(c.run(who, log_row("kind, at, drug, status", "'dose', 393037430400, 'riluzole', 'taken'"))
                    .ok);  // 14423
    CHECK_FALSE(
        c.run(who, log_row("kind, at, drug, status", "'dose', " + now + " + 7 * 86400, 'riluzole', 'taken'"))
            .ok);
    CHECK_FALSE(c.run(who, log_row("kind, at, drug, status, note",
                                   "'dose', 1772409600, 'riluzole', 'taken', repeat('x', 2001)"))
                    .ok);
    // A forged name (here with a line break) never lands: the row names the login that wrote it.
    CHECK(c.run(who,
                "INSERT INTO log_entries (patient_id, recorded_by, recorded_at, kind, at, drug, "
                "status) VALUES (" +
                    ann + ", E'ann\\nnurse', " + now +
                    ", 'dose', 1772409600, 'riluzole', 'taken') "
                    "RETURNING recorded_by")
              .value == who);
  }
  // Grade 5 (death) is recorded by clinicians only (issue 24): a patient's login cannot store it.
  CHECK_FALSE(c.run(c.patient, log_row("kind, at, term, grade", "'effect', 1772409600, 'nausea', 5")).ok);
  CHECK(c.run(c.patient, log_row("kind, at, term, grade", "'effect', 1772409600, 'nausea', 4")).ok);
  CHECK(c.run(c.nurse, log_row("kind, at, term, grade", "'effect', 1772409600, 'nausea', 5")).ok);
  CHECK_FALSE(
      c.run(
           c.nurse,
           "INSERT INTO log_entries (patient_id, recorded_by, recorded_at, kind, at, day, days_supply, drug) "
           "VALUES (" +
               ann + ", 'n', " + now + ", 'dispensing', 1772409600, 20514, 400, 'riluzole')")
          .ok);
  CHECK_FALSE(
      c.run(c.nurse,
            "INSERT INTO patients (name, tz, baseline_weight_kg, created_at) VALUES ('X', 'UTC', 0.5, 0)")
          .ok);
  CHECK_FALSE(c.run(c.nurse,
                    "INSERT INTO cycle_adjustments (therapy_id, cycle, days, reflow, reason, recorded_by, "
                    "recorded_at) "
                    "SELECT id, 2, 9000, 'shift-all-later', 'r', 'n', 0 FROM therapies LIMIT 1")
                  .ok);
  // A patient's record is written now: one dated as recorded last year is refused (what it is about may be
  // earlier, as alsmeds allows).
  CHECK_FALSE(
      c.run(
           c.patient,
           "INSERT INTO log_entries (patient_id, recorded_by, recorded_at, kind, at, drug, status) VALUES (" +
               ann + ", 'ann', " + now + " - 400 * 86400, 'dose', 1772409600, 'riluzole', 'taken')")
          .ok);
  CHECK(c.run(c.patient, log_row("kind, at, drug, status", "'dose', 1772409600, 'riluzole', 'taken'")).ok);
  // The nurse's `due` never reads a weight of 0.5 kg: none was stored.
  CHECK(c.count("SELECT count(*) FROM log_entries WHERE kind = 'weight' AND value < 20") == "0");
}

TEST_CASE("Attack: no login writes an audit row or the chain") {
  // Before schema 11 a nurse inserted audit rows with any action, entity and words (the server only
  // stamped the login and time); a patient and a pharmacist within their own kinds.
  Clinic c;
  const std::string before = c.count("SELECT count(*) FROM audit_trail");
  CHECK_FALSE(c.run(c.nurse,
                    "INSERT INTO audit_trail (at, actor, action, entity, entity_id, login) "
                    "VALUES (0, 'kim', 'insert', 'dose', 1, 'postgres')")
                  .ok);
  CHECK_FALSE(c.run(c.nurse,
                    "INSERT INTO audit_trail (at, actor, action, entity, entity_id) VALUES "
                    "(0, 'kim', 'insert', 'dose', 1)")
                  .ok);
  CHECK_FALSE(c.run(c.pharmacist,
                    "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id) VALUES "
                    "(0, 'pat', 'acknowledge', 'alert', 1, " +
                        std::to_string(c.bob) + ")")
                  .ok);
  CHECK_FALSE(
      c.run(c.patient,
            "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail) VALUES "
            "(0, 'ann', 'insert', 'dose', 1, " +
                std::to_string(c.ann) + ", 'taken')")
          .ok);
  CHECK(c.count("SELECT count(*) FROM audit_trail") == before);
  CHECK_FALSE(
      c.run(c.nurse, "INSERT INTO audit_chain (seq, audit_id, prev_hash, hash) VALUES (999999, 1, '', '')")
          .ok);
  CHECK_FALSE(c.run(c.pharmacist, "DELETE FROM audit_chain").ok);
  CHECK_FALSE(c.run(c.patient, "SELECT count(*) FROM audit_chain").ok);
  CHECK(cli_on(c.admin, {"check"}).exit_code == 0);
}

TEST_CASE("Attack: a write through psql is audited by the server, in its own words") {
  // Before schema 11 a record written through psql had no audit row at all: the audit row was the client's
  // to write (or to leave out).
  Clinic c;
  const std::string ann = std::to_string(c.ann);
  const auto last_audit = [&](const std::string& entity) {
    return c.count(
        "SELECT action || ' | ' || patient_id || ' | ' || detail || ' | ' || actor || ' | ' || login || ' | "
        "' "
        "|| (abs(at - extract(epoch from now())::bigint) < 600) FROM audit_trail WHERE entity = '" +
        entity + "' ORDER BY id DESC LIMIT 1");
  };
  REQUIRE(c.run(c.patient, ann_dose(c, ", planned_key", ", 'riluzole:2026-03-02:08:00'")).ok);
  CHECK(last_audit("dose") == "insert | " + ann + " | taken (riluzole:2026-03-02:08:00) | " + c.patient +
                                  " | " + c.patient + " | true");
  // A name the client claims (as --by does) is kept as the actor beside the login, never instead of it; a
  // time it names is not kept for a login; and no login may switch the audit trigger off.
  REQUIRE(
      c.run(c.patient,
            "SELECT set_config('alsmeds.actor', 'Dr Who', false), set_config('alsmeds.at', '0', false); " +
                ann_dose(c, ", note", ", 'second'"))
          .ok);
  CHECK(last_audit("dose") == "insert | " + ann + " | taken; second | Dr Who | " + c.patient + " | true");
  for (const std::string& who : {c.patient, c.nurse})
    CHECK_FALSE(c.run(who, "ALTER TABLE log_entries DISABLE TRIGGER log_entries_audit").ok);
  REQUIRE(c.run(c.pharmacist,
                "INSERT INTO log_entries (patient_id, kind, at, day, drug, days_supply, recorded_by, "
                "recorded_at) VALUES (" +
                    ann +
                    ", 'dispensing', 1772409600, 20514, 'riluzole', 30, 'x', extract(epoch from now()))")
              .ok);
  CHECK(last_audit("dispensing") ==
        "insert | " + ann + " | 30 days' supply | " + c.pharmacist + " | " + c.pharmacist + " | true");
  REQUIRE(
      c.run(c.nurse, "INSERT INTO closed_days (patient_id, day, reason) VALUES (" + ann + ", 20521, 'away')")
          .ok);
  CHECK(last_audit("closed-day") ==
        "insert | " + ann + " | 2026-03-09 away | " + c.nurse + " | " + c.nurse + " | true");
  // A login that can make temporary objects (the administrator) puts a table named audit_trail and a
  // function named like the words' helper first on its path: the audit row still goes to the real table,
  // in the real words.
  const SqlAnswer shadowed = sql_as(
      c.admin,
      "CREATE TEMP TABLE audit_trail (LIKE public.audit_trail); CREATE FUNCTION pg_temp.alsmeds_words_day(d "
      "bigint) RETURNS text LANGUAGE sql AS 'SELECT ''forged'''; SET search_path = pg_temp, public, "
      "pg_catalog; "
      "INSERT INTO public.closed_days (patient_id, day, reason) VALUES (" +
          ann + ", 20522, 'shadow'); SELECT count(*) FROM pg_temp.audit_trail");
  REQUIRE(shadowed.ok);
  CHECK(shadowed.value == "0");
  CHECK(c.count("SELECT detail FROM audit_trail WHERE entity = 'closed-day' ORDER BY id DESC LIMIT 1") ==
        "2026-03-10 shadow");
  CHECK(cli_on(c.admin, {"check"}).exit_code == 0);
}

TEST_CASE("Attack: who wrote a row is the login that wrote it, whatever name its client sent") {
  // Before: the client's name was stored (the CLI's OS account "root" where the audit said the login; any
  // name through psql).
  Clinic c;
  const SqlAnswer dose = c.run(c.patient, ann_dose(c) + " RETURNING recorded_by");
  REQUIRE(dose.ok);
  CHECK(dose.value == c.patient);
  CHECK(c.count(
            "SELECT actor || ' ' || login FROM audit_trail WHERE entity = 'dose' ORDER BY id DESC LIMIT 1") ==
        c.patient + " " + c.patient);
  const SqlAnswer ack = c.run(c.pharmacist,
                              "INSERT INTO alert_acknowledgments (patient_id, alert_key, acknowledged_by, "
                              "acknowledged_at, note) VALUES (" +
                                  std::to_string(c.bob) +
                                  ", 'weight:x', 'the prescriber', 0, '') "
                                  "RETURNING acknowledged_by");
  REQUIRE(ack.ok);
  CHECK(ack.value == c.pharmacist);
  // Through alsmeds, run by an OS account that is not the login: the board names the login.
  REQUIRE(cli_on(c.as(c.nurse), {"board", "book", "--patient", "A-1", "--day", "2026-03-02", "--chair", "2",
                                 "--at", "10:00"})
              .exit_code == 0);
  const CliRun list = cli_on(c.as(c.nurse), {"board", "list", "--day", "2026-03-02"});
  REQUIRE(list.exit_code == 0);
  CHECK(list.out.find(c.nurse) != std::string::npos);
  // The owner's copy of history keeps the names it copies (server import of a SQLite file).
  CHECK(sql_as(c.admin, ann_dose(c) + " RETURNING recorded_by").value == "ann");
  const CliRun check = cli_on(c.admin, {"check"});
  INFO(check.out + check.err);
  CHECK(check.exit_code == 0);
}

TEST_CASE(
    "Attack: the owner rewriting, deleting or reordering audit rows behind disabled triggers is found") {
  const std::vector<std::pair<std::string, std::string>> tampering{
      {"rewritten",
       "UPDATE audit_trail SET actor = 'mallory' WHERE id = (SELECT max(audit_id) - 1 FROM audit_chain)"},
      {"removed", "DELETE FROM audit_trail WHERE id = (SELECT max(audit_id) - 1 FROM audit_chain)"},
      {"reordered",
       "UPDATE audit_trail a SET detail = b.detail, entity_id = b.entity_id FROM audit_trail b WHERE "
       "a.id = (SELECT max(audit_id) - 2 FROM audit_chain) AND b.id = (SELECT max(audit_id) - 1 FROM "
       "audit_chain)"},
      {"chain row removed", "DELETE FROM audit_chain WHERE seq = (SELECT max(seq) - 1 FROM audit_chain)"},
  };
  for (const auto& [what, sql] : tampering) {
    Clinic c;
    INFO(what);
    const CliRun before = cli_on(c.admin, {"check"});
    REQUIRE(before.exit_code == 0);
    CHECK_THAT(before.out, Catch::StartsWith("ok\naudit chain: "));
    REQUIRE(
        sql_as(
            c.admin,
            "ALTER TABLE audit_trail DISABLE TRIGGER USER; ALTER TABLE audit_chain DISABLE TRIGGER USER; " +
                sql +
                "; ALTER TABLE audit_trail ENABLE TRIGGER USER; ALTER TABLE audit_chain ENABLE TRIGGER USER")
            .ok);
    const CliRun after = cli_on(c.admin, {"check"});
    CHECK(after.exit_code == 1);
    CHECK_THAT(after.out, Catch::Contains("audit chain: "));
    CHECK_FALSE(after.out.rfind("ok", 0) == 0);
  }
}

TEST_CASE("Attack: the administrator is a login of its own, no superuser, and what it rewrites is found") {
  // The README's setup: a CREATEROLE login owning the database runs server init (made a member of the
  // owner role, which nobody logs in as), adds the users and writes; it is not a superuser.
  const std::string suffix = std::to_string(::getpid());
  const std::string admin = "adm_" + suffix, db = "admdb" + suffix;
  REQUIRE(sql_as(cluster().admin("postgres"),
                 "CREATE ROLE " + admin + " LOGIN CREATEROLE PASSWORD 'pw-" + admin + "'")
              .ok);
  REQUIRE(sql_as(cluster().admin("postgres"), "CREATE DATABASE " + db + " OWNER " + admin).ok);
  const std::string a = cluster().login(admin, db);
  REQUIRE(cli_on(a, {"server", "init"}).exit_code == 0);
  REQUIRE(cli_on(a, {"patient", "add", "--name", "Ann", "--tz", "UTC", "--mrn", "A-1"}).exit_code == 0);
  REQUIRE(cli_on(a, {"server", "add-user", "kim_" + suffix, "--role", "nurse"}).exit_code == 0);
  CHECK(sql_as(a, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").value == "false");
  CHECK(sql_as(a, "SELECT pg_has_role(current_user, 'alsmeds_owner', 'MEMBER')::text").value == "true");
  CHECK(sql_as(a, "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = 'alsmeds_owner'").value == "false");
  CHECK_FALSE(sql_as(cluster().login("alsmeds_owner", db), "SELECT 1").ok);
  // Its own write is audited by the server like anyone's, and a rewrite behind disabled triggers is found.
  CHECK(sql_as(a, "SELECT count(*) FROM audit_trail WHERE entity = 'patient' AND login = '" + admin + "'")
            .value == "1");
  REQUIRE(cli_on(a, {"check"}).exit_code == 0);
  REQUIRE(sql_as(a,
                 "ALTER TABLE audit_trail DISABLE TRIGGER USER; UPDATE audit_trail SET detail = 'nobody' "
                 "WHERE entity = 'patient'; ALTER TABLE audit_trail ENABLE TRIGGER USER")
              .ok);
  const CliRun after = cli_on(a, {"check"});
  CHECK(after.exit_code == 1);
  CHECK_THAT(after.out, Catch::Contains("audit chain: "));
}

TEST_CASE("Attack: a patient learns nothing of other patients from statistics, logins or errors") {
  Clinic c;
  CHECK_FALSE(
      c.run(c.patient, "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'log_entries'").ok);
  CHECK_FALSE(c.run(c.patient, "SELECT count(*) FROM pg_auth_members").ok);
  CHECK_FALSE(c.run(c.patient, "SELECT count(*) FROM pg_stat_activity").ok);
  // An id of another patient's record and an id that exists nowhere give the same refusal.
  const SqlAnswer bobs = c.run(c.patient, ann_dose(c, ", supersedes", ", " + std::to_string(c.bob_dose)));
  const SqlAnswer none = c.run(c.patient, ann_dose(c, ", supersedes", ", 987654321"));
  CHECK_FALSE(bobs.ok);
  CHECK_FALSE(none.ok);
  CHECK(bobs.error == none.error);
  // Staff still read the statistics they plan by.
  CHECK(c.run(c.nurse, "SELECT count(*) FROM pg_stat_user_tables").ok);
}

TEST_CASE("Attack: a password in the database address never appears in a message") {
  for (const std::string& uri : std::vector<std::string>{
           "postgresql://kim:s3cr3t-pw@127.0.0.1:1/clinic",
           "postgresql://kim:s3cr3t-pw@/clinic?host=/nonexistent",
           "postgresql://kim@127.0.0.1:1/clinic?password=s3cr3t-pw&connect_timeout=2",
           "host=127.0.0.1 port=1 user=kim password=s3cr3t-pw dbname=clinic",
           "postgresql://kim:s3cr3t-pw@127.0.0.1:" + std::to_string(cluster().port) + "/postgres"}) {
    INFO(uri);
    const CliRun r = cli_on(uri, {"due"});
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.err + r.out, !Catch::Contains("s3cr3t"));
  }
}

TEST_CASE(
    "A server of schema 8 is upgraded by server init in place, records and audit intact, chain started") {
  const std::string db = "upgrade" + std::to_string(::getpid());
  REQUIRE(sql_as(cluster().admin("postgres"), "CREATE DATABASE " + db).ok);
  const std::string admin = cluster().admin(db);
  {
    alsmeds::storage::PgConnection c(admin);
    alsmeds::storage::pg_migrate_to(c, 8);
    c.exec("INSERT INTO patients (name, tz, created_at) VALUES ('Old Ann', 'UTC', 1700000000)");
    c.exec(
        "INSERT INTO log_entries (patient_id, kind, at, drug, status, recorded_by, recorded_at) "
        "SELECT id, 'dose', 1772438400, 'riluzole', 'taken', 'nurse', 1772438400 FROM patients");
    // A record stored before the rules moved into the server, which the server now refuses: kept as it is.
    c.exec(
        "INSERT INTO log_entries (patient_id, kind, at, day, value, recorded_by, recorded_at) "
        "SELECT id, 'weight', 1772409600, 20514, 0.5, 'old client', 1772438400 FROM patients");
    c.exec(
        "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail) VALUES "
        "(1700000000, 'nurse', 'insert', 'patient', 1, 1, 'Old Ann'), "
        "(1772438400, 'nurse', 'insert', 'dose', 1, 1, 'taken')");
  }
  CHECK(sql_as(admin, "SELECT version FROM alsmeds_schema").value == "8");
  const CliRun init = cli_on(admin, {"server", "init"});
  INFO(init.err);
  REQUIRE(init.exit_code == 0);
  CHECK(sql_as(admin, "SELECT version FROM alsmeds_schema").value == std::to_string(alsmeds::kSchemaVersion));
  CHECK(sql_as(admin, "SELECT count(*) FROM log_entries").value == "2");
  CHECK(sql_as(admin, "SELECT count(*) FROM audit_trail WHERE action <> 'chain-start'").value == "2");
  CHECK(sql_as(admin, "SELECT detail FROM audit_trail WHERE action = 'chain-start'").value ==
        "the audit chain starts here: the 2 audit rows before it are outside it");
  const CliRun check = cli_on(admin, {"check"});
  CHECK(check.exit_code == 0);
  CHECK_THAT(check.out, Catch::Contains("2 earlier audit rows are outside it"));
  // New rows are held by the rules and chained.
  CHECK(cli_on(admin, {"log", "dose", "--patient", "1", "--drug", "riluzole", "--at", "2026-03-03T08:00"})
            .exit_code != 0);  // no course: refused by the client, nothing written
  CHECK_FALSE(sql_as(admin,
                     "INSERT INTO log_entries (patient_id, kind, at, day, value, recorded_by, recorded_at) "
                     "VALUES (1, 'weight', 1772409600, 20514, 0.5, 'x', 1772438400)")
                  .ok);
  CHECK(cli_on(admin, {"patient", "add", "--name", "New Bo", "--tz", "UTC"}).exit_code == 0);
  CHECK_THAT(cli_on(admin, {"check"}).out,
             Catch::StartsWith("ok\naudit chain: 2 rows"));  // the chain start and the new patient
}
