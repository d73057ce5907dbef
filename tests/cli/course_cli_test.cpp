// End-to-end: the course of edaravone as clinics live it (issue 13): delays of started and finished cycles,
// switches of form. Every expected day is worked by hand from the label rule in docs/domain.md:
//
//   IV from Mon 2026-01-05. Cycle 1: a dose every day Jan 5-18 (14), drug-free Jan 19 - Feb 1.
//   Cycle 2 starts Jan 5 + 28 = Mon Feb 2; policy earliest: Feb 2-11 (10 doses), window to Feb 15,
//   drug-free Feb 16 - Mar 1. Cycle 3 starts Feb 2 + 28 = Mon Mar 2.
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

std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

// Logs the infusion of 2026-MM-DD given at 10:00 (the patient is in UTC).
void given(const TempDb& db, const std::string& p, int month, int day) {
  const auto r = db.run({"log", "dose", "--patient", p, "--drug", "edaravone", "--at",
                         "2026-" + two(month) + "-" + two(day) + "T10:00", "--status", "taken"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

std::string start_iv(const TempDb& db) {
  const std::string p = id_of(db.run({"patient", "add", "--name", "Eda", "--tz", "UTC", "--mrn", "E-13"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "edaravone", "--start", "2026-01-05"}));
  return p;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The edaravone events of an iCalendar file: day (YYYYMMDD) -> summary.
std::map<std::string, std::string> edaravone_events(const std::string& ics) {
  std::map<std::string, std::string> out;
  for (auto at = ics.find("BEGIN:VEVENT"); at != std::string::npos; at = ics.find("BEGIN:VEVENT", at + 1)) {
    const std::string ev = ics.substr(at, ics.find("END:VEVENT", at) - at);
    if (ev.find("UID:edaravone:") == std::string::npos) continue;
    const auto start = ev.find("DTSTART");
    const auto colon = ev.find(':', start);
    const auto summary = ev.find("SUMMARY:");
    out[ev.substr(colon + 1, 8)] = ev.substr(summary + 8, ev.find('\r', summary) - summary - 8);
  }
  return out;
}

// The csv row of report adherence for the patient's edaravone, as column -> value.
std::map<std::string, std::string> adherence_row(const TempDb& db, const std::string& p,
                                                 const std::string& from, const std::string& to) {
  const auto r =
      db.run({"report", "adherence", "--patient", p, "--from", from, "--to", to, "--format", "csv"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto lines = r.out_lines();
  REQUIRE(lines.size() >= 2u);
  const auto header = split_csv_line(lines[0]);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto cells = split_csv_line(lines[i]);
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < header.size() && c < cells.size(); ++c) row[header[c]] = cells[c];
    if (row["drug"] == "edaravone") return row;
  }
  FAIL("no edaravone row");
  return {};
}

}  // namespace

TEST_CASE("Delay of a started cycle: given doses never move, what is left moves, every output agrees") {
  TempDb db;
  const std::string p = start_iv(db);
  for (int d = 5; d <= 18; ++d) given(db, p, 1, d);
  for (int d = 2; d <= 4; ++d) given(db, p, 2, d);  // cycle 2 days 1-3
  // Delay by 5 days on Feb 4 evening: the 7 doses left (planned Feb 5-11) move 5 days: Feb 10-16. The
  // window (Feb 2-15) grows by 5 to Feb 20; cycle 3 moves 5 days to Mar 7 (Feb 20 + 14 drug-free + 1).
  const auto shifted = db.run({"therapy", "shift", "--patient", p, "--drug", "edaravone", "--cycle", "2",
                               "--days", "5", "--reason", "hospital stay"});
  id_of(shifted);
  CHECK_THAT(shifted.err, Catch::Contains("3 logged doses stay") &&
                              Catch::Contains("7 left move to 2026-02-10 - 2026-02-16"));

  // due: the next infusion is Feb 10, nothing on Feb 5-9, and the given ones are not asked for again.
  const std::string due = db.run({"due", "--patient", p, "--on", "2026-02-05", "--format", "csv"}).out;
  CHECK_THAT(due, Catch::Contains("infusion,2026-02-10,coming,edaravone"));
  CHECK_THAT(due, !Catch::Contains("overdue"));

  // iCalendar from Feb 1: the 3 given infusions where they were given, then Feb 10-16: 10 in all, cycle 2
  // days 1-3 and 9-15 (Feb 10 is the window's 9th day); none on Feb 5-9 and none after Feb 16 in February.
  const std::string ics = (db.dir / "plan.ics").string();
  REQUIRE(
      db.run({"export", "ics", "--patient", p, "--out", ics, "--from", "2026-02-01", "--to", "2026-02-28"})
          .exit_code == 0);
  const auto events = edaravone_events(read_file(ics));
  std::vector<std::string> days;
  for (const auto& [d, s] : events) days.push_back(d);
  CHECK(days == std::vector<std::string>{"20260202", "20260203", "20260204", "20260210", "20260211",
                                         "20260212", "20260213", "20260214", "20260215", "20260216"});
  CHECK(events.at("20260210") == "Edaravone IV\\, 60 mg over 60 min - cycle 2\\, day 9");

  // FHIR: cycle 2's request is bounded Feb 2 (its start, the given doses inside) to Feb 20 (the grown
  // window).
  const std::string fhir = (db.dir / "bundle.json").string();
  REQUIRE(db.run({"export", "fhir", "--patient", p, "--out", fhir}).exit_code == 0);
  const auto bundle = nlohmann::json::parse(read_file(fhir));
  bool found = false;
  for (const auto& e : bundle["entry"])
    if (e["resource"]["id"].get<std::string>().ends_with("-cycle-2")) {
      const auto& bounds = e["resource"]["dosageInstruction"][0]["timing"]["repeat"]["boundsPeriod"];
      CHECK(bounds["start"] == "2026-02-02");
      CHECK(bounds["end"] == "2026-02-20");
      found = true;
    }
  CHECK(found);

  // Once the rest is given as planned, Jan 1 - Feb 28 is all on time: 24 of 24, every day right.
  for (int d = 10; d <= 16; ++d) given(db, p, 2, d);
  auto row = adherence_row(db, p, "2026-01-01", "2026-02-28");
  CHECK(row["scheduled"] == "24");
  CHECK(row["taken"] == "24");
  CHECK(row["taking_pct"] == "100.0");
  CHECK(row["timing_pct"] == "100.0");
  CHECK(row["correct_days_pct"] == "100.0");
}

TEST_CASE("Delay of a finished cycle is refused and history stays as it was") {
  TempDb db;
  const std::string p = start_iv(db);
  for (int d = 5; d <= 18; ++d) given(db, p, 1, d);
  for (int d = 2; d <= 11; ++d) given(db, p, 2, d);  // cycle 2: all 10 given
  auto before = adherence_row(db, p, "2026-01-01", "2026-02-28");
  CHECK(before["timing_pct"] == "100.0");
  const auto r = db.run({"therapy", "shift", "--patient", p, "--drug", "edaravone", "--cycle", "2", "--days",
                         "3", "--reason", "late entry"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("cycle 2 is finished") && Catch::Contains("delay cycle 3 instead"));
  CHECK(adherence_row(db, p, "2026-01-01", "2026-02-28") == before);
  // Cycle 1 is followed by a cycle with logged doses: refused too.
  CHECK(db.run({"therapy", "shift", "--patient", p, "--drug", "edaravone", "--cycle", "1", "--days", "2",
                "--reason", "x"})
            .exit_code == 2);
  // Cycle 3 (Mar 2, nothing logged) can still be delayed as a whole: Mar 2 + 3 = Mar 5.
  id_of(db.run({"therapy", "shift", "--patient", p, "--drug", "edaravone", "--cycle", "3", "--days", "3",
                "--reason", "holiday"}));
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-03-02", "--format", "csv"}).out,
             Catch::Contains("infusion,2026-03-05,coming,edaravone"));
}

TEST_CASE("Delay of a started cycle: an interruption longer than 14 days in all is refused with what to do") {
  TempDb db;
  const std::string p = start_iv(db);
  given(db, p, 1, 5);
  const auto r = db.run({"therapy", "shift", "--patient", p, "--drug", "edaravone", "--cycle", "1", "--days",
                         "15", "--reason", "hospital"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("record the doses left missed, or stop the course"));
  id_of(db.run({"therapy", "shift", "--patient", p, "--drug", "edaravone", "--cycle", "1", "--days", "10",
                "--reason", "hospital"}));
  CHECK(db.run({"therapy", "shift", "--patient", p, "--drug", "edaravone", "--cycle", "1", "--days", "5",
                "--reason", "again"})
            .exit_code == 2);
}

TEST_CASE("therapy switch IV to oral: the calendar goes on, the dose changes from the switch day") {
  TempDb db;
  const std::string p = start_iv(db);
  for (int d = 2; d <= 5; ++d) given(db, p, 2, d);  // cycle 2 days 1-4 IV
  // Switching on Feb 4 would re-label the infusions given Feb 4 and 5: refused.
  const auto early = db.run({"therapy", "switch", "--patient", p, "--drug", "edaravone", "--form", "oral",
                             "--date", "2026-02-04", "--reason", "home"});
  CHECK(early.exit_code == 2);
  CHECK_THAT(early.err, Catch::Contains("already logged on 2026-02-04"));
  const auto sw = db.run({"therapy", "switch", "--patient", p, "--drug", "edaravone", "--form", "oral",
                          "--date", "2026-02-06", "--reason", "home treatment"});
  id_of(sw);
  CHECK_THAT(sw.err, Catch::Contains("overnight fast"));
  CHECK(db.run({"therapy", "switch", "--patient", p, "--drug", "edaravone", "--form", "oral", "--date",
                "2026-02-10", "--reason", "again"})
            .exit_code == 2);

  // Cycle 2 days 5-10 are oral on Feb 6-11; cycle 3 starts Mar 2 on the same grid, oral.
  const std::string feb6 = db.run({"due", "--patient", p, "--on", "2026-02-06", "--format", "csv"}).out;
  CHECK_THAT(feb6, Catch::Contains("dose,2026-02-06,due,edaravone,\"oral 105 mg") &&
                       Catch::Contains("cycle 2 day 5"));
  const std::string mar2 = db.run({"due", "--patient", p, "--on", "2026-03-02", "--format", "csv"}).out;
  CHECK_THAT(mar2, Catch::Contains("dose,2026-03-02,due,edaravone,\"oral 105 mg") &&
                       Catch::Contains("cycle 3 day 1"));

  const std::string ics = (db.dir / "plan.ics").string();
  REQUIRE(
      db.run({"export", "ics", "--patient", p, "--out", ics, "--from", "2026-02-01", "--to", "2026-03-03"})
          .exit_code == 0);
  const auto events = edaravone_events(read_file(ics));
  CHECK(events.size() == 12u);  // Feb 2-11, Mar 2-3
  CHECK(events.at("20260205") == "Edaravone IV\\, 60 mg over 60 min - cycle 2\\, day 4");
  CHECK(events.at("20260206") == "Edaravone oral\\, 105 mg / 5 mL - cycle 2\\, day 5");
  CHECK(events.at("20260211") == "Edaravone oral\\, 105 mg / 5 mL - cycle 2\\, day 10");
  CHECK(events.at("20260302") == "Edaravone oral\\, 105 mg / 5 mL - cycle 3\\, day 1");

  // FHIR: cycle 2 is IV Feb 2-5 (4 doses), then oral Feb 6-11 (6 doses).
  const std::string fhir = (db.dir / "bundle.json").string();
  REQUIRE(db.run({"export", "fhir", "--patient", p, "--out", fhir}).exit_code == 0);
  const auto bundle = nlohmann::json::parse(read_file(fhir));
  for (const auto& e : bundle["entry"])
    if (e["resource"]["id"].get<std::string>().ends_with("-cycle-2")) {
      const auto& dosage = e["resource"]["dosageInstruction"];
      REQUIRE(dosage.size() == 2u);
      CHECK(dosage[0]["route"]["text"] == "intravenous");
      CHECK(dosage[0]["timing"]["repeat"]["boundsPeriod"]["end"] == "2026-02-05");
      CHECK(dosage[0]["timing"]["repeat"]["count"] == 4);
      CHECK(dosage[1]["route"]["text"] == "oral");
      CHECK(dosage[1]["timing"]["repeat"]["boundsPeriod"]["start"] == "2026-02-06");
      CHECK(dosage[1]["timing"]["repeat"]["count"] == 6);
    }
  CHECK_THAT(db.run({"audit", "--patient", p, "--format", "csv"}).out,
             Catch::Contains("switched to oral from 2026-02-06: home treatment"));
}

TEST_CASE("therapy switch riluzole tablet to suspension: the dose times go on, the unit changes") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "R", "--tz", "UTC", "--feeding-tube"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-01-05"}));
  id_of(db.run({"therapy", "switch", "--patient", p, "--drug", "riluzole", "--form", "suspension", "--date",
                "2026-01-10", "--reason", "PEG placed"}));
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-01-09", "--format", "csv"}).out,
             Catch::Contains("1 tablet (50 mg)"));
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-01-10", "--format", "csv"}).out,
             Catch::Contains("10 mL (50 mg)"));
  const auto film = db.run({"therapy", "switch", "--patient", p, "--drug", "riluzole", "--form", "film",
                            "--date", "2026-01-20", "--reason", "taste"});
  id_of(film);
  CHECK_THAT(film.err, Catch::Contains("not for feeding tubes"));
  CHECK(db.run({"therapy", "switch", "--patient", p, "--drug", "riluzole", "--form", "gel", "--date",
                "2026-01-25", "--reason", "x"})
            .exit_code == 2);
}

TEST_CASE("A second riluzole dose 20 min after another is recorded with a warning and an alert") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "R", "--tz", "UTC"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  // 19:30 answers the 20:00 dose (30 min away; 08:00 is 11.5 h away).
  const auto first =
      db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-08T19:30"});
  id_of(first);
  CHECK(first.err.empty());
  const auto second =
      db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-08T19:50"});
  id_of(second);  // recorded: the log says what happened
  CHECK_THAT(second.err, Catch::Contains("already recorded taken") && Catch::Contains("extra dose") &&
                             Catch::Contains("doubled dose"));
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-03-08", "--format", "csv"}).out,
             Catch::Contains("alert,2026-03-08,alert,riluzole,doubled dose") &&
                 Catch::Contains("20 min apart (19:30 and 19:50)"));
  auto row = [&] {
    const auto r = db.run({"report", "adherence", "--patient", p, "--from", "2026-03-08", "--to",
                           "2026-03-08", "--format", "csv"});
    REQUIRE(r.exit_code == 0);
    const auto header = split_csv_line(r.out_lines().at(0));
    const auto cells = split_csv_line(r.out_lines().at(1));
    std::map<std::string, std::string> m;
    for (std::size_t i = 0; i < header.size(); ++i) m[header[i]] = cells.at(i);
    return m;
  }();
  CHECK(row["taken"] == "1");  // one planned dose taken (20:00); the extra one is not a planned dose
  CHECK(row["deviations"] == "1");
  CHECK(row["start_delay_days"] == "NA");
}

