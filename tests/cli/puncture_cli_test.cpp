// alsmeds-cli board book --room, board list, board cancel and board settings --lp-rooms/--lp-minutes:
// tofersen's lumbar punctures in rooms (issue 26, schema 16) end to end. Days by hand from the label
// (docs/domain.md "Tofersen": loading doses 14 days apart): from Monday 2026-03-02, dose 2 is due 2026-03-16.
#include "cli_db.hpp"

using namespace alsmeds::test;

namespace {

void add_patient(const TempDb& db, const std::string& mrn, const std::string& name, bool iv = false) {
  id_of(db.run({"patient", "add", "--name", name, "--tz", "Europe/Lisbon", "--mrn", mrn}));
  REQUIRE(db.run({"therapy", "start", "--patient", mrn, "--drug", "tofersen", "--start", "2026-03-02"})
              .exit_code == 0);
  if (iv)
    REQUIRE(db.run({"therapy", "start", "--patient", mrn, "--drug", "edaravone", "--form", "iv", "--start",
                    "2026-03-02"})
                .exit_code == 0);
}

std::vector<std::string> rows_of(const TempDb& db, const std::string& day) {
  const CliRun r = db.run({"board", "list", "--day", day, "--format", "csv"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out_lines();
}

CliRun book(const TempDb& db, const std::string& mrn, const std::string& day, const std::string& place,
            const std::string& n, const std::string& at) {
  return db.run({"board", "book", "--patient", mrn, "--day", day, place, n, "--at", at});
}

}  // namespace

TEST_CASE("board book --room books a tofersen dose into a lumbar-puncture room, listed beside the chairs") {
  TempDb db;
  add_patient(db, "T-1", "Ana Silva");
  add_patient(db, "T-2", "Ben Okafor", true);
  id_of(book(db, "T-1", "2026-03-02", "--room", "1", "09:00"));
  id_of(book(db, "T-2", "2026-03-02", "--chair", "1", "09:00"));  // chair 1 is not room 1
  const auto rows = rows_of(db, "2026-03-02");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == "day,start,chair,patient_id,mrn,name,drug,cycle,cycle_day,booked_by,room,minutes,dose");
  CHECK(rows[1] == "2026-03-02,09:00,1,2,T-2,Ben Okafor,edaravone,1,1,nurse.kim,,60,");
  CHECK(rows[2] == "2026-03-02,09:00,,1,T-1,Ana Silva,tofersen,,,nurse.kim,1,60,1");

  SECTION("refusals: one line naming the problem, exit 2, nothing stored") {
    expect_refused(book(db, "T-2", "2026-03-02", "--room", "1", "09:30"),
                   "room 1 is taken at 09:30 on 2026-03-02 (a lumbar puncture holds it 60 minutes)");
    expect_refused(book(db, "T-2", "2026-03-02", "--room", "2", "11:00"), "room 2 does not exist");
    expect_refused(book(db, "T-2", "2026-03-02", "--room", "1", "16:30"), "outside opening hours");
    expect_refused(book(db, "T-1", "2026-03-01", "--room", "1", "10:00"), "starts on 2026-03-02");
    expect_refused(book(db, "T-1", "2026-03-02", "--room", "0", "10:00"), "--room");
    expect_refused(book(db, "T-1", "2026-03-02", "--room", "1", "9h"), "--at");
    expect_refused(db.run({"board", "book", "--patient", "T-1", "--day", "2026-03-02", "--room", "1",
                           "--chair", "1", "--at", "10:00"}),
                   "not both");
    expect_refused(db.run({"board", "book", "--patient", "T-1", "--day", "2026-03-02", "--at", "10:00"}),
                   "--chair or --room");
    CHECK(rows_of(db, "2026-03-02") == rows);
  }
  SECTION(
      "a dose given sets the next one's day: dose 2 not before 2026-03-16, late after it with a warning") {
    REQUIRE(db.run({"log", "dose", "--patient", "T-1", "--drug", "tofersen", "--at", "2026-03-02T09:40"})
                .exit_code == 0);
    expect_refused(book(db, "T-1", "2026-03-09", "--room", "1", "09:00"), "due on 2026-03-16");
    const CliRun late = book(db, "T-1", "2026-03-18", "--room", "1", "09:00");
    id_of(late);
    CHECK(late.err.find("warning: loading dose 2 was due on 2026-03-16: booked 2 days after it") !=
          std::string::npos);
    CHECK(rows_of(db, "2026-03-18").size() == 2);
    // The pharmacy prepares T-1's vial for the booked day, not the due day; a list ending before it has none
    // of T-1's. (T-2's dose 1, never given, is overdue: counted on each list's first day, 03-16.)
    const CliRun prep =
        db.run({"pharmacy", "prep", "--from", "2026-03-16", "--to", "2026-03-22", "--format", "csv"});
    CHECK(prep.out.find("2026-03-16,tofersen-intrathecal,1,,day,1\n") != std::string::npos);
    CHECK(prep.out.find("2026-03-18,tofersen-intrathecal,1,,day,1\n") != std::string::npos);
    CHECK(prep.out.find("2026-03-16,tofersen-intrathecal,2,,week,2\n") != std::string::npos);
    const CliRun before =
        db.run({"pharmacy", "prep", "--from", "2026-03-16", "--to", "2026-03-17", "--format", "csv"});
    CHECK(before.out.find("2026-03-16,tofersen-intrathecal,1,,week,1\n") != std::string::npos);
  }
  SECTION("board cancel frees the place; with both on one day, --drug says which") {
    id_of(book(db, "T-2", "2026-03-02", "--room", "1", "10:00"));
    expect_refused(db.run({"board", "cancel", "--patient", "T-2", "--day", "2026-03-02"}), "--drug");
    expect_refused(
        db.run({"board", "cancel", "--patient", "T-2", "--day", "2026-03-02", "--drug", "riluzole"}),
        "--drug");
    id_of(db.run({"board", "cancel", "--patient", "T-2", "--day", "2026-03-02", "--drug", "tofersen"}));
    CHECK(rows_of(db, "2026-03-02") == rows);
    expect_refused(
        db.run({"board", "cancel", "--patient", "T-2", "--day", "2026-03-02", "--drug", "tofersen"}),
        "no tofersen booking on 2026-03-02");
    // The room is free again at 10:00 for anyone.
    id_of(book(db, "T-2", "2026-03-02", "--room", "1", "10:00"));
    const CliRun audit = db.run({"audit", "--patient", "T-2", "--format", "csv"});
    CHECK(audit.out.find("booking cancelled") != std::string::npos);
    CHECK(audit.out.find("on 2026-03-02 10:00, room 1") != std::string::npos);
  }
}

TEST_CASE("board settings --lp-rooms and --lp-minutes: the unit's rooms and how long a puncture holds one") {
  TempDb db;
  add_patient(db, "T-1", "Ana Silva");
  add_patient(db, "T-2", "Ben Okafor");
  expect_refused(db.run({"board", "settings", "--lp-rooms", "11"}), "--lp-rooms");
  expect_refused(db.run({"board", "settings", "--lp-minutes", "10"}), "--lp-minutes");
  expect_refused(db.run({"board", "settings", "--lp-minutes", "241"}), "--lp-minutes");
  id_of(db.run({"board", "settings", "--lp-rooms", "2", "--lp-minutes", "90", "--reason", "second room"}));
  const CliRun shown = db.run({"board", "settings", "--format", "csv"});
  CHECK(shown.out.find(",second room,2,90\n") != std::string::npos);
  id_of(book(db, "T-1", "2026-03-02", "--room", "1", "09:00"));
  // 90 minutes: room 1 is held to 10:30; room 2 is free at 09:00.
  expect_refused(book(db, "T-2", "2026-03-02", "--room", "1", "10:00"), "holds it 90 minutes");
  id_of(book(db, "T-2", "2026-03-02", "--room", "2", "09:00"));
  CHECK(rows_of(db, "2026-03-02")[2] == "2026-03-02,09:00,,2,T-2,Ben Okafor,tofersen,,,nurse.kim,2,90,1");
  // Fewer rooms: room 2 is no more; no room: nothing is booked.
  id_of(db.run({"board", "settings", "--lp-rooms", "1"}));
  expect_refused(book(db, "T-2", "2026-03-02", "--room", "2", "11:00"), "room 2 does not exist");
  id_of(db.run({"board", "settings", "--lp-rooms", "0"}));
  expect_refused(book(db, "T-2", "2026-03-02", "--room", "1", "11:00"), "no lumbar-puncture room");
}
