// The clinic server trusts no client, for tofersen (issue 26): its course and doses (schema 14), its
// observations (schema 15) and its lumbar punctures booked in rooms (schema 16), attacked through plain SQL
// as each login would send it (attack_clinic.hpp).
#include <catch2/catch.hpp>

#include "attack_clinic.hpp"

using namespace alsmeds::test;

namespace {

// Bob's tofersen course from 2026-03-02 (day 20514, when Ann's IV infusion holds chair 1 at 09:00): its id.
std::string bob_on_tofersen(const Clinic& c) {
  REQUIRE(
      cli_on(c.admin, {"therapy", "start", "--patient", "B-1", "--drug", "tofersen", "--start", "2026-03-02"})
          .exit_code == 0);
  return c.count("SELECT id FROM therapies WHERE drug = 'tofersen'");
}

// A booking on 2026-03-02 as a client could send it through plain SQL.
std::string booking_sql(const std::string& patient, const std::string& key, const std::string& place,
                        const std::string& start, const std::string& minutes) {
  return "INSERT INTO infusion_bookings (patient_id, planned_key, day, chair, start_minute, booked_by, "
         "booked_at, minutes) VALUES (" +
         patient + ", '" + key + "', 20514, " + place + ", " + start + ", 'x', extract(epoch from now()), " +
         minutes + ")";
}

}  // namespace

TEST_CASE("Attack: tofersen (schema 14) is a nurse's course, a patient logs only their own doses of it") {
  Clinic c;
  const std::string ann = std::to_string(c.ann), bob = std::to_string(c.bob);
  const auto course = [](const std::string& patient, const std::string& drug) {
    return "INSERT INTO therapies (patient_id, drug, product, start_day, created_at) VALUES (" + patient +
           ", '" + drug + "', 'intrathecal', 20600, 0)";
  };
  const auto dose = [](const std::string& patient, const std::string& drug) {
    return "INSERT INTO log_entries (patient_id, kind, at, drug, status, planned_key, recorded_by, "
           "recorded_at) VALUES (" +
           patient + ", 'dose', 1780000000, '" + drug + "', 'taken', '', 'x', extract(epoch from now()))";
  };
  // A drug the schema does not know is refused whoever sends it; the patient and the pharmacist start none.
  CHECK_FALSE(c.run(c.nurse, course(ann, "nusinersen")).ok);
  CHECK_FALSE(c.run(c.patient, course(ann, "tofersen")).ok);
  CHECK_FALSE(c.run(c.pharmacist, course(ann, "tofersen")).ok);
  const CliRun started = cli_on(
      c.as(c.nurse), {"therapy", "start", "--patient", "A-1", "--drug", "tofersen", "--start", "2026-05-04"});
  INFO(started.err);
  REQUIRE(started.exit_code == 0);
  // Through plain SQL the patient's login writes no dose of another patient, nor an unknown drug's.
  CHECK_FALSE(c.run(c.patient, dose(bob, "tofersen")).ok);
  CHECK_FALSE(c.run(c.patient, dose(ann, "nusinersen")).ok);
  // Through alsmeds the nurse logs Ann's dose 1, audited under her login; the server's check holds.
  const CliRun logged = cli_on(c.as(c.nurse), {"log", "dose", "--patient", "A-1", "--drug", "tofersen",
                                               "--at", "2026-05-04T10:00", "--status", "taken"});
  INFO(logged.err);
  REQUIRE(logged.exit_code == 0);
  CHECK(c.count("SELECT planned_key FROM log_entries WHERE drug = 'tofersen'") ==
        "tofersen:" + c.count("SELECT id FROM therapies WHERE drug = 'tofersen'") + ":d1");
  CHECK(c.count("SELECT login FROM audit_trail WHERE entity = 'dose' ORDER BY id DESC LIMIT 1") == c.nurse);
  CHECK(cli_on(c.admin, {"check"}).exit_code == 0);
}

