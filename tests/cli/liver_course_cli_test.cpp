// End-to-end: riluzole's course around the liver rules (issues 13 and 25): a stop alert and the
// prescriber's decision, a restart after a stop for 5x ULN, the checks at start, doses held by an alert.
// Expectations by hand from the labels quoted in docs/domain.md (riluzole, liver tests).
#include <catch2/catch.hpp>
#include <string>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::id_of;
using alsmeds::test::TempDb;

TEST_CASE("A stop alert stands after a normal ALT, riluzole on hold, until the prescriber's decision") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "L", "--tz", "UTC"}));
  id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "30", "--uln", "40", "--at",
                "2026-02-27"}));  // baseline
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  const auto high = db.run(
      {"log", "lab", "--patient", p, "--test", "ALT", "--value", "240", "--uln", "40", "--at", "2026-03-10"});
  id_of(high);
  CHECK_THAT(high.err, Catch::Contains("discontinue riluzole"));
  id_of(db.run(
      {"log", "lab", "--patient", p, "--test", "ALT", "--value", "35", "--uln", "40", "--at", "2026-03-14"}));
  const std::string before = db.run({"due", "--patient", p, "--on", "2026-03-16", "--format", "csv"}).out;
  CHECK_THAT(before, Catch::Contains("alert,2026-03-10,alert,riluzole,\"ALT 6.0x ULN: 5x ULN or more"));
  CHECK_THAT(before, Catch::Contains("ON HOLD pending the prescriber's decision"));
  // A decision needs who and why; one on a day without a stop alert is refused.
  CHECK(db.run({"alert", "decide", "--patient", p, "--alt-date", "2026-03-14", "--decision", "continue",
                "--prescriber", "Dr Ruiz", "--reason", "x"})
            .exit_code == 2);
  id_of(db.run({"alert", "decide", "--patient", p, "--alt-date", "2026-03-10", "--decision", "continue",
                "--prescriber", "Dr Ruiz", "--reason", "transient, normal on re-test"}));
  const std::string after = db.run({"due", "--patient", p, "--on", "2026-03-16", "--format", "csv"}).out;
  CHECK_THAT(after, !Catch::Contains("5x ULN or more") && !Catch::Contains("ON HOLD"));
  CHECK(db.run({"alert", "decide", "--patient", p, "--alt-date", "2026-03-10", "--decision", "continue",
                "--prescriber", "Dr Ruiz", "--reason", "again"})
            .exit_code == 2);
}

TEST_CASE("Discontinue on a stop alert stops riluzole and records the decision") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "L", "--tz", "UTC"}));
  id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "30", "--uln", "40", "--at",
                "2026-02-27"}));  // baseline
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "200", "--uln", "40", "--at",
                "2026-03-10"}));
  // The 7-day re-test after 5x ULN: Mar 17.
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-03-11", "--format", "csv"}).out,
             Catch::Contains("lft,2026-03-17,coming,riluzole,early ALT re-test"));
  const auto d =
      db.run({"alert", "decide", "--patient", p, "--alt-date", "2026-03-10", "--decision", "discontinue",
              "--prescriber", "Dr Ruiz", "--reason", "EU SmPC", "--stop-date", "2026-03-11"});
  id_of(d);
  CHECK_THAT(d.err, Catch::Contains("riluzole stopped on 2026-03-11"));
  CHECK_THAT(db.run({"audit", "--patient", p, "--format", "csv"}).out,
             Catch::Contains("stopped 2026-03-11: ALT 5x ULN or more on 2026-03-10: EU SmPC"));
}

TEST_CASE("Riluzole again after a stop for 5x ULN needs the prescriber's confirmation, audited (issue 25)") {
  // EU SmPC 4.4 (docs/domain.md): after ALT reached 5x ULN, re-administration cannot be recommended.
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "L", "--tz", "UTC"}));
  id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "30", "--uln", "40", "--at",
                "2026-02-27"}));  // baseline
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  // AST 220 at ULN 40 = 5.5x (the higher transaminase decides), then the decision to stop.
  id_of(db.run({"log", "lab", "--patient", p, "--test", "AST", "--value", "220", "--uln", "40", "--at",
                "2026-03-10"}));
  id_of(db.run({"alert", "decide", "--patient", p, "--alt-date", "2026-03-10", "--decision", "discontinue",
                "--prescriber", "Dr Ruiz", "--reason", "EU SmPC", "--stop-date", "2026-03-11"}));
  id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "30", "--uln", "40", "--at",
                "2026-04-20"}));  // normal again: a new baseline under 3x
  const std::vector<std::string> restart{"therapy", "start",    "--patient", p,
                                         "--drug",  "riluzole", "--start",   "2026-04-22"};
  const auto silent = db.run(restart);
  CHECK(silent.exit_code == 2);
  CHECK_THAT(silent.err, Catch::Contains("AST 5.5x ULN on 2026-03-10 during an earlier riluzole course") &&
                             Catch::Contains("cannot be recommended"));
  auto flag_only = restart;
  flag_only.push_back("--confirm-restart-after-liver-stop");
  CHECK(db.run(flag_only).exit_code == 2);  // who and why are needed
  auto confirmed = flag_only;
  confirmed.insert(confirmed.end(), {"--prescriber", "Dr Ruiz", "--confirm-reason", "hepatology agrees"});
  const auto ok = db.run(confirmed);
  id_of(ok);
  CHECK_THAT(ok.err, Catch::Contains("riluzole started on the confirmation of Dr Ruiz"));
  CHECK_THAT(db.run({"audit", "--patient", p, "--format", "csv"}).out,
             Catch::Contains("accepted by Dr Ruiz: hepatology agrees"));
}

