// Radicava ORS and food (../shared/docs/domain.md, "ORS fasting windows", the current US PI): 8 h after a
// high-fat meal, 4 h after a low-fat meal, 2 h after a caloric supplement; nothing but water for 1 h after.
// Times worked by hand.
#include "alsmeds/regimens/oral_food_rule.hpp"

#include <catch2/catch.hpp>

using namespace alsmeds;
using std::chrono::hours;
using std::chrono::minutes;

TEST_CASE("ORS: the wait after each kind of last food, from the time it was eaten") {
  CHECK(wait_after(LastFood::overnight_fast) == minutes{0});
  CHECK(wait_after(LastFood::high_fat_meal) == hours{8});
  CHECK(wait_after(LastFood::low_fat_meal) == hours{4});
  CHECK(wait_after(LastFood::caloric_supplement) == hours{2});
  CHECK(oral_edaravone_wait(LastFood::low_fat_meal, hours{10} + minutes{30}) ==
        "after a low-fat meal at 10:30: take it from 14:30 (4 h), then nothing but water for 1 h");
  CHECK(oral_edaravone_wait(LastFood::caloric_supplement, hours{6}) ==
        "after a caloric supplement (about 250 kcal) at 06:00: take it from 08:00 (2 h), then nothing but "
        "water "
        "for 1 h");
  // A high-fat dinner at 20:00: not before 04:00 the next day.
  CHECK(oral_edaravone_wait(LastFood::high_fat_meal, hours{20}) ==
        "after a high-fat meal at 20:00: take it from 04:00 the next day (8 h), then nothing but water for 1 "
        "h");
  CHECK_THAT(oral_edaravone_wait(LastFood::overnight_fast, minutes{0}), Catch::Contains("this morning"));
  const std::string rule(oral_edaravone_food_rule());
  for (const char* says : {"overnight fast", "8 h after a high-fat meal", "4 h after a low-fat meal",
                           "2 h after a caloric supplement", "nothing but water for 1 h", "feeding tube"})
    CHECK_THAT(rule, Catch::Contains(says));
}
