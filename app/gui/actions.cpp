// The one place the desktop app changes the database: the actions views pushed while drawing, applied after
// the frame, each failure caught and shown beside the control that asked; and the once-a-second look for
// writes of other programs (alsmeds-cli, a second window) that makes the open views re-read.
#include <sys/stat.h>

#include <cerrno>
#include <optional>

#include "alsmeds/calendar.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/zone_clock.hpp"
#include "app_state.hpp"
#include "outbox.hpp"

namespace alsmeds::gui {
namespace {

constexpr std::chrono::seconds kLookEvery{1};
constexpr std::chrono::seconds kRetryEvery{2};  // while the server is away (each probe off the UI thread)

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
    s.server.last_reached = s.now;
    if (seen == s.seen_changes) return;
    s.seen_changes = seen;
    s.changed();
  } catch (const std::exception& e) {
    if (is_server_unreachable(e)) {
      s.server.unreachable = true;
      s.server.why = explain_storage_failure(e);
      s.server.retry_now = true;  // probe at once: the server may be back already (a restart)
    }
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

namespace {

/// Whether the clinic server answered the last probe (server_probe.hpp): takes the answer that arrived, and
/// starts a probe when none is in flight, at most once every kRetryEvery unless Retry was pressed. Never
/// waits for the network: the answer comes on a later frame. A server found again is marked reached.
bool server_answers(AppState& s) {
  if (std::optional<ProbeAnswer> answer = s.server.probe.take()) {
    if (answer->reached) {
      // The store connects again, and every view re-reads: what other workstations wrote meanwhile was not
      // announced to a connection that was gone.
      try {
        s.changed();
        s.seen_changes = s.store->change_counter();
        s.server.unreachable = false;
        s.server.last_reached = s.now;
        s.report("The clinic server answers again");  // not the failure that made it unreachable
        return true;
      } catch (const std::exception& e) {  // gone again between the probe and this read
        answer->why = explain_storage_failure(e);
      }
    }
    s.server.why = answer->why;
    s.server.last_try = s.now;  // the next probe kRetryEvery after this one gave up
  }
  if (s.server.probe.pending()) return false;
  if (!s.server.retry_now && s.now >= s.server.last_try && s.now - s.server.last_try < kRetryEvery)
    return false;
  s.server.retry_now = false;
  s.server.last_try = s.now;
  s.server.probe.start(s.db_path, s.worker_options(false));
  return false;
}

}  // namespace

void apply_pending_actions(AppState& s) {
  std::vector<PendingAction> actions;
  // Writes kept while the server was away go first (in the order they were made), once it answers again.
  if (!s.unsent.empty() && s.store && (!s.server.unreachable || server_answers(s))) {
    actions = std::move(s.unsent);
    s.unsent.clear();
  }
  for (PendingAction& a : s.actions) actions.push_back(std::move(a));
  s.actions.clear();
  std::string stopped;  // the storage failure that stopped this frame's actions (each would wait again)
  for (PendingAction& a : actions) {
    Message shown;
    bool keep = false;  // the server could not be reached: kept in s.unsent, sent again later
    if (s.server.unreachable) {
      keep = true;
    } else if (!stopped.empty()) {
      shown = {"Not saved: " + a.what + " (not tried after: " + stopped + ")", true};
    } else if (!s.store) {
      shown = {"Not saved: " + a.what + " (no database is open)", true};
    } else {
      try {
        // The action's keys for its writes; unset after it unless it replaced the store (File > Open).
        struct Keyed {
          AppState& s;
          RecordStore* store;
          ~Keyed() {
            if (s.store.get() == store) store->use_write_keys(nullptr);
          }
        } keyed{s, s.store.get()};
        keyed.store->use_write_keys(&a.keys);
        if (a.keys.used > 0 && s.store->written(a.keys)) {
          // The last attempt was stored, its acknowledgement lost with the connection: done, not again.
          shown = {"Saved: " + a.what + " (stored by the server before the connection was lost)", false};
        } else {
          a.keys.used = 0;
          Result<Message> done = a.apply(s);
          shown = done ? *done : Message{done.error(), true};
        }
        s.server.last_reached = s.now;
        if (!shown.error) reread(s, shown);
      } catch (const std::exception& e) {
        if (is_server_unreachable(e)) {
          s.server.unreachable = true;
          s.server.why = explain_storage_failure(e);
          s.server.last_try = s.now;
          keep = true;
        } else {
          // Every write is one transaction: a failure wrote nothing. Re-read so that nothing stale is shown.
          stopped = explain_storage_failure(e);
          shown = {stopped + ". Not saved: " + a.what + " (nothing was written; try again)", true};
          reread(s, shown);
        }
      }
    }
    if (keep) {
      shown = {"Server unreachable: " + a.what +
                   " is not saved yet. It is kept as typed and sent when the server answers again (or press "
                   "Retry above); it will not be recorded twice.",
               true};
    }
    if (a.shown_at) *a.shown_at = shown;
    s.status = shown;
    if (keep) s.unsent.push_back(std::move(a));
  }
  sync_outbox(s);  // the file holds exactly what still waits: it survives closing or killing the app
  if (s.server.unreachable && s.unsent.empty() && s.store) server_answers(s);  // the banner goes by itself
  if (!s.server.unreachable) look_for_outside_changes(s);
}

std::string server_banner(const AppState& s, const Zone& zone) {
  if (!s.server.unreachable) return "";
  std::string text = "Server unreachable";
  if (s.server.last_reached) {
    const auto local = date::make_zoned(zone, *s.server.last_reached).get_local_time();
    const auto day = date::floor<date::days>(local);
    text += " (last reached " + format_day(Day{day.time_since_epoch()}) + " " +
            format_wall_clock(std::chrono::duration_cast<WallClock>(local - day)) + ")";
  } else {
    text += " (not reached since the app started)";
  }
  if (!s.unsent.empty()) {
    text += ": " + std::to_string(s.unsent.size()) + (s.unsent.size() == 1 ? " write" : " writes") +
            " kept, not saved yet; sent when it answers again";
    std::optional<Instant> oldest;
    for (const PendingAction& a : s.unsent)
      if (a.kept && (!oldest || a.kept->made_at < *oldest)) oldest = a.kept->made_at;
    if (oldest) {
      const auto local = date::make_zoned(zone, *oldest).get_local_time();
      const auto day = date::floor<date::days>(local);
      text += " (waiting since " + format_day(Day{day.time_since_epoch()}) + " " +
              format_wall_clock(std::chrono::duration_cast<WallClock>(local - day)) +
              "; kept on this computer across a restart)";
    }
  }
  return text;
}

}  // namespace alsmeds::gui
