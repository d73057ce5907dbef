// Wall-clock resolution checked from the other direction: the library's sys -> local conversion (which has no
// ambiguity) must give back the requested wall-clock time, or that time moved forward by the gap.
#include <catch2/catch.hpp>
#include <random>

#include "alsmeds/regimens/riluzole.hpp"
#include "test_days.hpp"

using namespace alsmeds;
using namespace std::chrono;

TEST_CASE("Property: each planned dose reads back as its wall-clock time in the patient's zone") {
  const char* zones[] = {"America/New_York", "Europe/Paris",     "Australia/Lord_Howe", "Asia/Kolkata",
                         "Pacific/Apia",     "America/Santiago", "Europe/London",       "Pacific/Chatham",
                         "America/St_Johns", "Antarctica/Troll", "Asia/Tehran",         "UTC"};
  std::mt19937 rng(5);
  for (const char* name : zones) {
    const Zone z = *find_zone(name);
    for (int round = 0; round < 20; ++round) {
      RiluzoleRegimen r;
      r.zone = z;
      r.start = alsmeds::test::ymd(2005, 1, 1) + date::days{std::uniform_int_distribution<int>(0, 8000)(rng)};
      const int morning = std::uniform_int_distribution<int>(0, 11 * 60 + 59)(rng);
      r.times = {WallClock{morning}, WallClock{morning + 12 * 60}};
      const auto plan = plan_riluzole(r, 400);
      REQUIRE(plan.ok());
      for (std::size_t i = 0; i < plan->size(); ++i) {
        const RiluzoleDose& d = (*plan)[i];
        const date::zoned_seconds back{z, d.instant};
        const auto local = back.get_local_time();
        const auto wanted = date::local_seconds{date::local_days{d.local_day.time_since_epoch()}} +
                            r.times[static_cast<std::size_t>(d.slot)];
        REQUIRE(d.utc_offset == back.get_info().offset);
        if (d.kind == LocalTimeKind::moved_forward) {
          REQUIRE(local > wanted);
          REQUIRE(local - wanted <= hours{25});
        } else {
          REQUIRE(local == wanted);
        }
        if (d.kind == LocalTimeKind::first_of_two) {
          // The first occurrence is the one read with the offset in force before the change.
          const date::local_info info = z->get_info(wanted);
          REQUIRE(info.result == date::local_info::ambiguous);
          REQUIRE(d.utc_offset == info.first.offset);
        }
        if (i > 0) REQUIRE(d.instant > (*plan)[i - 1].instant);
      }
    }
  }
}

TEST_CASE("Property: the cached resolver agrees with the uncached one over years in many zones") {
  for (const char* name : {"America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "Europe/Moscow"}) {
    const Zone z = *find_zone(name);
    LocalTimeResolver cached(z);
    const date::local_days first{date::days{alsmeds::test::ymd(2008, 1, 1).time_since_epoch()}};
    for (int day = 0; day < 6000; ++day)
      for (int minute : {90, 150, 480, 1200}) {
        const date::local_seconds t{first + date::days{day} + minutes{minute}};
        const ResolvedTime a = cached.resolve(t);
        const ResolvedTime b = resolve_local_time(z, t);
        REQUIRE(a.instant == b.instant);
        REQUIRE(a.utc_offset == b.utc_offset);
        REQUIRE(a.kind == b.kind);
      }
  }
}

TEST_CASE("Unknown zones are errors that name the zone") {
  auto z = find_zone("Mars/Olympus_Mons");
  REQUIRE_FALSE(z.ok());
  CHECK_THAT(z.error(), Catch::Contains("Mars/Olympus_Mons"));
  CHECK_FALSE(find_zone("").ok());
}
