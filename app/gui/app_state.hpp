#pragma once
// Everything the desktop app shows and changes, in plain structs: the shell fills `now` from the clock each
// frame; headless tests drive the same state without a window.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/due_list.hpp"
#include "alsmeds/record_store.hpp"
#include "background_job.hpp"
#include "settings.hpp"
#include "view_states.hpp"

namespace alsmeds::gui {

enum class Role { patient, nurse, pharmacist };
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

/// A line under the menu bar: what the last action did, or why it was refused.
struct StatusLine {
  std::string text;
  bool error = false;
};

struct AppState {
  std::string db_path;  // the file open now
  std::unique_ptr<RecordStore> store;
  std::string user;  // who acts (the login name)
  Role role = Role::patient;
  int nurse_tab = 0;       // 0 cycle planner, 1 infusion board
  bool select_tab = true;  // make nurse_tab the open tab on the next frame (start-up, tests)
  bool quit = false;       // File > Quit or Ctrl+Q
  std::vector<Patient> patients;
  RecordId patient_id = 0;  // selected; 0 = none
  Instant now;              // the clock, read by the shell once a frame
  Settings settings;
  std::string settings_path;  // empty: settings are not saved (tests)
  StatusLine status;
  BackgroundJob job;
  int revision = 0;  // bumped by every write: views re-derive what they show

  ShellState shell;
  TodayViewState today_view;
  PlannerViewState planner;
  BoardViewState board;
  AdherenceViewState adherence;
  AlertsPanelState alerts;

  Actor actor() const { return {user, now}; }
  const Patient* patient() const;
  /// The selected patient's facts with the whole log, cached until the selection or revision changes.
  const PatientFacts* facts();
  /// The local day of `now` in the selected patient's zone (the machine's zone when none is selected).
  Day today();

  void report(std::string text) { status = {std::move(text), false}; }
  void refuse(std::string text) { status = {std::move(text), true}; }
  /// Call after a write: re-reads the patient list and drops cached facts.
  void changed();

 private:
  std::optional<PatientFacts> facts_;
  RecordId facts_patient_ = 0;
  int facts_revision_ = -1;
};

/// Opens (creating when missing) the database at `path`, replacing the open one only on success.
Result<bool> open_database(AppState& state, const std::string& path);

/// Selects the patient `ref` names by the rule of alsmeds/patient_lookup.hpp (the CLI's --patient): an id, an
/// MRN, id:N or mrn:X. An error (and the selection unchanged) when it names none, or two patients.
Result<bool> select_patient(AppState& state, const std::string& ref);

/// The picker's list: patients whose name, MRN or id contains `typed` (any case), in the list's order.
std::vector<const Patient*> search_patients(const AppState& state, const std::string& typed);
/// The picker's Enter: the patient `typed` names (select_patient), else the only patient the search lists;
/// never the first of several. An error saying why nothing was picked otherwise.
Result<bool> pick_patient(AppState& state, const std::string& typed);

}  // namespace alsmeds::gui
