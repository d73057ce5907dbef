#pragma once
// `report cma` (docs/cli.md): CMA1-CMA9 per patient and drug from the dispensing records, optionally over
// sliding windows for trends.
#include <optional>
#include <vector>

#include "alsmeds/adherence/cma.hpp"
#include "alsmeds/record_table.hpp"
#include "alsmeds/records/records.hpp"

namespace alsmeds {

struct CmaReportOptions {
  std::optional<Day> from;  // empty: each patient's first dispensing of the drug ("--from first")
  int days = 0;             // observation window length N
  int lead_in = 0;          // D: the observation window starts D days into the follow-up window
  int slide_days = 0;       // > 0: sliding windows of this length ...
  int step_days = 0;        // ... every this many days
};

struct CmaRow {
  Patient patient;
  Drug drug = Drug::riluzole;
  Day window_start, window_end;  // the observation (or sliding) window
  CmaValues values;
};

/// One row per patient and drug with at least one dispensing (one per sliding window when asked), in
/// patient then drug order. `dispensings` is in any order.
std::vector<CmaRow> cma_rows(const std::vector<Patient>& patients,
                             const std::vector<DispensingRecord>& dispensings,
                             const CmaReportOptions& options);

/// patient_id,mrn,drug,CMA1,...,CMA9 as fractions with six decimals or NA; window_start,window_end follow
/// when `with_windows`.
RecordTable cma_table(const std::vector<CmaRow>& rows, bool with_windows);

}  // namespace alsmeds