TEST_CASE("report adherence: deviations and start delay per row, in CSV, HTML and PDF") {
  TempDb db;
  const std::string p = start_iv(db);
  for (int d = 5; d <= 18; ++d) given(db, p, 1, d);
  // Jan 25 is in cycle 1's drug-free period (Jan 19 - Feb 1): logged with a warning, a deviation.
  given(db, p, 1, 25);
  // Cycle 2 delayed 3 days before it started: Feb 5; given Feb 5-14 and twice on Feb 6.
  id_of(db.run({"therapy", "shift", "--patient", p, "--drug", "edaravone", "--cycle", "2", "--days", "3",
                "--reason", "flu"}));
  for (int d = 5; d <= 14; ++d) given(db, p, 2, d);
  const auto twice =
      db.run({"log", "dose", "--patient", p, "--drug", "edaravone", "--at", "2026-02-06T15:00"});
  id_of(twice);
  CHECK_THAT(twice.err, Catch::Contains("already recorded taken"));
  auto row = adherence_row(db, p, "2026-01-01", "2026-02-28");
  CHECK(row["taking_pct"] == "100.0");
  // Jan 25 in a drug-free period; two doses on Feb 6; 11 doses in cycle 2's window (at most 10).
  CHECK(row["deviations"] == "3");
  CHECK(row["start_delay_days"] == "3");
  const std::string html = (db.dir / "r.html").string();
  REQUIRE(db.run({"report", "adherence", "--patient", p, "--from", "2026-01-01", "--to", "2026-02-28",
                  "--format", "html", "--out", html})
              .exit_code == 0);
  const std::string text = read_file(html);
  CHECK_THAT(text,
             Catch::Contains("<th>Dev.</th><th>Delay</th>") && Catch::Contains("<td>3</td><td>3 d</td>"));
}

