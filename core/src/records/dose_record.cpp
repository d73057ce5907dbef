#include "alsmeds/records/dose_record.hpp"

#include <charconv>
#include <set>

#include "alsmeds/regimens/regimens.hpp"

namespace alsmeds {
namespace {

// Reads digits up to `stop` (or the end) from `text`, advancing it past the stop character.
bool read_number(std::string_view& text, char stop, long long& out) {
  // Digits up to `stop` or the end (a key's numbers: no sign, at most 18 digits).
  std::size_t i = 0;
  long long value = 0;
  for (; i < text.size() && text[i] != stop; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9' || i >= 18) return false;
    value = value * 10 + (c - '0');
  }
  if (i == 0) return false;
  out = value;
  text = i == text.size() ? std::string_view{} : text.substr(i + 1);
  return true;
}

bool consume(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

}  // namespace

bool shapes_plan_at_any_time(Drug drug, DoseStatus status) {
  const Regimen& r = regimen(drug);
  return r.plan_reads_log && (r.plan_reads_given || status != DoseStatus::taken);
}

PlannedRef parse_planned_key(std::string_view key) {
  long long therapy = 0, a = 0, b = 0;
  if (consume(key, "riluzole:")) {
    long long y = 0, m = 0, d = 0;
    if (!read_number(key, ':', therapy) || !read_number(key, '-', y) || !read_number(key, '-', m) ||
        !read_number(key, ':', d) || !read_number(key, '\0', b) || !key.empty())
      return {};
    const date::year_month_day ymd{date::year{static_cast<int>(y)}, date::month{static_cast<unsigned>(m)},
                                   date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return {};
    return {therapy, static_cast<int>(Day{ymd}.time_since_epoch().count()), static_cast<int>(b)};
  }
  if (consume(key, "edaravone:")) {
    if (!read_number(key, ':', therapy) || !consume(key, "c") || !read_number(key, ':', a) ||
        !consume(key, "d") || !read_number(key, '\0', b) || !key.empty())
      return {};
    return {therapy, static_cast<int>(a), static_cast<int>(b)};
  }
  if (consume(key, "tofersen:")) {
    if (!read_number(key, ':', therapy) || !consume(key, "d") || !read_number(key, '\0', a) || !key.empty())
      return {};
    return {therapy, static_cast<int>(a), 0};
  }
  return {};
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
