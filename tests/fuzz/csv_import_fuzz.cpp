// Fuzz target: the CSV reader and the three importers' row checks, against one known patient.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "alsmeds/import_rows.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alsmeds;
  static const ImportPatient known = [] {
    ImportPatient p;
    p.patient.id = 1;
    p.patient.mrn = "M1";
    p.patient.name = "Fuzz";
    p.patient.tz = "Europe/Paris";
    p.zone = *find_zone("Europe/Paris");
    Therapy r;
    r.id = 1;
    r.drug = Drug::riluzole;
    r.product = "tablet";
    r.start = Day{date::year{2026} / 1 / 1};
    Therapy e = r;
    e.id = 2;
    e.drug = Drug::edaravone;
    e.product = "iv";
    p.therapies = {r, e};
    return p;
  }();
  const PatientByMrn lookup = [](const std::string& mrn) { return mrn == "M1" ? &known : nullptr; };
  auto csv = parse_csv(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!csv) return 0;
  for (const CsvRow& row : csv->rows)
    if (row.fields.size() != csv->header.size()) std::abort();
  if (auto rows = patients_from_csv(*csv, lookup); rows && rows->size() != csv->rows.size()) std::abort();
  if (auto rows = doses_from_csv(*csv, lookup)) {
    if (rows->size() != csv->rows.size()) std::abort();
    for (const LogEntry& e : *rows)
      if (e.patient_id != 1 || !e.status || !e.drug) std::abort();
  }
  if (auto rows = dispensings_from_csv(*csv, lookup))
    for (const LogEntry& e : *rows)
      if (e.days_supply < 1 || e.days_supply > 366) std::abort();
  return 0;
}
