// An acknowledgement lost after COMMIT (issue 14): the server committed the write, the connection dropped
// before the client read the reply. A relay between the store and the test server (a Unix socket, bytes
// passed on unchanged) drops the connection at the one place that shows it: instead of passing the server's
// CommandComplete "COMMIT" to the client, it closes the client's connection. The server has committed by
// then (it sends that reply after the commit is durable). A retry with the same write key gets the record
// the first attempt stored, never a second one.
#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstring>
#include <mutex>
#include <thread>

#include "alsmeds/storage/record_store.hpp"
#include "server_test_support.hpp"

using namespace alsmeds;
using namespace alsmeds::test;

namespace {

int unix_socket(const std::string& path, bool listen_here) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::snprintf(a.sun_path, sizeof a.sun_path, "%s", path.c_str());
  const int rc = listen_here ? ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a)
                             : ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  if (rc != 0 || (listen_here && ::listen(fd, 16) != 0)) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
    if (w <= 0) return false;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

/// Relays connections from `dir`/.s.PGSQL.5432 to the test server's socket, reading the server's replies
/// message by message (type byte, 4-byte length) so that it can drop the connection just before one.
class DroppingRelay {
 public:
  DroppingRelay() {
    REQUIRE(listener_ >= 0);
    REQUIRE(::pipe2(wake_, O_CLOEXEC) == 0);
    thread_ = std::thread([this] { run(); });
  }
  ~DroppingRelay() {
    const char c = 'q';
    (void)!::write(wake_[1], &c, 1);
    thread_.join();
    for (Session& s : sessions_) {
      ::close(s.client);
      ::close(s.server);
    }
    ::close(listener_);
    ::close(wake_[0]);
    ::close(wake_[1]);
  }
  DroppingRelay(const DroppingRelay&) = delete;
  DroppingRelay& operator=(const DroppingRelay&) = delete;

  /// A connection URI to database `name` through the relay.
  std::string uri(const std::string& name) const {
    return "postgresql://postgres@/" + name + "?host=" + dir_.path.string() + "&connect_timeout=2";
  }
  /// The next reply "COMMIT" is not passed on: the client's connection is closed instead.
  void drop_next_commit_reply() { armed_ = true; }
  /// While true, new connections are closed as soon as they are accepted (the server seems away).
  void refuse_connections(bool refuse) { refusing_ = refuse; }
  int commit_replies_dropped() const { return dropped_; }

 private:
  struct Session {
    int client, server;
    std::string from_server;  // bytes of a reply not yet whole
  };

  void run() {
    for (;;) {
      std::vector<pollfd> fds{{wake_[0], POLLIN, 0}, {listener_, POLLIN, 0}};
      for (const Session& s : sessions_) {
        fds.push_back({s.client, POLLIN, 0});
        fds.push_back({s.server, POLLIN, 0});
      }
      if (::poll(fds.data(), fds.size(), -1) < 0) continue;
      if (fds[0].revents) return;
      std::vector<bool> gone(sessions_.size(), false);
      for (std::size_t i = 0; i < sessions_.size(); ++i) {
        Session& s = sessions_[i];
        if (fds[2 + 2 * i].revents) gone[i] = !client_to_server(s);
        if (!gone[i] && fds[3 + 2 * i].revents) gone[i] = !server_to_client(s);
      }
      for (std::size_t i = sessions_.size(); i-- > 0;)
        if (gone[i]) {
          ::close(sessions_[i].client);
          ::close(sessions_[i].server);
          sessions_.erase(sessions_.begin() + static_cast<long>(i));
        }
      if (fds[1].revents) {
        const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) continue;
        const int server = refusing_ ? -1 : unix_socket(server_socket_, false);
        if (server < 0) {
          ::close(client);
          continue;
        }
        sessions_.push_back({client, server, {}});
      }
    }
  }
  bool client_to_server(Session& s) {
    char buf[16384];
    const ssize_t n = ::recv(s.client, buf, sizeof buf, 0);
    return n > 0 && send_all(s.server, buf, static_cast<std::size_t>(n));
  }
  bool server_to_client(Session& s) {
    char buf[16384];
    const ssize_t n = ::recv(s.server, buf, sizeof buf, 0);
    if (n <= 0) return false;
    s.from_server.append(buf, static_cast<std::size_t>(n));
    std::size_t at = 0;
    while (s.from_server.size() - at >= 5) {
      std::uint32_t length = 0;
      std::memcpy(&length, s.from_server.data() + at + 1, 4);
      length = ntohl(length);
      if (s.from_server.size() - at < 1 + length) break;
      const bool commit_done = s.from_server[at] == 'C' && s.from_server.compare(at + 5, 6, "COMMIT") == 0;
      if (commit_done && armed_.exchange(false)) {
        ++dropped_;
        return false;  // the reply is never passed on: the client's connection closes
      }
      if (!send_all(s.client, s.from_server.data() + at, 1 + length)) return false;
      at += 1 + length;
    }
    s.from_server.erase(0, at);
    return true;
  }

  TempFolder dir_;
  std::string server_socket_ = std::string(test_server()) + "/.s.PGSQL.5432";
  int listener_ = unix_socket((dir_.path / ".s.PGSQL.5432").string(), true);
  int wake_[2] = {-1, -1};
  std::atomic<bool> armed_{false}, refusing_{false};
  std::atomic<int> dropped_{0};
  std::vector<Session> sessions_;
  std::thread thread_;
};

