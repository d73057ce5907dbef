#pragma once
// The demo clinic's doses of a drug registered after the built-in ones and planned by the day (regimens.hpp
// plan_days: a test's regimen): each planned dose given on its day, now and then a day or two late, once in a
// while missed on its day and given some days later, wherever its plan then puts the next dose. From a
// generator of its own: the other demo draws stay as they were.
#include <cstdint>
#include <vector>

#include "alsmeds/records/records.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds {

/// The doses of `course` (of a drug with a plan_days hook) from its start up to the day before `today`.
std::vector<LogEntry> demo_registered_log(const Therapy& course, RecordId patient_id, Zone zone, Day today,
                                          std::uint32_t seed);

}  // namespace alsmeds
