#pragma once
// The liver after riluzole was stopped on a high transaminase result (docs/domain.md, "After a stop").
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/schedule/due_list.hpp"

namespace alsmeds {

/// Our default (../shared/docs/domain.md, "After a stop for 5x or more"): a test every 14 days.
inline constexpr int kFollowUpAfterStopDays = 14;

struct LiverFollowUp {
  Day by;              // the next test, 14 days after the stop or the latest result since, whichever is later
  std::string reason;  // for a person: why, and how many results under 3x ULN so far
};

/// After the latest riluzole course stopped by `on` (none started since) had an ALT or AST above 3x ULN in it
/// (from a week before its start to its stop: 5x or more stops it, and we read above 3x as reason enough):
/// the liver is tested every 14 days until two results after the last one above 3x are under 3x ULN. Reads
/// the current records of `log`; none when the follow-up is over or does not apply.
std::optional<LiverFollowUp> liver_follow_up_after_stop(const PatientFacts& f,
                                                        const std::vector<LogEntry>& log, Day on);

}  // namespace alsmeds
