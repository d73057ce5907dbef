#pragma once
// iCalendar (RFC 5545) export of a patient's plan (docs/domain.md, "Interoperability"): every planned
// riluzole dose, edaravone day and liver test from `from` to `to` as a VEVENT in the patient's zone, with a
// VTIMEZONE, a reminder VALARM and a UID that is the same on every export of the same planned dose.
#include <string>

#include "alsmeds/schedule/due_list.hpp"

namespace alsmeds {

struct IcsRequest {
  Day from, to;  // inclusive
  Instant now;   // DTSTAMP
};

/// Edaravone days and liver tests have no booked time yet: they are placed at this local time.
inline constexpr WallClock kUnbookedEventTime{9 * 60};

/// The calendar text (CRLF line ends, folded as RFC 5545 says). SEQUENCE counts the records that could have
/// moved an event (cycle re-flows, edaravone doses logged missed): it only grows, so a calendar program
/// replaces an event it has instead of adding a second one.
std::string ics_calendar(const PatientFacts& facts, const IcsRequest& request);

}  // namespace alsmeds
