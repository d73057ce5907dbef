#include "app_state.hpp"

#include <algorithm>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/patient_lookup.hpp"
#include "alsmeds/text.hpp"

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

Result<bool> select_patient(AppState& state, const std::string& ref) {
  auto p = resolve_patient(state.patients, ref);
  if (!p) return fail(p.error());
  state.patient_id = p->id;
  return true;
}

std::vector<const Patient*> search_patients(const AppState& state, const std::string& typed) {
  auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  const std::string needle = lower(typed);
  std::vector<const Patient*> out;
  for (const Patient& q : state.patients)
    if (needle.empty() ||
        lower(q.name + " " + q.mrn.value_or("") + " " + std::to_string(q.id)).find(needle) !=
            std::string::npos)
      out.push_back(&q);
  return out;
}

Result<bool> pick_patient(AppState& state, const std::string& typed) {
  if (patients_named(state.patients, typed).size() > 1) return select_patient(state, typed);  // the error
  if (auto named = resolve_patient(state.patients, typed)) {
    state.patient_id = named->id;
    return true;
  }
  const auto matches = search_patients(state, typed);
  if (matches.size() == 1) {
    state.patient_id = matches.front()->id;
    return true;
  }
  if (matches.empty()) return fail("no patient matches " + quote_short(typed));
  return fail(std::to_string(matches.size()) + " patients match: choose one in the list");
}

}  // namespace alsmeds::gui
