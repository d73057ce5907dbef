// Tofersen end to end through the CLI (issue 26): therapy start, log dose, due, report adherence and the
// exports. Days by hand from the label (docs/domain.md "Tofersen"): loading doses 14 days apart, then every
// 28 days, each next dose the interval after the dose actually given.
#include <fstream>
#include <nlohmann/json.hpp>

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
  // Given in the clinic from its stock (docs/domain.md "Tofersen"): never dispensed to a patient, with or
  // without a quantity (it was stored with a days' supply alone).
  expect_refused(db.run({"dispense", "--patient", "T-1", "--drug", "tofersen", "--date", "2026-06-01",
                         "--days-supply", "28"}),
                 "tofersen is not dispensed to a patient (given from the clinic's stock)");
  expect_refused(db.run({"dispense", "--patient", "T-1", "--drug", "tofersen", "--date", "2026-06-01",
                         "--quantity", "1", "--unit", "bag"}),
                 "tofersen is not dispensed to a patient");
}

TEST_CASE(
    "pharmacy prep: one tofersen vial a dose - an overdue dose on the first day and the next after it") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Tove Sod", "--tz", "UTC", "--mrn", "T-1"}));
  id_of(db.run({"patient", "add", "--name", "Ivo Vee", "--tz", "UTC", "--mrn", "E-1"}));
  id_of(db.run({"therapy", "start", "--patient", "T-1", "--drug", "tofersen", "--start", "2026-03-02"}));
  id_of(db.run({"therapy", "start", "--patient", "E-1", "--drug", "edaravone", "--form", "iv", "--start",
                "2026-03-16"}));
  id_of(db.run({"dispense", "--patient", "E-1", "--drug", "edaravone", "--date", "2026-03-16", "--quantity",
                "14", "--unit", "bag", "--product", "generic-iv"}));
  id_of(db.run({"log", "dose", "--patient", "T-1", "--drug", "tofersen", "--at", "2026-03-02T10:00",
                "--status", "taken"}));
  auto prep = [&](const std::string& from, const std::string& to) {
    const CliRun r = db.run({"pharmacy", "prep", "--from", from, "--to", to, "--format", "csv"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> tofersen;
    for (const std::string& line : r.out_lines())
      if (line.find("tofersen") != std::string::npos || line.rfind("date,", 0) == 0) tofersen.push_back(line);
    return tofersen;
  };
  // Dose 1 given 03-02 (a Monday): dose 2 due 03-16, one vial; the IV patient's infusions keep their bags.
  const auto week = prep("2026-03-16", "2026-03-22");
  REQUIRE(week.size() == 3u);
  CHECK(week[0] == "date,product,infusions,bags,period,vials");
  CHECK(week[1] == "2026-03-16,tofersen-intrathecal,1,,day,1");
  CHECK(week[2] == "2026-03-16,tofersen-intrathecal,1,,week,1");
  const CliRun all =
      db.run({"pharmacy", "prep", "--from", "2026-03-16", "--to", "2026-03-16", "--format", "csv"});
  CHECK(all.out.find("2026-03-16,generic-iv,1,1,day,\n") != std::string::npos);

  // Dose 2 never given: on 03-23 it is overdue, still to give: counted on the range's first day, and dose 3
  // 14 days after that (04-06), not on 03-30 as the plan from the missed day would have it.
  const auto later = prep("2026-03-23", "2026-04-06");
  REQUIRE(later.size() == 5u);
  CHECK(later[1] == "2026-03-23,tofersen-intrathecal,1,,day,1");
  CHECK(later[2] == "2026-03-23,tofersen-intrathecal,1,,week,1");
  CHECK(later[3] == "2026-04-06,tofersen-intrathecal,1,,day,1");
  CHECK(later[4] == "2026-04-06,tofersen-intrathecal,1,,week,1");

  // Given on 03-24: dose 3 due 04-07, and nothing more to prepare on 03-23.
  id_of(db.run({"log", "dose", "--patient", "T-1", "--drug", "tofersen", "--at", "2026-03-24T10:00",
                "--status", "taken"}));
  const auto given = prep("2026-03-23", "2026-04-07");
  REQUIRE(given.size() == 5u);
  CHECK(given[1] == "2026-03-24,tofersen-intrathecal,1,,day,1");
  CHECK(given[3] == "2026-04-07,tofersen-intrathecal,1,,day,1");

  // The course stopped on 04-10: dose 3 (04-07) before it is still prepared; after it, nothing, not even
  // dose 3 left overdue.
  id_of(db.run({"therapy", "stop", "--patient", "T-1", "--drug", "tofersen", "--date", "2026-04-10",
                "--reason", "patient's wish"}));
  CHECK(prep("2026-04-01", "2026-04-14").size() == 3u);
  CHECK(prep("2026-04-15", "2026-05-31").size() == 1u);
}

TEST_CASE("log lab: NfL and the CSF results in their units - history names them and FHIR exports them") {
  TempDb db;
  id_of(db.run({"patient", "add", "--name", "Tove Sod", "--tz", "UTC", "--mrn", "T-1"}));
  const CliRun nfl =
      db.run({"log", "lab", "--patient", "T-1", "--test", "nfl", "--value", "85.5", "--at", "2026-03-02"});
  id_of(nfl);
  CHECK(nfl.err.empty());
  const CliRun wbc = db.run({"log", "lab", "--patient", "T-1", "--test", "CSF-WBC", "--value", "12", "--uln",
                             "5", "--at", "2026-03-02"});
  id_of(wbc);
  // Above the laboratory's ULN: said, for the prescriber (no rule of ours applies to CSF white cells).
  CHECK(wbc.err.find("CSF-WBC 12 cells/uL is above the laboratory's upper limit of normal (5)") !=
        std::string::npos);
  const CliRun history = db.run({"history", "--patient", "T-1", "--format", "csv"});
  CHECK(history.out.find("NfL 85.5 pg/mL") != std::string::npos);
  CHECK(history.out.find("CSF-WBC 12 cells/uL (ULN 5)") != std::string::npos);
  // A transaminase still needs its ULN; an unknown test is named with the ones there are: exit 2, nothing
  // stored.
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"--test", "ALT", "--value", "30"},
        std::vector<std::string>{"--test", "GGT", "--value", "30", "--uln", "40"},
        std::vector<std::string>{"--test", "NfL", "--value", "0"}}) {
    std::vector<std::string> args{"log", "lab", "--patient", "T-1", "--at", "2026-03-03"};
    args.insert(args.end(), bad.begin(), bad.end());
    const CliRun r = db.run(args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("error: ", 0) == 0);
  }
  CHECK(db.run({"log", "lab", "--patient", "T-1", "--test", "ALT", "--value", "30", "--at", "2026-03-03"})
            .err.find("ALT needs the laboratory's upper limit of normal (--uln)") != std::string::npos);

  const std::string out = (db.dir / "t.json").string();
  REQUIRE(db.run({"export", "fhir", "--patient", "T-1", "--out", out}).exit_code == 0);
  std::ifstream in(out);
  const auto bundle = nlohmann::json::parse(in);
  int observations = 0;
  for (const auto& e : bundle["entry"]) {
    const auto& r = e["resource"];
    if (r["resourceType"] != "Observation" || !r.contains("valueQuantity")) continue;
    const std::string text = r["code"]["text"];
    if (text.rfind("NfL", 0) == 0) {
      ++observations;
      CHECK(r["valueQuantity"]["value"] == 85.5);
      CHECK(r["valueQuantity"]["code"] == "pg/mL");
      CHECK_FALSE(r.contains("referenceRange"));  // none recorded
      CHECK_FALSE(r.contains("interpretation"));
    }
    if (text.rfind("CSF-WBC", 0) == 0) {
      ++observations;
      CHECK(r["valueQuantity"]["code"] == "/uL");
      CHECK(r["referenceRange"][0]["high"]["value"] == 5);
      CHECK(r["interpretation"][0]["coding"][0]["code"] == "H");  // high, never "critical" (no rule of ours)
    }
  }
  CHECK(observations == 2);
}
