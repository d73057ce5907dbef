#pragma once
// Radicava ORS (oral edaravone) and food, as the current US PI gives it (../shared/docs/domain.md, "ORS
// fasting windows"): in the morning after an overnight fast; else a wait after the last food (8 h after a
// high-fat meal, 4 h after a low-fat meal, 2 h after a caloric supplement of about 250 kcal); then nothing
// but water for 1 h. One text for `due`, the app's Today view and the calendar.
#include <array>
#include <chrono>
#include <string>
#include <string_view>

#include "alsmeds/calendar.hpp"

namespace alsmeds {

/// What the patient ate last before the dose (the patient's choice in the app's Today view).
enum class LastFood { overnight_fast, high_fat_meal, low_fat_meal, caloric_supplement };
inline constexpr std::array<LastFood, 4> kLastFoods{LastFood::overnight_fast, LastFood::high_fat_meal,
                                                    LastFood::low_fat_meal, LastFood::caloric_supplement};
std::string_view to_string(LastFood food);  // "overnight fast", "high-fat meal", ...

/// The wait after that food before the dose: none after an overnight fast, then 8, 4 and 2 hours.
std::chrono::minutes wait_after(LastFood food);

/// The whole rule, for a calendar event and the Today view.
std::string_view oral_edaravone_food_rule();
/// The rule in a due list's few words.
std::string_view oral_edaravone_food_rule_short();

/// Which wait applies and from when: "after a low-fat meal at 10:30: take it from 14:30 (4 h), then nothing
/// but water for 1 h". After an overnight fast the time eaten is not asked. A time after midnight is said as
/// the next day's.
std::string oral_edaravone_wait(LastFood food, WallClock ate_at);

}  // namespace alsmeds
