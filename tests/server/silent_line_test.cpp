// A connection that is open when its line goes silent (no reset, no close: a cut cable, a dead router): a
// read fails with the clinic server's message within about the connect timeout, instead of waiting the ~15
// minutes the kernel retransmits for. The store connects over TCP (127.0.0.1, a relay to the test cluster's
// socket) in a network of the test's own whose packets it then drops. The bound below is generous (it checks
// that the read returns, not how fast): without tcp_user_timeout and keepalives the read is still waiting
// when it passes.
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "../gui/server_line.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "private_network.hpp"
#include "server_test_support.hpp"
#include "storage/postgres/pg_connection.hpp"

using namespace alsmeds::test;

namespace {

constexpr int kTestTimeoutSeconds = 2;  // the URI's connect_timeout: the TCP settings derive from it
constexpr auto kBound = std::chrono::seconds(5 * kTestTimeoutSeconds);

std::string tcp_uri(const ServerLine& line, const std::string& db) {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(line.port()) + "/" + db +
         "?connect_timeout=" + std::to_string(kTestTimeoutSeconds);
}

/// What `work` threw, or "answered"; waits at most kBound, then lets the line speak again (so that a read the
/// old way finishes) and says "still waiting".
template <typename Work>
std::string outcome_within_bound(PrivateNetwork& net, Work work) {
  auto running = std::async(std::launch::async, [work]() -> std::string {
    try {
      work();
      return "answered";
    } catch (const std::exception& e) {
      return std::string(alsmeds::is_server_unreachable(e) ? "unreachable: " : "other: ") + e.what();
    }
  });
  if (running.wait_for(kBound) == std::future_status::ready) return running.get();
  net.speak();
  running.wait();
  return "still waiting after the bound";
}

}  // namespace

TEST_CASE("A read on a connection whose line went silent fails with the server's message, never hangs") {
  PrivateNetwork net;
  if (!net.ready()) {
    WARN("not tried: " << net.why_not());
    return;
  }
  const std::string db = fresh_server_database();
  ServerLine line(test_server());
  auto opened = alsmeds::open_record_store(tcp_uri(line, db));
  REQUIRE(opened.ok());
  auto store = std::move(opened).value();
  alsmeds::NewPatient p;
  p.name = "Ann";
  p.tz = "UTC";
  REQUIRE(store->add_patient(p, test_actor()).ok());
  REQUIRE(store->patients().size() == 1u);  // the connection is open and answers

  REQUIRE(net.silence());
  const std::string result = outcome_within_bound(net, [&] { store->patients(); });
  INFO(result);
  CHECK_THAT(result, Catch::StartsWith("unreachable: ") && Catch::Contains("clinic server"));

  net.speak();  // the line back: the next read connects again
  CHECK(store->patients().size() == 1u);
}

TEST_CASE("A query whose answer never comes because the line went silent fails, never hangs") {
  PrivateNetwork net;
  if (!net.ready()) {
    WARN("not tried: " << net.why_not());
    return;
  }
  ServerLine line(test_server());
  alsmeds::storage::PgConnection db(alsmeds::with_connect_timeout(tcp_uri(line, "postgres"), 5));
  // The query reaches the server (and is acknowledged); then the line goes silent while it runs.
  std::promise<void> sent;
  auto sent_future = sent.get_future();
  const std::string result = [&] {
    auto running = std::async(std::launch::async, [&]() -> std::string {
      try {
        sent.set_value();
        db.exec("SELECT pg_sleep(60)");
        return "answered";
      } catch (const alsmeds::storage::PgError& e) {
        return std::string(e.connection_lost() ? "lost: " : "other: ") + e.what();
      }
    });
    sent_future.wait();
    // Until the server runs it (seen from another connection, on the cluster's Unix socket).
    for (int i = 0; i < 500; ++i) {
      if (sql_as(server_uri("postgres"),
                 "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'")
              .value == "1")
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(net.silence());
    if (running.wait_for(kBound) == std::future_status::ready) return running.get();
    net.speak();
    sql_as(server_uri("postgres"),
           "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'");
    running.wait();
    return std::string("still waiting after the bound");
  }();
  INFO(result);
  CHECK_THAT(result,
             Catch::StartsWith("lost: ") && Catch::Contains("lost the connection to the clinic server"));
  sql_as(server_uri("postgres"),
         "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'");
}
