// import patients|doses|dispensing FILE.csv: checked row by row first, then written in one transaction.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "alsmeds/import_rows.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BadInput("FILE: cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A progress line on a terminal only; scripts see nothing.
Progress terminal_progress(const std::string& what) {
  if (!isatty(STDERR_FILENO)) return nullptr;
  return [what](std::size_t done, std::size_t all) {
    std::cerr << "\rimporting " << what << ": " << done << " of " << all << (done == all ? "\n" : "")
              << std::flush;
  };
}

int run_import(Session& s, const std::string& kind, const std::string& path) {
  auto csv = parse_csv(read_file(path));
  if (!csv) throw BadInput(path + ": " + csv.error());
  RecordStore& store = s.store();

  std::map<std::string, std::unique_ptr<ImportPatient>> cache;
  PatientByMrn lookup = [&](const std::string& mrn) -> const ImportPatient* {
    auto it = cache.find(mrn);
    if (it != cache.end()) return it->second.get();
    auto p = store.find_patient_by_mrn(mrn);
    std::unique_ptr<ImportPatient> entry;
    if (p) {
      entry = std::make_unique<ImportPatient>();
      entry->patient = *p;
      auto zone = find_zone(p->tz);
      entry->zone = zone ? *zone : nullptr;
      entry->therapies = store.therapies(p->id);
      entry->closed = store.closed_days(p->id);
      if (!entry->zone) entry.reset();
    }
    return (cache[mrn] = std::move(entry)).get();
  };

  // Fill the cache for every MRN first: the checks below may run on several threads and only read it.
  if (kind != "patients")
    if (const int mrn = csv->column("mrn"); mrn >= 0)
      for (const CsvRow& row : csv->rows) lookup(row.fields[static_cast<std::size_t>(mrn)]);

  std::size_t written = 0;
  if (kind == "patients") {
    auto rows = patients_from_csv(*csv, lookup);
    if (!rows) throw BadInput(path + ": " + rows.error());
    written = require(store.import_patients(*rows, s.actor(), terminal_progress("patients")), path);
  } else {
    auto rows = kind == "doses" ? doses_from_csv(*csv, lookup) : dispensings_from_csv(*csv, lookup);
    if (!rows) throw BadInput(path + ": " + rows.error());
    written = require(store.import_log(*rows, s.actor(), terminal_progress(kind)), path);
  }
  std::cout << "imported " << written << " " << kind << '\n';
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
                                : std::string(kind) == "doses"  ? "mrn,drug,at,status"
                                                                : "mrn,drug,date,days_supply";
    CLI::App* cmd = import->add_subcommand(kind, std::string("Columns: ") + columns);
    cmd->add_option("FILE", *path, "CSV file with a header row")->required();
    const std::string k = kind;
    cmd->callback([s, path, k, &action] { action = [s, path, k] { return run_import(*s, k, *path); }; });
  }
}

}  // namespace alsmeds::cli
