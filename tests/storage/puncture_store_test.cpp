// Tofersen's lumbar punctures booked in rooms (issue 26, schema 16), on both stores: apart from the infusion
// chairs, for the unit's minutes, on the day the dose is due or later (docs/domain.md "Tofersen": three
// loading doses 14 days apart, then every 28 days; a late dose as soon as possible, the next the interval
// after it). Expectations by hand from the label; 2026-01-05 is a Monday.
#include <algorithm>
#include <catch2/catch.hpp>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/rules/lumbar_punctures.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "storage/schema.hpp"
#include "storage/sqlite_db.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::TempFolder;

namespace {

Day day(int y, unsigned m, unsigned d) {
  return Day{date::year{y} / m / d};
}

WallClock at(int h, int m = 0) {
  return WallClock{h * 60 + m};
}

const Actor kNurse{"nurse.kim", Instant{std::chrono::seconds{1'775'000'000}}};  // 2026-03-31

PatientFacts facts(RecordStore& s, RecordId id) {
  return std::move(load_facts(s, *s.find_patient(id))).value();
}

RecordId patient_on(RecordStore& s, const std::string& name, std::vector<Drug> drugs = {Drug::tofersen}) {
  NewPatient p;
  p.name = name;
  p.tz = "Europe/Oslo";
  const RecordId id = *s.add_patient(p, kNurse);
  for (Drug d : drugs) {
    TherapyRequest start;
    start.therapy.drug = d;
    start.therapy.product = d == Drug::tofersen ? Product::tofersen_intrathecal : Product::edaravone_iv;
    start.therapy.start = day(2026, 1, 5);
    auto started = start_therapy(s, facts(s, id), start, kNurse);
    INFO((started.ok() ? "" : started.error()));
    REQUIRE(started.ok());
  }
  return id;
}

void given(RecordStore& s, RecordId id, Day d) {
  DoseRequest r;
  r.drug = Drug::tofersen;
  r.at = Instant{date::sys_days{d.time_since_epoch()}} + std::chrono::hours{9};  // 10:00 in Oslo
  r.status = DoseStatus::taken;
  REQUIRE(log_dose(s, facts(s, id), r, kNurse).ok());
}

Result<ActionOutcome> book(RecordStore& s, RecordId id, Day d, int room, WallClock start,
                           const PunctureRooms& rooms = {}) {
  return book_lumbar_puncture(s, facts(s, id), {d, room, start, std::nullopt}, rooms, kNurse);
}

std::string error_of(const Result<ActionOutcome>& r) {
  return r.ok() ? std::string("(booked)") : r.error();
}

}  // namespace

TEST_CASE("Lumbar punctures are booked in rooms apart from the chairs, for the unit's minutes") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("lp.db"));
  const RecordId sam = patient_on(*s, "Sam Sod"), lea = patient_on(*s, "Lea Lind");
  const Day d1 = day(2026, 1, 5);
  REQUIRE(book(*s, sam, d1, 1, at(9)).ok());
  const std::vector<InfusionBooking> rooms = s->procedure_bookings(d1, d1);
  REQUIRE(rooms.size() == 1u);
  CHECK(rooms[0].planned_key == "tofersen:" + std::to_string(s->therapies(sam)[0].id) + ":d1");
  CHECK(rooms[0].chair == 1);
  CHECK(rooms[0].minutes == 60);
  CHECK(s->infusion_bookings(d1, d1).empty());  // a room is no chair: the board's chair load never sees it
  CHECK(s->audit(sam).back().detail == rooms[0].planned_key + " on 2026-01-05 09:00, room 1");

  // The room is held 60 minutes: 09:30 is refused, 10:00 free; no room 2 in a unit of one.
  CHECK_THAT(
      error_of(book(*s, lea, d1, 1, at(9, 30))),
      Catch::Contains("room 1 is taken at 09:30 on 2026-01-05 (a lumbar puncture holds it 60 minutes)"));
  CHECK_THAT(error_of(book(*s, lea, d1, 2, at(10))), Catch::Contains("room 2 does not exist"));
  CHECK_THAT(error_of(book(*s, lea, d1, 1, at(16, 30))), Catch::Contains("outside opening hours"));
  CHECK_THAT(error_of(book(*s, lea, day(2026, 1, 4), 1, at(10))), Catch::Contains("starts on 2026-01-05"));
  // Lea's dose 1, not given, is overdue a week later: booked then, it is late ("as soon as possible").
  const auto overdue = book(*s, lea, day(2026, 1, 12), 1, at(10));
  REQUIRE(overdue.ok());
  REQUIRE(overdue->warnings.size() == 1u);
  CHECK_THAT(overdue->warnings[0],
             Catch::Contains("loading dose 1 was due on 2026-01-05: booked 7 days after it"));
  const auto lea_booked = book(*s, lea, d1, 1, at(10));  // moved back to its day
  REQUIRE(lea_booked.ok());
  CHECK(lea_booked->warnings.empty());
  CHECK(s->procedure_bookings(day(2026, 1, 12), day(2026, 1, 12)).empty());
  CHECK(s->procedure_bookings(d1, d1).size() == 2u);

  // A unit whose punctures take 90 minutes: a third patient at 11:00 holds room 1 to 12:30.
  const RecordId max = patient_on(*s, "Max Moe");
  const PunctureRooms ninety{1, 90, 8, 17};
  REQUIRE(book(*s, max, d1, 1, at(11), ninety).ok());
  CHECK(s->procedure_bookings(d1, d1).back().minutes == 90);
  CHECK_THAT(error_of(book(*s, lea, d1, 1, at(12))), Catch::Contains("room 1 is taken at 12:00"));
  CHECK(book(*s, lea, d1, 1, at(12, 30)).ok());  // a move of Lea's: 10:00 freed

  // A unit with no room books none.
  CHECK_THAT(error_of(book(*s, sam, d1, 1, at(14), {0, 60, 8, 17})),
             Catch::Contains("no lumbar-puncture room"));

  // Cancelling frees the room: Sam's 09:00 goes, the others stay.
  REQUIRE(cancel_day_booking(*s, *s->find_patient(sam), d1, std::nullopt, kNurse).ok());
  const auto left = s->procedure_bookings(d1, d1);
  CHECK(left.size() == 2u);
  CHECK(
      std::none_of(left.begin(), left.end(), [&](const InfusionBooking& b) { return b.patient_id == sam; }));
  CHECK_FALSE(cancel_day_booking(*s, *s->find_patient(sam), d1, std::nullopt, kNurse).ok());
}

TEST_CASE("A late tofersen dose is booked with a warning, and the next one is due the interval after it") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("late.db"));
  const RecordId sam = patient_on(*s, "Sam Sod");
  given(*s, sam, day(2026, 1, 5));
  // Dose 2 is due 2026-01-19; booked two days later it is late ("as soon as possible"), said once.
  const auto late = book(*s, sam, day(2026, 1, 21), 1, at(9));
  REQUIRE(late.ok());
  REQUIRE(late->warnings.size() == 1u);
  CHECK_THAT(late->warnings[0],
             Catch::Contains("loading dose 2 was due on 2026-01-19: booked 2 days after it"));
  // Given that day: dose 3 is due 14 days after it, 2026-02-04 (not the 02-02 of the first plan).
  given(*s, sam, day(2026, 1, 21));
  CHECK_THAT(error_of(book(*s, sam, day(2026, 2, 2), 1, at(9))), Catch::Contains("due on 2026-02-04"));
  const auto on_time = book(*s, sam, day(2026, 2, 4), 1, at(9));
  REQUIRE(on_time.ok());
  CHECK(on_time->warnings.empty());
  // A dose given cannot be booked again on its day.
  CHECK_THAT(error_of(book(*s, sam, day(2026, 1, 21), 1, at(11))),
             Catch::Contains("was given on 2026-01-21"));
}

