#pragma once
// The clinic's actions: every write a person makes, with every rule applied, whichever front end (CLI,
// desktop app, importer) or store is behind it. Each takes the request in typed values (front ends parse
// text), the patient's stored facts and who acts, and returns the new record's id with any warnings, or an
// error a person can act on. Nothing is written when a rule refuses.
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/due_list.hpp"
#include "alsmeds/record_store.hpp"

namespace alsmeds {

/// What a write produced: the new record's id, and what the person should know (shown, never blocking).
struct ActionOutcome {
  RecordId id = 0;
  std::vector<std::string> warnings;
};

/// The prescriber's decision to go ahead despite a safety rule (sulfite allergy with edaravone, a baseline
/// ALT above 3x ULN with riluzole): who decided and why. Recorded in the audit trail with the write.
struct Confirmation {
  std::string prescriber;
  std::string reason;
  bool given() const { return !prescriber.empty() || !reason.empty(); }
};

Result<ActionOutcome> add_patient(RecordStore& store, const NewPatient& patient, Day today,
                                  const Actor& actor);

struct DoseRequest {
  Drug drug = Drug::riluzole;
  Instant at;
  DoseStatus status = DoseStatus::taken;
  std::string note;
  std::optional<RecordId> corrects;
  /// The planned dose answered when the front end knows it (a button on a planned dose); else matched by
  /// time.
  std::string planned_key;
  std::optional<int> cycle, cycle_day;
};
Result<ActionOutcome> log_dose(RecordStore& store, const PatientFacts& facts, const DoseRequest& dose,
                               const Actor& actor);

struct EffectRequest {
  std::string term;
  int grade = 0;
  Instant at;
  std::optional<Drug> drug;  // suspected drug
  std::string note;
  std::optional<RecordId> corrects;
};
Result<ActionOutcome> log_effect(RecordStore& store, const PatientFacts& facts, const EffectRequest& effect,
                                 const Actor& actor);

struct LabRequest {
  std::string test;  // ALT or AST
  double value = 0;  // U/L
  double uln = 0;    // the lab's upper limit of normal, U/L
  Day day;
  std::string note;
  std::optional<RecordId> corrects;
};
/// Warns with the ALT assessment (above 1x, 3x, 5x ULN) of docs/domain.md.
Result<ActionOutcome> log_lab(RecordStore& store, const PatientFacts& facts, const LabRequest& lab,
                              const Actor& actor);

struct WeightRequest {
  double kg = 0;
  Day day;
  std::string note;
  std::optional<RecordId> corrects;
};
Result<ActionOutcome> log_weight(RecordStore& store, const PatientFacts& facts, const WeightRequest& weight,
                                 const Actor& actor);

struct DispenseRequest {
  Drug drug = Drug::riluzole;
  Day day;
  int days_supply = 0;
};
Result<ActionOutcome> dispense(RecordStore& store, const PatientFacts& facts,
                               const DispenseRequest& dispensing, const Actor& actor);

struct TherapyRequest {
  NewTherapy therapy;  // patient_id is taken from the facts; first_cycle/restart_reason from below
  /// Edaravone after an earlier course (a restart): the prescriber's explicit choice of cycle 1 (the full 14
  /// daily doses, or 10 of 14 days) and why. Required for a restart; a first course is always `full`.
  std::optional<FirstCycle> first_cycle;
  std::string restart_reason;
  Confirmation sulfite_risk;  // edaravone for a sulfite-allergic patient
  Confirmation baseline_alt;  // riluzole with a baseline ALT above 3x ULN (EU SmPC contraindication)
};
/// Refuses a course of a drug that overlaps a running one (stop it first), a sulfite-allergic patient's
/// edaravone and riluzole over a baseline ALT above 3x ULN without the prescriber's confirmation, and an
/// edaravone restart without the prescriber's choice of cycle 1 and its reason.
Result<ActionOutcome> start_therapy(RecordStore& store, const PatientFacts& facts,
                                    const TherapyRequest& request, const Actor& actor);
/// Delays an edaravone cycle (re-flow) of the patient's running edaravone course; checked against the plan
/// and the log (facts.log must hold the patient's records). Logged doses never move:
/// - a cycle not started (none of its doses logged) moves whole, as the re-flow says;
/// - a started cycle keeps its start and its logged doses; the doses left move by the delay and its window
///   grows by it (rules::kStartedCycleGrowth in all), so it still gets 14 or 10 doses, never more, and 14
///   drug-free days follow (`resume_from` is set from the log here, whatever the request says);
/// - a finished cycle (no planned dose left after its last logged one), or one followed by a cycle with a
///   logged dose, is refused with what to do instead.
Result<ActionOutcome> shift_cycle(RecordStore& store, const PatientFacts& facts, const CycleShift& shift,
                                  const std::string& reason, const Actor& actor);

struct SwitchRequest {
  Drug drug = Drug::edaravone;
  std::string product;  // edaravone: iv|oral; riluzole: tablet|suspension|film
  Day from;             // the first day of the new form
  std::string reason;
};
/// Switches the running course's form or product from `from` on (docs/domain.md: IV to oral edaravone keeps
/// the cycle calendar). The plan before `from` is unchanged; refused when a dose of the drug is already
/// logged on or after `from`, when the product is the one in force, or before the course's start or its
/// latest switch. Warns of the new product's rules (fasting window, tube use).
Result<ActionOutcome> switch_therapy(RecordStore& store, const PatientFacts& facts,
                                     const SwitchRequest& request, const Actor& actor);
Result<ActionOutcome> stop_therapy(RecordStore& store, const PatientFacts& facts, Drug drug, Day stop,
                                   const std::string& reason, const Actor& actor);

/// The prescriber's answer to a stop alert (ALT 5x ULN or more, docs/domain.md): riluzole doses are on hold
/// until it is recorded. `continue_riluzole`: the alert is acknowledged with the decision; `discontinue`:
/// riluzole is stopped on `stop_day` and the alert acknowledged. Who decided and why are required.
enum class StopAlertDecision { continue_riluzole, discontinue };
struct StopAlertDecisionRequest {
  Day alt_day;  // the day of the ALT result whose stop alert is answered
  StopAlertDecision decision = StopAlertDecision::discontinue;
  Confirmation prescriber;  // who decided and why
  Day stop_day;             // discontinue: the last day of riluzole
};
Result<ActionOutcome> decide_stop_alert(RecordStore& store, const PatientFacts& facts,
                                        const StopAlertDecisionRequest& request, const Actor& actor);

Result<ActionOutcome> add_closed_day(RecordStore& store, const ClosedDay& closed, const Actor& actor);
Result<ActionOutcome> acknowledge_alert(RecordStore& store, const PatientFacts& facts,
                                        const std::string& alert_key, const std::string& note,
                                        const Actor& actor);

/// The patient's latest course of `drug` (running or stopped), if any.
const Therapy* latest_therapy(const PatientFacts& facts, Drug drug);

}  // namespace alsmeds