TEST_CASE("Attack: tofersen's observations (schema 15) hold the rulebook's ranges through plain SQL") {
  Clinic c;
  const std::string ann = std::to_string(c.ann);
  const auto lab = [&](const std::string& test, const std::string& value, const std::string& uln) {
    return "INSERT INTO log_entries (patient_id, kind, at, day, test, value, uln, recorded_by, recorded_at) "
           "VALUES (" +
           ann + ", 'lab', 1772409600, 20514, " + test + ", " + value + ", " + uln +
           ", 'x', extract(epoch from now()))";
  };
  // The patient's own NfL without a ULN is a result; out of range, unknown or a transaminase without its
  // ULN is refused, whoever sends it.
  CHECK(c.run(c.patient, lab("'NfL'", "85", "NULL")).ok);
  CHECK(c.run(c.nurse, lab("'CSF-WBC'", "0", "5")).ok);
  for (const std::string& login : {c.patient, c.nurse}) {
    INFO(login);
    CHECK_FALSE(c.run(login, lab("'ALT'", "30", "NULL")).ok);
    CHECK_FALSE(c.run(login, lab("'NfL'", "-1", "NULL")).ok);
    CHECK_FALSE(c.run(login, lab("'NfL'", "NULL", "NULL")).ok);
    CHECK_FALSE(c.run(login, lab("'CSF-protein'", "40", "5000")).ok);
    CHECK_FALSE(c.run(login, lab("'GGT'", "30", "40")).ok);
  }
  // The server's audit words name the unit.
  CHECK(c.count("SELECT detail FROM audit_trail WHERE entity = 'lab' ORDER BY id LIMIT 1") == "NfL 85 pg/mL");
  CHECK(cli_on(c.admin, {"check"}).exit_code == 0);
}

