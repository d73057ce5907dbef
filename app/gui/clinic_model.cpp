#include "clinic_model.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/supply.hpp"

namespace alsmeds::gui {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool kind_shown(const ClinicFilter& f, const std::string& kind) {
  if (kind == "dose") return f.doses;
  if (kind == "infusion") return f.infusions;
  if (kind == "lft") return f.liver_tests;
  if (kind == "alert") return f.alerts;
  return true;  // a kind this view does not know yet is never hidden
}

}  // namespace

std::vector<ClinicRow> clinic_today_rows(const std::vector<PatientFacts>& facts, Instant now,
                                         const std::map<RecordId, std::vector<DueItem>>& refills) {
  std::vector<ClinicRow> rows;
  for (const PatientFacts& f : facts) {
    const Day today = local_day(now, f.zone);  // "today" in the patient's own zone, as `due` says
    std::vector<DueItem> items = due_items(f, today, now);
    if (auto r = refills.find(f.patient.id); r != refills.end())
      items.insert(items.end(), r->second.begin(), r->second.end());
    std::stable_sort(items.begin(), items.end(),  // as `due` orders them
                     [](const DueItem& a, const DueItem& b) { return a.status < b.status; });
    for (DueItem& item : items)
      rows.push_back({f.patient.id, f.patient.mrn.value_or(""), f.patient.name, std::move(item)});
  }
  return rows;
}

Result<std::vector<ClinicRow>> load_clinic_today(RecordStore& store, Instant now, int refill_days) {
  // The westernmost zone's today is at most a day behind UTC's (as `due` reads the clinic).
  const Day earliest = date::floor<date::days>(now) - date::days{1};
  auto facts = load_clinic_due_facts(store, store.patients(), earliest);
  if (!facts) return fail(facts.error());
  // Refill items need each patient's whole log (doses used since the first dispensing), as in `due`: read
  // for the patients with a dispensing only.
  std::set<RecordId> dispensed;
  for (const DispensingRecord& d : store.dispensings()) dispensed.insert(d.patient_id);
  std::map<RecordId, std::vector<DueItem>> refills;
  for (const PatientFacts& f : *facts) {
    if (!dispensed.count(f.patient.id)) continue;
    auto whole = load_facts(store, f.patient, true);
    if (!whole) return fail(whole.error());
    refills[f.patient.id] = refill_items(*whole, local_day(now, f.zone), refill_days);
  }
  return clinic_today_rows(*facts, now, refills);
}

std::vector<std::size_t> clinic_rows_shown(const std::vector<ClinicRow>& rows, const ClinicFilter& filter,
                                           ClinicColumn sort_by, bool ascending) {
  const std::string needle = lower(filter.text);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ClinicRow& r = rows[i];
    if (!kind_shown(filter, r.item.kind)) continue;
    if (filter.overdue_only && r.item.status != DueStatus::overdue && r.item.status != DueStatus::alert)
      continue;
    if (!needle.empty()) {
      const std::string hay = lower(r.name + "\n" + r.mrn + "\n" + r.item.drug + "\n" + r.item.detail);
      if (hay.find(needle) == std::string::npos) continue;
    }
    out.push_back(i);
  }
  if (sort_by == ClinicColumn::due_order) {
    if (!ascending) std::reverse(out.begin(), out.end());
    return out;
  }
  auto less = [&](std::size_t a, std::size_t b) {
    const ClinicRow &x = rows[a], &y = rows[b];
    switch (sort_by) {
      case ClinicColumn::patient:
        return std::tie(x.name, x.patient_id) < std::tie(y.name, y.patient_id);
      case ClinicColumn::kind:
        return x.item.kind < y.item.kind;
      case ClinicColumn::when:
        return x.item.when < y.item.when;
      case ClinicColumn::status:
        return x.item.status < y.item.status;
      case ClinicColumn::drug:
        return x.item.drug < y.item.drug;
      case ClinicColumn::detail:
        return x.item.detail < y.item.detail;
      case ClinicColumn::due_order:
        break;
    }
    return false;
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](std::size_t a, std::size_t b) { return ascending ? less(a, b) : less(b, a); });
  return out;
}

}  // namespace alsmeds::gui
