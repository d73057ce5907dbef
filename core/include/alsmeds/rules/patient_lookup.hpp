#pragma once
// How a person names a patient: `--patient` of every CLI command, the desktop app's --patient and its
// picker. One rule, here, so that no front end picks a patient by a guess (docs/cli.md, README "Patient
// records").
//
//   "id:12"   the patient whose id is 12
//   "mrn:12"  the patient whose MRN is 12
//   "12"      the patient whose id is 12 or whose MRN is 12; when these are two different patients, neither
//             is chosen: the error lists both and says how to write each one.
//
// An id is written as the CLI prints it: digits without a leading zero ("0003" is only ever an MRN). The
// prefixes are always read as prefixes, so an MRN may not begin with "id:" or "mrn:" (rules::check_mrn).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alsmeds/records/records.hpp"
#include "alsmeds/result.hpp"
#include "alsmeds/storage/record_store.hpp"

namespace alsmeds {

/// The one patient `ref` names in `store`; an error a person can act on otherwise ("'2' names two
/// patients: ...", "'M-9' is neither a patient id nor an MRN in this database").
Result<Patient> resolve_patient(RecordStore& store, std::string_view ref);
/// The same rule over a list already read (the desktop app's patient list).
Result<Patient> resolve_patient(const std::vector<Patient>& patients, std::string_view ref);
/// Every patient of `patients` that `ref` could name by the rule above, each once (none, one, or several).
std::vector<Patient> patients_named(const std::vector<Patient>& patients, std::string_view ref);

}  // namespace alsmeds