long count(const std::string& db, const std::string& sql) {
  const SqlAnswer a = sql_as(server_uri(db), sql);
  REQUIRE(a.ok);
  return std::stol(a.value);
}

}  // namespace

TEST_CASE("The reply to COMMIT lost: the store's own retry finds its write key and returns that record") {
  const std::string db = fresh_server_database();
  DroppingRelay relay;
  auto opened = open_record_store(relay.uri(db));
  REQUIRE(opened.ok());
  auto store = std::move(opened).value();
  NewPatient p;
  p.name = "Ann";
  p.tz = "UTC";
  const RecordId ann = *store->add_patient(p, test_actor());
  relay.drop_next_commit_reply();
  const auto id =
      store->append_log(dose_entry(ann, Instant{std::chrono::seconds{1'772'956'800}}), test_actor());
  REQUIRE(relay.commit_replies_dropped() == 1);  // the server committed; the client never saw it
  INFO((id ? "" : id.error()));
  REQUIRE(id.ok());
  CHECK(count(db, "SELECT count(*) FROM log_entries") == 1);  // one record, not two
  CHECK(count(db, "SELECT id FROM log_entries") == *id);      // and the id is that record's
  CHECK(count(db, "SELECT count(*) FROM write_keys") == 2);   // the patient's and the dose's, once each
}

TEST_CASE("The reply to COMMIT lost and the server away: retried later with the same keys, never twice") {
  const std::string db = fresh_server_database();
  DroppingRelay relay;
  auto opened = open_record_store(relay.uri(db));
  REQUIRE(opened.ok());
  auto store = std::move(opened).value();
  NewPatient p;
  p.name = "Ann";
  p.tz = "UTC";
  const RecordId ann = *store->add_patient(p, test_actor());
  const LogEntry dose = dose_entry(ann, Instant{std::chrono::seconds{1'772'956'800}});

  // The first attempt: committed, its reply dropped, and no new connection for the store's own retry.
  WriteKeys keys{new_write_key()};
  relay.drop_next_commit_reply();
  relay.refuse_connections(true);
  {
    WriteKeyScope keyed(*store, keys);
    try {
      (void)store->append_log(dose, test_actor());
      FAIL("the write was confirmed although its reply was dropped and the server seemed away");
    } catch (const std::exception& e) {
      INFO(e.what());
      CHECK(is_server_unreachable(e));
      CHECK_THAT(explain_storage_failure(e), Catch::Contains("this write was not confirmed"));
    }
  }
  REQUIRE(relay.commit_replies_dropped() == 1);
  CHECK(keys.used == 1);
  CHECK(count(db, "SELECT count(*) FROM log_entries") == 1);  // the server did commit it

  // The server back: the same keys say the write is stored, and a repeat returns that record.
  relay.refuse_connections(false);
  CHECK(store->written(keys));
  const long stored_id = count(db, "SELECT id FROM log_entries");
  keys.used = 0;
  {
    WriteKeyScope keyed(*store, keys);
    const auto again = store->append_log(dose, test_actor());
    REQUIRE(again.ok());
    CHECK(*again == stored_id);
  }
  CHECK(count(db, "SELECT count(*) FROM log_entries") == 1);
  // What the keys prevent: the same write sent with a new key is a second record.
  WriteKeys other{new_write_key()};
  {
    WriteKeyScope keyed(*store, other);
    REQUIRE(store->append_log(dose, test_actor()).ok());
  }
  CHECK(count(db, "SELECT count(*) FROM log_entries") == 2);
}
