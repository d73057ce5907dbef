#include "alsmeds/patient_facts.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace alsmeds {
namespace {

// Where load_clinic_due_facts's riluzole doses start: two days more than the look-back, for a dose logged up
// to hours before its planned time, in any zone.
Instant clinic_due_doses_from(Day earliest_on) {
  return Instant{earliest_on - date::days{kOverdueLookbackDays + 2}};
}

Result<Zone> zone_of(const Patient& p) {
  auto z = find_zone(p.tz);
  if (!z) return fail("patient " + std::to_string(p.id) + ": " + z.error());
  return *z;
}

// The patient's zone now and the zones before it: both fail only on a zone this machine does not know.
Result<bool> zones_of(const Patient& p, PatientFacts& f) {
  auto zone = zone_of(p);
  if (!zone) return fail(zone.error());
  f.zone = *zone;
  f.earlier_zones.clear();
  for (const EarlierZone& e : p.earlier_zones) {
    auto z = find_zone(e.tz);
    if (!z) return fail("patient " + std::to_string(p.id) + ": " + z.error());
    f.earlier_zones.push_back({e.until, *z});
  }
  return true;
}

}  // namespace

Result<PatientFacts> load_facts(RecordStore& store, const Patient& patient, bool with_log) {
  PatientFacts f;
  f.patient = patient;
  if (auto ok = zones_of(patient, f); !ok) return fail(ok.error());
  f.therapies = store.therapies(patient.id);
  f.closed = store.closed_days(patient.id);
  if (with_log) f.log = store.log_entries(patient.id);
  f.acknowledgments = store.alert_acknowledgments(patient.id);
  f.alsfrs = store.alsfrs_reports(patient.id);
  return f;
}

Result<std::vector<PatientFacts>> load_cohort_facts(RecordStore& store,
                                                    const std::vector<Patient>& patients) {
  std::vector<PatientFacts> out(patients.size());
  std::unordered_map<RecordId, PatientFacts*> by_id;
  for (std::size_t i = 0; i < patients.size(); ++i) {
    out[i].patient = patients[i];
    if (auto ok = zones_of(patients[i], out[i]); !ok) return fail(ok.error());
    by_id.emplace(patients[i].id, &out[i]);
  }
  for (Therapy& t : store.all_therapies())
    if (auto it = by_id.find(t.patient_id); it != by_id.end()) it->second->therapies.push_back(std::move(t));
  for (AlertAcknowledgment& a : store.alert_acknowledgments(std::nullopt))
    if (auto it = by_id.find(a.patient_id); it != by_id.end())
      it->second->acknowledgments.push_back(std::move(a));
  for (AlsfrsReport& r : store.alsfrs_reports(std::nullopt))
    if (auto it = by_id.find(r.patient_id); it != by_id.end()) it->second->alsfrs.push_back(std::move(r));
  for (const ClosedDay& c : store.all_closed_days()) {  // by day, as closed_days(p) gives them
    if (!c.patient_id) {
      for (PatientFacts& f : out) f.closed.push_back(c);
    } else if (auto it = by_id.find(*c.patient_id); it != by_id.end()) {
      it->second->closed.push_back(c);
    }
  }
  return out;
}

Result<std::vector<PatientFacts>> load_clinic_due_facts(RecordStore& store,
                                                        const std::vector<Patient>& patients,
                                                        Day earliest_on) {
  auto clinic = load_clinic_supply_facts(store, patients, earliest_on, false);
  if (!clinic) return fail(clinic.error());
  return std::move(clinic->patients);
}

Result<ClinicSupplyFacts> load_clinic_supply_facts(RecordStore& store, const std::vector<Patient>& patients,
                                                   Day earliest_on, bool with_supply) {
  auto facts = load_cohort_facts(store, patients);
  if (!facts) return fail(facts.error());
  ClinicSupplyFacts out;
  out.patients = std::move(facts).value();
  out.doses.resize(out.patients.size());
  std::unordered_map<RecordId, std::size_t> index;
  for (std::size_t i = 0; i < out.patients.size(); ++i) index.emplace(out.patients[i].patient.id, i);
  // With supply: the riluzole dose records before the look-back too, compact, kept for the patients with a
  // dispensing (the records other than doses are all in the entries).
  ClinicLog log = store.clinic_log(clinic_due_doses_from(earliest_on),
                                   with_supply ? std::optional<Instant>(Instant{}) : std::nullopt);
  std::unordered_set<RecordId> dispensed;
  for (auto& [patient, entries] : log.entries)
    if (auto it = index.find(patient); it != index.end()) {
      if (with_supply && std::any_of(entries.begin(), entries.end(),
                                     [](const LogEntry& e) { return e.kind == LogKind::dispensing; }))
        dispensed.insert(patient);
      out.patients[it->second].log = std::move(entries);
    }
  for (const RecordId id : dispensed)
    if (auto it = index.find(id); it != index.end()) {
      std::vector<DoseRecord>& doses = out.doses[it->second];
      if (auto older = log.older_riluzole_doses.find(id); older != log.older_riluzole_doses.end())
        doses = std::move(older->second);
      const std::vector<DoseRecord> recent = current_doses(out.patients[it->second].log);
      doses.insert(doses.end(), recent.begin(), recent.end());
    }
  return out;
}

Instant listing_instant(const LogEntry& entry, Zone zone) {
  if (!entry.day) return entry.at;
  return resolve_local_time(zone, date::local_seconds{date::local_days{entry.day->time_since_epoch()}})
      .instant;
}

void sort_newest_first(std::vector<LogEntry>& entries, Zone zone) {
  std::vector<std::pair<Instant, std::size_t>> keys;
  keys.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) keys.emplace_back(listing_instant(entries[i], zone), i);
  std::sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return entries[a.second].id > entries[b.second].id;
  });
  std::vector<LogEntry> sorted;
  sorted.reserve(entries.size());
  for (const auto& [at, i] : keys) sorted.push_back(std::move(entries[i]));
  entries = std::move(sorted);
}

}  // namespace alsmeds
