#pragma once
// Patient - Today: the view's own helpers (time in words, undo, quick forms). The model of the day and what a
// press on a dose records are core's (alsmeds/patient_today.hpp).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/rules/patient_today.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "alsmeds/text.hpp"

namespace alsmeds::gui {

// The model and the dose presses are core's (alsmeds/patient_today.hpp): the view shows them.
using alsmeds::build_today;
using alsmeds::DoseTiming;
using alsmeds::kUpcomingDays;
using alsmeds::log_today_dose;
using alsmeds::log_today_dose_taken_at;
using alsmeds::TodayDose;
using alsmeds::TodayModel;

/// "in 3 h 20 min", "now", "45 min ago".
std::string time_until(Instant from, Instant to);

// The writes return the clinic action's outcome: the new record's id and the rule warnings the person must
// see (an ALT above 3x ULN, a dose already recorded taken), shown beside the control and in the status line.

/// How long after "Taken" the Today view offers Undo.
inline constexpr std::chrono::seconds kTakenUndoWindow{60};

/// Undoes a dose recorded taken by mistake: core's withdraw_dose, a correction that records no dose, so the
/// planned dose is open again.
Result<ActionOutcome> undo_taken(RecordStore& store, const PatientFacts& facts, RecordId record,
                                 const Actor& actor);

/// Quick logging from the Today view; each refuses bad values with a message naming them.
Result<ActionOutcome> log_side_effect(RecordStore& store, const PatientFacts& facts, const std::string& term,
                                      int grade, const std::string& note, const Actor& actor);
Result<ActionOutcome> log_lab_result(RecordStore& store, const PatientFacts& facts, const std::string& test,
                                     Day day, double value, double uln, const Actor& actor);
Result<ActionOutcome> log_weight(RecordStore& store, const PatientFacts& facts, Day day, double kg,
                                 const Actor& actor);

/// CTCAE grade in words: "2 - Moderate: limits some daily activities".
std::string grade_in_words(int grade);

}  // namespace alsmeds::gui
