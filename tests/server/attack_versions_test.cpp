// The clinic server trusts no client (issue 23), continued: what only a new version changes (a patient's
// facts, the unit's chairs and hours) is a nurse's to write, bounded and audited, never rewritten in place,
// whatever a login sends through plain SQL. The cluster and the clinic are attack_clinic.hpp's; the other
// attacks are in attack_test.cpp.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>

#include "alsmeds/storage/record_store.hpp"
#include "attack_clinic.hpp"

using namespace alsmeds::test;

TEST_CASE("Attack: a patient's facts change only by a nurse's new version, audited, never in place") {
  // Schema 12 (issue 25): patient update. The patient row stays as added; versions are append-only.
  Clinic c;
  const std::string ann = std::to_string(c.ann), bob = std::to_string(c.bob);
  const auto version = [&](const std::string& patient, const std::string& tz) {
    return "INSERT INTO patient_versions (patient_id, name, tz, tz_from, sulfite_allergy, feeding_tube, "
           "reason, "
           "recorded_by, recorded_at) VALUES (" +
           patient + ", 'X', '" + tz + "', 20600, false, true, 'moved', 'x', extract(epoch from now()))";
  };
  // The patient cannot change their own facts, nor another's; the pharmacist neither.
  CHECK_FALSE(c.run(c.patient, version(ann, "Asia/Tokyo")).ok);
  CHECK_FALSE(c.run(c.patient, version(bob, "Asia/Tokyo")).ok);
  CHECK_FALSE(c.run(c.pharmacist, version(bob, "Asia/Tokyo")).ok);
  // Nor rewrite the patient row in place, nor a version; bounds hold whoever writes.
  for (const std::string& who : {c.patient, c.nurse})
    CHECK_FALSE(c.run(who, "UPDATE patients SET tz = 'Asia/Tokyo' WHERE id = " + ann).ok);
  CHECK_FALSE(c.run(c.nurse, version(bob, "")).ok);
  CHECK_FALSE(
      c.run(c.nurse,
            "INSERT INTO patient_versions (patient_id, name, tz, sulfite_allergy, feeding_tube, reason, "
            "recorded_by, recorded_at) VALUES (" +
                bob + ", 'B', 'UTC', false, false, '   ', 'x', 0)")
          .ok);
  // A nurse's version is stored, stamped with the login, and audited by the server in the words of the store.
  REQUIRE(c.run(c.nurse, version(bob, "America/Chicago")).ok);
  CHECK(c.count("SELECT recorded_by FROM patient_versions ORDER BY id DESC LIMIT 1") == c.nurse);
  CHECK(c.count("SELECT action || ' | ' || patient_id || ' | ' || detail || ' | ' || login FROM audit_trail "
                "WHERE entity = 'patient' ORDER BY id DESC LIMIT 1") ==
        "update | " + bob + " | X (America/Chicago) from 2026-05-27, feeding tube: moved | " + c.nurse);
  CHECK_FALSE(c.run(c.nurse, "UPDATE patient_versions SET tz = 'UTC'").ok);
  CHECK_FALSE(c.run(c.nurse, "DELETE FROM patient_versions").ok);
  // The patient sees their own versions only.
  REQUIRE(c.run(c.nurse, version(ann, "Europe/Berlin")).ok);
  CHECK(c.run(c.patient, "SELECT count(*) FROM patient_versions").value == "1");
  // Pauses of a course: a nurse's only, audited in the store's words; a patient pauses nothing.
  const std::string pause =
      "INSERT INTO therapy_pauses (therapy_id, from_day, to_day, reason, recorded_by, recorded_at) SELECT "
      "id, "
      "20530, 20536, 'hospital stay', 'x', extract(epoch from now()) FROM therapies WHERE patient_id = " +
      ann + " AND drug = 'riluzole'";
  CHECK_FALSE(c.run(c.patient, pause).ok);
  CHECK_FALSE(c.run(c.pharmacist, pause).ok);
  REQUIRE(c.run(c.nurse, pause).ok);
  CHECK(
      c.count("SELECT action || ' | ' || detail || ' | ' || login FROM audit_trail WHERE entity = 'therapy' "
              "ORDER BY id DESC LIMIT 1") ==
      "pause | paused 2026-03-18 to 2026-03-24: hospital stay | " + c.nurse);
  CHECK_FALSE(c.run(c.nurse, "DELETE FROM therapy_pauses").ok);
  CHECK(c.run(c.patient, "SELECT count(*) FROM therapy_pauses").value == "1");  // their own course's
  // ALSFRS-R (issue 28): the patient reports their own, never another's; the pharmacist none; the answers are
  // 12 of 0-4 whoever writes; a report corrects only one of its own patient.
  const auto alsfrs = [&](const std::string& patient, const std::string& items,
                          const std::string& more = "") {
    return "INSERT INTO alsfrs_reports (patient_id, day, items, gastrostomy, recorded_by, recorded_at" +
           std::string(more.empty() ? "" : ", supersedes") + ") VALUES (" + patient + ", 20600, '" + items +
           "', false, 'x', extract(epoch from now())" + (more.empty() ? "" : ", " + more) + ")";
  };
  REQUIRE(c.run(c.patient, alsfrs(ann, "4,4,4,4,4,4,4,4,4,4,4,3")).ok);
  CHECK(
      c.count("SELECT recorded_by || ' | ' || detail FROM alsfrs_reports r JOIN audit_trail a ON a.entity = "
              "'alsfrs' AND a.entity_id = r.id") ==
      c.patient + " | ALSFRS-R 2026-05-27: 4,4,4,4,4,4,4,4,4,4,4,3");
  CHECK_FALSE(c.run(c.patient, alsfrs(bob, "4,4,4,4,4,4,4,4,4,4,4,3")).ok);
  CHECK_FALSE(c.run(c.pharmacist, alsfrs(bob, "4,4,4,4,4,4,4,4,4,4,4,3")).ok);
  CHECK_FALSE(c.run(c.nurse, alsfrs(bob, "4,4,4,4,4,4,4,4,4,4,4,5")).ok);
  CHECK_FALSE(c.run(c.nurse, alsfrs(bob, "4,4,4,4,4,4,4,4,4,4,4")).ok);
  const std::string anns = c.count("SELECT id FROM alsfrs_reports WHERE patient_id = " + ann);
  CHECK_FALSE(
      c.run(c.nurse, alsfrs(bob, "4,4,4,4,4,4,4,4,4,4,4,4", anns)).ok);  // Bob's "correction" of Ann's
  REQUIRE(c.run(c.nurse, alsfrs(ann, "4,4,4,4,4,4,4,4,4,4,4,4", anns)).ok);
  CHECK_FALSE(c.run(c.nurse, alsfrs(ann, "4,4,4,4,4,4,4,4,4,4,4,2", anns)).ok);  // corrected once only
  CHECK_FALSE(c.run(c.patient, "DELETE FROM alsfrs_reports").ok);
  // Through alsmeds, the patient now lives in Chicago, and `check` still finds everything in order.
  CHECK_THAT(cli_on(c.as(c.nurse), {"patient", "list", "--format", "csv"}).out,
             Catch::Contains("X,America/Chicago"));
  CHECK(cli_on(c.admin, {"check"}).exit_code == 0);
}

