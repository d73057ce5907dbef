#pragma once
// The durable outbox (issue 24): writes the clinic server has not confirmed are kept as data in a private
// file of the user's data folder, so that closing the app, a crash or a power cut while the line is down
// loses none of them. Each entry holds what the person did, when, and the write keys of its attempts: sent
// again on the next start, the server stores it once (record_store.hpp, WriteKeys).
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "message.hpp"
#include "today_model.hpp"

namespace alsmeds::gui {

struct AppState;

/// One write as data. `kind`: "dose" (a Today row recorded taken/missed/refused), "dose-at" (taken at a
/// given time), "undo" (Undo of a Taken), "effect", "lab", "weight", "ack" (an alert acknowledged); `args`
/// its values as typed and chosen; `made_at` the moment the person acted (the write's clock when it is
/// finally sent). The writes of the nurse's planning views (board, planner, courses) are kept in memory only.
struct OutboxEntry {
  std::string kind;
  RecordId patient = 0;
  std::string what;  // as the status line names it
  nlohmann::json args;
  Instant made_at;
  WriteKeys keys{new_write_key()};
};

/// The outbox file of a server database and login: <data folder>/alsmeds/outbox/<hash>.json, the hash of the
/// URI without its password and the login. Empty for a SQLite file (its writes never wait).
std::string outbox_path(const std::string& db_path, const std::string& user);

/// Writes the entries (0600, whole or not at all, then synced); an empty list removes the file.
Result<bool> save_outbox(const std::string& path, const std::string& db_path, const std::string& user,
                         const std::vector<OutboxEntry>& entries);
/// The entries of the file at `path` (none when it does not exist); an error naming the file when it cannot
/// be read or is not an outbox of this server and login (it is then left as it is).
Result<std::vector<OutboxEntry>> load_outbox(const std::string& path, const std::string& db_path,
                                             const std::string& user);

/// A Today row as an entry's argument ("dose").
nlohmann::json today_dose_json(const TodayDose& dose);
/// The file's text for `entries` ("" for none): what save_outbox writes.
std::string outbox_text(const std::string& db_path, const std::string& user,
                        const std::vector<OutboxEntry>& entries);

/// Carries the entry out through the clinic's rules, as the person's press did, at its `made_at`.
Result<ActionOutcome> apply_outbox_entry(AppState& state, const OutboxEntry& entry,
                                         const PatientFacts& facts);

/// Queues `entry` as a patient write (push_patient_write): kept in the outbox file while the server does not
/// confirm it. `done` is shown when it is stored; `after` (not kept across a restart) runs then.
void push_kept_write(AppState& state, OutboxEntry entry, Message* shown_at, std::string done,
                     std::function<void(AppState&, RecordId, const ActionOutcome&)> after = {});

/// At start-up on a server: the writes a previous run kept, queued to be sent (the banner counts them).
/// The outcome for the status line: how many were found, or why the file could not be read.
std::string restore_outbox(AppState& state);

/// After the actions of a frame: the file holds exactly the kept writes not confirmed yet.
void sync_outbox(AppState& state);

}  // namespace alsmeds::gui
