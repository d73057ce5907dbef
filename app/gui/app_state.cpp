#include "app_state.hpp"

#include <algorithm>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/rules/patient_lookup.hpp"
#include "alsmeds/text.hpp"
#include "outbox.hpp"

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
  const bool cached = facts_ && facts_patient_ == p->id;
  if (cached && server.unreachable) return &*facts_;  // as last read: nothing is written meanwhile
  if (!cached || facts_revision_ != revision) {
    if (server.unreachable) return nullptr;  // read once the server answers (waits_for_server)
    facts_.reset();
    Result<PatientFacts> loaded = fail("");
    if (!try_read([&] { loaded = load_facts(*store, *p, true); })) return nullptr;
    if (!loaded) {
      refuse(loaded.error());
      return nullptr;
    }
    facts_ = std::move(loaded).value();
    facts_patient_ = p->id;
    facts_revision_ = revision;
  }
  facts_->alsfrs_every_days = settings.alsfrs_every_days;  // a setting, read where the facts are used
  return &*facts_;
}

std::string AppState::waits_for_server() const {
  const Patient* p = patient();
  if (!p || !store || !server.unreachable || (facts_ && facts_patient_ == p->id)) return "";
  return "The clinic server is unreachable: " + p->name + " is shown when it answers.";
}

Day AppState::today() {
  if (const PatientFacts* f = facts()) return local_day(now, f->zone);
  try {
    return local_day(now, date::current_zone());
  } catch (const std::exception&) {
    return date::floor<date::days>(now);  // no usable local zone: UTC
  }
}

Day AppState::clinic_day() const {
  if (!settings.clinic_tz.empty())
    if (auto zone = find_zone(settings.clinic_tz)) return local_day(now, *zone);
  try {
    return local_day(now, date::current_zone());
  } catch (const std::exception&) {
    return date::floor<date::days>(now);  // no usable local zone: UTC
  }
}

void AppState::push(std::string what, Message* shown_at,
                    std::function<Result<std::string>(AppState&)> apply) {
  push_message(std::move(what), shown_at, [apply = std::move(apply)](AppState& s) -> Result<Message> {
    auto done = apply(s);
    if (!done) return fail(done.error());
    return Message{*done, false, false};
  });
}

void AppState::push_message(std::string what, Message* shown_at,
                            std::function<Result<Message>(AppState&)> apply) {
  PendingAction a;
  a.what = std::move(what);
  a.shown_at = shown_at;
  a.apply = std::move(apply);
  actions.push_back(std::move(a));
}

void AppState::changed() {
  ++revision;
  if (store) patients = store->patients();
}

bool AppState::try_read(const std::function<void()>& read) {
  if (server.unreachable) {  // not on the UI thread: it would wait the connect timeout
    refuse("Not read: the clinic server is unreachable (read once it answers again)");
    return false;
  }
  try {
    read();
    return true;
  } catch (const std::exception& e) {
    refuse("Cannot read the database: " + explain_storage_failure(e));
    return false;
  }
}

OpenOptions AppState::worker_options(bool write) const {
  return {CreateMode::must_exist, write ? Access::read_write : Access::read_only, busy_timeout_ms};
}

bool AppState::forms_follow_patient() {
  if (forms_patient_ && *forms_patient_ == patient_id) return false;
  const bool switched = forms_patient_.has_value();  // the first frame keeps what was set up before it
  forms_patient_ = patient_id;
  if (!switched) return false;
  today_view = {};
  planner = {};
  course = {};
  alerts = {};
  status = {};  // the status line belongs to the patient shown: the last one's outcome is not this one's
  return true;
}

Result<bool> open_database(AppState& state, const std::string& path, CreateMode create) {
  auto opened = open_record_store(path, OpenOptions{create, Access::read_write, state.busy_timeout_ms});
  if (!opened) return fail(opened.error());
  std::unique_ptr<RecordStore> store = std::move(opened).value();
  std::vector<Patient> patients;
  std::int64_t seen = 0;
  std::optional<UnitSettings> unit;
  try {  // everything read before the open database is replaced: a failure here leaves it open
    patients = store->patients();
    seen = store->change_counter();
    unit = store->unit_settings();
  } catch (const std::exception& e) {
    return fail(path + ": " + explain_storage_failure(e));
  }
  state.store = std::move(store);
  state.db_path = path;
  state.patients = std::move(patients);
  if (unit) apply_unit_settings(state.settings, *unit);  // the clinic's chairs and hours over this machine's
  state.seen_changes = seen;
  state.changes_checked = state.now;
  state.server = {};
  state.server.last_reached = state.now;
  state.unsent.clear();  // writes kept for the database closed now are not sent to another one (its
                         // outbox file keeps them for the next time it is opened)
  state.outbox_file.clear();
  state.outbox_saved.clear();
  if (!state.patient() && !state.patients.empty()) state.patient_id = state.patients.front().id;
  if (state.patients.empty()) state.patient_id = 0;
  ++state.revision;
  // A server's writes kept by an earlier run (closed, killed or cut off before the server confirmed them).
  if (!state.user.empty())
    if (const std::string restored = restore_outbox(state); !restored.empty())
      state.status = {restored, restored.find("could not") != std::string::npos};
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
