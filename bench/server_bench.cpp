// Clinic server figures (issue 14), printed, never asserted. Starts its own throwaway PostgreSQL cluster
// (tests/pg_cluster.sh; fsync off there, so "durable" here means committed with the WAL written to the OS,
// not flushed to the disk):
//  1. 16 clients (threads, one connection each) logging doses for a few seconds: writes/s, p50/p95/p99
//     latency of one logged dose (its transaction, audit row and write key), errors
//     (targets: >= 1,000 writes/s, p95 <= 20 ms, 0 errors).
//  2. `report adherence --all` over the last year on `demo --patients 1000 --years 2` moved onto the server
//     with `server import-sqlite`, against the same report on the SQLite file and a bare scan of the dose
//     rows on each (targets on the server: <= 1 s and <= 2x its bare scan).
//     The time `server import-sqlite` takes to move the demo in is printed too.
// Usage: server_bench [writes|report|all] [SECONDS] (default: all, 5 s of writes). `writes` takes about 15 s;
// `report` makes the demo database first (about 1 minute on 2 cores). `server_bench report FILE` moves a
// demo FILE made before (report_bench --keep FILE: .ci/run makes it once for both) onto its own cluster;
// `server_bench report FILE SERVER` times the report on FILE and its copy on SERVER made before (no cluster
// started, nothing moved).
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "alsmeds/storage/record_store.hpp"
#include "spawn_quietly.hpp"

using namespace alsmeds;
using alsmeds::bench::run;
using Clock = std::chrono::steady_clock;