TEST_CASE("One patient's infusion and lumbar puncture never overlap, whichever is booked first") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("both.db"));
  const RecordId ida = patient_on(*s, "Ida Iv", {Drug::edaravone, Drug::tofersen});
  const RecordId other = patient_on(*s, "Ola Other", {Drug::edaravone});
  const Day d1 = day(2026, 1, 5);  // cycle 1 day 1 of edaravone and tofersen's dose 1
  const BoardHours hours{4, 8, 17};
  const auto infusion = [&](RecordId id, int chair, WallClock start) {
    return book_infusion(*s, facts(*s, id), {"", d1, chair, start, std::nullopt}, hours, kNurse);
  };
  REQUIRE(infusion(ida, 1, at(9)).ok());
  // Room 1 is not chair 1, but Ida is in chair 1 until 10:00.
  CHECK_THAT(error_of(book(*s, ida, d1, 1, at(9, 30))),
             Catch::Contains("Ida Iv has an infusion at the same time"));
  REQUIRE(book(*s, ida, d1, 1, at(10)).ok());
  CHECK_THAT(error_of(infusion(ida, 1, at(10, 30))),
             Catch::Contains("Ida Iv has a lumbar puncture at the same time (10:00, room 1)"));
  // Another patient's infusion in chair 1 at 10:00 is no conflict with Ida's room 1.
  CHECK(infusion(other, 1, at(10)).ok());
}

