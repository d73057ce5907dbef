// The server killed (pg_ctl stop -m immediate) in the middle of writes from the CLI: every id the CLI printed
// is there after the restart, and the lost connection gives one clear message. An unreachable server fails
// with `error: ...` and exit 1. This test runs its own cluster (the shared one keeps serving the others).
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <thread>

#include "alsmeds/storage/record_store.hpp"
#include "server_test_support.hpp"

using namespace alsmeds::test;

namespace {

struct OwnCluster {
  std::string dir = "/tmp/alsmeds-pg-fault-" + std::to_string(::getpid());
  OwnCluster() { REQUIRE(run("start") == 0); }
  ~OwnCluster() { run("stop"); }
  int run(const std::string& action) const {
    return std::system((std::string(ALSMEDS_PG_CLUSTER_SCRIPT) + " " + action + " " + dir).c_str());
  }
  std::string uri() const { return "postgresql://postgres@/postgres?host=" + dir; }
};

}  // namespace

TEST_CASE("The server killed in the middle of CLI writes: every printed id is there after the restart") {
  OwnCluster cluster;
  const std::string uri = cluster.uri();
  REQUIRE(cli_on(uri, {"server", "init"}).exit_code == 0);
  REQUIRE(printed_id(cli_on(uri, {"patient", "add", "--name", "Ann", "--tz", "UTC", "--mrn", "A-1"})) > 0);
  REQUIRE(cli_on(uri, {"therapy", "start", "--patient", "A-1", "--drug", "riluzole", "--start", "2026-01-01"})
              .exit_code == 0);
  std::vector<long> printed;
  std::vector<CliRun> failed;
  std::atomic<bool> killed{false};
  std::thread writer([&] {
    // A dose every 12 hours from 2026-01-01 on (the rules allow two a day), until two writes failed.
    for (int i = 0; failed.size() < 2 && i < 2000; ++i) {
      const int day = 1 + i / 2;
      char at[32];
      std::snprintf(at, sizeof at, "2026-%02d-%02dT%s", 1 + (day - 1) / 28, 1 + (day - 1) % 28,
                    i % 2 ? "20:00" : "08:00");
      CliRun r = cli_on(uri, {"log", "dose", "--patient", "A-1", "--drug", "riluzole", "--at", at});
      if (r.exit_code == 0)
        printed.push_back(printed_id(r));
      else if (killed)
        failed.push_back(r);
      else
        FAIL("a write failed before the server was killed: " << r.err);
    }
  });
  while (printed.size() < 20) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  killed = true;
  REQUIRE(cluster.run("kill") == 0);
  writer.join();
  REQUIRE(failed.size() == 2u);
  for (const CliRun& r : failed) {
    CHECK(r.exit_code == 1);
    INFO(r.err);
    REQUIRE(r.err_lines().size() == 1u);  // one clear message
    CHECK_THAT(r.err, Catch::StartsWith("error: ") && Catch::Contains("clinic server"));
  }
  REQUIRE(cluster.run("restart") == 0);
  const SqlAnswer count = sql_as(uri, "SELECT count(*) FROM log_entries");
  REQUIRE(count.ok);
  CHECK(std::stol(count.value) >= static_cast<long>(printed.size()));
  for (long id : printed) {
    INFO("printed id " << id);
    CHECK(sql_as(uri, "SELECT count(*) FROM log_entries WHERE id = " + std::to_string(id)).value == "1");
  }
  // Nothing doubled: one dose row per instant.
  CHECK(sql_as(uri, "SELECT count(*) FROM (SELECT at FROM log_entries GROUP BY at HAVING count(*) > 1) d")
            .value == "0");
}

TEST_CASE("An unreachable server: error and exit 1, no hang") {
  TempFolder nowhere;
  const CliRun r =
      run_cli({"--db", "postgresql://nurse@/clinic?host=" + nowhere.path.string(), "patient", "list"});
  CHECK(r.exit_code == 1);
  REQUIRE(r.err_lines().size() == 1u);
  CHECK_THAT(r.err, Catch::StartsWith("error: ") && Catch::Contains("cannot reach the clinic server"));
}

TEST_CASE("A write whose connection the server dropped is made once on a new connection, never twice") {
  const std::string db = fresh_server_database();
  auto opened = alsmeds::open_record_store(server_uri(db));
  REQUIRE(opened.ok());
  auto store = std::move(opened).value();
  alsmeds::NewPatient p;
  p.name = "Ann";
  p.tz = "UTC";
  const alsmeds::RecordId ann = *store->add_patient(p, test_actor());
  const alsmeds::Instant t0{std::chrono::seconds{1'772'956'800}};
  REQUIRE(store->append_log(dose_entry(ann, t0), test_actor()).ok());
  // The server ends the store's session (an administrator, a restart of a backend, a network cut).
  const SqlAnswer ended = sql_as(
      server_uri(db), "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" + db +
                          "' AND pid <> pg_backend_pid()");
  REQUIRE(ended.ok);
  REQUIRE(ended.value == "1");
  const auto again = store->append_log(dose_entry(ann, t0 + std::chrono::hours{12}), test_actor());
  REQUIRE(again.ok());
  CHECK(sql_as(server_uri(db), "SELECT count(*) FROM log_entries").value == "2");
  CHECK(sql_as(server_uri(db), "SELECT count(*) FROM write_keys").value == "3");  // patient + two doses
  CHECK(store->log_entries(ann).size() == 2u);
}

TEST_CASE("A server that accepts the connection and never answers: error and exit 1 after connect_timeout") {
  TempFolder dir;
  // A socket where the server's would be: the kernel accepts the connection, nobody ever answers.
  const int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string path = (dir.path / ".s.PGSQL.5432").string();
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
  REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(listener, 8) == 0);
  const CliRun r =
      run_cli({"--db", "postgresql://nurse@/clinic?host=" + dir.path.string() + "&connect_timeout=2",
               "patient", "list"});
  ::close(listener);
  CHECK(r.exit_code == 1);
  REQUIRE(r.err_lines().size() == 1u);
  CHECK_THAT(r.err, Catch::StartsWith("error: ") && Catch::Contains("cannot reach the clinic server"));
}
