#pragma once
// Whether the clinic server answers, asked off the UI thread: a connection of the probe's own (libpq's
// connect with the connect timeout, then the schema's version read: a trivial query), never the app's store.
// At most one probe is in flight; the UI thread takes its answer on a later frame and never waits for it.
#include <memory>
#include <optional>
#include <string>

#include "alsmeds/storage/record_store.hpp"

namespace alsmeds::gui {

struct ProbeAnswer {
  bool reached = false;
  std::string why;  // why it was not reached, in words (explain_storage_failure)
};

class ServerProbe {
 public:
  /// Starts a probe of `where` on a thread of its own; false (and nothing started) while one is in flight.
  bool start(const std::string& where, OpenOptions options);
  /// Whether a probe was started and its answer not taken yet (it may have arrived already).
  bool pending() const { return shared_ != nullptr; }
  /// The answer of the probe started last, once it has arrived (then no probe is pending); never waits.
  std::optional<ProbeAnswer> take();
  /// Drops the probe in flight (another database was opened): its answer is never taken.
  void forget() { shared_.reset(); }

  struct Shared;  // what the probe's thread and the UI thread share (the thread may outlive this object)

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace alsmeds::gui
