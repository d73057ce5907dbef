#pragma once
// Template body of for_each_riluzole_dose (kept out of riluzole.hpp for readability).
#include <chrono>

namespace alsmeds {

template <class Visit>
void for_each_riluzole_dose(const RiluzoleRegimen& regimen, const std::vector<WallClock>& sorted_times,
                            int days, Visit&& visit) {
  LocalTimeResolver resolver(regimen.zone);
  std::vector<LocalTimeResolver> earlier;  // one per earlier zone, as regimen.earlier_zones
  for (const EarlierZoneSpan& z : regimen.earlier_zones) earlier.emplace_back(z.zone);
  const Milligrams dose = riluzole_product(regimen.product).dose_per_intake;
  bool any = false;
  Instant last{};
  for (int d = 0; d < days; ++d) {
    const Day day = regimen.start + date::days{d};
    const date::local_days local_day{day.time_since_epoch()};
    LocalTimeResolver* zone_of_day = &resolver;
    for (std::size_t z = 0; z < earlier.size(); ++z)
      if (day < regimen.earlier_zones[z].until) {
        zone_of_day = &earlier[z];
        break;
      }
    for (std::size_t slot = 0; slot < sorted_times.size(); ++slot) {
      const ResolvedTime t = zone_of_day->resolve(date::local_seconds{local_day} + sorted_times[slot]);
      if (any && t.instant <= last) continue;  // never two doses at one instant, never out of order
      any = true;
      last = t.instant;
      visit(RiluzoleDose{t.instant, t.utc_offset, day, static_cast<int>(slot), t.kind, dose});
    }
  }
}

}  // namespace alsmeds
