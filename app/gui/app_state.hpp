#pragma once
// Everything the desktop app shows and changes, in plain structs: the shell fills `now` from the clock each
// frame; headless tests drive the same state without a window.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "background_job.hpp"
#include "server_probe.hpp"
#include "settings.hpp"
#include "shell_state.hpp"
#include "views/adherence_view.hpp"
#include "views/alerts_panel.hpp"
#include "views/board_view.hpp"
#include "views/clinic_today_view.hpp"
#include "views/course_view.hpp"
#include "views/patient_details_view.hpp"
#include "views/planner_view.hpp"
#include "views/prep_view.hpp"
#include "views/supply_view.hpp"
#include "views/today_view.hpp"

namespace alsmeds::gui {

enum class Role { patient, nurse, pharmacist };
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct AppState;
struct OutboxEntry;

/// A write (or another change of the open database) asked for by a view while it draws. Views only push
/// these; apply_pending_actions runs them after the frame is drawn, catches every failure, and shows the
/// outcome in `shown_at` (a message drawn beside the control) and in the status line.
struct PendingAction {
  std::string
      what;  // names the action in a failure message: "Taken: Riluzole tablet, 1 tablet (50 mg) (08:00)"
  Message* shown_at = nullptr;
  /// The write: the message to show when it is done (with any warning), or why it was refused (nothing
  /// written).
  std::function<Result<Message>(AppState&)> apply;
  /// Its writes' client-made keys, made when the person acted and kept while the action waits for the server:
  /// sent again, it never stores a second copy (record_store.hpp, WriteKeys).
  WriteKeys keys{new_write_key()};
  /// The write as data (outbox.hpp) when it is one the outbox file keeps while the server does not confirm
  /// it.
  std::shared_ptr<const OutboxEntry> kept;
};

/// The clinic server as the app last found it (a server database only; a SQLite file is always "reached").
struct ServerLink {
  bool unreachable = false;
  std::optional<Instant> last_reached;  // the last time a read or write was answered
  std::string why;                      // what the last failed attempt said
  Instant last_try;        // when the app last tried to reach it (a probe once every kRetryEvery)
  bool retry_now = false;  // the Retry button: probe on the next frame (after the one in flight, if any)
  ServerProbe probe;       // whether it answers again, asked off the UI thread
};

struct AppState {
  std::string db_path;  // the file open now
  std::unique_ptr<RecordStore> store;
  std::string user;  // who acts (the login name)
  Role role = Role::patient;
  int tab = 0;             // the open view of the role: its index in views_for(role) (views/view_list.hpp)
  bool select_tab = true;  // make `tab` the open tab on the next frame (start-up, tests)
  bool quit = false;       // File > Quit or Ctrl+Q
  std::vector<Patient> patients;
  RecordId patient_id = 0;  // selected; 0 = none
  Instant now;              // the clock, read by the shell once a frame
  Settings settings;
  std::string settings_path;           // empty: settings are not saved (tests)
  Message status;                      // the line under the menu bar: the last outcome, or why it was refused
  int busy_timeout_ms = 10000;         // how long a write waits for another program's write (OpenOptions)
  std::vector<PendingAction> actions;  // pushed while drawing, applied after the frame
  /// Writes the server has not confirmed (it could not be reached): kept, in order, with their keys and
  /// everything typed into them, and sent again when it answers (or on Retry).
  std::vector<PendingAction> unsent;
  std::string outbox_file;   // where the kept writes wait across runs (outbox.hpp); empty: in memory only
  std::string outbox_saved;  // the file's text as last written
  ServerLink server;
  BackgroundJob job;
  int revision = 0;  // bumped by every write, here or by another program: views re-derive what they show

  ShellState shell;
  // The views (views/view_list.cpp registers them for the roles).
  TodayView today_view;
  PlannerView planner;
  BoardView board;
  PrepView prep;
  SupplyView supply;
  CourseView course;
  PatientDetailsView details;
  AdherenceView adherence;
  ClinicTodayView clinic_today;
  AlertsPanel alerts;

  Actor actor() const { return {user, now}; }
  /// Whether any work runs off the UI thread (the job, the clinic's refresh); waits for all of it (tests,
  /// screenshots, shutdown).
  bool background_running() const { return job.running() || clinic_today.refresh.running(); }
  void wait_for_background() {
    job.wait();
    clinic_today.refresh.wait();
  }
  const Patient* patient() const;
  /// The selected patient's facts with the whole log, cached until the selection or revision changes. While
  /// the clinic server is unreachable nothing is read (a read would wait the connect timeout on the UI
  /// thread): the facts read before are kept, a patient not read yet gives nullptr (waits_for_server()).
  const PatientFacts* facts();
  /// While the clinic server is unreachable, the selected patient whose records were not read yet: "the
  /// clinic server is unreachable: NAME is shown when it answers" (the views show it where the patient's
  /// records would be; server_answers reads them once the probe finds the server). Empty otherwise.
  std::string waits_for_server() const;
  /// The local day of `now` in the selected patient's zone (the machine's zone when none is selected).
  Day today();
  /// The clinic's day (the board's): in Settings' clinic zone, else the machine's, whoever is selected.
  Day clinic_day() const;

