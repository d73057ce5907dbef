#include "background_job.hpp"

#include <exception>

namespace alsmeds::gui {

BackgroundJob::~BackgroundJob() {
  if (progress_) progress_->cancel = true;
  if (thread_.joinable()) thread_.join();
}

bool BackgroundJob::start(std::string title, Work work) {
  if (running_) return false;
  if (thread_.joinable()) thread_.join();
  title_ = std::move(title);
  error_.clear();
  failure_.clear();
  finish_ = nullptr;
  done_ = false;
  running_ = true;
  progress_ = std::make_shared<JobProgress>();
  thread_ = std::thread([this, work = std::move(work), progress = progress_] {
    Finish finish;
    std::string failure;
    try {
      finish = work(*progress);
    } catch (const std::exception& e) {
      failure = e.what();
    }
    std::lock_guard<std::mutex> hold(lock_);
    finish_ = std::move(finish);
    failure_ = std::move(failure);
    done_ = true;
  });
  return true;
}

bool BackgroundJob::poll() {
  if (!running_ || !done_) return false;
  if (thread_.joinable()) thread_.join();
  Finish finish;
  {
    std::lock_guard<std::mutex> hold(lock_);
    finish = std::move(finish_);
    error_ = failure_;
  }
  running_ = false;
  if (finish) {
    try {
      finish();
    } catch (const std::exception& e) {
      error_ = e.what();
    }
  }
  return true;
}

void BackgroundJob::wait() {
  if (!running_) return;
  if (thread_.joinable()) thread_.join();
  poll();
}

}  // namespace alsmeds::gui
