#include "alsmeds/import_rows.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "alsmeds/therapy_plan.hpp"

namespace alsmeds {
namespace {

// Column indexes by name; a missing required column is an error on line 1.
Result<std::vector<int>> columns(const CsvTable& csv, std::initializer_list<const char*> names) {
  std::vector<int> out;
  for (const char* n : names) {
    const int i = csv.column(n);
    if (i < 0) return fail(std::string("line 1: missing column '") + n + "'");
    out.push_back(i);
  }
  return out;
}

std::string where(const CsvRow& row, const char* column) {
  return "line " + std::to_string(row.line) + ", column " + column + ": ";
}

const std::string& cell(const CsvRow& row, int index) {
  return row.fields[static_cast<std::size_t>(index)];
}

Result<const ImportPatient*> find(const CsvRow& row, int index, const PatientByMrn& lookup) {
  const std::string& mrn = cell(row, index);
  const ImportPatient* p = lookup(mrn);
  if (p == nullptr) return fail(where(row, "mrn") + "'" + mrn + "' is not a patient in this database");
  return p;
}

const Therapy* therapy_of(const ImportPatient& p, Drug drug) {
  const Therapy* found = nullptr;
  for (const Therapy& t : p.therapies)
    if (t.drug == drug) found = &t;
  return found;
}

}  // namespace

Result<std::vector<NewPatient>> patients_from_csv(const CsvTable& csv, const PatientByMrn& existing) {
  auto cols = columns(csv, {"mrn", "name", "tz"});
  if (!cols) return fail(cols.error());
  const int born = csv.column("born");
  std::vector<NewPatient> out;
  std::set<std::string> seen;
  for (const CsvRow& row : csv.rows) {
    NewPatient p;
    const std::string& mrn = cell(row, (*cols)[0]);
    if (mrn.empty()) return fail(where(row, "mrn") + "the MRN is empty");
    if (existing(mrn) != nullptr || !seen.insert(mrn).second)
      return fail(where(row, "mrn") + "'" + mrn + "' belongs to another patient already");
    p.mrn = mrn;
    p.name = cell(row, (*cols)[1]);
    if (p.name.empty()) return fail(where(row, "name") + "the name is empty");
    p.tz = cell(row, (*cols)[2]);
    if (auto z = find_zone(p.tz); !z) return fail(where(row, "tz") + z.error());
    if (born >= 0 && !cell(row, born).empty()) {
      auto d = parse_day(cell(row, born));
      if (!d) return fail(where(row, "born") + d.error());
      p.born = *d;
    }
    out.push_back(std::move(p));
  }
  return out;
}

namespace {

// Rows [begin, end) of a doses file; the first error stops this slice.
Result<std::vector<LogEntry>> dose_slice(const CsvTable& csv, const std::vector<int>& cols, std::size_t begin,
                                         std::size_t end, const PatientByMrn& lookup) {
  std::vector<LogEntry> out;
  out.reserve(end - begin);
  for (std::size_t r = begin; r < end; ++r) {
    const CsvRow& row = csv.rows[r];
    auto p = find(row, cols[0], lookup);
    if (!p) return fail(p.error());
    auto drug = parse_drug(cell(row, cols[1]));
    if (!drug) return fail(where(row, "drug") + drug.error());
    auto at = parse_instant(cell(row, cols[2]), (*p)->zone);
    if (!at) return fail(where(row, "at") + at.error());
    auto status = parse_dose_status(cell(row, cols[3]));
    if (!status) return fail(where(row, "status") + status.error());
    const Therapy* t = therapy_of(**p, *drug);
    if (t == nullptr)
      return fail(where(row, "drug") + "patient '" + cell(row, cols[0]) + "' has no " +
                  std::string(to_string(*drug)) + " therapy");
    const Day day = local_day(*at, (*p)->zone);
    if (day < t->start)
      return fail(where(row, "at") + format_day(day) + " is before the therapy started (" +
                  format_day(t->start) + ")");
    LogEntry e;
    e.patient_id = (*p)->patient.id;
    e.kind = LogKind::dose;
    e.drug = *drug;
    e.at = *at;
    e.status = *status;
    const PlannedDoseMatch m = match_planned_dose(*t, (*p)->closed, {}, (*p)->zone, *at);
    e.planned_key = m.key;
    e.cycle = m.cycle;
    e.cycle_day = m.cycle_day;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Result<std::vector<LogEntry>> doses_from_csv(const CsvTable& csv, const PatientByMrn& lookup) {
  auto cols = columns(csv, {"mrn", "drug", "at", "status"});
  if (!cols) return fail(cols.error());
  const std::size_t n = csv.rows.size();
  const std::size_t threads =
      n < 20000 ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
  std::vector<std::optional<Result<std::vector<LogEntry>>>> parts(threads);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) {
    const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
    auto work = [&, t, begin, end] { parts[t].emplace(dose_slice(csv, *cols, begin, end, lookup)); };
    if (t + 1 == threads)
      work();
    else
      workers.emplace_back(work);
  }
  for (std::thread& w : workers) w.join();
  std::vector<LogEntry> out;
  out.reserve(n);
  for (auto& part : parts) {  // in file order, so the first bad line is the one named
    if (!*part) return fail(part->error());
    auto& rows = part->value();
    out.insert(out.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  }
  return out;
}

Result<std::vector<LogEntry>> dispensings_from_csv(const CsvTable& csv, const PatientByMrn& lookup) {
  auto cols = columns(csv, {"mrn", "drug", "date", "days_supply"});
  if (!cols) return fail(cols.error());
  std::vector<LogEntry> out;
  for (const CsvRow& row : csv.rows) {
    auto p = find(row, (*cols)[0], lookup);
    if (!p) return fail(p.error());
    auto drug = parse_drug(cell(row, (*cols)[1]));
    if (!drug) return fail(where(row, "drug") + drug.error());
    auto day = parse_day(cell(row, (*cols)[2]));
    if (!day) return fail(where(row, "date") + day.error());
    const std::string& supply_text = cell(row, (*cols)[3]);
    int supply = 0;
    const auto [end, ec] =
        std::from_chars(supply_text.data(), supply_text.data() + supply_text.size(), supply);
    if (ec != std::errc{} || end != supply_text.data() + supply_text.size() || supply < 1 || supply > 366)
      return fail(where(row, "days_supply") + "'" + supply_text + "' is not a number of days (1 to 366)");
    LogEntry e;
    e.patient_id = (*p)->patient.id;
    e.kind = LogKind::dispensing;
    e.drug = *drug;
    e.day = *day;
    e.at = Instant{*day};
    e.days_supply = supply;
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::size_t> import_csv(RecordStore& store, std::string_view kind, std::string_view text,
                               const Actor& actor, const Progress& progress) {
  if (kind != "patients" && kind != "doses" && kind != "dispensing")
    return fail("'" + std::string(kind) + "' is not an import (patients, doses or dispensing)");
  auto csv = parse_csv(text);
  if (!csv) return fail(csv.error());
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
  // Fill the cache for every MRN first: the checks may run on several threads and only read it.
  if (kind != "patients")
    if (const int mrn = csv->column("mrn"); mrn >= 0)
      for (const CsvRow& row : csv->rows) lookup(row.fields[static_cast<std::size_t>(mrn)]);
  if (kind == "patients") {
    auto rows = patients_from_csv(*csv, lookup);
    if (!rows) return fail(rows.error());
    return store.import_patients(*rows, actor, progress);
  }
  auto rows = kind == "doses" ? doses_from_csv(*csv, lookup) : dispensings_from_csv(*csv, lookup);
  if (!rows) return fail(rows.error());
  return store.import_log(*rows, actor, progress);
}

}  // namespace alsmeds
