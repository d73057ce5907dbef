// import patients|doses|dispensing FILE.csv: checked row by row first, then written in one transaction.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "alsmeds/exchange/import_rows.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

// A progress line on a terminal only; scripts see nothing.
Progress terminal_progress(const std::string& what) {
  if (!isatty(STDERR_FILENO)) return nullptr;
  return [what](std::size_t done, std::size_t all) {
    std::cerr << "\rimporting " << what << ": " << done << " of " << all << (done == all ? "\n" : "")
              << std::flush;
  };
}

int run_import(Session& s, const std::string& kind, const std::string& path) {
  if (!std::ifstream(path, std::ios::binary)) throw BadInput("FILE: cannot read '" + path + "'");
  std::vector<std::string> warnings;
  // Read a batch at a time (a doses file of any size in bounded memory).
  const std::size_t written = require(
      import_csv_file(s.store(), kind, path, s.actor(), terminal_progress(kind), path, &warnings), path);
  std::cout << "imported " << written << " " << kind << '\n';
  for (const std::string& w : warnings) print_warning(path + ": " + w);
  return kExitDone;
}

}  // namespace

void add_import_command(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  CLI::App* import = app.add_subcommand("import", "Import a CSV file: all rows or none");
  import->require_subcommand(1);
  for (const char* kind : {"patients", "doses", "dispensing"}) {
    auto path = std::make_shared<std::string>();
    const std::string columns = std::string(kind) == "patients" ? "mrn,name,tz[,born]"
                                : std::string(kind) == "doses"
                                    ? "mrn,drug,at,status"
                                    : "mrn,drug,date,days_supply[,quantity,unit,product]";
    CLI::App* cmd = import->add_subcommand(kind, std::string("Columns: ") + columns);
    cmd->add_option("FILE", *path, "CSV file with a header row")->required();
    const std::string k = kind;
    cmd->callback([s, path, k, &action] { action = [s, path, k] { return run_import(*s, k, *path); }; });
  }
}

}  // namespace alsmeds::cli
