#include "clinic_model.hpp"

#include <algorithm>
#include <cctype>

#include "alsmeds/pharmacy/clinic_due.hpp"

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

std::vector<ClinicRow> clinic_rows_of(std::vector<ClinicDueRow> due) {
  std::vector<ClinicRow> rows;
  rows.reserve(due.size());
  for (ClinicDueRow& r : due)
    rows.push_back({r.patient.id, r.patient.mrn.value_or(""), r.patient.name, std::move(r.item)});
  return rows;
}

}  // namespace

Result<std::vector<ClinicRow>> load_clinic_today(RecordStore& store, Instant now, int refill_days,
                                                 int alsfrs_every_days) {
  auto due = clinic_due_list(store, now, std::nullopt, refill_days, alsfrs_every_days);
  if (!due) return fail(due.error());
  return clinic_rows_of(std::move(due).value());
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