TEST_CASE("Restart after a stop: cycle 1 is the prescriber's explicit choice, recorded and shown") {
  TempDb db;
  const std::string p = start_iv(db);
  for (int d = 2; d <= 5; ++d) given(db, p, 2, d);
  id_of(db.run({"therapy", "stop", "--patient", p, "--drug", "edaravone", "--date", "2026-02-05", "--reason",
                "home care"}));
  const std::vector<std::string> restart{"therapy",   "start",  "--patient", p,         "--drug",
                                         "edaravone", "--form", "oral",      "--start", "2026-02-06"};
  const auto silent = db.run(restart);
  CHECK(silent.exit_code == 2);
  CHECK_THAT(silent.err, Catch::Contains("a restart needs the prescriber's choice of cycle 1"));
  auto with = restart;
  with.insert(with.end(), {"--first-cycle", "10-of-14"});
  CHECK(db.run(with).exit_code == 2);  // and the reason
  with.insert(with.end(), {"--restart-reason", "tolerated 10 of 14 before"});
  const auto ok = db.run(with);
  id_of(ok);
  // Feb 6 is in cycle 2 of the stopped course (drug-free to Mar 1): the switch is pointed to.
  CHECK_THAT(ok.err, Catch::Contains("restart: cycle 1 10 doses in 14 days") &&
                         Catch::Contains("drug-free days run to 2026-03-01") &&
                         Catch::Contains("therapy switch"));
  // Cycle 1 from Feb 6, 10 of 14 under earliest: Feb 6-15; nothing on Feb 16.
  CHECK_THAT(
      db.run({"due", "--patient", p, "--on", "2026-02-15", "--format", "csv"}).out,
      Catch::Contains("dose,2026-02-15,due,edaravone") && Catch::Contains("(restart: cycle 1 10-of-14)"));
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-02-16", "--format", "csv"}).out,
             !Catch::Contains("2026-02-16,due,edaravone"));
  CHECK_THAT(db.run({"audit", "--patient", p, "--format", "csv"}).out,
             Catch::Contains("restart with cycle 1 10-of-14: tolerated 10 of 14 before"));
  // A first course never starts with 10 of 14.
  const std::string q = id_of(db.run({"patient", "add", "--name", "New", "--tz", "UTC"}));
  CHECK(db.run({"therapy", "start", "--patient", q, "--drug", "edaravone", "--start", "2026-02-06",
                "--first-cycle", "10-of-14", "--restart-reason", "x"})
            .exit_code == 2);
}

