// Plans 10,000 patients x 5 years of edaravone, riluzole and liver tests; prints time and peak memory.
// Target on a 2-core machine (issue 2): under 0.5 s and 100 MB. Figures are printed, never asserted.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/riluzole.hpp"

using namespace alsmeds;

int main() {
  constexpr int kPatients = 10'000;
  constexpr int kYears = 5;
  constexpr int kDays = kYears * 365 + 1;
  const char* zones[] = {"America/New_York",    "Europe/Paris",        "Europe/London", "Asia/Kolkata",
                         "Australia/Lord_Howe", "America/Los_Angeles", "Pacific/Apia",  "Asia/Tokyo"};
  std::vector<Zone> resolved;
  for (const char* z : zones) resolved.push_back(*find_zone(z));

  std::mt19937 rng(1);
  const Day base{date::year{2025} / 1 / 1};
  // A clinic's closures: about ten holidays a year over the period.
  std::vector<Day> holidays;
  for (int i = 0; i < 10 * (kYears + 1); ++i)
    holidays.push_back(base + date::days{static_cast<int>(rng() % 2300)});
  const ClosedDays closed(holidays);

  long long edaravone_doses = 0, riluzole_doses = 0, liver_tests = 0, short_cycles = 0;
  long long checksum = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int p = 0; p < kPatients; ++p) {
    const Day start = base + date::days{static_cast<int>(rng() % 730)};
    EdaravonePlanRequest e;
    e.regimen = {start, p % 3 ? EdaravoneForm::iv : EdaravoneForm::oral,
                 p % 2 ? DayPolicy::earliest : DayPolicy::weekdays, FirstCycle::full};
    e.cycles = kDays / kCycleLengthDays;
    e.closed = closed;
    auto plan = plan_edaravone(e);
    for (const auto& c : plan->cycles) {
      edaravone_doses += static_cast<long long>(c.doses.size());
      short_cycles += c.is_short();
    }

    RiluzoleRegimen r;
    r.start = start;
    r.zone = resolved[static_cast<std::size_t>(p) % resolved.size()];
    for_each_riluzole_dose(r, r.times, kDays, [&](const RiluzoleDose& d) {
      ++riluzole_doses;
      checksum += d.instant.time_since_epoch().count() & 0xff;
    });

    auto lft = plan_liver_tests({start, kYears * 12, LiverTestSchedule::eu, true});
    liver_tests += static_cast<long long>(lft->tests.size());
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);

  std::printf("plan_bench: %d patients x %d years\n", kPatients, kYears);
  std::printf("  edaravone doses  %lld (%lld short cycles)\n", edaravone_doses, short_cycles);
  std::printf("  riluzole doses   %lld\n", riluzole_doses);
  std::printf("  liver tests      %lld\n", liver_tests);
  std::printf("  time             %.3f s   (target < 0.5 s)\n", seconds);
  std::printf("  peak memory      %.1f MB  (target < 100 MB)\n",
              static_cast<double>(usage.ru_maxrss) / 1024.0);
  std::printf("  checksum         %lld\n", checksum);
  return 0;
}
