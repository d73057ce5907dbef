#pragma once
// Desktop notifications while the app runs: at each dose time, and for an edaravone day or a liver test due
// today, and for a supply running low (refill), with the patient's name and what to take. Pure: which
// reminders fall in a stretch of time.
#include <string>
#include <vector>

#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/schedule/due_list.hpp"

namespace alsmeds::gui {

struct Reminder {
  Instant at;
  std::string key;  // the planned dose or test: never sent twice
  std::string title, body;
};

/// Edaravone days and liver tests are announced at this local time (or when the app starts, if later).
inline constexpr WallClock kDayReminderTime{9 * 60};

/// Reminders due in (after, upto], for doses and tests not logged yet. `started` is when the app started:
/// a day reminder whose 09:00 passed before it comes at the start instead.
/// `refill_days`: the refill threshold (Settings), for the refill reminders.
std::vector<Reminder> due_reminders(const PatientFacts& facts, Instant after, Instant upto, Instant started,
                                    int refill_days = kDefaultRefillDays);

}  // namespace alsmeds::gui