TEST_CASE("The unit's lumbar-puncture rooms and minutes are settings, bounded and audited") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("unit.db"));
  const Day today = day(2026, 1, 5);
  CHECK(unit_settings_in_force(*s).lp_rooms == 1);  // the defaults until one is stored
  CHECK(unit_settings_in_force(*s).lp_minutes == 60);
  UnitSettingsChange c;
  c.lp_rooms = 2;
  c.lp_minutes = 90;
  c.reason = "second room";
  REQUIRE(set_unit_settings(*s, c, today, kNurse).ok());
  const UnitSettings u = unit_settings_in_force(*s);
  CHECK(u.lp_rooms == 2);
  CHECK(u.lp_minutes == 90);
  CHECK(u.chairs == 4);  // the rest kept
  const PunctureRooms rooms = puncture_rooms_of(u);
  CHECK(rooms.rooms == 2);
  CHECK(rooms.minutes == 90);
  const auto audit = s->audit(std::nullopt);
  CHECK(audit.back().detail ==
        "4 chairs, 08:00-17:00, every day, 2 lumbar-puncture rooms of 90 minutes: second room");
  for (auto [n, m] : {std::pair{11, 60}, {-1, 60}, {1, 14}, {1, 241}}) {
    UnitSettingsChange bad;
    bad.lp_rooms = n;
    bad.lp_minutes = m;
    CHECK_FALSE(set_unit_settings(*s, bad, today, kNurse).ok());
  }
  CHECK(unit_settings_in_force(*s).id == u.id);  // nothing stored
}

TEST_CASE("Migration from schema 15 to 16: bookings kept as 60-minute infusions, a room then bookable",
          "[sqlite-only]") {
  TempFolder tmp;
  const std::string path = tmp.file("v15.db");
  const std::string booking =
      "INSERT INTO infusion_bookings (patient_id, planned_key, day, chair, start_minute, booked_by, "
      "booked_at) "
      "VALUES (1, '%s', 20458, 1, 540, 'x', 1767000000)";
  const auto with_key = [&](const std::string& key) {
    std::string sql = booking;
    return sql.replace(sql.find("%s"), 2, key);
  };
  {
    storage::Connection db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    storage::migrate_to(db, 0, 15);
    db.exec("INSERT INTO patients (id, name, tz, created_at) VALUES (1, 'P', 'UTC', 1700000000)");
    db.exec(with_key("edaravone:1:c1:d1").c_str());
    CHECK_THROWS(db.exec(with_key("tofersen:2:d1").c_str()));  // schema 15 books chairs only
  }
  {
    auto s = alsmeds::test::open_store(path);
    const auto kept = s->infusion_bookings(day(2026, 1, 5), day(2026, 1, 5));
    REQUIRE(kept.size() == 1u);
    CHECK(kept[0].minutes == 60);
    CHECK(unit_settings_in_force(*s).lp_rooms == 1);
  }
  storage::Connection db(path, SQLITE_OPEN_READWRITE);
  CHECK(storage::schema_problems(db).empty());
  db.exec(with_key("tofersen:2:d1").c_str());  // the same place number: a room, not chair 1
  CHECK_THROWS(db.exec(                        // an infusion is 60 minutes
      "INSERT INTO infusion_bookings (patient_id, planned_key, day, chair, start_minute, booked_by, "
      "booked_at, "
      "minutes) VALUES (1, 'edaravone:1:c1:d2', 20459, 1, 540, 'x', 1767000000, 90)"));
  storage::Statement v(db, "PRAGMA user_version");
  REQUIRE(v.step());
  CHECK(v.get_int(0) == kSchemaVersion);  // opened: migrated to the latest (16 and on)
}

