#pragma once
// Realistic demo patients so every screen and report has something to show: both drugs, punctual, late and
// missed doses, side effects, ALT rises, a delayed cycle, weight loss, refill gaps. Deterministic for a seed.
#include <cstdint>

#include "alsmeds/storage/record_store.hpp"

namespace alsmeds {

struct DemoRequest {
  int patients = 12;
  int years = 1;
  std::uint32_t seed = 1;
  Day today;  // doses are logged up to the day before
};

struct DemoSummary {
  std::size_t patients = 0, therapies = 0, log_entries = 0;
};

/// Fills an empty store. Error if it already has patients (demo data never mixes with a clinic's records).
Result<DemoSummary> fill_demo_data(RecordStore& store, const DemoRequest& request, const Actor& actor,
                                   const Progress& progress);

}  // namespace alsmeds
