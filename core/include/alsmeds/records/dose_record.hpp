#pragma once
// Logged doses in a compact form for measures over many of them: the planned dose a record answers is kept
// as numbers, not as its key's text (therapy_plan.hpp: planned_key).
#include <compare>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "alsmeds/records/records.hpp"
#include "alsmeds/regimens/edaravone.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/regimens/tofersen.hpp"

namespace alsmeds {

/// A planned dose's identity: riluzole (therapy, local day number, slot 1-based); edaravone (therapy, cycle,
/// cycle day); tofersen (therapy, dose number, 0). therapy_id 0: the record answers no planned dose.
struct PlannedRef {
  RecordId therapy_id = 0;
  int first = 0;
  int second = 0;
  auto operator<=>(const PlannedRef&) const = default;
  bool empty() const { return therapy_id == 0; }
};

/// The reference in a stored planned_key; empty for "" or a key of another form.
PlannedRef parse_planned_key(std::string_view key);
/// The cycle and day of a planned dose whose regimen runs in cycles ("edaravone:7:c2:d5" gives {7, 2, 5}),
/// empty for a key of a regimen without cycles or no key: what an infusion's order (FHIR) and the board's
/// list read.
PlannedRef cycle_of_key(std::string_view key);
/// The stored key of a planned dose: "<drug word>:<course>:" and its regimen's own part (therapy_plan.hpp).
std::string planned_key(Drug drug, const PlannedRef& ref);
PlannedRef planned_ref(const Therapy& therapy, const RiluzoleDose& dose);
PlannedRef planned_ref(const Therapy& therapy, const EdaravoneDose& dose);
PlannedRef planned_ref(const Therapy& therapy, const TofersenDose& dose);  // (therapy, dose number, 0)

struct DoseRecord {
  RecordId patient_id = 0;
  Instant at;
  Drug drug = Drug::riluzole;
  DoseStatus status = DoseStatus::taken;
  PlannedRef planned;
};

/// Whether a dose record shapes its course's plan whenever it was made, so that reads of a period take it
/// from any time: by its regimen (plan_reads_log, plan_reads_given): edaravone doses missed or refused
/// (make-up days), every tofersen dose (the plan is anchored on the doses given).
bool shapes_plan_at_any_time(Drug drug, DoseStatus status);

/// The current (not superseded) dose records of a log, in the log's order.
std::vector<DoseRecord> current_doses(const std::vector<LogEntry>& log);

/// Every current record of every patient, read in one pass: doses compact, everything else whole.
struct CohortLog {
  std::vector<DoseRecord> doses;
  std::vector<LogEntry> other;
  std::vector<DoseRecord> earlier_doses;  // the other doses before `doses` begin, when asked (supply.hpp)
};

/// What RecordStore::clinic_log reads, by patient: recent records whole (corrections included), by id; older
/// riluzole dose records compact (current ones only; taken, missed and refused).
struct ClinicLog {
  std::unordered_map<RecordId, std::vector<LogEntry>> entries;
  std::unordered_map<RecordId, std::vector<DoseRecord>> older_riluzole_doses;
};

/// What RecordStore::cohort_log(from, to) holds of the records in `log` (corrections included): the current
/// dose records at `from` to `to` (edaravone doses missed or refused at any time: they shape the cycles), and
/// every other current record.
CohortLog cohort_log_of(const std::vector<LogEntry>& log, Instant from, Instant to,
                        std::optional<Instant> taken_from = std::nullopt);

}  // namespace alsmeds