TEST_CASE(
    "Riluzole restarted after a stop for other reasons, and a 5x result before riluzole, need no liver "
    "confirmation") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "M", "--tz", "UTC"}));
  // ALT 240/40 = 6x before any riluzole (not during a course); then normal before the start.
  id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "240", "--uln", "40", "--at",
                "2026-01-10"}));
  id_of(db.run(
      {"log", "lab", "--patient", p, "--test", "ALT", "--value", "30", "--uln", "40", "--at", "2026-02-27"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "100", "--uln", "40", "--at",
                "2026-03-10"}));  // 2.5x: not a stop level
  id_of(db.run({"therapy", "stop", "--patient", p, "--drug", "riluzole", "--date", "2026-03-20", "--reason",
                "nausea"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-04-01"}));
}

TEST_CASE(
    "therapy start riluzole runs the switch's checks: film with a feeding tube, no baseline ALT (issue 25)") {
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "R", "--tz", "UTC", "--feeding-tube"}));
  const auto film = db.run(
      {"therapy", "start", "--patient", p, "--drug", "riluzole", "--form", "film", "--start", "2026-01-05"});
  id_of(film);  // started (a warning, as the switch gives it), the prescriber's choice
  CHECK_THAT(film.err, Catch::Contains("not for feeding tubes"));
  CHECK_THAT(film.err, Catch::Contains("no ALT on or before 2026-01-05"));
  const std::string q = id_of(db.run({"patient", "add", "--name", "S", "--tz", "UTC"}));
  REQUIRE(db.run({"log", "lab", "--patient", q, "--test", "ALT", "--value", "20", "--uln", "40", "--at",
                  "2026-01-02"})
              .exit_code == 0);
  const auto tablet =
      db.run({"therapy", "start", "--patient", q, "--drug", "riluzole", "--start", "2026-01-05"});
  id_of(tablet);
  CHECK(tablet.err.find("no ALT") == std::string::npos);  // a baseline stands: nothing to say
  CHECK(tablet.err.find("feeding") == std::string::npos);
}

TEST_CASE("Doses held by a stop alert are neither due nor missed after the decision (issue 25)") {
  // Before: once the prescriber decided, the held doses became "not logged: record taken or missed".
  TempDb db;
  const std::string p = id_of(db.run({"patient", "add", "--name", "H", "--tz", "UTC"}));
  id_of(db.run(
      {"log", "lab", "--patient", p, "--test", "ALT", "--value", "30", "--uln", "40", "--at", "2026-02-27"}));
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01"}));
  id_of(db.run({"log", "lab", "--patient", p, "--test", "ALT", "--value", "240", "--uln", "40", "--at",
                "2026-03-10"}));
  id_of(db.run({"alert", "decide", "--patient", p, "--alt-date", "2026-03-10", "--decision", "continue",
                "--prescriber", "Dr Ruiz", "--reason", "transient, normal on re-test"}));
  // The decision is recorded now (after March): every dose from the result's day to the day asked about was
  // held. Seven days back from 03-13: 03-06 to 03-09 not logged (before the result), 03-10 to 03-12 held.
  const std::string due = db.run({"due", "--patient", p, "--on", "2026-03-13", "--format", "csv"}).out;
  CHECK_THAT(due, Catch::Contains("2026-03-09T20:00:00+00:00,overdue"));
  CHECK_THAT(due, !Catch::Contains("2026-03-10T08:00") && !Catch::Contains("2026-03-11T08:00") &&
                      !Catch::Contains("2026-03-12T20:00"));
  CHECK_THAT(due, Catch::Contains("2026-03-13T08:00:00+00:00,due"));  // today's: the decision stands
}