TEST_CASE(
    "Attack: a lumbar puncture holds its room (schema 16) for its minutes, whoever writes the booking") {
  Clinic c;
  // Ann's IV infusion holds chair 1 at 09:00 on 2026-03-02 (day 20514); Bob starts tofersen that day.
  const std::string course = bob_on_tofersen(c);
  const std::string bob = std::to_string(c.bob), ann = std::to_string(c.ann);
  const auto puncture = booking_sql;
  const std::string d1 = "tofersen:" + course + ":d1";
  // Room 1 is not chair 1: Bob's puncture at 09:00 stands beside Ann's infusion, for 90 minutes.
  REQUIRE(c.run(c.nurse, puncture(bob, d1, "1", "540", "90")).ok);
  CHECK(c.count("SELECT detail FROM audit_trail WHERE entity = 'booking' ORDER BY id DESC LIMIT 1") ==
        d1 + " on 2026-03-02 09:00, room 1");
  // Another puncture in room 1 inside those 90 minutes (10:00: an hour's hold would have ended) is refused;
  // the same start is the slot's; after them, 10:30, it is free.
  const std::string other = "tofersen:" + course + "9:d1";  // another key, as a client could send
  CHECK_THAT(c.run(c.nurse, puncture(ann, other, "1", "600", "60")).error,
             Catch::Contains("room 1 is taken"));
  CHECK_FALSE(c.run(c.nurse, puncture(ann, other, "1", "540", "60")).ok);
  // Bounds: 15 to 240 minutes, ending by midnight; an infusion is 60 minutes; no key of another drug.
  CHECK_FALSE(c.run(c.nurse, puncture(ann, other, "2", "600", "300")).ok);
  CHECK_FALSE(c.run(c.nurse, puncture(ann, other, "2", "600", "10")).ok);
  CHECK_FALSE(c.run(c.nurse, puncture(ann, other, "2", "1380", "90")).ok);
  CHECK_FALSE(c.run(c.nurse, puncture(ann, "edaravone:" + course + "9:c1:d1", "2", "600", "90")).ok);
  CHECK_FALSE(c.run(c.nurse, puncture(ann, "riluzole:" + course + ":2026-03-02:1", "2", "600", "60")).ok);
  // Patients and pharmacists book nothing.
  CHECK_FALSE(c.run(c.patient, puncture(ann, other, "2", "600", "60")).ok);
  CHECK_FALSE(c.run(c.pharmacist, puncture(ann, other, "2", "600", "60")).ok);
  CHECK(c.run(c.nurse, puncture(ann, other, "1", "630", "60")).ok);
  CHECK(c.count("SELECT count(*) FROM infusion_bookings WHERE planned_key LIKE 'tofersen:%'") == "2");
  // The unit's rooms and minutes: bounded, a nurse's, in the settings' audit words.
  const auto rooms = [](const std::string& n, const std::string& minutes) {
    return "INSERT INTO unit_settings (chairs, opens_minute, closes_minute, weekdays_only, reason, "
           "recorded_by, recorded_at, lp_rooms, lp_minutes) VALUES (4, 480, 1020, false, 'rooms', 'x', "
           "extract(epoch from now()), " +
           n + ", " + minutes + ")";
  };
  CHECK_FALSE(c.run(c.nurse, rooms("11", "60")).ok);
  CHECK_FALSE(c.run(c.nurse, rooms("2", "241")).ok);
  CHECK_FALSE(c.run(c.patient, rooms("2", "90")).ok);
  REQUIRE(c.run(c.nurse, rooms("2", "90")).ok);
  CHECK(c.count("SELECT detail FROM audit_trail WHERE entity = 'unit' ORDER BY id DESC LIMIT 1") ==
        "4 chairs, 08:00-17:00, every day, 2 lumbar-puncture rooms of 90 minutes: rooms");
  // Through alsmeds the nurse moves Bob's puncture to room 2 at 09:00 for the unit's 90 minutes.
  const CliRun moved = cli_on(c.as(c.nurse), {"board", "book", "--patient", "B-1", "--day", "2026-03-02",
                                              "--room", "2", "--at", "09:00"});
  INFO(moved.err);
  REQUIRE(moved.exit_code == 0);
  CHECK_THAT(cli_on(c.as(c.pharmacist), {"board", "list", "--day", "2026-03-02", "--format", "csv"}).out,
             Catch::Contains("2026-03-02,09:00,,") && Catch::Contains(",tofersen,,," + c.nurse + ",2,90,1"));
  CHECK(cli_on(c.admin, {"check"}).exit_code == 0);
}

