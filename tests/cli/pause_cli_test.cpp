// therapy pause and therapy resume end to end (issue 25: a hospital stay without stop and restart). Patient
// in UTC; riluzole from 2026-03-01 at 08:00 and 20:00; IV edaravone from 2026-03-02 (earliest policy). Worked
// by hand from docs/domain.md: cycle 1 is 03-02..03-15, cycle 2 starts 03-30 with doses 03-30..04-08; a pause
// 04-02..04-05 moves cycle 2's doses from 04-02 to after it (04-06 on, day 8 of its window) as a delay of a
// started cycle does, and cycle 3 from 04-27 to 05-01. The liver tests keep their calendar (month 1 on
// 04-01).
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::id_of;
using alsmeds::test::TempDb;

namespace {

std::string patient_on_both(const TempDb& db) {
  const std::string p = id_of(db.run({"patient", "add", "--name", "Bo Park", "--tz", "UTC", "--mrn", "P-1"}));
  id_of(db.run(
      {"log", "lab", "--patient", p, "--test", "ALT", "--value", "30", "--uln", "40", "--at", "2026-02-27"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "edaravone", "--start", "2026-03-02"}));
  return p;
}

std::string ics(const TempDb& db, const std::string& p, const std::string& file,
                const std::string& to = "2026-03-20") {
  REQUIRE(db.run({"export", "ics", "--patient", p, "--out", file, "--from", "2026-03-01", "--to", to})
              .exit_code == 0);
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The lines of the VEVENT whose UID is `uid`.
std::string event(const std::string& text, const std::string& uid) {
  const auto at = text.find("UID:" + uid);
  REQUIRE(at != std::string::npos);
  const auto begin = text.rfind("BEGIN:VEVENT", at);
  return text.substr(begin, text.find("END:VEVENT", at) - begin);
}

}  // namespace

TEST_CASE(
    "therapy pause: riluzole doses of a hospital stay are neither due nor counted, only they are cancelled") {
  TempDb db;
  const std::string p = patient_on_both(db);
  const std::string before = ics(db, p, db.path + ".before.ics");
  CHECK(count(before, "STATUS:CANCELLED") == 0);
  const auto paused = db.run({"therapy", "pause", "--patient", p, "--drug", "riluzole", "--from",
                              "2026-03-10", "--to", "2026-03-16", "--reason", "hospital stay"});
  INFO(paused.err);
  REQUIRE(paused.exit_code == 0);
  const auto due = db.run({"due", "--patient", p, "--on", "2026-03-17", "--format", "csv"}).out;
  CHECK_THAT(due, !Catch::Contains("2026-03-1" + std::string("0T")));
  CHECK_THAT(due, !Catch::Contains("2026-03-16T"));
  CHECK_THAT(due, Catch::Contains("2026-03-17T08:00:00+00:00,due,riluzole"));
  // The liver tests go on by the calendar: month 1 on 04-01, as without the pause.
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-04-01", "--format", "csv"}).out,
             Catch::Contains("2026-04-01"));
  // 7 days x 2 doses cancelled; the rest of the calendar unchanged, the same UIDs.
  const std::string after = ics(db, p, db.path + ".after.ics");
  CHECK(count(after, "STATUS:CANCELLED") == 14);
  CHECK(count(after, "UID:") == count(before, "UID:"));
  CHECK_THAT(event(after, "riluzole:1:2026-03-12:1@"), Catch::Contains("STATUS:CANCELLED"));
  CHECK_THAT(event(after, "riluzole:1:2026-03-09:2@"), !Catch::Contains("CANCELLED"));
  CHECK_THAT(event(after, "riluzole:1:2026-03-17:1@"), !Catch::Contains("CANCELLED"));
  // Adherence over 03-08..03-17 with every dose outside the pause taken: 3 days x 2 doses prescribed, all
  // taken, every day as prescribed (the paused days prescribe nothing and have nothing).
  for (const char* at : {"2026-03-08T08:00", "2026-03-08T20:00", "2026-03-09T08:00", "2026-03-09T20:00",
                         "2026-03-17T08:00", "2026-03-17T20:00"})
    REQUIRE(db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", at}).exit_code == 0);
  const auto report = db.run({"report", "adherence", "--patient", p, "--from", "2026-03-08", "--to",
                              "2026-03-17", "--format", "csv"})
                          .out;
  CHECK_THAT(report, Catch::Contains("1,P-1,riluzole,6,6,100.0,100.0,NA,100.0,0,"));
}

TEST_CASE("therapy resume ends a pause early: its later doses are planned again, a version later") {
  TempDb db;
  const std::string p = patient_on_both(db);
  REQUIRE(db.run({"therapy", "pause", "--patient", p, "--drug", "riluzole", "--from", "2026-03-10", "--to",
                  "2026-03-16", "--reason", "hospital stay"})
              .exit_code == 0);
  const auto resumed = db.run({"therapy", "resume", "--patient", p, "--drug", "riluzole", "--date",
                               "2026-03-14", "--reason", "home early"});
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-03-15", "--format", "csv"}).out,
             Catch::Contains("2026-03-14T08:00:00+00:00,overdue,riluzole"));
  const std::string after = ics(db, p, db.path + ".ics");
  CHECK(count(after, "STATUS:CANCELLED") == 8);  // 03-10..03-13
  const std::string again = event(after, "riluzole:1:2026-03-14:1@");
  CHECK_THAT(again, !Catch::Contains("CANCELLED"));
  CHECK_THAT(again, Catch::Contains("SEQUENCE:2"));  // above the cancelled version's 1
  const auto audit = db.run({"audit", "--patient", p, "--format", "csv"}).out;
  CHECK_THAT(audit, Catch::Contains("pause,therapy,1,1,paused 2026-03-10 to 2026-03-16: hospital stay"));
  CHECK_THAT(audit,
             Catch::Contains("resume,therapy,1,1,resumed 2026-03-14 (pause from 2026-03-10): home early"));
  // Nothing left to resume.
  CHECK(db.run({"therapy", "resume", "--patient", p, "--drug", "riluzole", "--date", "2026-03-20", "--reason",
                "x"})
            .exit_code == 2);
}

