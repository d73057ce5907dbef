// Riluzole dose instants across daylight-saving changes. Expected UTC instants are worked by hand from each
// zone's published offsets (e.g. New York EST -5 / EDT -4, DST 2026-03-08 02:00 to 2026-11-01 02:00) and the
// rule of docs/domain.md: a non-existent time moves forward by the gap, a repeated time takes the first one.
#include "alsmeds/regimens/riluzole.hpp"

#include <catch2/catch.hpp>

#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;
using namespace std::chrono;

namespace {

Zone zone(const char* name) {
  auto z = find_zone(name);
  REQUIRE(z.ok());
  return *z;
}

Instant utc(int y, unsigned m, unsigned d, int h, int min) {
  return Instant{ymd(y, m, d)} + hours{h} + minutes{min};
}

std::vector<RiluzoleDose> doses(const char* tz, Day start, int days, std::vector<WallClock> times = {}) {
  RiluzoleRegimen r;
  r.start = start;
  r.zone = zone(tz);
  if (!times.empty()) r.times = times;
  auto p = plan_riluzole(r, days);
  REQUIRE(p.ok());
  return p.value();
}

WallClock hm(int h, int m) {
  return WallClock{h * 60 + m};
}

}  // namespace

TEST_CASE("New York spring forward: 08:00 the morning after is 12:00Z, the night interval is 11 h") {
  const auto d = doses("America/New_York", ymd(2026, 3, 7), 2);
  REQUIRE(d.size() == 4u);
  CHECK(d[1].instant == utc(2026, 3, 8, 1, 0));   // 7 Mar 20:00 EST
  CHECK(d[2].instant == utc(2026, 3, 8, 12, 0));  // 8 Mar 08:00 EDT
  CHECK(d[2].utc_offset == hours{-4});
  CHECK(d[2].instant - d[1].instant == hours{11});
  CHECK(format_local_with_offset(d[2].instant, d[2].utc_offset) == "2026-03-08T08:00:00-04:00");
}

TEST_CASE("New York: 02:30 on the spring-forward day does not exist and moves to 03:30 EDT") {
  const auto d = doses("America/New_York", ymd(2026, 3, 8), 1, {hm(2, 30), hm(14, 30)});
  CHECK(d[0].instant == utc(2026, 3, 8, 7, 30));
  CHECK(d[0].kind == LocalTimeKind::moved_forward);
  CHECK(format_local_with_offset(d[0].instant, d[0].utc_offset) == "2026-03-08T03:30:00-04:00");
}

TEST_CASE(
    "New York fall back: 01:30 occurs twice and the first (EDT) is taken - the night interval is 13 h") {
  const auto d = doses("America/New_York", ymd(2026, 11, 1), 1, {hm(1, 30), hm(13, 30)});
  CHECK(d[0].instant == utc(2026, 11, 1, 5, 30));
  CHECK(d[0].kind == LocalTimeKind::first_of_two);
  const auto usual = doses("America/New_York", ymd(2026, 10, 31), 2);
  CHECK(usual[2].instant - usual[1].instant == hours{13});  // 31 Oct 20:00 EDT -> 1 Nov 08:00 EST
}

TEST_CASE("Paris: 02:30 on 29 March 2026 becomes 03:30 CEST - 02:30 on 25 October is the first (CEST)") {
  const auto spring = doses("Europe/Paris", ymd(2026, 3, 29), 1, {hm(2, 30), hm(14, 30)});
  CHECK(spring[0].instant == utc(2026, 3, 29, 1, 30));
  CHECK(spring[0].kind == LocalTimeKind::moved_forward);
  const auto fall = doses("Europe/Paris", ymd(2026, 10, 25), 1, {hm(2, 30), hm(14, 30)});
  CHECK(fall[0].instant == utc(2026, 10, 25, 0, 30));
  CHECK(fall[0].kind == LocalTimeKind::first_of_two);
  CHECK(fall[1].instant == utc(2026, 10, 25, 13, 30));  // 14:30 CET
  const auto usual = doses("Europe/Paris", ymd(2026, 3, 28), 2);
  CHECK(usual[2].instant - usual[1].instant == hours{11});
}

TEST_CASE("Lord Howe: a 30-minute shift - 01:45 on 5 April repeats, 02:15 on 4 October does not exist") {
  const auto back = doses("Australia/Lord_Howe", ymd(2026, 4, 5), 1, {hm(1, 45), hm(13, 45)});
  CHECK(back[0].instant == utc(2026, 4, 4, 14, 45));  // first occurrence, +11:00
  CHECK(back[0].kind == LocalTimeKind::first_of_two);
  CHECK(back[1].instant == utc(2026, 4, 5, 3, 15));  // 13:45 at +10:30
  CHECK(format_local_with_offset(back[1].instant, back[1].utc_offset) == "2026-04-05T13:45:00+10:30");
  const auto fwd = doses("Australia/Lord_Howe", ymd(2026, 10, 4), 1, {hm(2, 15), hm(14, 15)});
  CHECK(fwd[0].instant == utc(2026, 10, 3, 15, 45));  // moved forward by the 30-minute gap: 02:45 at +11:00
  CHECK(fwd[0].kind == LocalTimeKind::moved_forward);
  CHECK(format_local_with_offset(fwd[0].instant, fwd[0].utc_offset) == "2026-10-04T02:45:00+11:00");
}

