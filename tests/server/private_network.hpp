#pragma once
// A network of the calling thread's own (a network namespace with just its loopback), whose packets a test
// can make vanish without a trace: no reset, no close, nothing answers (a cut cable, a dead router). Sockets
// made on this thread while it exists (and by threads it starts) live there; the thread goes home at the end.
// Needs CAP_NET_ADMIN (root in a container with it) and `ip`/`tc` (iproute2): ready() says whether it got
// them.
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace alsmeds::test {

class PrivateNetwork {
 public:
  PrivateNetwork() {
    home_ = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (home_ < 0 || ::unshare(CLONE_NEWNET) != 0) {
      why_not_ = "cannot make a network namespace (no CAP_NET_ADMIN?)";
      return;
    }
    entered_ = true;
    // Commands started from this thread run in its namespace.
    if (std::system("ip link set lo up") != 0) {
      why_not_ = "cannot bring up the private loopback (ip from iproute2 missing?)";
      return;
    }
    ready_ = true;
  }
  ~PrivateNetwork() {
    if (silent_) speak();
    if (entered_) (void)::setns(home_, CLONE_NEWNET);
    if (home_ >= 0) ::close(home_);
  }
  PrivateNetwork(const PrivateNetwork&) = delete;
  PrivateNetwork& operator=(const PrivateNetwork&) = delete;

  bool ready() const { return ready_; }
  const std::string& why_not() const { return why_not_; }
  /// Every packet from now on vanishes (a blackhole queue on the loopback); true when it took effect.
  bool silence() {
    silent_ = std::system("tc qdisc add dev lo root blackhole") == 0;
    return silent_;
  }
  /// Packets pass again.
  void speak() {
    if (std::system("tc qdisc del dev lo root") == 0) silent_ = false;
  }

 private:
  int home_ = -1;
  bool entered_ = false, ready_ = false, silent_ = false;
  std::string why_not_;
};

}  // namespace alsmeds::test
