#include "server_probe.hpp"

#include <mutex>
#include <thread>

namespace alsmeds::gui {

struct ServerProbe::Shared {
  std::mutex lock;
  std::optional<ProbeAnswer> answer;
};

bool ServerProbe::start(const std::string& where, OpenOptions options) {
  if (shared_) return false;
  shared_ = std::make_shared<Shared>();
  // Detached: a probe of a host that drops packets waits the whole connect timeout, and neither a frame nor
  // quitting the app waits for it. The thread touches only its own copies and `shared`.
  std::thread([where, options, shared = shared_] {
    ProbeAnswer answer;
    try {
      auto store = open_record_store(where, options);  // connects, then reads the schema's version
      if (store)
        answer.reached = true;
      else
        answer.why = store.error();
    } catch (const std::exception& e) {
      answer.why = explain_storage_failure(e);
    }
    std::lock_guard<std::mutex> hold(shared->lock);
    shared->answer = std::move(answer);
  }).detach();
  return true;
}

std::optional<ProbeAnswer> ServerProbe::take() {
  if (!shared_) return std::nullopt;
  std::optional<ProbeAnswer> answer;
  {
    std::lock_guard<std::mutex> hold(shared_->lock);
    answer = std::move(shared_->answer);
  }
  if (answer) shared_.reset();
  return answer;
}

}  // namespace alsmeds::gui
