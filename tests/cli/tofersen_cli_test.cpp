// Tofersen end to end through the CLI (issue 26): therapy start, log dose, due, report adherence and the
// exports. Days by hand from the label (docs/domain.md "Tofersen"): loading doses 14 days apart, then every
// 28 days, each next dose the interval after the dose actually given.
#include "cli_db.hpp"

using namespace alsmeds::test;

namespace {

// The patient's tofersen row of `due --on DAY` (CSV), or "" when none.
std::string due_row(const TempDb& db, const std::string& on) {
  const CliRun r = db.run({"due", "--patient", "T-1", "--on", on, "--format", "csv"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (const std::string& line : r.out_lines())
    if (line.find(",tofersen,") != std::string::npos) return line;
  return "";
}

}  // namespace

TEST_CASE("tofersen: started, doses logged given and missed, due, adherence and the exports") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Tove Sod", "--tz", "Europe/Oslo", "--mrn", "T-1"}));
  const CliRun started =
      db.run({"therapy", "start", "--patient", "T-1", "--drug", "tofersen", "--start", "2026-06-01"});
  id_of(started);
  // Loading doses 06-01, 06-15, 06-29 as planned at the start.
  CHECK(started.err.find("2026-06-01, 2026-06-15 and 2026-06-29") != std::string::npos);

  id_of(db.run({"log", "dose", "--patient", "T-1", "--drug", "tofersen", "--at", "2026-06-01T10:00",
                "--status", "taken"}));
  id_of(db.run({"log", "dose", "--patient", "T-1", "--drug", "tofersen", "--at", "2026-06-15T10:00",
                "--status", "missed", "--note", "no room"}));
  // Dose 2 due 06-15, missed: overdue on 06-17, until given.
  CHECK(due_row(db, "2026-06-17").find(",dose,2026-06-15,overdue,tofersen,") != std::string::npos);
  const CliRun late = db.run({"log", "dose", "--patient", "T-1", "--drug", "tofersen", "--at",
                              "2026-06-19T10:00", "--status", "taken"});
  id_of(late);
  // Given 4 days late: dose 3 due 06-19 + 14 = 07-03.
  CHECK(late.err.find("given 4 days late; the next dose is due 2026-07-03") != std::string::npos);
  CHECK(due_row(db, "2026-06-25").find(",dose,2026-07-03,coming,tofersen,") != std::string::npos);
  id_of(db.run({"log", "dose", "--patient", "T-1", "--drug", "tofersen", "--at", "2026-07-03T10:00",
                "--status", "taken"}));
  // Dose 4 due 07-03 + 28 = 07-31, given that day; dose 5 due 08-28, not given: overdue on 09-01.
  id_of(db.run({"log", "dose", "--patient", "T-1", "--drug", "tofersen", "--at", "2026-07-31T10:00",
                "--status", "taken"}));
  const std::string overdue = due_row(db, "2026-09-01");
  CHECK(overdue.find(",dose,2026-08-28,overdue,tofersen,") != std::string::npos);
  CHECK(overdue.find("maintenance dose 5") != std::string::npos);

  // June to August: due doses 06-01, 06-15, 07-03, 07-31, 08-28 = 5; given 4 (80.0%); on time (on the due
  // day or up to 3 days after) 06-01, 07-03, 07-31 = 3 (60.0%).
  const CliRun report = db.run({"report", "adherence", "--patient", "T-1", "--from", "2026-06-01", "--to",
                                "2026-08-31", "--format", "csv"});
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  bool row = false;
  for (const std::string& line : report.out_lines())
    if (line.find(",tofersen,") != std::string::npos) {
      row = true;
      CHECK(line.find(",tofersen,5,4,80.0,60.0,") != std::string::npos);
    }
  CHECK(row);

  const std::string ics = db.dir.string() + "/t.ics";
  REQUIRE(db.run({"export", "ics", "--patient", "T-1", "--out", ics, "--from", "2026-06-01", "--to",
                  "2026-09-30"})
              .exit_code == 0);
  const std::string cal = bytes_of(ics);
  // One event a dose, named by its number: dose 3 on 07-03 (given), dose 5 on 08-28.
  CHECK(cal.find("DTSTART;TZID=Europe/Oslo:20260703") != std::string::npos);
  CHECK(cal.find("loading dose 3 (given)") != std::string::npos);
  CHECK(cal.find("DTSTART;TZID=Europe/Oslo:20260828") != std::string::npos);
  CHECK(cal.find("maintenance dose 5") != std::string::npos);

  const std::string fhir = db.dir.string() + "/t.json";
  REQUIRE(db.run({"export", "fhir", "--patient", "T-1", "--out", fhir}).exit_code == 0);
  const std::string bundle = bytes_of(fhir);
  CHECK(bundle.find("\"text\": \"tofersen\"") != std::string::npos);
  // The order states the label's rhythm (never edaravone cycles); each dose given is an administration,
  // intrathecal, 100 mg, linked to the order.
  CHECK(bundle.find("three loading doses 14 days apart") != std::string::npos);
  CHECK(bundle.find("Edaravone") == std::string::npos);
  CHECK(bundle.find("cycle") == std::string::npos);
  std::size_t administrations = 0;
  for (std::size_t at = 0;
       (at = bundle.find("\"resourceType\": \"MedicationAdministration\"", at)) != std::string::npos; ++at)
    ++administrations;
  CHECK(administrations == 5);  // 4 given, 1 missed (not-done)
  CHECK(bundle.find("\"text\": \"intrathecal\"") != std::string::npos);
  CHECK(bundle.find("urn:alsmeds:MedicationRequest/therapy-1\"") != std::string::npos);
}

TEST_CASE("tofersen: an import of doses in any order matches each to the dose given before its day") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Tove Sod", "--tz", "Europe/Oslo", "--mrn", "T-1"}));
  id_of(db.run({"therapy", "start", "--patient", "T-1", "--drug", "tofersen", "--start", "2026-06-01"}));
  const std::string file = db.write("doses.csv",
                                    "mrn,drug,at,status,note\n"
                                    "T-1,tofersen,2026-06-19T10:00,taken,\n"
                                    "T-1,tofersen,2026-06-01T10:00,taken,\n"
                                    "T-1,tofersen,2026-06-15T10:00,missed,no room\n");
  const CliRun imported = db.run({"import", "doses", file});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  const CliRun history = db.run({"history", "--patient", "T-1", "--format", "csv"});
  REQUIRE(history.exit_code == 0);
  // 06-01 is dose 1; 06-15 (missed) and 06-19 (given 4 days late) are dose 2; dose 3 then due 07-03.
  const auto has = [&](const std::string& s) { return history.out.find(s) != std::string::npos; };
  CHECK(has("2026-06-01T10:00:00+02:00,tofersen,taken,taken (tofersen:1:d1)"));
  CHECK(has("2026-06-15T10:00:00+02:00,tofersen,missed,"));
  CHECK(has("2026-06-19T10:00:00+02:00,tofersen,taken,taken (tofersen:1:d2)"));
  CHECK(due_row(db, "2026-06-25").find(",dose,2026-07-03,coming,tofersen,") != std::string::npos);
  // The same file again is a repeat: refused, nothing added.
  CHECK(db.run({"import", "doses", file}).exit_code == 2);
}

TEST_CASE("tofersen: bad input exits 2 with one line naming it") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Tove Sod", "--tz", "Europe/Oslo", "--mrn", "T-1"}));
  expect_refused(db.run({"therapy", "start", "--patient", "T-1", "--drug", "tofersen", "--start",
                         "2026-06-01", "--form", "iv"}),
                 "not a tofersen form (intrathecal)");
  expect_refused(db.run({"therapy", "start", "--patient", "T-1", "--drug", "tofersen", "--start",
                         "2026-06-01", "--dose-days", "c2:1-10"}),
                 "--dose-days");
  // Options of another drug are refused, not ignored.
  expect_refused(db.run({"therapy", "start", "--patient", "T-1", "--drug", "tofersen", "--start",
                         "2026-06-01", "--times", "09:00"}),
                 "--times: for a riluzole course");
  expect_refused(db.run({"log", "dose", "--patient", "T-1", "--drug", "tofersen", "--at", "2026-06-01T10:00",
                         "--status", "taken"}),
                 "no tofersen therapy");
  expect_refused(
      db.run({"therapy", "start", "--patient", "T-1", "--drug", "nusinersen", "--start", "2026-06-01"}),
      "edaravone, riluzole or tofersen");
}