TEST_CASE("Kolkata: +05:30 all year, every interval exactly 12 h") {
  const auto d = doses("Asia/Kolkata", ymd(2026, 1, 1), 365);
  REQUIRE(d.size() == 730u);
  CHECK(d[0].instant == utc(2026, 1, 1, 2, 30));
  CHECK(format_local_with_offset(d[0].instant, d[0].utc_offset) == "2026-01-01T08:00:00+05:30");
  for (std::size_t i = 1; i < d.size(); ++i) REQUIRE(d[i].instant - d[i - 1].instant == hours{12});
}

TEST_CASE("Apia: +13:00 today - the day 2011-12-30 never existed there and no dose is doubled") {
  const auto now = doses("Pacific/Apia", ymd(2026, 6, 1), 1);
  CHECK(now[0].instant == utc(2026, 5, 31, 19, 0));
  // 29 Dec 2011 ran at -10:00 and was followed by 31 Dec at +14:00.
  const auto skip = doses("Pacific/Apia", ymd(2011, 12, 29), 3);
  REQUIRE(skip.size() == 4u);
  CHECK(skip[0].instant == utc(2011, 12, 29, 18, 0));  // 29 Dec 08:00 -10:00
  CHECK(skip[1].instant == utc(2011, 12, 30, 6, 0));   // 29 Dec 20:00 -10:00
  CHECK(skip[2].instant == utc(2011, 12, 30, 18, 0));  // 30 Dec 08:00 read at -10:00 = 31 Dec 08:00 +14:00
  CHECK(skip[3].instant == utc(2011, 12, 31, 6, 0));   // 31 Dec 20:00 +14:00
  for (std::size_t i = 1; i < skip.size(); ++i) CHECK(skip[i].instant > skip[i - 1].instant);
}

TEST_CASE("Dose times are checked: two, distinct, about 12 hours apart") {
  CHECK_FALSE(validate_riluzole_times({hm(8, 0), hm(8, 0)}).ok());
  CHECK_FALSE(validate_riluzole_times({hm(8, 0)}).ok());
  CHECK_FALSE(validate_riluzole_times({hm(8, 0), hm(10, 0)}).ok());
  CHECK_FALSE(validate_riluzole_times({hm(8, 0), hm(12, 0), hm(20, 0)}).ok());
  const auto sorted = validate_riluzole_times({hm(21, 0), hm(9, 0)});
  REQUIRE(sorted.ok());
  CHECK(sorted->front() == hm(9, 0));
  RiluzoleRegimen r;
  r.start = ymd(2026, 1, 1);
  CHECK_FALSE(plan_riluzole(r, 3).ok());  // no zone
}

TEST_CASE("Products: tablet and film are 50 mg by mouth - only the 5 mg/mL suspension suits a tube, 10 mL") {
  const auto& tablet = riluzole_product(RiluzoleProductKind::tablet);
  const auto& suspension = riluzole_product(RiluzoleProductKind::suspension);
  const auto& film = riluzole_product(RiluzoleProductKind::film);
  CHECK(tablet.dose_per_intake == Milligrams{50});
  CHECK(film.dose_per_intake == Milligrams{50});
  REQUIRE(suspension.volume_per_intake.has_value());
  CHECK(suspension.volume_per_intake->count() == Approx(10.0));
  CHECK(suspension.tube_compatible);
  CHECK_FALSE(tablet.tube_compatible);
  CHECK_FALSE(film.tube_compatible);
}

TEST_CASE(
    "A patient who moved: the days before the move keep their zone's times, the move east never doubles") {
  // Los Angeles (PST -8) until 2026-01-15, then Tokyo (JST +9): 08:00 and 20:00 local.
  RiluzoleRegimen r;
  r.start = ymd(2026, 1, 14);
  r.zone = zone("Asia/Tokyo");
  r.earlier_zones = {{ymd(2026, 1, 15), zone("America/Los_Angeles")}};
  auto plan = plan_riluzole(r, 3);
  REQUIRE(plan.ok());
  std::vector<Instant> got;
  for (const RiluzoleDose& d : *plan) got.push_back(d.instant);
  // 01-14 08:00 PST = 16:00Z; 20:00 PST = 01-15 04:00Z. 01-15 08:00 JST = 01-14 23:00Z comes before the
  // dose just taken: not planned (never two doses that close, never out of order). 20:00 JST = 11:00Z.
  // 01-16 08:00 JST = 01-15 23:00Z, 20:00 JST = 01-16 11:00Z.
  const std::vector<Instant> expected{utc(2026, 1, 14, 16, 0), utc(2026, 1, 15, 4, 0),
                                      utc(2026, 1, 15, 11, 0), utc(2026, 1, 15, 23, 0),
                                      utc(2026, 1, 16, 11, 0)};
  CHECK(got == expected);
  REQUIRE(plan->size() == 5u);
  CHECK((*plan)[2].local_day == ymd(2026, 1, 15));
  CHECK((*plan)[2].slot == 1);
  CHECK((*plan)[2].utc_offset == hours{9});
  CHECK((*plan)[1].utc_offset == hours{-8});
}