TEST_CASE("Schema 18: a drug's place on the board and its packs are rows and two drugs of one place share it",
          "[sqlite-only]") {
  TempFolder tmp;
  const std::string path = tmp.file("places.db");
  auto s = alsmeds::test::open_store(path);
  const RecordId sam = patient_on(*s, "Sam Sod");
  const Day d1 = day(2026, 1, 5);  // day 20458
  storage::Connection db(path, SQLITE_OPEN_READWRITE);
  // The built-in drugs given in the clinic (docs/domain.md): edaravone IV in an infusion chair, tofersen
  // by lumbar puncture in a room. The bookings' table names no drug any more.
  {
    storage::Statement places(db,
                              "SELECT group_concat(drug || ' ' || place, ', ') FROM "
                              "(SELECT drug, place FROM board_places ORDER BY drug)");
    REQUIRE(places.step());
    CHECK(places.get_text(0) == "edaravone chair, tofersen room");
    storage::Statement table(db, "SELECT sql FROM sqlite_master WHERE name = 'infusion_bookings'");
    REQUIRE(table.step());
    CHECK_THAT(table.get_text(0), !Catch::Contains("edaravone") && !Catch::Contains("tofersen"));
  }
  // A drug another program registered for a room (its row, as allow_registered_drugs adds it) holds room 1
  // from 09:00 for 90 minutes: tofersen's puncture at 10:00 in room 1 is refused, 10:30 is free.
  const std::string booking =
      "INSERT INTO infusion_bookings (patient_id, planned_key, day, chair, start_minute, booked_by, "
      "booked_at, minutes) VALUES (1, '%k', 20458, %r, 540, 'x', 1767000000, %m)";
  const auto raw = [&](const std::string& key, const std::string& room, const std::string& minutes) {
    std::string sql = booking;
    sql.replace(sql.find("%k"), 2, key);
    sql.replace(sql.find("%r"), 2, room);
    sql.replace(sql.find("%m"), 2, minutes);
    db.exec(sql.c_str());
  };
  db.exec("INSERT INTO board_places (drug, place) VALUES ('lumbarix', 'room')");
  raw("lumbarix:99:d1", "1", "90");
  CHECK_THAT(error_of(book(*s, sam, d1, 1, at(10))), Catch::Contains("room 1 is taken"));
  CHECK(s->procedure_bookings(d1, d1).empty());  // nothing stored
  CHECK(book(*s, sam, d1, 1, at(10, 30)).ok());
  // The schema holds the rest whoever writes: a drug with no place, a chair held other than 60 minutes.
  CHECK_THROWS(raw("riluzole:1:2026-01-05:1", "2", "60"));
  // A key is a drug's word, its course and its own part, of printable ASCII, at most 200 bytes.
  for (const std::string& key :
       std::vector<std::string>{"tofersen", "tofersen:", "tofersen::", "tofersen:1:", "tofersen:1:d 1",
                                "tofersen:1:" + std::string(300, 'x')}) {
    INFO(key);
    CHECK_THROWS(raw(key, "3", "60"));
  }
  // A new version of Sam's booking sent for another patient would move it to them.
  const std::string sams = s->procedure_bookings(d1, d1).at(0).planned_key;
  db.exec("INSERT INTO patients (id, name, tz, created_at) VALUES (99, 'Other', 'UTC', 1700000000)");
  CHECK_THROWS_WITH(
      db.exec(("INSERT INTO infusion_bookings (patient_id, planned_key, day, chair, start_minute, "
               "booked_by, booked_at, minutes) VALUES (99, '" +
               sams + "', 20458, 4, 900, 'x', 1767000000, 60)")
                  .c_str()),
      Catch::Contains("booked for another patient"));
  CHECK_THROWS(raw("nusinersen:1:d1", "2", "60"));
  CHECK_THROWS(raw("edaravone:1:c1:d1", "2", "90"));
  CHECK_NOTHROW(raw("lumbarix:98:d1", "2", "90"));
  CHECK_THROWS(raw("lumbarix:97:d1", "2", "300"));
  // A dispensing is of a drug dispensed in packs and names one of its packs or none (docs/supply.md);
  // tofersen is given in the clinic from its stock.
  const auto dispensing = [&](const std::string& drug, const std::string& product) {
    db.exec(("INSERT INTO log_entries (patient_id, kind, at, day, drug, days_supply, product, recorded_by, "
             "recorded_at) VALUES (1, 'dispensing', 1767600000, 20458, '" +
             drug + "', 30, " + product + ", 'x', 1767600000)")
                .c_str());
  };
  CHECK_NOTHROW(dispensing("riluzole", "'film'"));
  CHECK_NOTHROW(dispensing("edaravone", "NULL"));
  CHECK_THROWS(dispensing("tofersen", "NULL"));
  CHECK_THROWS(dispensing("riluzole", "'oral'"));  // edaravone's pack
  CHECK_THROWS(dispensing("riluzole", "'bogus'"));
  // A booking written past the store's check (this file's own SQL) into a held room is found by `check`.
  REQUIRE(s->integrity_check() == "ok");
  raw("lumbarix:96:d1", "1", "60");  // room 1 at 09:00, beside lumbarix:99:d1's 09:00-10:30
  CHECK_THAT(s->integrity_check(),
             Catch::Contains("bookings: 'lumbarix:96:d1' and 'lumbarix:99:d1' hold room 1 "
                             "at overlapping times on 2026-01-05: move one"));
  // A place is never changed nor taken back (bookings hold it).
  CHECK_THROWS(db.exec("UPDATE board_places SET place = 'chair' WHERE drug = 'lumbarix'"));
  CHECK_THROWS(db.exec("DELETE FROM board_places WHERE drug = 'tofersen'"));
  CHECK(storage::schema_problems(db).empty());
}

