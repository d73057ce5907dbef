// Fuzz target: the CSV reader and the three importers' row checks, against one known patient. Whatever is
// accepted is UTF-8 text within the rulebook's bounds, never repeats a dose, and a leading byte-order mark
// changes nothing; the reader fed in pieces (as a file read a block at a time) reads the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <utility>

#include "alsmeds/exchange/import_rows.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "alsmeds/zone_clock.hpp"

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
    r.product = Product::riluzole_tablet;
    r.start = Day{date::year{2026} / 1 / 1};
    Therapy e = r;
    e.id = 2;
    e.drug = Drug::edaravone;
    e.product = Product::edaravone_iv;
    p.therapies = {r, e};
    return p;
  }();
  // The clock of the import: rows after it are refused (a dose taken is logged once it has happened).
  static const Instant now = Instant{Day{date::year{2027} / 1 / 1}};
  const PatientByMrn lookup = [](const std::string& mrn) { return mrn == "M1" ? &known : nullptr; };
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto csv = parse_csv(text);
  auto with_bom = parse_csv("\xEF\xBB\xBF" + std::string(without_bom(text)));
  if (csv.ok() != with_bom.ok() || (!csv && csv.error() != with_bom.error())) std::abort();
  {  // Read in pieces cut after line ends (as a file is read a block at a time): the same rows or error.
    CsvParser parser;
    CsvTable pieces;
    Result<bool> ok = true;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size() && ok; ++i)
      if (text[i] == '\n' && (i * 7 + size) % 3 == 0) {
        ok = parser.feed(text.substr(start, i + 1 - start), pieces);
        start = i + 1;
      }
    if (ok) ok = parser.feed(text.substr(start), pieces);
    if (ok) ok = parser.finish(pieces);
    if (ok.ok() != csv.ok() || (!ok && ok.error() != csv.error())) std::abort();
    if (ok && (pieces.header != csv->header || pieces.rows.size() != csv->rows.size())) std::abort();
    for (std::size_t i = 0; ok && i < pieces.rows.size(); ++i)
      if (pieces.rows[i].fields != csv->rows[i].fields || pieces.rows[i].line != csv->rows[i].line)
        std::abort();
  }
  if (!csv) return 0;
  if (with_bom->header != csv->header || with_bom->rows.size() != csv->rows.size()) std::abort();
  for (const std::string& name : csv->header)
    if (find_text_fault(name)) std::abort();
  for (const CsvRow& row : csv->rows) {
    if (row.fields.size() != csv->header.size()) std::abort();
    for (const std::string& field : row.fields)
      if (find_text_fault(field)) std::abort();
  }
  if (auto rows = patients_from_csv(*csv, lookup, now)) {
    if (rows->size() != csv->rows.size()) std::abort();
    for (const NewPatient& p : *rows)
      if (p.name.empty() || find_text_fault(p.name) || find_text_fault(p.mrn.value_or("")) ||
          p.name.size() > rules::kMaxNameBytes || !rules::check_mrn(p.mrn.value_or("")) ||
          !rules::check_zone_name(p.tz))
        std::abort();
  }
  if (auto rows = doses_from_csv(*csv, lookup, now)) {
    if (rows->size() != csv->rows.size()) std::abort();
    std::set<std::pair<bool, Instant>> seen;
    for (const LogEntry& e : *rows) {
      // A dose taken is logged once it has happened; one missed or refused may be said ahead within the
      // patient's today (check_dose), never on a later day.
      const bool ahead = e.status && *e.status == DoseStatus::taken
                             ? e.at > now + rules::kClockSkew
                             : local_day(e.at, known.zone) > local_day(now, known.zone);
      if (e.patient_id != 1 || !e.status || !e.drug || ahead || e.at < Instant{rules::kEraStart} ||
          !seen.emplace(*e.drug == Drug::edaravone, e.at).second)
        std::abort();
    }
  }
  if (auto rows = dispensings_from_csv(*csv, lookup, now))
    for (const LogEntry& e : *rows)
      if (e.days_supply < 1 || e.days_supply > 366 || !e.day || *e.day < rules::kEraStart) std::abort();
  return 0;
}
