// Alert acknowledgments and infusion bookings (schema version 4).
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "alsmeds/storage/record_store.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::raw_exec;
using alsmeds::test::TempFolder;
using alsmeds::test::test_actor;

namespace {

RecordId add_patient(RecordStore& store) {
  NewPatient p;
  p.name = "Ada Board";
  p.tz = "Europe/London";
  return std::move(store.add_patient(p, test_actor())).value();
}

}  // namespace

TEST_CASE("Acknowledging an alert records who and when, and cannot be rewritten") {
  TempFolder dir;
  const std::string path = dir.file("a.db");
  auto store = alsmeds::test::open_store(path);
  const RecordId id = add_patient(*store);
  Actor nurse{"nurse.kim", Instant{std::chrono::seconds{1'790'000'000}}};
  REQUIRE(
      store->acknowledge_alert({0, id, "riluzole|2026-11-20|ALT 3.4x ULN", "", {}, "called GP"}, nurse).ok());

  const auto acks = store->alert_acknowledgments(id);
  REQUIRE(acks.size() == 1);
  CHECK(acks[0].alert_key == "riluzole|2026-11-20|ALT 3.4x ULN");
  CHECK(acks[0].acknowledged_by == "nurse.kim");
  CHECK(acks[0].acknowledged_at == nurse.now);
  CHECK(acks[0].note == "called GP");
  CHECK(store->alert_acknowledgments(id + 1).empty());
  const auto audit = store->audit(id);
  CHECK(std::any_of(audit.begin(), audit.end(), [](const AuditEntry& a) {
    return a.action == "acknowledge" && a.entity == "alert" && a.actor == "nurse.kim";
  }));

  CHECK_FALSE(store->acknowledge_alert({0, id + 50, "x", "", {}, ""}, nurse).ok());
  CHECK_FALSE(store->acknowledge_alert({0, id, "", "", {}, ""}, nurse).ok());
  store.reset();
  CHECK(raw_exec(path, "UPDATE alert_acknowledgments SET acknowledged_by = 'someone'") != SQLITE_OK);
  CHECK(raw_exec(path, "DELETE FROM alert_acknowledgments") != SQLITE_OK);
}

TEST_CASE("Booking an infusion again moves it, and the audit keeps the old slot") {
  TempFolder dir;
  auto store = alsmeds::test::open_store(dir.file("b.db"));
  const RecordId id = add_patient(*store);
  const Day monday{date::year{2026} / 12 / 7};
  InfusionBooking b;
  b.patient_id = id;
  b.planned_key = "edaravone:1:c2:d1";
  b.day = monday;
  b.chair = 2;
  b.start = WallClock{10 * 60};
  const RecordId first = std::move(store->book_infusion(b, test_actor())).value();

  b.day = monday + date::days{1};
  b.chair = 1;
  b.start = WallClock{14 * 60};
  const RecordId moved = std::move(store->book_infusion(b, test_actor())).value();
  CHECK(moved > first);  // a move is a new version of the booking; the old version stays as it was

  CHECK(store->infusion_bookings(monday, monday).empty());
  const auto tuesday = store->infusion_bookings(monday + date::days{1}, monday + date::days{1});
  REQUIRE(tuesday.size() == 1);
  CHECK(tuesday[0].chair == 1);
  CHECK(tuesday[0].start == WallClock{14 * 60});
  CHECK(tuesday[0].planned_key == "edaravone:1:c2:d1");

  const auto audit = store->audit(id);
  const auto move =
      std::find_if(audit.begin(), audit.end(), [](const AuditEntry& a) { return a.action == "move"; });
  REQUIRE(move != audit.end());
  CHECK(move->previous.find("2026-12-07 10:00, chair 2") != std::string::npos);
  CHECK(move->detail.find("2026-12-08 14:00, chair 1") != std::string::npos);

  SECTION("a cancelled booking frees its slot, and the audit keeps it") {
    REQUIRE(store->cancel_booking("edaravone:1:c2:d1", test_actor()).ok());
    CHECK(store->infusion_bookings(monday, monday + date::days{7}).empty());
    const auto trail = store->audit(id);
    const auto cancel =
        std::find_if(trail.begin(), trail.end(), [](const AuditEntry& a) { return a.action == "cancel"; });
    REQUIRE(cancel != trail.end());
    CHECK(cancel->previous.find("2026-12-08 14:00, chair 1") != std::string::npos);
    CHECK_FALSE(store->cancel_booking("edaravone:1:c2:d1", test_actor()).ok());  // nothing left to cancel
  }

  SECTION("bad bookings are refused and change nothing") {
    InfusionBooking bad = b;
    bad.planned_key = "riluzole:1:2026-12-07:0";
    CHECK_FALSE(store->book_infusion(bad, test_actor()).ok());
    bad = b;
    bad.chair = 0;
    CHECK_FALSE(store->book_infusion(bad, test_actor()).ok());
    bad = b;
    bad.start = WallClock{23 * 60 + 30};
    CHECK_FALSE(store->book_infusion(bad, test_actor()).ok());
    bad = b;
    bad.patient_id = add_patient(*store);
    CHECK_FALSE(store->book_infusion(bad, test_actor()).ok());  // another patient's infusion
    const auto still = store->infusion_bookings(monday, monday + date::days{7});
    REQUIRE(still.size() == 1);
    CHECK(still[0].patient_id == id);
    CHECK(still[0].day == monday + date::days{1});
  }
}

TEST_CASE("The store refuses a chair taken for an overlapping hour inside its write transaction") {
  TempFolder dir;
  auto store = std::move(open_record_store(dir.file("c.db"))).value();
  const RecordId a = add_patient(*store), b = add_patient(*store);
  const Day day{date::year{2026} / 12 / 7};
  auto booking = [&](RecordId patient, const std::string& key, int chair, int minute) {
    InfusionBooking x;
    x.patient_id = patient;
    x.planned_key = key;
    x.day = day;
    x.chair = chair;
    x.start = WallClock{minute};
    return x;
  };
  REQUIRE(store->book_infusion(booking(a, "edaravone:1:c2:d1", 1, 10 * 60), test_actor()).ok());
  const auto taken = store->book_infusion(booking(b, "edaravone:2:c2:d1", 1, 10 * 60 + 59), test_actor());
  REQUIRE_FALSE(taken.ok());
  CHECK(taken.error() ==
        "chair 1 is taken at 10:59 on 2026-12-07 (an infusion is 60 minutes): choose "
        "another chair or time");
  CHECK_FALSE(store->book_infusion(booking(b, "edaravone:2:c2:d1", 1, 9 * 60 + 1), test_actor()).ok());
  CHECK(store->book_infusion(booking(b, "edaravone:2:c2:d1", 1, 11 * 60), test_actor()).ok());  // right after
  CHECK_FALSE(store->book_infusion(booking(a, "edaravone:1:c2:d1", 1, 10 * 60 + 30), test_actor()).ok());
  CHECK(store->book_infusion(booking(a, "edaravone:1:c2:d1", 1, 9 * 60), test_actor()).ok());  // its own move
  // A cancelled booking frees its chair.
  REQUIRE(store->cancel_booking("edaravone:2:c2:d1", test_actor()).ok());
  CHECK(store->book_infusion(booking(a, "edaravone:1:c2:d1", 1, 10 * 60 + 30), test_actor()).ok());
  CHECK(store->infusion_bookings(day, day).size() == 1);
}

TEST_CASE(
    "A board write naming the booking version it saw is refused inside the store when it changed since") {
  TempFolder dir;
  auto store = std::move(open_record_store(dir.file("v.db"))).value();
  const RecordId a = add_patient(*store);
  InfusionBooking x;
  x.patient_id = a;
  x.planned_key = "edaravone:1:c2:d1";
  x.day = Day{date::year{2026} / 12 / 7};
  x.chair = 1;
  x.start = WallClock{10 * 60};
  // Booked from a board that showed it unbooked (0).
  const RecordId first = std::move(store->book_infusion(x, {"kim", Instant{}}, RecordId{0})).value();
  // A second board that also showed it unbooked: refused, naming kim's booking.
  x.chair = 2;
  const auto stale = store->book_infusion(x, {"lee", Instant{}}, RecordId{0});
  REQUIRE_FALSE(stale.ok());
  CHECK_THAT(stale.error(), Catch::Contains("changed since the board was read") && Catch::Contains("kim") &&
                                Catch::Contains("chair 1 at 10:00"));
  // Naming the version it saw: moved.
  const RecordId moved = std::move(store->book_infusion(x, {"lee", Instant{}}, first)).value();
  // A cancel naming the first version is refused; naming the current one, done.
  const auto stale_cancel = store->cancel_booking(x.planned_key, {"kim", Instant{}}, first);
  REQUIRE_FALSE(stale_cancel.ok());
  CHECK_THAT(stale_cancel.error(), Catch::Contains("lee booked it in chair 2"));
  REQUIRE(store->cancel_booking(x.planned_key, {"kim", Instant{}}, moved).ok());
  // A board that showed the booking before the cancel: its move is refused, saying it was cancelled.
  x.chair = 3;
  const auto after_cancel = store->book_infusion(x, {"lee", Instant{}}, moved);
  REQUIRE_FALSE(after_cancel.ok());
  CHECK_THAT(after_cancel.error(), Catch::Contains("kim cancelled it"));
  CHECK(store->infusion_bookings(x.day, x.day).empty());
}
