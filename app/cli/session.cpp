#include "session.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/rules/patient_lookup.hpp"
#include "alsmeds/text.hpp"
#include "cli_support.hpp"

namespace alsmeds::cli {

std::string Session::database_file() const {
  return db_path.empty() ? default_database_path() : db_path;
}

RecordStore& Session::store() {
  if (!store_) {
    OpenOptions options;
    options.access = access;
    auto opened = open_record_store(database_file(), options);
    if (!opened) {
      // A server that cannot be reached is a failure (exit 1), not bad input (docs/cli.md).
      const std::string& why = opened.error();
      if (is_server_database(database_file()) &&
          (why.find("cannot reach the clinic server") != std::string::npos ||
           why.find("lost the connection to the clinic server") != std::string::npos))
        throw Failure(why);
      if (why.find(kNotInstalled) != std::string::npos) throw Failure(why);  // an installation fault
      throw BadInput("--db: " + opened.error());
    }
    store_ = std::move(opened).value();
  }
  return *store_;
}

Actor Session::actor() const {
  // --by, else the operating system's account (never $USER, which may be unset or anything).
  const std::string name = by.empty() ? rules::operating_system_account() : by;
  return {name, date::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
}

Patient Session::patient(const std::string& ref) {
  auto p = resolve_patient(store(), ref);
  if (!p) throw BadInput("--patient: " + p.error());
  return std::move(p).value();
}

Zone Session::zone_of(const Patient& p) const {
  auto z = find_zone(p.tz);
  if (!z) throw BadInput("patient " + std::to_string(p.id) + ": " + z.error());
  return *z;
}

Therapy Session::therapy(const Patient& p, Drug drug) {
  auto all = store().therapies(p.id);
  for (auto it = all.rbegin(); it != all.rend(); ++it)
    if (it->drug == drug) return *it;
  throw BadInput("--drug: patient " + std::to_string(p.id) + " has no " + std::string(to_string(drug)) +
                 " therapy (start one with: therapy start)");
}

PatientFacts Session::facts(const Patient& p, bool with_log) {
  auto f = load_facts(store(), p, with_log);
  if (!f) throw BadInput(f.error());  // "patient 7: 'Mars/Base' is not a known time zone"
  return std::move(f).value();
}

std::vector<PatientFacts> Session::cohort_facts(const std::vector<Patient>& patients) {
  auto f = load_cohort_facts(store(), patients);
  if (!f) throw BadInput(f.error());
  return std::move(f).value();
}

}  // namespace alsmeds::cli
