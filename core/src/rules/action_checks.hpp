#pragma once
// Checks the clinic's actions share (core/src/rules only).
#include <optional>
#include <string>

#include "alsmeds/records/records.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/due_list.hpp"

namespace alsmeds::rules {

Result<bool> check_actor(const Actor& actor);
/// Only the current version of a record of this patient and kind can be corrected.
Result<bool> check_correction(const PatientFacts& facts, std::optional<RecordId> corrects, LogKind kind);
Result<std::string> check_note(const std::string& note);

/// A taken dose whose planned dose the front end names (a button on it) is recorded only inside that dose's
/// window (riluzole: kRiluzoleOnTimeWindow around its time; edaravone: its day), unless the person chose
/// "taken early/late at ..." (DoseRequest::outside_window, then a warning), and never before the planned
/// dose's day; a planned dose the plan no longer has is refused (a stale screen). Warnings otherwise.
Result<std::vector<std::string>> check_dose_intent(const PatientFacts& facts, const Therapy& course,
                                                   const DoseRequest& dose);
/// The refusal of a dose record `e` (built from request `d`) that repeats a current dose record of the
/// patient made less than kRepeatedIntentGap before `now`: the same drug and instant, or the same planned
/// dose named by the front end. One intent, recorded once; empty when there is none.
std::optional<std::string> repeated_intent(const PatientFacts& facts, const LogEntry& e, const DoseRequest& d,
                                           Instant now);

}  // namespace alsmeds::rules
