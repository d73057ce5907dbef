// The one place the desktop app changes the database: the actions views pushed while drawing, applied after
// the frame, each failure caught and shown beside the control that asked; and the once-a-second look for
// writes of other programs (alsmeds-cli, a second window) that makes the open views re-read.
#include <sys/stat.h>

#include <cerrno>

#include "alsmeds/patient_facts.hpp"
#include "app_state.hpp"

namespace alsmeds::gui {
namespace {

constexpr std::chrono::seconds kLookEvery{1};

/// changed() after a write or a failure: a failure to re-read is shown, never thrown.
void reread(AppState& s, Message& shown) {
  try {
    s.changed();
  } catch (const std::exception& e) {
    shown.text += " (the views could not re-read the database: " + explain_storage_failure(e) + ")";
    shown.error = true;
  }
}

void look_for_outside_changes(AppState& s) {
  if (!s.store) return;
  if (s.now >= s.changes_checked && s.now - s.changes_checked < kLookEvery) return;
  s.changes_checked = s.now;
  struct stat st;
  if (!is_server_database(s.db_path) && ::stat(s.db_path.c_str(), &st) != 0 &&
      errno == ENOENT) {  // stat: no descriptor on the file
    s.refuse(s.db_path +
             " was removed or renamed while open: nothing more can be saved to it; open it again (File > "
             "Open)");
    return;
  }
  try {
    const std::int64_t seen = s.store->change_counter();
    if (seen == s.seen_changes) return;
    s.seen_changes = seen;
    s.changed();
  } catch (const std::exception& e) {
    s.refuse("Cannot read the database: " + explain_storage_failure(e));
  }
}

}  // namespace

Result<PatientFacts> stored_facts(AppState& state, RecordId patient) {
  const std::optional<Patient> p = state.store->find_patient(patient);
  if (!p) return fail("patient " + std::to_string(patient) + " is no longer in this database");
  return load_facts(*state.store, *p, true);
}

Message done_message(const std::string& done, const ActionOutcome& outcome) {
  Message m{done, false, !outcome.warnings.empty()};
  for (const std::string& w : outcome.warnings) m.text += "\nWarning: " + w;
  return m;
}

void push_patient_write(AppState& state, RecordId patient, std::string what, Message* shown_at,
                        std::string done,
                        std::function<Result<ActionOutcome>(AppState&, const PatientFacts&)> write) {
  state.push_message(
      std::move(what), shown_at,
      [patient, done = std::move(done), write = std::move(write)](AppState& s) -> Result<Message> {
        auto facts = stored_facts(s, patient);
        if (!facts) return fail(facts.error());
        auto written = write(s, *facts);
        if (!written) return fail(written.error());
        return done_message(done, *written);
      });
}

void apply_pending_actions(AppState& s) {
  std::vector<PendingAction> actions = std::move(s.actions);
  s.actions.clear();
  std::string stopped;  // the storage failure that stopped this frame's actions (each would wait again)
  for (PendingAction& a : actions) {
    Message shown;
    if (!stopped.empty()) {
      shown = {"Not saved: " + a.what + " (not tried after: " + stopped + ")", true};
    } else if (!s.store) {
      shown = {"Not saved: " + a.what + " (no database is open)", true};
    } else {
      try {
        Result<Message> done = a.apply(s);
        shown = done ? *done : Message{done.error(), true};
        if (done) reread(s, shown);
      } catch (const std::exception& e) {
        // Every write is one transaction: a failure wrote nothing. Re-read so that nothing stale is shown.
        stopped = explain_storage_failure(e);
        shown = {stopped + ". Not saved: " + a.what + " (nothing was written; try again)", true};
        reread(s, shown);
      }
    }
    if (a.shown_at) *a.shown_at = shown;
    s.status = shown;
  }
  look_for_outside_changes(s);
}

}  // namespace alsmeds::gui
