// End-to-end checks of the defects a user test of issue 13 found, each as the user met it with alsmeds-cli.
// Patient in UTC, ULN 40 U/L: 210 U/L on 2026-03-10 is 5.25x (a stop alert), shown as 5.3x.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::id_of;
using alsmeds::test::split_csv_line;
using alsmeds::test::TempDb;

namespace {

// The riluzole row of `report adherence` (--patient P or --all), as column -> value.
std::map<std::string, std::string> riluzole_row(const TempDb& db, const std::string& who,
                                                const std::string& from, const std::string& to) {
  std::vector<std::string> args{"report", "adherence", "--from", from, "--to", to, "--format", "csv"};
  if (who == "--all")
    args.push_back("--all");
  else
    args.insert(args.end(), {"--patient", who});
  const auto r = db.run(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto lines = r.out_lines();
  REQUIRE(lines.size() >= 2u);
  const auto header = split_csv_line(lines[0]);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto cells = split_csv_line(lines[i]);
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < header.size() && c < cells.size(); ++c) row[header[c]] = cells[c];
    if (row["drug"] == "riluzole") return row;
  }
  FAIL("no riluzole row");
  return {};
}

std::string patient_with_stop_alert_and_doubled_dose(const TempDb& db) {
  const std::string p = id_of(db.run({"patient", "add", "--name", "Lee", "--tz", "UTC", "--mrn", "L-13"}));
  id_of(db.run(
      {"log", "lab", "--patient", p, "--test", "ALT", "--value", "30", "--uln", "40", "--at", "2026-02-27"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "210", "--uln", "40", "--at",
                "2026-03-10"}));
  id_of(db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-12T08:00"}));
  id_of(
      db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-12T08:30"}));  // doubled
  return p;
}

}  // namespace

TEST_CASE("Report adherence: --patient and --all count the same open alerts and show 5.25x as 5.3") {
  TempDb db;
  const std::string p = patient_with_stop_alert_and_doubled_dose(db);
  // A period of one day, 2 days after the doubled dose: the stop alert and the doubled dose are open.
  const auto one = riluzole_row(db, p, "2026-03-14", "2026-03-14");
  const auto all = riluzole_row(db, "--all", "2026-03-14", "2026-03-14");
  CHECK(one.at("open_alerts") == "2");
  CHECK(all.at("open_alerts") == "2");
  CHECK(one.at("last_alt_x_uln") == "5.3");
  CHECK(all.at("last_alt_x_uln") == "5.3");
  const auto due = db.run({"due", "--patient", p, "--on", "2026-03-14", "--format", "csv"}).out;
  CHECK_THAT(due, Catch::Contains("ALT 5.3x ULN: 5x ULN or more"));
  CHECK_THAT(due, Catch::Contains("after ALT 5.3x ULN on 2026-03-10"));
  CHECK_THAT(due, !Catch::Contains("5.2x"));
}

TEST_CASE("alert decide: the decided stop alert leaves due and the report's open alerts") {
  TempDb db;
  const std::string p = patient_with_stop_alert_and_doubled_dose(db);
  id_of(db.run({"alert", "decide", "--patient", p, "--alt-date", "2026-03-10", "--decision", "continue",
                "--prescriber", "Dr Ruiz", "--reason", "re-test in 7 days"}));
  const auto due = db.run({"due", "--patient", p, "--on", "2026-03-14", "--format", "csv"}).out;
  CHECK_THAT(due, !Catch::Contains("5x ULN or more"));
  CHECK_THAT(due, !Catch::Contains("ON HOLD"));
  CHECK_THAT(due, Catch::Contains("doubled dose"));  // not answered: still open
  CHECK(riluzole_row(db, p, "2026-03-14", "2026-03-14").at("open_alerts") == "1");
  CHECK(riluzole_row(db, "--all", "2026-03-14", "2026-03-14").at("open_alerts") == "1");
}

TEST_CASE("history: a weight dated by day sorts by its day in the patient's zone, not at 00:00 UTC") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "Ny", "--tz", "America/New_York"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  const std::string dose =
      id_of(db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-09T21:00"}));
  const std::string weight =
      id_of(db.run({"log", "weight", "--patient", p, "--kg", "70", "--at", "2026-03-10"}));
  const auto lines = db.run({"history", "--patient", p, "--format", "csv"}).out_lines();
  REQUIRE(lines.size() == 3u);
  // Newest first: the weight of Mar 10 above the dose of Mar 9 21:00 local (Mar 10 01:00 UTC).
  CHECK(split_csv_line(lines[1])[0] == weight);
  CHECK(split_csv_line(lines[2])[0] == dose);
}

TEST_CASE("export: a riluzole switch to suspension is in the iCalendar and FHIR exports from its day on") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "Sw", "--tz", "Europe/Paris"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  id_of(db.run({"therapy", "switch", "--patient", p, "--drug", "riluzole", "--form", "suspension", "--date",
                "2026-03-10", "--reason", "dysphagia"}));
  const std::string ics = (db.dir / "p.ics").string(), fhir = (db.dir / "p.json").string();
  REQUIRE(
      db.run({"export", "ics", "--patient", p, "--out", ics, "--from", "2026-03-09", "--to", "2026-03-10"})
          .exit_code == 0);
  std::ifstream in(ics);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto event = [&](const std::string& uid) {
    const auto at = text.find("UID:" + uid);
    REQUIRE(at != std::string::npos);
    return text.substr(at, text.find("END:VEVENT", at) - at);
  };
  CHECK_THAT(event("riluzole:1:2026-03-09:2@alsmeds"),
             Catch::Contains("SUMMARY:Riluzole tablet\\, 1 tablet (50 mg)"));
  CHECK_THAT(event("riluzole:1:2026-03-10:1@alsmeds"),
             Catch::Contains("SUMMARY:Riluzole suspension\\, 10 mL (50 mg)"));
  CHECK_THAT(event("riluzole:1:2026-03-10:1@alsmeds"), Catch::Contains("SEQUENCE:1"));
  REQUIRE(db.run({"export", "fhir", "--patient", p, "--out", fhir}).exit_code == 0);
  std::ifstream jin(fhir);
  const auto bundle = nlohmann::json::parse(jin);
  bool seen = false;
  for (const auto& e : bundle["entry"]) {
    const auto& r = e["resource"];
    if (r["resourceType"] != "MedicationRequest") continue;
    seen = true;
    const auto& dosage = r["dosageInstruction"];
    REQUIRE(dosage.size() == 2u);
    CHECK(dosage[0]["timing"]["repeat"]["boundsPeriod"]["end"] == "2026-03-09");
    CHECK_THAT(dosage[0]["text"].get<std::string>(), Catch::Contains("tablet"));
    CHECK(dosage[1]["timing"]["repeat"]["boundsPeriod"]["start"] == "2026-03-10");
    CHECK_THAT(dosage[1]["text"].get<std::string>(),
               Catch::Contains("Riluzole suspension, 10 mL (50 mg) every 12 hours (Tiglutik)"));
  }
  CHECK(seen);
}