  void report(std::string text) { status = {std::move(text), false}; }
  void refuse(std::string text) { status = {std::move(text), true}; }
  /// An outcome beside its control and in the status line.
  void show(Message& beside, const Message& m) { beside = status = m; }
  /// Queues a write for apply_pending_actions; its outcome is shown in `shown_at` and the status line.
  void push(std::string what, Message* shown_at, std::function<Result<std::string>(AppState&)> apply);
  /// push() for a write whose outcome may carry a warning.
  void push_message(std::string what, Message* shown_at, std::function<Result<Message>(AppState&)> apply);
  /// Call after a write: re-reads the patient list and drops cached facts. Throws on a storage failure.
  void changed();
  /// Runs `read` on the store; a storage failure becomes the status message and false (safe while drawing).
  /// While the clinic server is unreachable `read` is not run (false, said in the status line).
  bool try_read(const std::function<void()>& read);
  /// Opens stores for the worker thread: the same file and busy timeout, read-only unless `write`.
  OpenOptions worker_options(bool write) const;
  /// The one place the per-patient forms follow the selection (call each frame before the views draw): when
  /// the selected patient is not the one they were filled for, everything typed or chosen for that patient
  /// (Today's quick logging and note popup, the planner's start form, confirmations and delay reason, the
  /// course view's switch, restart and decision forms, the alerts panel) and the messages beside them are
  /// emptied, and the status line too, so nothing typed for one patient is written for or shown under
  /// another. True when they were.
  bool forms_follow_patient();

  // What the last look at the database found (apply_pending_actions looks once a second).
  std::int64_t seen_changes = -1;
  Instant changes_checked;

 private:
  std::optional<PatientFacts> facts_;
  RecordId facts_patient_ = 0;
  int facts_revision_ = -1;
  std::optional<RecordId> forms_patient_;  // whom the per-patient forms were filled for; none before frame 1
};

/// Opens (creating when missing) the database at `path`, replacing the open one only on success. A damaged
/// file, or one of another program, is refused (as in alsmeds-cli) and the open one stays open.
Result<bool> open_database(AppState& state, const std::string& path,
                           CreateMode create = CreateMode::create_if_missing);

/// The facts of `patient` as stored now, for an action's apply (a storage failure throws into
/// apply_pending_actions, which shows it).
Result<PatientFacts> stored_facts(AppState& state, RecordId patient);

/// push() for a write about one patient through the clinic's rules: `write` gets the patient's facts as
/// stored when it runs (not as drawn); when it succeeds `done` is shown with the rules' warnings, if any.
void push_patient_write(AppState& state, RecordId patient, std::string what, Message* shown_at,
                        std::string done,
                        std::function<Result<ActionOutcome>(AppState&, const PatientFacts&)> write);

/// What a successful write shows: `done`, then each warning of the rules (then marked as a warning).
Message done_message(const std::string& done, const ActionOutcome& outcome);

/// Applies the actions views pushed while drawing (call after ImGui::Render(), outside every Begin/End):
/// each in its own transaction; a storage failure (busy past the timeout, disk full, damaged or removed file)
/// becomes a message beside the control and in the status line, nothing half-written, the app running on.
/// Then, once a second by `now`, notices writes of other programs and makes the views re-read.
void apply_pending_actions(AppState& state);

/// The banner the app shows while the clinic server cannot be reached: "Server unreachable ...", when it was
/// last reached (local time of `zone`), how many writes are kept. Empty while it is reachable.
std::string server_banner(const AppState& state, const Zone& zone);

/// Selects the patient `ref` names by the rule of alsmeds/patient_lookup.hpp (the CLI's --patient): an id, an
/// MRN, id:N or mrn:X. An error (and the selection unchanged) when it names none, or two patients.
Result<bool> select_patient(AppState& state, const std::string& ref);

/// The picker's list: patients whose name, MRN or id contains `typed` (any case), in the list's order.
std::vector<const Patient*> search_patients(const AppState& state, const std::string& typed);
/// The picker's Enter: the patient `typed` names (select_patient), else the only patient the search lists;
/// never the first of several. An error saying why nothing was picked otherwise.
Result<bool> pick_patient(AppState& state, const std::string& typed);

}  // namespace alsmeds::gui