TEST_CASE(
    "therapy start of IV edaravone says when cycle 1 loses a dose to a closed day and --fit-start moves it") {
  // Issue 25: cycle 1 of 13 doses went by without a word. Start Monday 2026-03-02, the clinic closed on
  // Friday 03-06: 13 of the 14 daily doses fit. The first start whose 14 days (start .. start+13) miss
  // 03-06 is 03-07.
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "E", "--tz", "UTC"}));
  id_of(db.run({"closed", "add", "--date", "2026-03-06", "--reason", "staff training"}));
  const auto shortened = db.run(
      {"therapy", "start", "--patient", p, "--drug", "edaravone", "--form", "iv", "--start", "2026-03-02"});
  id_of(shortened);
  CHECK_THAT(shortened.err, Catch::Contains("cycle 1 is short: 13 of 14 doses"));
  CHECK_THAT(shortened.err, Catch::Contains("2026-03-07 (--fit-start)"));
  const std::string q = id_of(db.run({"patient", "add", "--name", "F", "--tz", "UTC"}));
  const auto fitted = db.run({"therapy", "start", "--patient", q, "--drug", "edaravone", "--form", "iv",
                              "--start", "2026-03-02", "--fit-start"});
  id_of(fitted);
  CHECK_THAT(fitted.err, Catch::Contains("start moved from 2026-03-02 to 2026-03-07"));
  CHECK(fitted.err.find("short") == std::string::npos);
  CHECK_THAT(db.run({"due", "--patient", q, "--on", "2026-03-07", "--format", "csv"}).out,
             Catch::Contains("cycle 1 day 1"));
  CHECK(db.run({"therapy", "start", "--patient", q, "--drug", "riluzole", "--start", "2026-03-02",
                "--fit-start"})
            .exit_code == 2);
}
