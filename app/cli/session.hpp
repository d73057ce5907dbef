#pragma once
// The database side of alsmeds-cli: the --db path, who is acting, and lookups every command shares.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/records/records.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds::cli {

struct Session {
  std::string db_path;                 // empty: the default path of docs/cli.md
  std::string by;                      // --by, else $USER
  Access access = Access::read_write;  // read_only for commands that only read (set by main)
  std::unique_ptr<RecordStore> store_;

  std::string database_file() const;  // db_path, else the default path
  /// Opens on first use (read-write commands create a missing file; read-only ones never create, migrate or
  /// write); BadInput when the file is refused.
  RecordStore& store();
  Actor actor() const;  // reads the clock: the program's edge
  /// The patient --patient names (alsmeds/patient_lookup.hpp); BadInput when it names none or two.
  Patient patient(const std::string& ref);
  Zone zone_of(const Patient& p) const;
  /// The patient's therapy of `drug` (the latest started); BadInput when there is none.
  Therapy therapy(const Patient& p, Drug drug);
  /// Everything stored about a patient that plans, due lists, reports and exports are derived from.
  /// What is stored about the patient; without `with_log` the log is left empty for the caller to fill.
  PatientFacts facts(const Patient& p, bool with_log = true);
  /// facts(p, false) for each of `patients`, in their order, read in three queries in all.
  std::vector<PatientFacts> cohort_facts(const std::vector<Patient>& patients);
};

}  // namespace alsmeds::cli
