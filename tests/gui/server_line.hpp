#pragma once
// A network line between the app and a test cluster that a test can cut: a TCP port on 127.0.0.1 that
// forwards to the cluster's Unix socket. Cut, it drops the connections it carried and then answers nothing:
// a new connection is taken in and held, its startup packet never passed on (a host that never answers: the
// client waits its whole connect timeout). Restored, the held connections are passed on as if the network
// had come back.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace alsmeds::test {

class ServerLine {
 public:
  /// Forwards 127.0.0.1:port() to the PostgreSQL socket in `socket_dir` (port 5432's socket file).
  explicit ServerLine(std::string socket_dir) : upstream_(std::move(socket_dir) + "/.s.PGSQL.5432") {
    listen_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (listen_ < 0 || ::bind(listen_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(listen_, 16) != 0 || ::getsockname(listen_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("cannot listen on 127.0.0.1");
    port_ = ntohs(a.sin_port);
    if (::pipe(wake_) != 0) throw std::runtime_error("pipe");
    thread_ = std::thread([this] { run(); });
  }
  ~ServerLine() {
    stop_ = true;
    poke();
    thread_.join();
    for (auto& [a, b] : pairs_) ::close(a), ::close(b);
    for (int h : held_) ::close(h);
    ::close(listen_);
    ::close(wake_[0]);
    ::close(wake_[1]);
  }
  ServerLine(const ServerLine&) = delete;
  ServerLine& operator=(const ServerLine&) = delete;

  int port() const { return port_; }
  void cut() {
    cut_ = true;
    poke();
    waiting_for_poke();
  }
  void restore() {
    cut_ = false;
    poke();
    waiting_for_poke();
  }
  /// How many connections are held now (cut) with their client still waiting (it has not closed its end).
  int clients_waiting() {
    std::lock_guard<std::mutex> hold(lock_);
    int n = 0;
    for (int h : held_) {
      pollfd p{h, POLLRDHUP, 0};
      if (::poll(&p, 1, 0) == 0) ++n;  // no hang-up from the client
    }
    return n;
  }
  /// How many connections arrived while cut (held now or earlier).
  int held_ever() const { return held_ever_; }

 private:
  void poke() { (void)!::write(wake_[1], "x", 1); }
  /// Returns once the line's thread has acted on the last poke.
  void waiting_for_poke() {
    const int seen = rounds_;
    // A whole round of its loop began after the change.
    while (rounds_ < seen + 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  int connect_upstream() const {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un u{};
    u.sun_family = AF_UNIX;
    std::strncpy(u.sun_path, upstream_.c_str(), sizeof u.sun_path - 1);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&u), sizeof u) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  }
  void pass_on(int client) {
    const int up = connect_upstream();
    if (up < 0) {
      ::close(client);
      return;
    }
    pairs_.emplace_back(client, up);
  }
  void run() {
    while (!stop_) {
      {
        std::lock_guard<std::mutex> hold(lock_);
        if (cut_) {
          for (auto& [a, b] : pairs_) ::close(a), ::close(b);
          pairs_.clear();
        } else {
          for (int h : held_) pass_on(h);
          held_.clear();
        }
      }
      ++rounds_;
      std::vector<pollfd> fds{{wake_[0], POLLIN, 0}, {listen_, POLLIN, 0}};
      for (auto& [a, b] : pairs_) {
        fds.push_back({a, POLLIN, 0});
        fds.push_back({b, POLLIN, 0});
      }
      if (::poll(fds.data(), fds.size(), 1000) <= 0) continue;
      if (fds[0].revents) {
        char buf[64];
        (void)!::read(wake_[0], buf, sizeof buf);
      }
      if (fds[1].revents) {
        const int c = ::accept4(listen_, nullptr, nullptr, SOCK_CLOEXEC);
        if (c >= 0) {
          std::lock_guard<std::mutex> hold(lock_);
          if (cut_) {
            held_.push_back(c);
            ++held_ever_;
          } else {
            pass_on(c);
          }
        }
      }
      std::set<std::size_t> closed;
      for (std::size_t i = 2; i < fds.size(); ++i) {
        if (!fds[i].revents) continue;
        const std::size_t pair = (i - 2) / 2;
        const int from = fds[i].fd;
        const int to = (i % 2 == 0) ? pairs_[pair].second : pairs_[pair].first;
        char buf[16384];
        const ssize_t n = ::read(from, buf, sizeof buf);
        if (n <= 0 || ::send(to, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n) closed.insert(pair);
      }
      std::lock_guard<std::mutex> hold(lock_);
      for (auto it = closed.rbegin(); it != closed.rend(); ++it) {
        if (*it >= pairs_.size()) continue;
        ::close(pairs_[*it].first);
        ::close(pairs_[*it].second);
        pairs_.erase(pairs_.begin() + static_cast<long>(*it));
      }
    }
  }

  std::string upstream_;
  int listen_ = -1, port_ = 0, wake_[2] = {-1, -1};
  std::thread thread_;
  std::mutex lock_;
  std::vector<std::pair<int, int>> pairs_;  // client, server
  std::vector<int> held_;
  std::atomic<bool> stop_{false}, cut_{false};
  std::atomic<int> rounds_{0}, held_ever_{0};
};

}  // namespace alsmeds::test
