// patient update end to end (issue 25): a new version of the patient's facts, the zone of dose times from a
// day on, and the checks of therapy start said again. Expected times worked by hand: New York is EDT (-4) and
// Los Angeles PDT (-7) after 2026-03-08; riluzole at 08:00 and 20:00 local.
#include <catch2/catch.hpp>
#include <string>

#include "cli_db.hpp"
#include "run_cli.hpp"

using alsmeds::test::id_of;
using alsmeds::test::TempDb;

namespace {

std::string new_york_patient_on_riluzole(const TempDb& db, const std::string& form = "tablet") {
  const std::string p =
      id_of(db.run({"patient", "add", "--name", "Ann Lee", "--tz", "America/New_York", "--mrn", "U-1"}));
  id_of(db.run(
      {"log", "lab", "--patient", p, "--test", "ALT", "--value", "30", "--uln", "40", "--at", "2026-02-27"}));
  id_of(db.run(
      {"therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01", "--form", form}));
  return p;
}

}  // namespace

TEST_CASE("patient update --tz --from: dose times move to the new zone from that day, the days before stay") {
  TempDb db;
  const std::string p = new_york_patient_on_riluzole(db);
  const auto moved = db.run({"patient", "update", "--patient", "U-1", "--tz", "America/Los_Angeles", "--from",
                             "2026-03-10", "--reason", "moved to her daughter's"});
  INFO(moved.err);
  REQUIRE(moved.exit_code == 0);
  CHECK_THAT(moved.err, Catch::Contains("riluzole at 08:00,20:00 in America/Los_Angeles from 2026-03-10"));
  // On 03-10: the evening dose of 03-09 still at 20:00 in New York, the morning one of 03-10 at 08:00 in
  // Los Angeles (15:00Z, not 12:00Z).
  const auto due = db.run({"due", "--patient", p, "--on", "2026-03-10", "--format", "csv"});
  REQUIRE(due.exit_code == 0);
  CHECK_THAT(due.out, Catch::Contains("2026-03-09T20:00:00-04:00"));
  CHECK_THAT(due.out, Catch::Contains("2026-03-10T08:00:00-07:00"));
  CHECK_THAT(due.out, !Catch::Contains("2026-03-10T08:00:00-04:00"));
  const auto list = db.run({"patient", "list", "--format", "csv"});
  CHECK_THAT(list.out, Catch::Contains("Ann Lee,America/Los_Angeles"));
  const auto audit = db.run({"audit", "--patient", p, "--format", "csv"});
  CHECK_THAT(audit.out,
             Catch::Contains("Ann Lee (America/Los_Angeles) from 2026-03-10: moved to her daughter's"));
  // A dose logged on 03-09 at 20:00 New York time answers that day's evening dose: not due any more.
  id_of(db.run({"log", "dose", "--patient", p, "--drug", "riluzole", "--at", "2026-03-09T20:00-04:00"}));
  CHECK_THAT(db.run({"due", "--patient", p, "--on", "2026-03-10", "--format", "csv"}).out,
             !Catch::Contains("2026-03-09T20:00:00-04:00"));
}

TEST_CASE("patient update refuses what cannot be meant, with exit 2, and stores nothing") {
  TempDb db;
  const std::string p = new_york_patient_on_riluzole(db);
  const auto refused = [&](std::vector<std::string> args, const std::string& says) {
    std::vector<std::string> full{"patient", "update", "--patient", p};
    full.insert(full.end(), args.begin(), args.end());
    const auto r = db.run(full);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(says));
  };
  refused({"--tz", "America/Chicago", "--reason", "moved"}, "--from DATE");
  refused({"--from", "2026-03-10", "--reason", "moved"}, "give the zone too");
  refused({"--tz", "America/New_York", "--from", "2026-03-10", "--reason", "x"},
          "is America/New_York already");
  refused({"--tz", "Mars/Olympus", "--from", "2026-03-10", "--reason", "x"}, "Mars/Olympus");
  refused({"--feeding-tube", "maybe", "--reason", "x"}, "'maybe' is not yes or no");
  refused({"--feeding-tube", "no", "--reason", "x"}, "nothing changes");
  refused({"--feeding-tube", "yes", "--reason", "  "}, "reason");
  refused({"--born", "2999-01-01", "--reason", "typo"}, "birth date");
  REQUIRE(db.run({"patient", "update", "--patient", p, "--tz", "America/Chicago", "--from", "2026-04-01",
                  "--reason", "moved"})
              .exit_code == 0);
  refused({"--tz", "America/Denver", "--from", "2026-03-20", "--reason", "moved"}, "must start after it");
  const auto audit = db.run({"audit", "--patient", p, "--format", "csv"});
  CHECK(audit.out.find(",update,") == audit.out.rfind(",update,"));  // one version stored
}

TEST_CASE(
    "patient update raises what therapy start would: film with a new feeding tube, a new sulfite allergy") {
  TempDb db;
  const std::string p = new_york_patient_on_riluzole(db, "film");
  id_of(db.run({"therapy", "start", "--patient", p, "--drug", "edaravone", "--start", "2026-03-02"}));
  const auto r = db.run({"patient", "update", "--patient", p, "--feeding-tube", "yes", "--sulfite-allergy",
                         "yes", "--reason", "PEG placed; allergy found on skin test"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("is not for feeding tubes and the patient has one now"));
  CHECK_THAT(r.err, Catch::Contains("sulfite allergy: edaravone contains sodium bisulfite"));
  CHECK_THAT(db.run({"patient", "list", "--format", "csv"}).out,
             Catch::Contains("sulfite-allergy feeding-tube"));
  const auto due = db.run({"due", "--patient", p, "--on", "2026-03-12", "--format", "csv"});
  CHECK_THAT(due.out, Catch::Contains("sulfite allergy: edaravone contains sodium bisulfite"));
  // Told once: the same facts again change nothing and are refused.
  CHECK(
      db.run({"patient", "update", "--patient", p, "--feeding-tube", "yes", "--reason", "again"}).exit_code ==
      2);
}
