// Chair levelling (issue 27), printed, never asserted: on the 1,000-patient demo with a unit of 12 chairs
// open 08:00-16:00 on weekdays, 20 new IV edaravone patients are added one after the other, each at the best
// proposal of `board propose` (the load of the ones before included), and again each at the earliest start
// with the first open days (what is done without levelling). Printed: the peak day load and the number of
// over-capacity days over the 26 weeks scored for both, their ratios, and the time per proposal (the search
// alone, the clinic read once, and `alsmeds-cli board propose` end to end; target under 1 s).
// Usage: board_bench [DEMO.db] (a demo database is made in a temporary folder when none is given; a given
// file is only read, and copied for the command-line run).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "alsmeds/board/chair_levelling.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "alsmeds/zone_clock.hpp"
#include "spawn_quietly.hpp"

using namespace alsmeds;
using alsmeds::bench::run;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct UnitFigures {
  int peak = 0, over = 0;
};

UnitFigures figures(const ChairLoad& load, const InfusionUnit& unit, Day from, int days) {
  UnitFigures f;
  for (int i = 0; i < days; ++i) {
    const Day d = from + date::days{i};
    f.peak = std::max(f.peak, load.on(d));
    if (load.on(d) > unit.infusions_per_day(d)) ++f.over;
  }
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string cli = ALSMEDS_CLI_PATH;
  const auto dir =
      std::filesystem::temp_directory_path() / ("alsmeds-board-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = argc > 1 ? argv[1] : (dir / "demo.db").string();
  if (argc <= 1) {
    std::printf("making the demo database (1000 patients, 2 years)...\n");
    if (run({cli, "--db", path, "demo", "--patients", "1000", "--years", "2"}) != 0) {
      std::fprintf(stderr, "demo failed\n");
      return 1;
    }
  }
  auto opened = open_record_store(path, OpenOptions{CreateMode::must_exist, Access::read_only, 10000});
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.error().c_str());
    return 1;
  }
  RecordStore& store = **opened;
  const Day from = date::floor<date::days>(std::chrono::system_clock::now());
  const InfusionUnit unit{12, 8, 16, true};
  StartProposalRequest r;
  r.from = from;
  r.weeks = 26;
  const int days = scored_days(r);

  const auto t_read = Clock::now();
  const auto patients = store.patients();
  const auto facts = load_clinic_due_facts(store, patients, from);
  if (!facts.ok()) {
    std::fprintf(stderr, "%s\n", facts.error().c_str());
    return 1;
  }
  const ChairLoad clinic =
      iv_chair_load(*facts, store.infusion_bookings(from, from + date::days{days - 1}), from, days);
  const double read_s = seconds_since(t_read);

  ChairLoad levelled = clinic, earliest = clinic;
  double search_s = 0;
  int proposals = 0;
  for (int i = 0; i < 20; ++i) {
    const auto t0 = Clock::now();
    const auto best = propose_iv_starts(r, unit, levelled);
    search_s += seconds_since(t0);
    ++proposals;
    const auto plain = propose_iv_starts(r, unit, earliest);
    if (!best.ok() || !plain.ok()) {
      std::fprintf(stderr, "no proposal: %s\n", (best.ok() ? plain.error() : best.error()).c_str());
      return 1;
    }
    add_doses(levelled, best->front().dose_days);
    const auto e =
        std::find_if(plain->begin(), plain->end(), [](const StartProposal& p) { return p.earliest; });
    add_doses(earliest, e->dose_days);
  }
  const UnitFigures before = figures(clinic, unit, from, days), lev = figures(levelled, unit, from, days),
                    ear = figures(earliest, unit, from, days);
  std::printf(
      "board_bench: unit of 12 chairs, 08:00-16:00, weekdays (96 infusions a day); %zu patients; %d days "
      "from %s scored\n",
      patients.size(), days, format_day(from).c_str());
  std::printf("  the clinic as it is:               peak day load %d, over-capacity days %d\n", before.peak,
              before.over);
  std::printf("  + 20 new IV patients, earliest:    peak day load %d, over-capacity days %d\n", ear.peak,
              ear.over);
  std::printf("  + 20 new IV patients, levelled:    peak day load %d, over-capacity days %d\n", lev.peak,
              lev.over);
  std::printf("  levelled / earliest: peak %.3f, over-capacity days %.3f\n",
              ear.peak ? static_cast<double>(lev.peak) / ear.peak : 0.0,
              ear.over ? static_cast<double>(lev.over) / ear.over : 0.0);
  std::printf("  time per proposal: the search %.1f ms (mean of %d); the clinic read once %.3f s\n",
              1000.0 * search_s / proposals, proposals, read_s);
  opened.value().reset();

  // End to end: `board propose` for a new patient on a copy of the file (the command reads the clinic
  // itself).
  const std::string copy = (dir / "copy.db").string();
  std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing);
  if (run({cli, "--db", copy, "patient", "add", "--name", "Bench Patient", "--tz", "Europe/Paris", "--mrn",
           "BENCH-1"}) != 0) {
    std::fprintf(stderr, "patient add failed\n");
    return 1;
  }
  double best_cli = 1e9;
  int rc = 0;
  for (int i = 0; i < 3; ++i) {
    const auto t0 = Clock::now();
    rc |= run({cli, "--db", copy, "board", "propose", "--patient", "BENCH-1", "--chairs", "12", "--opens",
               "8", "--closes", "16", "--open-days", "weekdays", "--format", "csv"});
    best_cli = std::min(best_cli, seconds_since(t0));
  }
  std::printf("  alsmeds-cli board propose end to end: %.3f s (best of 3, exit %d; target under 1 s)\n",
              best_cli, rc);
  std::filesystem::remove_all(dir);
  return rc;
}