namespace {

double best_of(int rounds, const std::function<void()>& work) {
  double best = 1e9;
  for (int i = 0; i < rounds; ++i) {
    const auto t0 = Clock::now();
    work();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

long long sqlite_scan(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT patient_id, at, drug, status, planned_key FROM log_entries WHERE kind = 'dose'",
                     -1, &s, nullptr);
  long long sum = 0;
  while (sqlite3_step(s) == SQLITE_ROW) {
    sum += sqlite3_column_int64(s, 0) + sqlite3_column_int64(s, 1);
    for (int c = 2; c <= 4; ++c) {
      sqlite3_column_text(s, c);
      sum += sqlite3_column_bytes(s, c);
    }
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return sum;
}

// The bare scan on the server: the dose rows' columns (as sqlite_scan) read the plainest ways libpq has, on
// one connection; the fastest counts (a fair measure for the report's ratio). Text and binary results build
// the whole result in libpq first; COPY ... (FORMAT binary) streams the rows and is usually the fastest.
constexpr const char* kDoseScan =
    "SELECT patient_id, at, drug, status, planned_key FROM log_entries WHERE kind = 'dose'";

std::int64_t big_endian(const char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return static_cast<std::int64_t>(v);
}

long long server_scan_result(const std::string& uri, bool binary) {
  PGconn* c = PQconnectdb(uri.c_str());
  PGresult* r = PQexecParams(c, kDoseScan, 0, nullptr, nullptr, nullptr, nullptr, binary ? 1 : 0);
  long long sum = 0;
  for (int i = 0; i < PQntuples(r); ++i) {
    for (int col = 0; col <= 1; ++col)
      sum += binary ? big_endian(PQgetvalue(r, i, col), 8) : std::atoll(PQgetvalue(r, i, col));
    for (int col = 2; col <= 4; ++col) sum += PQgetlength(r, i, col);
  }
  PQclear(r);
  PQfinish(c);
  return sum;
}

long long server_scan_copy(const std::string& uri) {
  PGconn* c = PQconnectdb(uri.c_str());
  PQclear(PQexec(c, (std::string("COPY (") + kDoseScan + ") TO STDOUT (FORMAT binary)").c_str()));
  long long sum = 0;
  char* row = nullptr;
  int size = 0;
  bool first = true;
  while ((size = PQgetCopyData(c, &row, 0)) > 0) {
    const char* p = row;
    const char* end = row + size;
    if (first) p += 19 + big_endian(p + 15, 4);  // the signature, flags and header extension
    first = false;
    // Each row: a field count (-1 ends the rows), then each field's length (-1: NULL) and bytes.
    if (end - p >= 2 && big_endian(p, 2) == 5) {
      p += 2;
      for (int col = 0; col < 5 && end - p >= 4; ++col) {
        const auto length = static_cast<std::int32_t>(big_endian(p, 4));
        p += 4;
        if (length < 0) continue;
        sum += col <= 1 ? big_endian(p, 8) : length;
        p += length;
      }
    }
    PQfreemem(row);
  }
  PQclear(PQgetResult(c));
  PQfinish(c);
  return sum;
}

// The fastest of the three (best of `rounds` each), and its name.
std::pair<double, std::string> server_scan(const std::string& uri, int rounds, long long& checksum) {
  std::pair<double, std::string> best{1e9, ""};
  const std::pair<const char*, std::function<long long()>> ways[] = {
      {"text result", [&] { return server_scan_result(uri, false); }},
      {"binary result", [&] { return server_scan_result(uri, true); }},
      {"binary COPY", [&] { return server_scan_copy(uri); }}};
  for (const auto& [name, scan] : ways) {
    const double took = best_of(rounds, [&] { checksum += scan(); });
    if (took < best.first) best = {took, name};
  }
  return best;
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  const std::string part = argc > 1 ? argv[1] : "all";
  const int seconds = argc > 2 ? std::atoi(argv[2]) : 5;
  const std::string cli = ALSMEDS_CLI_PATH, script = ALSMEDS_PG_CLUSTER_SCRIPT;
  const auto dir =
      std::filesystem::temp_directory_path() / ("alsmeds-server-bench-" + std::to_string(getpid()));
  const std::string cluster = "/tmp/alsmeds-pg-bench-" + std::to_string(getpid());
  // `report FILE SERVER`: a demo database and its copy on a server made before (by an earlier run's steps).
  const bool given = part == "report" && argc > 3;
  const bool file_given = part == "report" && argc == 3;
  if (!given && std::system((script + " start " + cluster).c_str()) != 0) {
    std::fprintf(stderr, "cannot start a PostgreSQL cluster\n");
    return 1;
  }
  auto uri_of = [&](const std::string& db) { return "postgresql://postgres@/" + db + "?host=" + cluster; };
  int rc = 0;
  if (part == "writes" || part == "all") {
    // 1. 16 clients logging doses.
    run({"/usr/lib/postgresql/15/bin/createdb", "-h", cluster, "-U", "postgres", "writes"});
    const std::string uri = uri_of("writes");
    const Actor actor{"bench", date::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
    auto setup = std::move(open_record_store(uri)).value();
    std::vector<RecordId> patients;
    for (int p = 0; p < 16; ++p) {
      NewPatient np;
      np.name = "Writer " + std::to_string(p);
      np.tz = "UTC";
      patients.push_back(*setup->add_patient(np, actor));
    }
    std::mutex lock;
    std::vector<double> latencies;
    std::atomic<long> errors{0};
    std::vector<std::thread> clients;
    const auto t0 = Clock::now();
    const auto end = t0 + std::chrono::seconds(seconds);
    for (int c = 0; c < 16; ++c)
      clients.emplace_back([&, c] {
        auto store = std::move(open_record_store(uri)).value();
        std::vector<double> mine;
        for (int i = 0; Clock::now() < end; ++i) {
          LogEntry e;
          e.patient_id = patients[c];
          e.kind = LogKind::dose;
          e.drug = Drug::riluzole;
          e.status = DoseStatus::taken;
          e.at = Instant{std::chrono::seconds{1'772'956'800 + i * 60}};
          const auto w0 = Clock::now();
          if (!store->append_log(e, actor)) ++errors;
          mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - w0).count());
        }
        std::lock_guard<std::mutex> hold(lock);
        latencies.insert(latencies.end(), mine.begin(), mine.end());
      });
    for (auto& t : clients) t.join();
    const double took = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("16 clients logging doses for %d s: %.0f writes/s (target 1000), %zu writes, %ld errors\n",
                seconds, static_cast<double>(latencies.size()) / took, latencies.size(), errors.load());
    std::printf("  latency of one logged dose: p50 %.2f ms, p95 %.2f ms (target 20), p99 %.2f ms\n",
                percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99));
  }
  if (part == "report" || part == "all") {
    // 2. The cohort report on the demo, on the file and on the server.
    const std::string path = given || file_given ? argv[2] : (dir / "demo.db").string();
    const std::string uri = given ? argv[3] : uri_of("demo");
    bool ready = true;
    if (!given) {
      std::filesystem::create_directories(dir);
      if (!file_given) std::printf("making the demo database (1000 patients, 2 years)...\n");
      ready = file_given || run({cli, "--db", path, "demo", "--patients", "1000", "--years", "2"}) == 0;
      run({"/usr/lib/postgresql/15/bin/createdb", "-h", cluster, "-U", "postgres", "demo"});
      const auto t0 = Clock::now();
      ready = ready && run({cli, "--db", uri, "server", "import-sqlite", path}) == 0;
      std::printf("server import-sqlite of the demo: %.1f s%s\n",
                  std::chrono::duration<double>(Clock::now() - t0).count(), ready ? "" : " FAILED");
    }
    if (!ready) {
      std::fprintf(stderr, "demo or import failed\n");
      rc = 1;
    } else {
      const Day today = date::floor<date::days>(std::chrono::system_clock::now());
      const std::string from = format_day(today - date::days{365}), to = format_day(today - date::days{1});
      for (const auto& [name, where] :
           {std::pair<std::string, std::string>{"SQLite", path}, {"server", uri}}) {
        long long checksum = 0;
        std::string how = "one statement";
        double scan = 0;
        if (name == "SQLite") {
          scan = best_of(3, [&] { checksum += sqlite_scan(where); });
        } else {
          std::tie(scan, how) = server_scan(where, 3, checksum);
        }
        int failed = 0;
        const double report = best_of(3, [&] {
          failed |= run({cli, "--db", where, "report", "adherence", "--all", "--from", from, "--to", to,
                         "--format", "csv"});
        });
        std::printf(
            "%-7s report adherence --all: %.3f s%s, bare scan of the dose rows %.3f s (%s), ratio %.2fx%s\n",
            name.c_str(), report, failed ? " FAILED" : "", scan, how.c_str(), report / scan,
            name == "server" ? " (targets 1 s, 2x)" : "");
        rc |= failed;
      }
    }
  }
  if (!given) {
    std::system((script + " stop " + cluster).c_str());
    std::filesystem::remove_all(dir);
  }
  return rc;
}
