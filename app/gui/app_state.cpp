#include "app_state.hpp"

#include <algorithm>

#include "alsmeds/patient_facts.hpp"

namespace alsmeds::gui {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::patient:
      return "patient";
    case Role::nurse:
      return "nurse";
    case Role::pharmacist:
      return "pharmacist";
  }
  return "patient";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role r : {Role::patient, Role::nurse, Role::pharmacist})
    if (to_string(r) == text) return r;
  return std::nullopt;
}

const Patient* AppState::patient() const {
  for (const Patient& p : patients)
    if (p.id == patient_id) return &p;
  return nullptr;
}

const PatientFacts* AppState::facts() {
  const Patient* p = patient();
  if (!p || !store) return nullptr;
  if (!facts_ || facts_patient_ != p->id || facts_revision_ != revision) {
    auto loaded = load_facts(*store, *p, true);
    if (!loaded) {
      refuse(loaded.error());
      facts_.reset();
      return nullptr;
    }
    facts_ = std::move(loaded).value();
    facts_patient_ = p->id;
    facts_revision_ = revision;
  }
  return &*facts_;
}

Day AppState::today() {
  if (const PatientFacts* f = facts()) return local_day(now, f->zone);
  try {
    return local_day(now, date::current_zone());
  } catch (const std::exception&) {
    return date::floor<date::days>(now);  // no usable local zone: UTC
  }
}

void AppState::changed() {
  ++revision;
  if (store) patients = store->patients();
}

Result<bool> open_database(AppState& state, const std::string& path) {
  auto opened = open_record_store(path);
  if (!opened) return fail(opened.error());
  state.store = std::move(opened).value();
  state.db_path = path;
  state.patients = state.store->patients();
  if (!state.patient() && !state.patients.empty()) state.patient_id = state.patients.front().id;
  if (state.patients.empty()) state.patient_id = 0;
  ++state.revision;
  return true;
}

bool select_patient(AppState& state, const std::string& ref) {
  for (const Patient& p : state.patients)
    if (std::to_string(p.id) == ref || (p.mrn && *p.mrn == ref)) {
      state.patient_id = p.id;
      return true;
    }
  return false;
}

}  // namespace alsmeds::gui
