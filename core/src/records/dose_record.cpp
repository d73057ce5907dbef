#include "alsmeds/records/dose_record.hpp"

#include <set>

#include "alsmeds/regimens/planned_key.hpp"
#include "alsmeds/regimens/regimens.hpp"

namespace alsmeds {
bool shapes_plan_at_any_time(Drug drug, DoseStatus status) {
  const Regimen& r = regimen(drug);
  return r.plan_reads_log && (r.plan_reads_given || status != DoseStatus::taken);
}

PlannedRef parse_planned_key(std::string_view key) {
  const Regimen* r = regimen_of_key(key);
  if (r == nullptr) return {};
  key.remove_prefix(r->word.size() + 1);
  long long therapy = 0;
  int first = 0, second = 0;
  if (!read_key_number(key, ':', therapy) || !r->read_key_part(key, first, second)) return {};
  return {therapy, first, second};
}

PlannedRef cycle_of_key(std::string_view key) {
  const Regimen* r = regimen_of_key(key);
  if (r == nullptr || !r->shifted_cycles) return {};
  return parse_planned_key(key);
}

std::string planned_key(Drug drug, const PlannedRef& ref) {
  const Regimen& r = regimen(drug);
  return std::string(r.word) + ":" + std::to_string(ref.therapy_id) + ":" + r.key_part(ref.first, ref.second);
}

PlannedRef planned_ref(const Therapy& therapy, const RiluzoleDose& dose) {
  return {therapy.id, static_cast<int>(dose.local_day.time_since_epoch().count()), dose.slot + 1};
}

PlannedRef planned_ref(const Therapy& therapy, const EdaravoneDose& dose) {
  return {therapy.id, dose.cycle, dose.cycle_day};
}

PlannedRef planned_ref(const Therapy& therapy, const TofersenDose& dose) {
  return {therapy.id, dose.number, 0};
}

std::vector<DoseRecord> current_doses(const std::vector<LogEntry>& log) {
  std::set<RecordId> superseded;
  for (const LogEntry& e : log)
    if (e.supersedes) superseded.insert(*e.supersedes);
  std::vector<DoseRecord> out;
  for (const LogEntry& e : log)
    if (e.kind == LogKind::dose && e.drug && e.status && !superseded.count(e.id))
      out.push_back({e.patient_id, e.at, *e.drug, *e.status, parse_planned_key(e.planned_key)});
  return out;
}

CohortLog cohort_log_of(const std::vector<LogEntry>& log, Instant from, Instant to,
                        std::optional<Instant> taken_from) {
  std::set<RecordId> superseded;
  for (const LogEntry& e : log)
    if (e.supersedes) superseded.insert(*e.supersedes);
  CohortLog out;
  for (const LogEntry& e : log) {
    if (superseded.count(e.id)) continue;
    if (e.kind != LogKind::dose) {
      out.other.push_back(e);
    } else if (e.drug && e.status &&
               ((e.at >= from && e.at <= to) || shapes_plan_at_any_time(*e.drug, *e.status))) {
      out.doses.push_back({e.patient_id, e.at, *e.drug, *e.status, parse_planned_key(e.planned_key)});
    } else if (e.drug && e.status && taken_from && e.at >= *taken_from && e.at < from) {
      out.earlier_doses.push_back({e.patient_id, e.at, *e.drug, *e.status, parse_planned_key(e.planned_key)});
    }
  }
  return out;
}

}  // namespace alsmeds
