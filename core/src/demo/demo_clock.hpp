#pragma once
// The instant of a clock time on a patient's local day, for the demo's records.
#include <chrono>

#include "alsmeds/zone_clock.hpp"

namespace alsmeds {

inline Instant demo_instant(Zone zone, Day day, int minute) {
  return resolve_local_time(zone, date::local_seconds{date::local_days{day.time_since_epoch()}} +
                                      std::chrono::minutes{minute})
      .instant;
}

}  // namespace alsmeds