TEST_CASE("Attack: drugs of one place share it (schema 18), and a drug's place is the owner's to add") {
  Clinic c;
  const std::string course = bob_on_tofersen(c);
  const std::string bob = std::to_string(c.bob);
  const auto booking = [&](const std::string& key, const std::string& place, const std::string& start,
                           const std::string& minutes) {
    return booking_sql(bob, key, place, start, minutes);
  };
  // The built-in places (docs/domain.md): edaravone IV in a chair, tofersen by lumbar puncture in a room.
  CHECK(c.count("SELECT string_agg(drug || ' ' || place, ', ' ORDER BY drug) FROM board_places") ==
        "edaravone chair, tofersen room");
  // No login adds, moves or takes back a place.
  for (const std::string& login : {c.nurse, c.pharmacist, c.patient}) {
    INFO(login);
    CHECK_FALSE(c.run(login, "INSERT INTO board_places (drug, place) VALUES ('lumbarix', 'room')").ok);
    CHECK_FALSE(c.run(login, "UPDATE board_places SET place = 'room' WHERE drug = 'edaravone'").ok);
    CHECK_FALSE(c.run(login, "DELETE FROM board_places WHERE drug = 'tofersen'").ok);
  }
  // The owner's program registered two more drugs: one given in a room, one in a chair.
  REQUIRE(sql_as(c.admin,
                 "INSERT INTO board_places (drug, place) VALUES ('lumbarix', 'room'), "
                 "('chairex', 'chair')")
              .ok);
  // Bob's tofersen puncture holds room 1 from 09:00 for 90 minutes: the room drug's booking at 10:00 or at
  // the same 09:00 is refused (schema 16 looked at tofersen's bookings only for tofersen's), 10:30 is free.
  REQUIRE(c.run(c.nurse, booking("tofersen:" + course + ":d1", "1", "540", "90")).ok);
  CHECK_THAT(c.run(c.nurse, booking("lumbarix:1:d1", "1", "600", "60")).error,
             Catch::Contains("room 1 is taken"));
  CHECK_THAT(c.run(c.nurse, booking("lumbarix:1:d1", "1", "540", "60")).error,
             Catch::Contains("room 1 is taken"));
  REQUIRE(c.run(c.nurse, booking("lumbarix:1:d1", "1", "630", "60")).ok);
  CHECK(c.count("SELECT detail FROM audit_trail WHERE entity = 'booking' ORDER BY id DESC LIMIT 1") ==
        "lumbarix:1:d1 on 2026-03-02 10:30, room 1");
  // The chair drug: 60 minutes only, and Ann's edaravone holds chair 1 from 09:00 to 10:00.
  CHECK_THAT(c.run(c.nurse, booking("chairex:1:d1", "2", "540", "90")).error,
             Catch::Contains("an infusion holds its chair 60 minutes"));
  CHECK_THAT(c.run(c.nurse, booking("chairex:1:d1", "1", "570", "60")).error,
             Catch::Contains("chair 1 is taken"));
  REQUIRE(c.run(c.nurse, booking("chairex:1:d1", "1", "600", "60")).ok);
  CHECK(c.count("SELECT detail FROM audit_trail WHERE entity = 'booking' ORDER BY id DESC LIMIT 1") ==
        "chairex:1:d1 on 2026-03-02 10:00, chair 1");
  // A key that is a drug's word alone, or without its course and part, is no planned dose; a drug with no
  // place is refused, whoever sends it (the owner's program too).
  for (const std::string& key : std::vector<std::string>{
           "edaravone", "tofersen", "tofersen:", "tofersen::", "tofersen:1:", "tofersen:1:d 1",
           "tofersen:1:" + std::string(300, 'x')}) {
    INFO(key);
    CHECK_FALSE(c.run(c.nurse, booking(key, "3", "600", "60")).ok);
  }
  // A new version of Bob's booking sent for Ann would move it to her: refused.
  CHECK_THAT(
      c.run(c.nurse, booking_sql(std::to_string(c.ann), "tofersen:" + course + ":d1", "4", "900", "60"))
          .error,
      Catch::Contains("is booked for another patient"));
  // In a REPEATABLE READ transaction the overlap check would read a snapshot older than the place's lock.
  // (A free room and time: the transaction is all that is refused.)
  CHECK_THAT(c.run(c.nurse, "BEGIN ISOLATION LEVEL REPEATABLE READ; " +
                                booking("lumbarix:2:d1", "2", "900", "60") + "; COMMIT")
                 .error,
             Catch::Contains("READ COMMITTED"));
  CHECK(c.run(c.nurse, "BEGIN ISOLATION LEVEL SERIALIZABLE; " + booking("lumbarix:2:d1", "2", "900", "60") +
                           "; COMMIT")
            .ok);
  // No one changes or takes back a place once stored, the owner neither: bookings were checked by it.
  CHECK_FALSE(sql_as(c.admin, "UPDATE board_places SET place = 'chair' WHERE drug = 'tofersen'").ok);
  CHECK_FALSE(sql_as(c.admin, "DELETE FROM board_places WHERE drug = 'chairex'").ok);
  CHECK_FALSE(c.run(c.nurse, booking("nusinersen:1:d1", "3", "600", "60")).ok);
  CHECK_FALSE(sql_as(c.admin, booking("riluzole:1:2026-03-02:1", "3", "600", "60")).ok);
  REQUIRE(cli_on(c.admin, {"check"}).exit_code == 0);
  // The owner sets the booking trigger aside and books room 1 over Bob's puncture: `check` finds the pair.
  REQUIRE(sql_as(c.admin,
                 "ALTER TABLE infusion_bookings DISABLE TRIGGER infusion_bookings_version; "
                 "INSERT INTO infusion_bookings (patient_id, planned_key, day, chair, start_minute, "
                 "booked_by, booked_at, minutes, version) VALUES (" +
                     bob +
                     ", 'lumbarix:7:d1', 20514, 1, 560, 'x', 0, 30, 1); "
                     "ALTER TABLE infusion_bookings ENABLE TRIGGER infusion_bookings_version")
              .ok);
  const CliRun found = cli_on(c.admin, {"check"});
  CHECK(found.exit_code != 0);
  CHECK_THAT(found.out + found.err, Catch::Contains("bookings: 'lumbarix:7:d1' and 'tofersen:" + course +
                                                    ":d1' hold room 1 at overlapping times on 2026-03-02"));
}

