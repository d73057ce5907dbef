#pragma once
// A view's rows read off the UI thread, with a store of the job's own (a view's reload: Clinic today,
// Supply).
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "alsmeds/storage/record_store.hpp"
#include "app_state.hpp"
#include "background_job.hpp"

namespace alsmeds::gui {

/// Starts `job` reading `load(store)` from the database open now. After a frame, on the UI thread, `done`
/// gets the rows, or none and why ("<what> could not be read: ..."), or none and no why when another database
/// was opened meanwhile (what was read is dropped: read it again).
template <class Rows>
void read_in_background(BackgroundJob& job, AppState& s, std::string title, std::string what,
                        std::function<Result<Rows>(RecordStore&)> load,
                        std::function<void(AppState&, std::optional<Rows>, const std::string& why)> done) {
  const std::string path = s.db_path;
  const OpenOptions options = s.worker_options(false);
  job.start(std::move(title),
            [path, options, what = std::move(what), load = std::move(load), done = std::move(done),
             &s](JobProgress& progress) -> BackgroundJob::Finish {
              progress.fraction = -1;
              std::optional<Rows> rows;
              std::string why;
              try {
                auto store = open_record_store(path, options);
                if (!store) throw std::runtime_error(store.error());
                auto loaded = load(**store);
                if (loaded)
                  rows = std::move(loaded).value();
                else
                  why = what + " could not be read: " + loaded.error();
              } catch (const std::exception& e) {
                why = what + " could not be read: " + explain_storage_failure(e);
              }
              return [&s, path, rows = std::move(rows), why, done]() mutable {
                if (s.db_path != path) return done(s, std::nullopt, "");
                done(s, std::move(rows), why);
              };
            });
}

}  // namespace alsmeds::gui
