#include "alsmeds/adherence/adherence_report.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <unordered_map>

#include "alsmeds/adherence/cohort_columns.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/regimens/liver_tests.hpp"

namespace alsmeds {
namespace {

double risk(const AdherenceRow& r) {
  double worst = 1000;  // unknown measures sort last
  if (r.refills.pdc_pct) worst = std::min(worst, *r.refills.pdc_pct);
  if (auto t = r.doses.taking_pct()) worst = std::min(worst, *t);
  return worst;
}

}  // namespace

std::vector<AdherenceRow> adherence_rows(const PatientFacts& facts, const Period& period) {
  return adherence_rows(facts, current_doses(facts.log), period);
}

std::vector<AdherenceRow> adherence_rows(const PatientFacts& facts, const std::vector<DoseRecord>& doses,
                                         const Period& period, const std::vector<DoseRecord>& earlier_doses) {
  std::vector<AdherenceRow> rows;
  std::vector<LogEntry> holder;
  const std::vector<LogEntry>& log = current_entries(facts.log, holder);
  const auto open = open_alerts(facts, doses, period.to);
  const int open_alerts = static_cast<int>(
      std::count_if(open.begin(), open.end(), [](const DueItem& i) { return i.status == DueStatus::alert; }));
  // Supply at the end of the period, for patients with a dispensing: every dose taken counts.
  std::vector<SupplyStatus> supply;
  if (std::any_of(log.begin(), log.end(), [](const LogEntry& e) { return e.kind == LogKind::dispensing; })) {
    std::vector<DoseRecord> used;
    used.reserve(earlier_doses.size() + doses.size());
    used.insert(used.end(), earlier_doses.begin(), earlier_doses.end());
    used.insert(used.end(), doses.begin(), doses.end());
    supply = supply_status(facts, used, period.to + date::days{1});
  }
  const AlsfrsSummary function = alsfrs_summary(facts.alsfrs, facts.patient.onset, period.to);
  // The refill measures count the period's days up to the patient's today when it reaches beyond (a report of
  // the whole month made mid-month): a day to come is neither covered nor a gap (docs/domain.md).
  Period refill_period = period;
  if (period.due_by) refill_period.to = std::min(period.to, local_day(*period.due_by, facts.zone));
  for (const Therapy& t : facts.therapies) {
    if (t.start > period.to || (t.stop && *t.stop < period.from)) continue;
    AdherenceRow row;
    const SupplyStatus* s = nullptr;
    for (const SupplyStatus& st : supply)
      if (st.drug == t.drug && (!s || find_pack(st.product)->serves == product_on(t, period.to))) s = &st;
    if (s) {
      row.supply_on_hand = format_quantity(s->on_hand, s->unit);
      row.supply_runs_out_on = s->runs_out_on;
    }
    row.patient = facts.patient;
    row.drug = t.drug;
    row.doses = dose_adherence(facts, doses, t, period);
    if (refill_period.from <= refill_period.to) row.refills = refill_adherence(log, t.drug, refill_period);
    row.open_alerts = open_alerts;
    row.alsfrs = function;
    const LogEntry* last_alt = nullptr;
    for (const LogEntry& e : log) {
      if (e.kind == LogKind::lab && e.test == "ALT" && e.day && *e.day <= period.to &&
          (!last_alt || *e.day > *last_alt->day))
        last_alt = &e;
      if (e.kind == LogKind::effect && e.grade >= 2 && (!e.drug || e.drug == t.drug)) {
        const Day d = local_day(e.at, facts.zone);
        row.effects_grade2_plus += d >= period.from && d <= period.to;
      }
    }
    for (const LogEntry& e : log)
      if (t.drug == Drug::riluzole && e.kind == LogKind::lab && e.test == "ALT" && e.day &&
          *e.day <= period.to && e.uln > 0)
        row.alt_x_uln.emplace_back(*e.day, e.value / e.uln);
    std::sort(row.alt_x_uln.begin(), row.alt_x_uln.end());
    if (last_alt && t.drug == Drug::riluzole && last_alt->uln > 0)
      row.last_alt_x_uln = last_alt->value / last_alt->uln;
    const auto taking = row.doses.taking_pct();
    row.flagged =
        (row.refills.pdc_pct && *row.refills.pdc_pct < kAdherentPct) || (taking && *taking < kAdherentPct);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<AdherenceRow> cohort_adherence_rows(std::vector<PatientFacts>& patients, const CohortLog& cohort,
                                                const Period& period) {
  std::unordered_map<RecordId, std::size_t> index;
  for (std::size_t i = 0; i < patients.size(); ++i) index.emplace(patients[i].patient.id, i);
  // Each patient's doses, counted first so that each list is made at its size.
  const auto by_patient = [&](const std::vector<DoseRecord>& all) {
    std::vector<std::size_t> where(all.size(), patients.size()), count(patients.size(), 0);
    for (std::size_t k = 0; k < all.size(); ++k)
      if (auto it = index.find(all[k].patient_id); it != index.end()) ++count[where[k] = it->second];
    std::vector<std::vector<DoseRecord>> out(patients.size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i].reserve(count[i]);
    for (std::size_t k = 0; k < all.size(); ++k)
      if (where[k] < patients.size()) out[where[k]].push_back(all[k]);
    return out;
  };
  const std::vector<std::vector<DoseRecord>> doses = by_patient(cohort.doses),
                                             earlier = by_patient(cohort.earlier_doses);
  for (const LogEntry& e : cohort.other)
    if (auto it = index.find(e.patient_id); it != index.end()) patients[it->second].log.push_back(e);

  // Patients are independent: two workers take them in turn (the measures are pure functions).
  std::vector<std::vector<AdherenceRow>> per_patient(patients.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < patients.size(); i = next++)
      per_patient[i] = adherence_rows(patients[i], doses[i], period, earlier[i]);
  };
  std::thread helper(worker);
  worker();
  helper.join();
  std::vector<AdherenceRow> rows;
  for (auto& r : per_patient)
    rows.insert(rows.end(), std::make_move_iterator(r.begin()), std::make_move_iterator(r.end()));
  return rows;
}

std::pair<Instant, Instant> report_dose_span(const Period& period) {
  // Two days more than the look-back: a dose logged hours from its planned time, in any zone.
  const Day first = std::min(period.from - date::days{1}, period.to - date::days{kOverdueLookbackDays + 2});
  return {Instant{first}, Instant{period.to + date::days{2}}};
}

Result<std::vector<AdherenceRow>> report_adherence_rows(RecordStore& store,
                                                        const std::vector<Patient>& patients,
                                                        const Period& period) {
  auto facts = load_cohort_facts(store, patients);
  if (!facts) return fail(facts.error());
  const auto [from, to] = report_dose_span(period);
  // One patient's log read alone, or the whole clinic's in one pass (about 1.5 million records for 1000
  // patients over 2 years): the same records either way (cohort_log_of).
  // Doses taken before the span too, compact, for the supply columns (supply_status).
  const Instant taken_from{};
  const CohortLog cohort = patients.size() == 1
                               ? cohort_log_of(store.log_entries(patients.front().id), from, to, taken_from)
                               : store.cohort_log(from, to, taken_from);
  return cohort_adherence_rows(facts.value(), cohort, period);
}

void sort_by_risk(std::vector<AdherenceRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const AdherenceRow& a, const AdherenceRow& b) { return risk(a) < risk(b); });
}

RecordTable adherence_table(const std::vector<AdherenceRow>& rows, const Period& period) {
  RecordTable t;
  const auto columns = cohort_columns_in(in_file);  // docs/cli.md's columns, defined in cohort_columns.cpp
  for (const CohortColumn* c : columns) t.columns.push_back({std::string(c->key), c->numeric});
  t.title = "Adherence " + format_day(period.from) + " to " + format_day(period.to) +
            " (riskiest first; flag: PDC or taking adherence under 80%; timing window +-25% of the dosing "
            "interval)";
  for (const AdherenceRow& r : rows) {
    // JSON writes numeric columns as numbers, an unknown ("NA") as null (render_json).
    std::vector<std::string> cells;
    cells.reserve(columns.size());
    for (const CohortColumn* c : columns) cells.push_back(c->file_cell(r));
    t.rows.push_back(std::move(cells));
  }
  return t;
}

std::vector<std::size_t> rows_to_chart(const std::vector<AdherenceRow>& rows, bool cohort) {
  std::vector<std::size_t> charted;
  for (std::size_t i = 0; i < rows.size() && charted.size() < kMaxChartedRows; ++i)
    if (!cohort || rows[i].flagged) charted.push_back(i);
  return charted;
}

}  // namespace alsmeds