TEST_CASE("A lumbar puncture on the board: what is wrong with it is said, one reason each") {
  const Day d = day(2026, 6, 1);
  const PunctureRooms rooms{2, 60, 8, 17};
  InfusionBooking b;
  b.patient_id = 7;
  b.planned_key = "tofersen:3:d2";
  b.day = d;
  b.chair = 1;
  b.start = at(9);
  CHECK(puncture_problems(b, d, {}, {}, rooms).empty());
  CHECK(puncture_problems(b, day(2026, 5, 29), {}, {}, rooms)
            .empty());  // late is no problem: as soon as possible
  // Booked before the dose is due (an earlier dose given late moved it): move it.
  CHECK(puncture_problems(b, day(2026, 6, 3), {}, {}, rooms) ==
        std::vector<std::string>{
            "booked 2026-06-01 but due 2026-06-03 (an earlier dose was given late): move it"});
  CHECK(puncture_problems(b, std::nullopt, {}, {}, rooms) ==
        std::vector<std::string>{"no tofersen dose to give matches this booking any more: cancel it"});
  InfusionBooking room3 = b;
  room3.chair = 3;
  CHECK(puncture_problems(room3, d, {}, {}, rooms) ==
        std::vector<std::string>{"room 3 does not exist (2 rooms)"});
  InfusionBooking late_in_day = b;
  late_in_day.start = at(16, 30);  // 60 minutes: ends 17:30, after closing
  CHECK(puncture_problems(late_in_day, d, {}, {}, rooms) ==
        std::vector<std::string>{"16:30 room 1 is outside opening hours (08:00 to 17:00)"});
  InfusionBooking other = b;
  other.planned_key = "tofersen:4:d1";
  other.patient_id = 8;
  other.start = at(9, 30);
  CHECK(puncture_problems(b, d, {other}, {}, rooms) ==
        std::vector<std::string>{"room 1 at 09:00 is double-booked (with 09:30)"});
  other.chair = 2;  // another room: no conflict
  CHECK(puncture_problems(b, d, {other}, {}, rooms).empty());
  InfusionBooking chair = b;
  chair.planned_key = "edaravone:5:c1:d1";
  chair.start = at(9, 45);
  CHECK(puncture_problems(b, d, {}, {chair}, rooms) ==
        std::vector<std::string>{"the patient has an infusion at the same time (09:45, chair 1)"});
  chair.patient_id = 9;  // another patient's infusion in chair 1: nothing to do with room 1
  CHECK(puncture_problems(b, d, {}, {chair}, rooms).empty());
}
