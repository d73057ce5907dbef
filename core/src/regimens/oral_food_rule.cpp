#include "alsmeds/regimens/oral_food_rule.hpp"

namespace alsmeds {

std::string_view to_string(LastFood food) {
  switch (food) {
    case LastFood::overnight_fast:
      return "overnight fast";
    case LastFood::high_fat_meal:
      return "high-fat meal";
    case LastFood::low_fat_meal:
      return "low-fat meal";
    case LastFood::caloric_supplement:
      return "caloric supplement (about 250 kcal)";
  }
  return "overnight fast";
}

std::chrono::minutes wait_after(LastFood food) {
  switch (food) {
    case LastFood::overnight_fast:
      return std::chrono::minutes{0};
    case LastFood::high_fat_meal:
      return std::chrono::hours{8};
    case LastFood::low_fat_meal:
      return std::chrono::hours{4};
    case LastFood::caloric_supplement:
      return std::chrono::hours{2};
  }
  return std::chrono::hours{8};
}

std::string_view oral_edaravone_food_rule() {
  return "Take it in the morning after an overnight fast. If you did not fast overnight, wait after your "
         "last "
         "food: 8 h after a high-fat meal, 4 h after a low-fat meal, 2 h after a caloric supplement (about "
         "250 "
         "kcal). Then nothing but water for 1 h. By feeding tube: flush with water before and after.";
}

std::string_view oral_edaravone_food_rule_short() {
  return "after an overnight fast (else 8 h after a high-fat meal, 4 h after a low-fat one, 2 h after a "
         "supplement), water only for 1 h";
}

std::string oral_edaravone_wait(LastFood food, WallClock ate_at) {
  if (food == LastFood::overnight_fast)
    return "after an overnight fast: take it this morning, then nothing but water for 1 h";
  const auto wait = wait_after(food);
  const auto from = ate_at + wait;
  const bool next_day = from >= std::chrono::hours{24};
  const WallClock at{from % std::chrono::hours{24}};
  return "after a " + std::string(to_string(food)) + " at " + format_wall_clock(ate_at) + ": take it from " +
         format_wall_clock(at) + (next_day ? " the next day" : "") + " (" +
         std::to_string(std::chrono::duration_cast<std::chrono::hours>(wait).count()) +
         " h), then nothing but water for 1 h";
}

}  // namespace alsmeds
