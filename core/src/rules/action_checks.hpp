#pragma once
// Checks the clinic's actions share (core/src/rules only).
#include <optional>
#include <string>

#include "alsmeds/due_list.hpp"
#include "alsmeds/records.hpp"

namespace alsmeds::rules {

Result<bool> check_actor(const Actor& actor);
/// Only the current version of a record of this patient and kind can be corrected.
Result<bool> check_correction(const PatientFacts& facts, std::optional<RecordId> corrects, LogKind kind);
Result<std::string> check_note(const std::string& note);

}  // namespace alsmeds::rules