TEST_CASE("Attack: a dispensing is of a drug dispensed in packs and names one of its packs (schema 18)") {
  Clinic c;
  bob_on_tofersen(c);
  const std::string bob = std::to_string(c.bob);
  const auto dispensing = [&](const std::string& drug, const std::string& product) {
    return "INSERT INTO log_entries (patient_id, kind, at, day, drug, days_supply, quantity, unit, product, "
           "recorded_by, recorded_at) VALUES (" +
           bob + ", 'dispensing', 1772409600, 20514, '" + drug + "', 30, " +
           (product == "NULL" ? "NULL, NULL, NULL" : "60, 'tablet', '" + product + "'") +
           ", 'x', extract(epoch from now()))";
  };
  // docs/supply.md: riluzole in tablets, suspension or film; tofersen is given in the clinic from its stock
  // (never dispensed to a patient), so a forged dispensing of it would have made its PDC 100%.
  CHECK(c.count("SELECT string_agg(pack, ', ' ORDER BY pack) FROM supply_packs WHERE drug = 'riluzole'") ==
        "film, suspension, tablet");
  CHECK(c.run(c.pharmacist, dispensing("riluzole", "tablet")).ok);
  CHECK(c.run(c.pharmacist, dispensing("riluzole", "NULL")).ok);  // a days' supply alone, as before
  CHECK_THAT(c.run(c.pharmacist, dispensing("tofersen", "NULL")).error,
             Catch::Contains("tofersen is not dispensed to a patient"));
  CHECK_THAT(c.run(c.pharmacist, dispensing("riluzole", "bogus-pack")).error,
             Catch::Contains("bogus-pack is not a pack of riluzole"));
  CHECK_FALSE(c.run(c.pharmacist, dispensing("riluzole", "radicava-iv")).ok);  // edaravone's pack
  CHECK_FALSE(c.run(c.nurse, dispensing("tofersen", "NULL")).ok);
  CHECK_FALSE(sql_as(c.admin, dispensing("tofersen", "NULL")).ok);  // the owner's program too
  // No login adds a pack; no one changes or takes one back, the owner neither.
  for (const std::string& login : {c.nurse, c.pharmacist, c.patient})
    CHECK_FALSE(c.run(login, "INSERT INTO supply_packs (pack, drug) VALUES ('vial', 'tofersen')").ok);
  CHECK_FALSE(sql_as(c.admin, "UPDATE supply_packs SET drug = 'tofersen' WHERE pack = 'tablet'").ok);
  CHECK_FALSE(sql_as(c.admin, "DELETE FROM supply_packs WHERE pack = 'film'").ok);
  CHECK(c.count("SELECT count(*) FROM log_entries WHERE kind = 'dispensing' AND patient_id = " + bob) == "2");
  CHECK(cli_on(c.admin, {"check"}).exit_code == 0);
}
