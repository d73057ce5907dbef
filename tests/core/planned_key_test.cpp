// A planned dose's stored key (issue 26: each regimen's module writes and reads its own part): the keys as
// docs/architecture.md and therapy_plan.hpp spell them, written out by hand, read back to their numbers and
// written again; keys of no regimen, or malformed in a regimen's own part, read as nothing.
#include <catch2/catch.hpp>

#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/records/records.hpp"
#include "alsmeds/regimens/regimens.hpp"

using namespace alsmeds;
using namespace date::literals;

TEST_CASE("Each regimen reads and writes its own part of a planned dose's key") {
  // Edaravone: course 12, cycle 2, cycle day 5.
  CHECK(parse_planned_key("edaravone:12:c2:d5") == PlannedRef{12, 2, 5});
  CHECK(planned_key(Drug::edaravone, PlannedRef{12, 2, 5}) == "edaravone:12:c2:d5");
  // Riluzole: course 7, the evening dose (slot 2) of 8 March 2026; the day as days since 1970-01-01.
  const int day = static_cast<int>(date::sys_days{2026_y / 3 / 8}.time_since_epoch().count());
  CHECK(day == 20520);  // 56 years of 365 days, 14 leap days (1972..2024), then 31 + 28 + 7 days of 2026
  CHECK(parse_planned_key("riluzole:7:2026-03-08:2") == PlannedRef{7, day, 2});
  CHECK(planned_key(Drug::riluzole, PlannedRef{7, day, 2}) == "riluzole:7:2026-03-08:2");
  // Tofersen: course 3, dose 4 (the first maintenance dose).
  CHECK(parse_planned_key("tofersen:3:d4") == PlannedRef{3, 4, 0});
  CHECK(planned_key(Drug::tofersen, PlannedRef{3, 4, 0}) == "tofersen:3:d4");
  CHECK(regimen_of_key("tofersen:3:d4") == &regimen(Drug::tofersen));
}

TEST_CASE("A key of no regimen or malformed in its own part reads as nothing") {
  for (const char* key : {"",
                          "edaravone",
                          "edaravone:",
                          "edaravone:12",
                          "edaravone:12:d5",
                          "edaravone:12:c2:d",
                          "edaravone:12:c2:d5:",
                          "edaravone:x:c2:d5",
                          "edaravone:-1:c2:d5",
                          "riluzole:7:2026-02-30:1",
                          "riluzole:7:2026-03-08",
                          "riluzole:7:c2:d5",
                          "tofersen:3:d",
                          "tofersen:3:c1:d4",
                          "edaravone:1:c4294967295:d1",
                          "tofersen:3:d2147483648",
                          "tofersenx:3:d4",
                          "tofersen3:d4",
                          "Tofersen:3:d4",
                          "aspirin:1:d1"}) {
    INFO(key);
    CHECK(parse_planned_key(key).empty());
  }
  CHECK(regimen_of_key("tofersen") == nullptr);
  CHECK(regimen_of_key("tofersenx:3:d4") == nullptr);
}

TEST_CASE(
    "The board's place is the regimen's: a chair for edaravone, a room for tofersen, none for riluzole") {
  InfusionBooking b;
  b.planned_key = "edaravone:12:c2:d5";
  b.minutes = 60;
  CHECK_FALSE(is_procedure_booking(b.planned_key));
  CHECK(check_booking(b));
  CHECK(booking_place(b) == "chair 1");
  b.planned_key = "tofersen:3:d4";
  b.minutes = 45;
  CHECK(is_procedure_booking(b.planned_key));
  CHECK(check_booking(b));
  CHECK(booking_place(b) == "room 1");
  b.planned_key = "riluzole:7:2026-03-08:2";
  const auto refused = check_booking(b);
  REQUIRE_FALSE(refused);
  CHECK(refused.error() ==
        "'riluzole:7:2026-03-08:2' is not a planned dose of edaravone or tofersen (the drugs given in the "
        "clinic)");
}

TEST_CASE("A planned dose's cycle is read from its key only for a regimen that runs in cycles") {
  // Edaravone runs in cycles: course 12, cycle 2, day 5. Riluzole and tofersen do not: no cycle, whatever
  // their key's numbers; a malformed key has none either.
  CHECK(cycle_of_key("edaravone:12:c2:d5") == PlannedRef{12, 2, 5});
  CHECK(cycle_of_key("riluzole:7:2026-03-08:2").empty());
  CHECK(cycle_of_key("tofersen:3:d4").empty());
  CHECK(cycle_of_key("edaravone:12:c2").empty());
  CHECK(cycle_of_key("").empty());
}
