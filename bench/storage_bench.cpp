// Storage figures (issue 3): import 1,000,000 dose records from CSV (parse, check, one transaction) and log
// 1,000 single doses one alsmeds-cli command at a time. Targets: import under 3 s; a durable log under 10 ms
// median. Printed, never asserted.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "alsmeds/exchange/import_rows.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "spawn_quietly.hpp"

using namespace alsmeds;
using alsmeds::bench::run;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  // --keep FILE: the database is copied there at the end (to profile one command on it by hand).
  const std::string keep = argc == 3 && std::string(argv[1]) == "--keep" ? argv[2] : "";
  const auto dir = std::filesystem::temp_directory_path() / ("alsmeds-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "bench.db").string();
  const Actor actor{"bench", date::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
  auto store = std::move(open_record_store(path)).value();

  constexpr int kPatients = 700;  // 700 patients x 2 doses x 715 days ~ 1,000,000 rows
  constexpr int kRows = 1'000'000;
  std::map<std::string, std::unique_ptr<ImportPatient>> known;
  const Day start{date::year{2024} / 1 / 1};
  for (int p = 0; p < kPatients; ++p) {
    NewPatient np;
    np.mrn = "B" + std::to_string(p);
    np.name = "Bench " + std::to_string(p);
    np.tz = p % 2 ? "Europe/Paris" : "America/New_York";
    const RecordId id = *store->add_patient(np, actor);
    NewTherapy t;
    t.patient_id = id;
    t.drug = Drug::riluzole;
    t.product = Product::riluzole_tablet;
    t.start = start;
    (void)*store->start_therapy(t, actor);
    auto ip = std::make_unique<ImportPatient>();
    ip->patient = *store->find_patient(id);
    ip->zone = *find_zone(np.tz);
    ip->therapies = store->therapies(id);
    known[*np.mrn] = std::move(ip);
  }
  // The patients and their courses alone, for the file import below (alsmeds-cli import doses: the file
  // read a batch at a time).
  const std::string base = (dir / "base.db").string();
  (void)*store->backup_to(base);
  const std::string csv_path = (dir / "doses.csv").string();
  {  // the import's data is freed before the single-command timings
    std::string csv = "mrn,drug,at,status\n";
    csv.reserve(kRows * 48);
    for (int i = 0; i < kRows; ++i) {
      const int p = i % kPatients, n = i / kPatients;
      const Day day = start + date::days{n / 2};
      csv += "B" + std::to_string(p) + ",riluzole," + format_day(day) + (n % 2 ? "T20:05" : "T08:10") +
             (i % 17 ? ",taken\n" : ",missed\n");
    }
    if (std::FILE* f = std::fopen(csv_path.c_str(), "wb")) {
      std::fwrite(csv.data(), 1, csv.size(), f);
      std::fclose(f);
    }
    const auto t0 = Clock::now();
    auto table = parse_csv(csv);
    const double t_parse = since(t0);
    const PatientByMrn lookup = [&](const std::string& mrn) -> const ImportPatient* {
      auto it = known.find(mrn);
      return it == known.end() ? nullptr : it->second.get();
    };
    auto rows = doses_from_csv(*table, lookup, actor.now);
    const double t_check = since(t0) - t_parse;
    auto written = store->import_log(*rows, actor, nullptr, "bench.csv");
    const double t_total = since(t0);
    std::printf("storage_bench: import %zu dose records\n", written ? *written : 0);
    std::printf("  parse %.2f s, check and match plans %.2f s, write %.2f s: total %.2f s (target < 3 s)\n",
                t_parse, t_check, t_total - t_parse - t_check, t_total);
  }
  store.reset();

  std::vector<double> ms;
  const std::string cli = ALSMEDS_CLI_PATH;
  constexpr int kCommands = 300;  // enough for a median and a p95; 1000 took half a minute of CI
  for (int i = 0; i < kCommands; ++i) {
    const auto t1 = Clock::now();
    const Day day =
        start + date::days{500 + i / 2};  // in the past: the rules refuse a dose ahead of the clock
    const int rc = run({cli, "--db", path, "log", "dose", "--patient", "B1", "--drug", "riluzole", "--at",
                        format_day(day) + (i % 2 ? "T20:00" : "T08:00")});
    ms.push_back(since(t1) * 1000);
    if (rc != 0) {
      std::printf("  log dose failed with exit %d\n", rc);
      return 1;
    }
  }
  std::sort(ms.begin(), ms.end());
  std::printf(
      "  %d single 'alsmeds-cli log dose' commands: median %.1f ms, p95 %.1f ms (target median < 10 ms)\n",
      kCommands, ms[ms.size() / 2], ms[ms.size() * 95 / 100]);
  {  // The same million doses from the file by the command line, into the patients' database as it was.
    const std::string fresh = (dir / "file-import.db").string();
    std::filesystem::copy_file(base, fresh);
    long peak_kib = 0;
    const auto t2 = Clock::now();
    const int rc = run({cli, "--db", fresh, "import", "doses", csv_path}, &peak_kib);
    std::printf(
        "  'alsmeds-cli import doses' of the same %.0f MB file (read a batch at a time): %.2f s, largest "
        "resident size %.0f MB%s\n",
        static_cast<double>(std::filesystem::file_size(csv_path)) / 1e6, since(t2),
        static_cast<double>(peak_kib) / 1024.0, rc == 0 ? "" : " (FAILED)");
    if (rc != 0) return 1;
  }
  if (!keep.empty())
    std::filesystem::copy_file(path, keep, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::remove_all(dir);
  return 0;
}