TEST_CASE("therapy pause of edaravone re-flows the cycles as a delay of a started cycle does") {
  TempDb db;
  const std::string p = patient_on_both(db);
  const auto paused = db.run({"therapy", "pause", "--patient", p, "--drug", "edaravone", "--from",
                              "2026-04-02", "--to", "2026-04-05", "--reason", "pneumonia"});
  INFO(paused.err);
  REQUIRE(paused.exit_code == 0);
  CHECK_THAT(paused.err, Catch::Contains("cycle 2 now ends on 2026-04-30 (was 2026-04-26)"));
  const auto due = db.run({"due", "--patient", p, "--on", "2026-04-06", "--format", "csv"}).out;
  CHECK_THAT(due, Catch::Contains("2026-04-01,overdue,edaravone"));
  CHECK_THAT(due, !Catch::Contains("2026-04-02,"));
  CHECK_THAT(due, !Catch::Contains("2026-04-05,"));
  CHECK_THAT(due, Catch::Contains("2026-04-06,due,edaravone,\"IV 60 mg over 60 min, cycle 2 day 8\""));
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-05-01", "--format", "csv"}).out,
             Catch::Contains("2026-05-01,due,edaravone,\"IV 60 mg over 60 min, cycle 3 day 1\""));
  // The calendar moves the events (same UID, a later SEQUENCE); nothing edaravone is cancelled.
  const std::string cal = ics(db, p, db.path + ".ics", "2026-05-10");
  const std::string fourth = event(cal, "edaravone:2:c2:d4@");  // first planned on 04-02
  CHECK_THAT(fourth, Catch::Contains("DTSTART:20260406T"));
  CHECK_THAT(fourth, Catch::Contains("SEQUENCE:1"));
  CHECK_THAT(event(cal, "edaravone:2:c2:d3@"), Catch::Contains("SEQUENCE:0"));  // 04-01, before the pause
  CHECK(count(cal, "STATUS:CANCELLED") == 0);
}

TEST_CASE("therapy pause refuses what cannot be meant, exit 2, nothing stored") {
  TempDb db;
  const std::string p = patient_on_both(db);
  id_of(db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-12T08:00"}));
  const auto refused = [&](std::vector<std::string> args, const std::string& says) {
    std::vector<std::string> full{"therapy", "pause", "--patient", p, "--reason", "stay"};
    full.insert(full.end(), args.begin(), args.end());
    const auto r = db.run(full);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(says));
  };
  refused({"--drug", "riluzole", "--from", "2026-03-10", "--to", "2026-03-14"},
          "a pause never hides a logged dose");
  refused({"--drug", "riluzole", "--from", "2026-03-20", "--to", "2026-03-19"}, "before it begins");
  refused({"--drug", "riluzole", "--from", "2026-03-20", "--to", "2026-06-30"}, "longer than 90");
  refused({"--drug", "riluzole", "--from", "2026-02-01", "--to", "2026-02-03"}, "no riluzole course running");
  REQUIRE(db.run({"therapy", "pause", "--patient", p, "--drug", "riluzole", "--from", "2026-03-20", "--to",
                  "2026-03-25", "--reason", "stay"})
              .exit_code == 0);
  refused({"--drug", "riluzole", "--from", "2026-03-24", "--to", "2026-03-28"}, "paused from 2026-03-20");
  CHECK(db.run({"therapy", "pause", "--patient", p, "--drug", "riluzole", "--from", "2026-03-26", "--to",
                "2026-03-27", "--reason", "  "})
            .exit_code == 2);
  const auto audit = db.run({"audit", "--patient", p, "--format", "csv"}).out;
  CHECK(count(audit, ",pause,") == 1);
}
