#pragma once
// The demo clinic's tofersen patients (issue 26): a course's doses as a clinic gives them (on the due day,
// now and then a few days late, once in a while a dose missed and given later) and its observations (plasma
// NfL at the loading doses and then every third dose, falling as the label's studies report; CSF white cells
// and protein at some doses). From a generator of its own: the other demo draws stay as they were.
#include <cstdint>
#include <vector>

#include "alsmeds/records/records.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds {

std::vector<LogEntry> demo_tofersen_log(const Therapy& course, RecordId patient_id, Zone zone, Day today,
                                        std::uint32_t seed);

}  // namespace alsmeds
