// demo [--patients N] [--years N] [--seed N]: fills an empty database with realistic demo patients.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "alsmeds/demo/demo_data.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct DemoOptions {
  std::string patients = "12", years = "1", seed = "1";
};

int run_demo(Session& s, const DemoOptions& o) {
  DemoRequest r;
  r.patients = static_cast<int>(count_option(o.patients, "--patients", 1, 100000));
  r.years = static_cast<int>(count_option(o.years, "--years", 1, 10));
  r.seed = static_cast<std::uint32_t>(count_option(o.seed, "--seed", 0, 4294967295LL));
  const Actor actor = s.actor();
  r.today = date::floor<date::days>(actor.now);
  Progress progress;
  if (isatty(STDERR_FILENO))
    progress = [](std::size_t done, std::size_t all) {
      std::cerr << "\rdemo: " << done << " of " << all << " patients" << (done == all ? "\n" : "")
                << std::flush;
    };
  const DemoSummary summary = require(fill_demo_data(s.store(), r, actor, progress), "--db");
  std::cout << "demo: " << summary.patients << " patients, " << summary.therapies << " therapies, "
            << summary.log_entries << " log entries\n";
  return kExitDone;
}

}  // namespace

void add_demo_command(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  auto o = std::make_shared<DemoOptions>();
  CLI::App* demo = app.add_subcommand("demo", "Fill an empty database with realistic demo patients");
  demo->add_option("--patients", o->patients, "How many patients")->capture_default_str();
  demo->add_option("--years", o->years, "Years of history up to today")->capture_default_str();
  demo->add_option("--seed", o->seed, "Random seed (same seed, same data)")->capture_default_str();
  demo->callback([s, o, &action] { action = [s, o] { return run_demo(*s, *o); }; });
}

}  // namespace alsmeds::cli
