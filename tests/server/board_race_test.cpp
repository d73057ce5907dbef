// Two nurses booking one chair slot at the same moment, each on their own connection: exactly one booking,
// and one clear refusal, kept by the database's constraint (not by a look before the insert).
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "alsmeds/storage/record_store.hpp"
#include "server_test_support.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

std::unique_ptr<RecordStore> open_server(const std::string& uri) {
  auto s = open_record_store(uri);
  if (!s) throw std::runtime_error(s.error());
  return std::move(s).value();
}

RecordId add_patient(RecordStore& s, const std::string& name) {
  NewPatient p;
  p.name = name;
  p.tz = "Europe/Paris";
  return std::move(s.add_patient(p, test_actor())).value();
}

InfusionBooking booking(RecordId patient, const std::string& key, Day day, int chair, int minute) {
  InfusionBooking b;
  b.patient_id = patient;
  b.planned_key = key;
  b.day = day;
  b.chair = chair;
  b.start = WallClock{minute};
  return b;
}

}  // namespace

// Odd rounds: the second nurse books 10:30, inside the first one's hour (an infusion is 60 minutes).
TEST_CASE("Two nurses booking one chair and hour at the same moment: one booking, one clear refusal") {
  const std::string uri = server_uri(fresh_server_database());
  auto first = open_server(uri);
  auto second = open_server(uri);
  const RecordId ann = add_patient(*first, "Ann");
  const RecordId bob = add_patient(*first, "Bob");
  const Day monday{date::year{2026} / 12 / 7};
  int refusals = 0;
  for (int round = 0; round < 20; ++round) {
    const Day day = monday + date::days{round};
    std::atomic<int> ready{0};
    Result<RecordId> a = fail(""), b = fail("");
    auto book = [&](RecordStore& s, RecordId patient, const std::string& key, Result<RecordId>& out) {
      ++ready;
      while (ready.load() < 2) {
      }
      const int start = patient == bob && round % 2 == 1 ? 10 * 60 + 30 : 10 * 60;
      out = s.book_infusion(booking(patient, key, day, 3, start), test_actor());
    };
    std::thread t1(book, std::ref(*first), ann, "edaravone:1:c" + std::to_string(round + 1) + ":d1",
                   std::ref(a));
    std::thread t2(book, std::ref(*second), bob, "edaravone:2:c" + std::to_string(round + 1) + ":d1",
                   std::ref(b));
    t1.join();
    t2.join();
    INFO("round " << round);
    CHECK(a.ok() != b.ok());  // exactly one
    const std::string refusal = a.ok() ? b.error() : a.error();
    CHECK_THAT(refusal,
               Catch::Contains("chair 3 is taken at 10:") && Catch::Contains("choose another chair"));
    refusals += !a.ok() || !b.ok();
    const auto held = first->infusion_bookings(day, day);
    REQUIRE(held.size() == 1u);
    CHECK(held[0].chair == 3);
  }
  CHECK(refusals == 20);
}

TEST_CASE("A slot freed by a move or a cancellation can be booked again, a held one cannot") {
  const std::string uri = server_uri(fresh_server_database());
  auto s = open_server(uri);
  const RecordId ann = add_patient(*s, "Ann");
  const RecordId bob = add_patient(*s, "Bob");
  const Day day{date::year{2026} / 12 / 7};
  REQUIRE(s->book_infusion(booking(ann, "edaravone:1:c1:d1", day, 1, 9 * 60), test_actor()).ok());
  CHECK_THAT(s->book_infusion(booking(bob, "edaravone:2:c1:d1", day, 1, 9 * 60), test_actor()).error(),
             Catch::Contains("is taken at 09:00"));
  // Booking the same infusion into its own slot again is no conflict.
  REQUIRE(s->book_infusion(booking(ann, "edaravone:1:c1:d1", day, 1, 9 * 60), test_actor()).ok());
  // Ann moves to chair 2: chair 1 is free for Bob, chair 2 is not.
  REQUIRE(s->book_infusion(booking(ann, "edaravone:1:c1:d1", day, 2, 9 * 60), test_actor()).ok());
  REQUIRE(s->book_infusion(booking(bob, "edaravone:2:c1:d1", day, 1, 9 * 60), test_actor()).ok());
  CHECK_FALSE(s->book_infusion(booking(bob, "edaravone:2:c1:d1", day, 2, 9 * 60), test_actor()).ok());
  // Ann cancels: chair 2 is free again.
  REQUIRE(s->cancel_booking("edaravone:1:c1:d1", test_actor()).ok());
  REQUIRE(s->book_infusion(booking(bob, "edaravone:2:c1:d1", day, 2, 9 * 60), test_actor()).ok());
  const auto held = s->infusion_bookings(day, day);
  REQUIRE(held.size() == 1u);
  CHECK(held[0].patient_id == bob);
  CHECK(held[0].chair == 2);
  // Plain SQL cannot slip a second booking into a held slot either (the server numbers the versions).
  CHECK_FALSE(sql_as(uri,
                     "INSERT INTO infusion_bookings (patient_id, planned_key, day, chair, start_minute, "
                     "booked_by, booked_at, version, slot_generation) VALUES (" +
                         std::to_string(ann) + ", 'edaravone:9:c1:d1', " +
                         std::to_string(day.time_since_epoch().count()) + ", 2, 540, 'x', 0, 1, 99)")
                  .ok);
}

TEST_CASE(
    "A workstation sees another's write through its change counter (LISTEN/NOTIFY), without a restart") {
  const std::string uri = server_uri(fresh_server_database());
  auto board = open_server(uri);
  auto other = open_server(uri);
  const std::int64_t before = board->change_counter();
  CHECK(board->change_counter() == before);  // nothing written: nothing changed
  const RecordId ann = add_patient(*other, "Ann");
  // The notification is sent at the other's commit; it reaches this connection a moment later.
  std::int64_t seen = before;
  for (int i = 0; i < 100 && seen == before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    seen = board->change_counter();
  }
  CHECK(seen != before);
  CHECK(board->find_patient(ann).has_value());
}

TEST_CASE("A workstation's own write is not counted as another's change (it re-reads after it already)") {
  const std::string uri = server_uri(fresh_server_database());
  auto board = open_server(uri);
  const std::int64_t before = board->change_counter();
  add_patient(*board, "Own");  // its audit row notifies this connection too, with the COMMIT's answer
  CHECK(board->change_counter() == before);
}

TEST_CASE("A write made while a workstation's connection was gone is counted once it has connected again") {
  const std::string name = fresh_server_database();
  const std::string uri = server_uri(name);
  auto board = open_server(uri);
  auto other = open_server(uri);
  const std::int64_t before = board->change_counter();
  // Both connections end (a server restart, a network failure): the other's write reconnects and is
  // announced while the board's connection is gone; the board's next read connects again, unannounced.
  REQUIRE(sql_as(uri, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" +
                          name + "' AND pid <> pg_backend_pid()")
              .ok);
  const RecordId ann = add_patient(*other, "Ann");
  REQUIRE(board->find_patient(ann).has_value());
  CHECK(board->change_counter() != before);  // the board re-reads, so it shows Ann
}
