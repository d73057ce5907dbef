#pragma once
// A planned dose's stored key: "<drug word>:<course id>:<the regimen's own part>" (therapy_plan.hpp). Each
// regimen's module writes and reads its own part from the dose's two numbers (Regimen::key_part and
// read_key_part in regimens.hpp); parse_planned_key (dose_record.hpp) reads the whole key through them.
#include <string_view>

namespace alsmeds {

/// Reads the digits of `text` up to `stop` (or its end; '\0' for "to the end"), at most 18 and at least one,
/// into `out`, and advances `text` past the stop. False for anything else (a sign, a letter, nothing).
bool read_key_number(std::string_view& text, char stop, long long& out);
/// read_key_number for a number of a regimen's own part (a PlannedRef's first or second): at most 2^31 - 1.
bool read_key_int(std::string_view& text, char stop, int& out);
/// Advances `text` past `prefix` when it begins with it.
bool consume_key(std::string_view& text, std::string_view prefix);

}  // namespace alsmeds
