#pragma once
// Wall-clock times in a patient's IANA zone, resolved to instants by the rule of docs/domain.md (RFC 5545,
// Python zoneinfo fold=0): a time that does not exist (spring forward) moves forward by the gap, i.e. it is
// read with the offset in force before the gap (02:30 -> 03:30); a time that occurs twice (fall back) is the
// first one. Note: date::choose::earliest would map 02:30 to the transition instant 03:00, which is NOT our
// rule.
#include <date/tz.h>

#include <chrono>
#include <string>
#include <string_view>

#include "alsmeds/calendar.hpp"
#include "alsmeds/result.hpp"

namespace alsmeds {

using Zone = const date::time_zone*;

/// Looks up an IANA zone name ("Europe/Paris"); an unknown name is an Error naming it.
Result<Zone> find_zone(std::string_view name);

enum class LocalTimeKind {
  unique,         // the wall-clock time exists once
  moved_forward,  // it fell in a spring-forward gap and was moved forward by the gap
  first_of_two,   // it occurs twice (fall back); the first occurrence was taken
};

struct ResolvedTime {
  Instant instant;
  std::chrono::seconds utc_offset;  // offset in force at `instant`
  LocalTimeKind kind = LocalTimeKind::unique;
};

/// Resolves one wall-clock time. Uncached: for long series use LocalTimeResolver.
ResolvedTime resolve_local_time(Zone zone, date::local_seconds local);

/// Resolves many increasing wall-clock times in one zone, reusing the zone's current rule period so that a
/// series of thousands of doses costs a handful of time-zone look-ups (same results as resolve_local_time).
class LocalTimeResolver {
 public:
  explicit LocalTimeResolver(Zone zone);
  ResolvedTime resolve(date::local_seconds local);

 private:
  Zone zone_;
  date::sys_info period_{};
  bool have_period_ = false;
};

/// A zone a patient lived in before a move (patient update --tz --from): the days before `until` keep their
/// dose times in it.
struct EarlierZoneSpan {
  Day until;
  Zone zone = nullptr;
};

/// "2026-03-08T08:00:00-04:00": the local time at `instant` with its UTC offset.
std::string format_local_with_offset(Instant instant, std::chrono::seconds utc_offset);

}  // namespace alsmeds

namespace alsmeds {

/// ISO 8601 instant as docs/cli.md says: "2026-03-08T08:00" or "...T08:00:00" is local to `zone` (resolved by
/// the rule above); "2026-03-08T08:00:00-04:00", "...+05:30" or "...Z" are absolute.
Result<Instant> parse_instant(std::string_view text, Zone zone);

/// The calendar day of `instant` in `zone`.
Day local_day(Instant instant, Zone zone);

/// local_day for many instants of one zone: keeps the zone's rule period of the last instant, so a year of
/// doses costs a few look-ups instead of one each (same results as local_day).
class LocalDayFinder {
 public:
  explicit LocalDayFinder(Zone zone) : zone_(zone) {}
  Day operator()(Instant instant);

 private:
  Zone zone_;
  date::sys_info period_{};
  bool have_period_ = false;
};

}  // namespace alsmeds
