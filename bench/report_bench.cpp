// Report figures (issue 4), printed, never asserted:
//  1. `report adherence --all` over the last year on `demo --patients 1000 --years 2` (about 1.5 million dose
//     records), against a bare SQLite scan of the dose table on the same file (target: under 0.5 s and within
//     1.5x of the scan).
//  2. CMA1-CMA9 for 10,000 patients with 14 refills each (target: under 1 s).
// Usage: report_bench [DB] (a demo database is made in a temporary folder when none is given), or
// report_bench --keep FILE: the demo made at FILE (when no file is there) and left there, for
// `server_bench report FILE` (.ci/run makes the demo once for both).
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "alsmeds/adherence/cma_report.hpp"
#include "spawn_quietly.hpp"

using namespace alsmeds;
using alsmeds::bench::run;
using Clock = std::chrono::steady_clock;

namespace {

/// Best of `rounds` wall-clock runs, in seconds.
double best_of(int rounds, const std::function<void()>& work) {
  double best = 1e9;
  for (int i = 0; i < rounds; ++i) {
    const auto t0 = Clock::now();
    work();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

/// Reads every column a dose-based report needs from every dose record, and nothing else.
long long bare_dose_scan(const std::string& path) {
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

}  // namespace

int main(int argc, char** argv) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("alsmeds-report-bench-" + std::to_string(getpid()));
  const bool keep = argc > 2 && std::string(argv[1]) == "--keep";
  std::string path = keep ? argv[2] : argc > 1 ? argv[1] : "";
  const std::string cli = ALSMEDS_CLI_PATH;
  if (path.empty() || (keep && !std::filesystem::exists(path))) {
    if (path.empty()) {
      std::filesystem::create_directories(dir);
      path = (dir / "demo.db").string();
    }
    std::printf("making the demo database (1000 patients, 2 years)...\n");
    if (run({cli, "--db", path, "demo", "--patients", "1000", "--years", "2"}) != 0) {
      std::fprintf(stderr, "demo failed\n");
      return 1;
    }
  }
  const Day today = date::floor<date::days>(std::chrono::system_clock::now());
  const std::string from = format_day(today - date::days{365}), to = format_day(today - date::days{1});

  long long checksum = 0;
  const double scan = best_of(3, [&] { checksum += bare_dose_scan(path); });
  int rc = 0;
  const double report = best_of(3, [&] {
    rc |= run(
        {cli, "--db", path, "report", "adherence", "--all", "--from", from, "--to", to, "--format", "csv"});
  });
  std::printf("report adherence --all (%s to %s): %.3f s (target 0.5 s)%s\n", from.c_str(), to.c_str(),
              report, rc ? " FAILED" : "");
  std::printf("bare scan of the dose records:       %.3f s (checksum %lld)\n", scan, checksum);
  std::printf("report / scan:                       %.2fx (target 1.5x)\n", report / scan);
  // The nurse's morning list: due for every patient of the clinic (issue 15).
  int due_rc = 0;
  const double due = best_of(3, [&] { due_rc |= run({cli, "--db", path, "due", "--format", "csv"}); });
  std::printf("due for the whole clinic:            %.3f s (target 0.5 s)%s\n", due, due_rc ? " FAILED" : "");
  std::printf("due / report adherence --all:        %.2fx (target 2x)\n", due / report);

  // CMA: 10,000 patients x 14 refills of 30 days, some early and some late.
  std::vector<Patient> patients(10000);
  std::vector<DispensingRecord> fills;
  const Day start{date::year{2025} / 1 / 1};
  for (int p = 0; p < 10000; ++p) {
    patients[p].id = p + 1;
    Day day = start + date::days{p % 30};
    for (int i = 0; i < 14; ++i) {
      fills.push_back({p + 1, Drug::riluzole, day, 30});
      day += date::days{24 + (p * 7 + i * 13) % 14};  // 24 to 37 days apart
    }
  }
  std::size_t rows = 0;
  CmaReportOptions options;
  options.days = 365;
  const double cma = best_of(3, [&] { rows = cma_rows(patients, fills, options).size(); });
  std::printf("CMA1-CMA9, 10,000 patients x 14 refills: %.3f s for %zu rows (target 1 s)\n", cma, rows);
  const double sliding = best_of(1, [&] {
    options.slide_days = 90;
    options.step_days = 30;
    rows = cma_rows(patients, fills, options).size();
  });
  std::printf("  with 90-day windows every 30 days:    %.3f s for %zu rows\n", sliding, rows);

  if (argc <= 1) std::filesystem::remove_all(dir);  // a kept or given file stays
  return rc;
}
