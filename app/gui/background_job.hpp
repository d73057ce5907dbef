#pragma once
// Long work (demo data, cohort reports, exports) off the UI thread. The work gets its own RecordStore
// connection (a store belongs to one thread) and reports progress; its result is applied on the UI thread
// by poll(), so views never see half-done state.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace alsmeds::gui {

struct JobProgress {
  std::atomic<double> fraction{0.0};  // 0..1, or negative when unknown
  std::atomic<bool> cancel{false};
};

class BackgroundJob {
 public:
  /// Applied on the UI thread when the work is done: its result, or the error message it threw.
  using Finish = std::function<void()>;
  using Work = std::function<Finish(JobProgress&)>;

  ~BackgroundJob();
  /// False (and nothing started) while another job runs.
  bool start(std::string title, Work work);
  /// Call once a frame on the UI thread: runs the finished job's Finish; true when one ran.
  bool poll();
  /// Waits for the running job (tests, shutdown) and applies it.
  void wait();

  bool running() const { return running_; }
  const std::string& title() const { return title_; }
  double fraction() const { return progress_ ? progress_->fraction.load() : 0.0; }
  /// The last job's error ("" when it succeeded).
  const std::string& error() const { return error_; }

 private:
  std::string title_, error_;
  std::shared_ptr<JobProgress> progress_;
  std::thread thread_;
  std::mutex lock_;
  Finish finish_;
  std::string failure_;
  std::atomic<bool> done_{false};
  bool running_ = false;
};

}  // namespace alsmeds::gui
