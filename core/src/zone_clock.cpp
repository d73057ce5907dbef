#include "alsmeds/zone_clock.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "alsmeds/text.hpp"

namespace alsmeds {

Result<Zone> find_zone(std::string_view name) {
  if (name.empty()) return fail("the time zone is empty (use an IANA name such as Europe/Paris)");
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return fail(quote_short(name) + " is not a known IANA time zone (for example Europe/Paris)");
  }
}

ResolvedTime resolve_local_time(Zone zone, date::local_seconds local) {
  const date::local_info info = zone->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
      return {date::sys_seconds{local.time_since_epoch() - info.first.offset}, info.first.offset,
              LocalTimeKind::unique};
    case date::local_info::nonexistent: {
      // RFC 5545: read the time with the offset in force before the gap, i.e. move it forward by the gap.
      const Instant instant{local.time_since_epoch() - info.first.offset};
      return {instant, info.second.offset, LocalTimeKind::moved_forward};
    }
    case date::local_info::ambiguous:
    default:
      return {date::sys_seconds{local.time_since_epoch() - info.first.offset}, info.first.offset,
              LocalTimeKind::first_of_two};
  }
}

LocalTimeResolver::LocalTimeResolver(Zone zone) : zone_(zone) {}

ResolvedTime LocalTimeResolver::resolve(date::local_seconds local) {
  // Fast path: inside the cached rule period and more than a day and a half from either end of it, a
  // wall-clock time exists exactly once (no zone has ever moved its clock by more than 26 hours).
  constexpr std::chrono::hours margin{36};
  if (have_period_) {
    const Instant candidate{local.time_since_epoch() - period_.offset};
    if (candidate >= period_.begin + margin && candidate < period_.end - margin)
      return {candidate, period_.offset, LocalTimeKind::unique};
  }
  const ResolvedTime slow = resolve_local_time(zone_, local);
  period_ = zone_->get_info(slow.instant);
  have_period_ = true;
  return slow;
}

std::string format_local_with_offset(Instant instant, std::chrono::seconds utc_offset) {
  const date::sys_seconds as_local{instant.time_since_epoch() + utc_offset};
  const auto total_minutes = std::chrono::duration_cast<std::chrono::minutes>(utc_offset).count();
  const int magnitude = static_cast<int>(std::labs(total_minutes) % (100 * 60));  // offsets stay under 100 h
  char offset[16];
  std::snprintf(offset, sizeof offset, "%c%02d:%02d", total_minutes < 0 ? '-' : '+', magnitude / 60,
                magnitude % 60);
  return date::format("%FT%T", as_local) + offset;
}

Result<Instant> parse_instant(std::string_view text, Zone zone) {
  const auto bad = [&] {
    return fail(quote_short(text) + " is not an instant (YYYY-MM-DDTHH:MM[:SS], optionally Z or +HH:MM)");
  };
  if (text.size() < 16 || text[10] != 'T') return bad();
  auto day = parse_day(text.substr(0, 10));
  if (!day) return fail(day.error());
  auto clock = parse_wall_clock(text.substr(11, 5));
  if (!clock) return bad();
  std::size_t pos = 16;
  int secs = 0;
  if (pos < text.size() && text[pos] == ':') {
    if (pos + 3 > text.size() || !std::isdigit(static_cast<unsigned char>(text[pos + 1])) ||
        !std::isdigit(static_cast<unsigned char>(text[pos + 2])))
      return bad();
    secs = (text[pos + 1] - '0') * 10 + (text[pos + 2] - '0');
    if (secs > 59) return bad();
    pos += 3;
  }
  const auto local =
      date::local_seconds{date::local_days{day->time_since_epoch()}} + *clock + std::chrono::seconds{secs};
  const std::string_view rest = text.substr(pos);
  Instant at;
  if (rest.empty()) {
    if (zone == nullptr) return fail(quote_short(text) + " has no offset and no time zone is known");
    at = resolve_local_time(zone, local).instant;
  } else if (rest == "Z") {
    at = Instant{local.time_since_epoch()};
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    auto offset = parse_wall_clock(std::string(rest.substr(1, 2)) + ":" + std::string(rest.substr(4, 2)));
    if (!offset || *offset > std::chrono::hours{14}) return bad();
    const auto signed_offset = rest[0] == '-' ? -*offset : *offset;
    at = Instant{local.time_since_epoch() - signed_offset};
  } else {
    return bad();
  }
  // In UTC too, the years parse_day reads (1900 to 9999): 9999-12-31T23:59-12:00 would be in the year 10000.
  constexpr Instant kFirst{Day{date::year{1900} / 1 / 1}};
  constexpr Instant kLast{Day{date::year{9999} / 12 / 31} + date::days{1} - std::chrono::seconds{1}};
  if (at < kFirst || at > kLast) return fail(quote_short(text) + " is outside the years 1900 to 9999 in UTC");
  return at;
}

Day local_day(Instant instant, Zone zone) {
  const auto info = zone->get_info(instant);
  return date::floor<date::days>(instant + info.offset);
}

Day LocalDayFinder::operator()(Instant instant) {
  if (!have_period_ || instant < period_.begin || instant >= period_.end) {
    period_ = zone_->get_info(instant);
    have_period_ = true;
  }
  return date::floor<date::days>(instant + period_.offset);
}

}  // namespace alsmeds