TEST_CASE("Attack: the unit's chairs and hours are a nurse's to set, bounded, audited, never rewritten") {
  // Schema 13 (issue 27): board settings, and an edaravone course's chosen dose days.
  Clinic c;
  const auto settings = [](const std::string& chairs, const std::string& opens, const std::string& closes) {
    return "INSERT INTO unit_settings (chairs, opens_minute, closes_minute, weekdays_only, reason, "
           "recorded_by, "
           "recorded_at) VALUES (" +
           chairs + ", " + opens + ", " + closes + ", true, 'new unit', 'x', extract(epoch from now()))";
  };
  // A patient or a pharmacist sets nothing; everyone reads them (the patient's app shows the board's hours).
  CHECK_FALSE(c.run(c.patient, settings("12", "480", "960")).ok);
  CHECK_FALSE(c.run(c.pharmacist, settings("12", "480", "960")).ok);
  // Bounds hold whoever writes: no chair, 21 chairs, an hour that closes before it opens.
  CHECK_FALSE(c.run(c.nurse, settings("0", "480", "960")).ok);
  CHECK_FALSE(c.run(c.nurse, settings("21", "480", "960")).ok);
  CHECK_FALSE(c.run(c.nurse, settings("4", "960", "480")).ok);
  CHECK_FALSE(c.run(c.nurse, settings("4", "480", "500")).ok);
  REQUIRE(c.run(c.nurse, settings("12", "480", "960")).ok);
  CHECK(c.count("SELECT recorded_by FROM unit_settings") == c.nurse);  // the login, not the name sent
  CHECK(c.count("SELECT action || ' | ' || entity || ' | ' || detail || ' | ' || login FROM audit_trail "
                "WHERE entity = 'unit'") ==
        "settings | unit | 12 chairs, 08:00-16:00, weekdays, 1 lumbar-puncture room of 60 minutes: new unit "
        "| " +
            c.nurse);
  for (const std::string& who : {c.nurse, c.patient}) {
    CHECK_FALSE(c.run(who, "UPDATE unit_settings SET chairs = 1").ok);
    CHECK_FALSE(c.run(who, "DELETE FROM unit_settings").ok);
    CHECK_FALSE(c.run(who, "TRUNCATE unit_settings").ok);
  }
  CHECK(c.run(c.patient, "SELECT chairs FROM unit_settings").value == "12");
  // alsmeds reads them: board settings shows the nurse's version.
  CHECK_THAT(cli_on(c.as(c.pharmacist), {"board", "settings", "--format", "csv"}).out,
             Catch::Contains("12,08:00-16:00,weekdays,96," + c.nurse));
  CHECK(cli_on(c.as(c.pharmacist), {"board", "settings", "--chairs", "3"}).exit_code != 0);
  // A course's chosen dose days: the nurse's (through alsmeds), edaravone only, in the pattern's form.
  const std::string ann = std::to_string(c.ann);
  const auto course = [&](const std::string& drug, const std::string& days) {
    return "INSERT INTO therapies (patient_id, drug, product, start_day, created_at, dose_days) VALUES (" +
           ann + ", '" + drug + "', '" + (drug == "edaravone" ? "iv" : "tablet") + "', 20600, 0, '" + days +
           "')";
  };
  CHECK_FALSE(c.run(c.nurse, course("riluzole", "c2:1-10")).ok);
  CHECK_FALSE(c.run(c.nurse, course("edaravone", "DROP TABLE x")).ok);
  CHECK_FALSE(c.run(c.patient, course("edaravone", "c2:1-10")).ok);
  REQUIRE(cli_on(c.as(c.nurse), {"therapy", "stop", "--patient", "A-1", "--drug", "edaravone", "--date",
                                 "2026-03-20", "--reason", "restart on levelled days"})
              .exit_code == 0);
  const CliRun started =
      cli_on(c.as(c.nurse), {"therapy", "start", "--patient", "A-1", "--drug", "edaravone", "--form", "iv",
                             "--start", "2026-06-01", "--first-cycle", "full", "--restart-reason", "levelled",
                             "--dose-days", "c2:1-5,8-12"});
  INFO(started.err);
  REQUIRE(started.exit_code == 0);
  CHECK(c.count("SELECT dose_days FROM therapies ORDER BY id DESC LIMIT 1") == "c2:1-5,8-12");
  CHECK_THAT(c.count("SELECT detail FROM audit_trail WHERE entity = 'therapy' AND action = 'insert' ORDER BY "
                     "id DESC LIMIT 1"),
             Catch::Contains("policy earliest, dose days c2:1-5,8-12, restart with cycle 1 full: levelled"));
  CHECK(cli_on(c.admin, {"check"}).exit_code == 0);
}
