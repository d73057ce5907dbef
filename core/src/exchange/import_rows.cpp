#include "alsmeds/exchange/import_rows.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/text.hpp"
#include "import_parts.hpp"

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
  if (p == nullptr) return fail(where(row, "mrn") + quote_short(mrn) + " is not a patient in this database");
  return p;
}

const Therapy* therapy_of(const ImportPatient& p, Drug drug) {
  const Therapy* found = nullptr;
  for (const Therapy& t : p.therapies)
    if (t.drug == drug) found = &t;
  return found;
}

}  // namespace

Result<std::vector<NewPatient>> patients_from_csv(const CsvTable& csv, const PatientByMrn& existing,
                                                  Instant now) {
  auto cols = columns(csv, {"mrn", "name", "tz"});
  if (!cols) return fail(cols.error());
  const int born = csv.column("born");
  const Day today = date::floor<date::days>(now);
  std::vector<NewPatient> out;
  std::set<std::string> seen;
  for (const CsvRow& row : csv.rows) {
    NewPatient p;
    const std::string& mrn = cell(row, (*cols)[0]);
    if (auto ok = rules::check_mrn(mrn); !ok) return fail(where(row, "mrn") + ok.error());
    if (existing(mrn) != nullptr || !seen.insert(mrn).second)
      return fail(where(row, "mrn") + quote_short(mrn) + " belongs to another patient already");
    p.mrn = mrn;
    p.name = cell(row, (*cols)[1]);
    if (auto ok = rules::check_text(p.name, "name", rules::kMaxNameBytes, true); !ok)
      return fail(where(row, "name") + ok.error());
    p.tz = cell(row, (*cols)[2]);
    if (auto z = rules::check_zone_name(p.tz); !z) return fail(where(row, "tz") + z.error());
    if (born >= 0 && !cell(row, born).empty()) {
      auto d = parse_day(cell(row, born));
      if (!d) return fail(where(row, "born") + d.error());
      p.born = *d;
    }
    if (auto ok = check_new_patient(p, today); !ok)
      return fail(where(row, p.born ? "born" : "name") + ok.error());
    out.push_back(std::move(p));
  }
  return out;
}

namespace {

// Rows [begin, end) of a doses file; the first error stops this slice.
Result<std::vector<LogEntry>> dose_slice(const CsvTable& csv, const std::vector<int>& cols, int note,
                                         std::size_t begin, std::size_t end, const PatientByMrn& lookup,
                                         Instant now) {
  std::vector<LogEntry> out;
  out.reserve(end - begin);
  for (std::size_t r = begin; r < end; ++r) {
    const CsvRow& row = csv.rows[r];
    auto p = find(row, cols[0], lookup);
    if (!p) return fail(p.error());
    DoseRequest d;
    auto drug = parse_drug(cell(row, cols[1]));
    if (!drug) return fail(where(row, "drug") + drug.error());
    d.drug = *drug;
    auto at = parse_instant(cell(row, cols[2]), (*p)->zone);
    if (!at) return fail(where(row, "at") + at.error());
    d.at = *at;
    auto status = parse_dose_status(cell(row, cols[3]));
    if (!status) return fail(where(row, "status") + status.error());
    d.status = *status;
    if (note >= 0) {
      d.note = cell(row, note);
      if (auto ok = rules::check_text(d.note, "note", rules::kMaxNoteBytes, false); !ok)
        return fail(where(row, "note") + ok.error());
    }
    const Therapy* t = therapy_of(**p, *drug);
    if (t == nullptr)
      return fail(where(row, "drug") + "patient " + quote_short(cell(row, cols[0])) + " has no " +
                  std::string(to_string(*drug)) + " therapy (start one first)");
    if (auto ok = check_dose(*t, (*p)->zone, d, now); !ok)
      return fail(where(row, d.status == DoseStatus::refused && note < 0 ? "status" : "at") + ok.error());
    LogEntry e;
    e.patient_id = (*p)->patient.id;
    e.kind = LogKind::dose;
    e.drug = d.drug;
    e.at = d.at;
    e.status = d.status;
    e.note = std::move(d.note);
    const PlannedDoseMatch m = match_planned_dose(*t, (*p)->closed, {}, (*p)->zone, *at);
    e.planned_key = m.key;
    e.cycle = m.cycle;
    e.cycle_day = m.cycle_day;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

// A drug whose plan is anchored on the doses given (tofersen, a registered drug: regimens.hpp
// plan_reads_given; edaravone aside, whose rows match by their day): each row's planned dose is matched
// against the doses given, stored or in this file, in whatever order the file lists them.
void match_anchored_doses(const CsvTable& csv, int mrn, std::vector<LogEntry>& rows,
                          const PatientByMrn& lookup) {
  std::map<RecordId, std::vector<LogEntry>> given;  // per patient: the stored log and the file's rows
  const auto anchored = [](const LogEntry& e) { return e.drug && regimen(*e.drug).plan_reads_given; };
  for (const LogEntry& e : rows)
    if (anchored(e) && e.status == DoseStatus::taken) given[e.patient_id].push_back(e);
  if (given.empty()) return;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    LogEntry& e = rows[i];
    if (!anchored(e)) continue;
    const ImportPatient* p = lookup(cell(csv.rows[i], mrn));
    const Therapy* t = p ? therapy_of(*p, *e.drug) : nullptr;
    if (!t) continue;
    std::vector<LogEntry> log = p->log;
    const auto it = given.find(e.patient_id);
    if (it != given.end()) log.insert(log.end(), it->second.begin(), it->second.end());
    e.planned_key = match_planned_dose(*t, p->closed, log, p->zone, e.at).key;
  }
}

namespace {

// The first row that repeats a current record of its patient or an earlier row, named by its line.
Result<bool> refuse_repeats(const CsvTable& csv, int mrn, const std::vector<LogEntry>& rows,
                            const PatientByMrn& lookup) {
  std::vector<LogEntry> recorded;
  std::set<RecordId> loaded;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (loaded.insert(rows[i].patient_id).second)
      if (const ImportPatient* p = lookup(cell(csv.rows[i], mrn)))
        for (const LogEntry& x : p->log)
          if (x.kind == LogKind::dose) recorded.push_back(x);
  const auto repeat = first_repeated_dose(recorded, rows);
  if (!repeat) return true;
  return fail(repeat_message(csv.rows[repeat->row], *repeat, rows[repeat->row],
                             repeat->earlier_row ? csv.rows[*repeat->earlier_row].line : 0));
}

}  // namespace

Result<std::vector<LogEntry>> checked_dose_rows(const CsvTable& csv, const std::vector<int>& cols, int note,
                                                const PatientByMrn& lookup, Instant now) {
  const std::size_t n = csv.rows.size();
  const std::size_t threads =
      n < 20000 ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
  std::vector<std::optional<Result<std::vector<LogEntry>>>> parts(threads);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) {
    const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
    auto work = [&, t, begin, end] {
      parts[t].emplace(dose_slice(csv, cols, note, begin, end, lookup, now));
    };
    if (t + 1 == threads)
      work();
    else
      workers.emplace_back(work);
  }
  for (std::thread& w : workers) w.join();
  if (threads == 1) return std::move(*parts[0]);
  std::vector<LogEntry> out;
  out.reserve(n);
  for (auto& part : parts) {  // in file order, so the first bad line is the one named
    if (!*part) return fail(part->error());
    auto& rows = part->value();
    out.insert(out.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  }
  return out;
}

std::string repeat_message(const CsvRow& row, const RepeatedRow& repeat, const LogEntry& dose,
                           std::size_t earlier_line) {
  RepeatedDoses::Earlier earlier;
  earlier.record = repeat.record;
  earlier.line = repeat.earlier_row ? earlier_line : 0;
  earlier.same_instant = repeat.same_instant;
  return where(row, "at") + "this dose " + RepeatedDoses::describe(earlier, dose) +
         " (a file imported twice?)";
}

Result<std::vector<int>> import_columns(const CsvTable& csv, std::initializer_list<const char*> names) {
  return columns(csv, names);
}

Result<std::vector<LogEntry>> doses_from_csv(const CsvTable& csv, const PatientByMrn& lookup, Instant now) {
  auto cols = columns(csv, {"mrn", "drug", "at", "status"});
  if (!cols) return fail(cols.error());
  auto out = checked_dose_rows(csv, *cols, csv.column("note"), lookup, now);
  if (!out) return fail(out.error());
  match_anchored_doses(csv, (*cols)[0], out.value(),
                       lookup);  // before the repeats: they compare planned doses
  if (auto ok = refuse_repeats(csv, (*cols)[0], *out, lookup); !ok) return fail(ok.error());
  return out;
}

namespace {

// The column an error of dispense's rules is about, by what it says.
const char* dispensing_column(const std::string& error, bool has_quantity) {
  if (error.find("days' supply") != std::string::npos) return "days_supply";
  if (error.find("dispensing date") != std::string::npos) return "date";
  if (error.find("is not dispensed to a patient") != std::string::npos) return "drug";
  if (!has_quantity) return "product";
  if (error.find("is not a unit") != std::string::npos || error.find(" does not fit ") != std::string::npos)
    return "unit";
  if (error.find("product") != std::string::npos && error.find("quantity") == std::string::npos)
    return "product";
  return "quantity";
}

}  // namespace

Result<std::vector<LogEntry>> dispensings_from_csv(const CsvTable& csv, const PatientByMrn& lookup,
                                                   Instant now, std::vector<std::string>* warnings) {
  const int quantity = csv.column("quantity"), unit = csv.column("unit"), product = csv.column("product");
  const int dispensing_id = csv.column("dispensing_id");
  // The days' supply may be left out when the quantity is given: dispense derives it.
  auto cols = quantity >= 0 ? columns(csv, {"mrn", "drug", "date"})
                            : columns(csv, {"mrn", "drug", "date", "days_supply"});
  if (!cols) return fail(cols.error());
  const int days_supply = csv.column("days_supply");
  if ((unit >= 0) != (quantity >= 0))
    return fail(std::string("line 1: missing column '") + (unit >= 0 ? "quantity" : "unit") +
                "' (a quantity dispensed needs both the quantity and its unit)");
  std::vector<LogEntry> out;
  // (patient, drug, day, days' supply, quantity, unit, product) -> where it is recorded: "record 12", "line
  // 3".
  using Key = std::tuple<RecordId, int, Day, int, double, std::string, std::string>;
  // Stored dispensings by what they say, each with its record (two packs on one day are two records).
  std::map<Key, std::vector<RecordId>> stored;
  std::map<Key, int> first_line;  // the file's first line of each
  std::size_t already = 0;        // rows that match a stored record
  std::string first_already;      // the first of them, for the message
  auto key = [](const LogEntry& e) {
    return Key{
        e.patient_id, e.drug ? static_cast<int>(*e.drug) : -1, *e.day, e.days_supply, e.quantity, e.unit,
        e.product};
  };
  // The pharmacy's claim or Rx number, when the file has one: a fill is recorded once by its id, so a file
  // imported again adds nothing; fills alike but for their ids are separate fills.
  std::map<std::pair<RecordId, std::string>, RecordId> stored_ids;
  std::map<std::pair<RecordId, std::string>, int> id_lines;
  std::set<RecordId> loaded;
  for (const CsvRow& row : csv.rows) {
    auto p = find(row, (*cols)[0], lookup);
    if (!p) return fail(p.error());
    DispenseRequest r;
    auto drug = parse_drug(cell(row, (*cols)[1]));
    if (!drug) return fail(where(row, "drug") + drug.error());
    r.drug = *drug;
    auto day = parse_day(cell(row, (*cols)[2]));
    if (!day) return fail(where(row, "date") + day.error());
    r.day = *day;
    const std::string supply_text = days_supply >= 0 ? cell(row, days_supply) : "";
    if (!supply_text.empty() || quantity < 0) {
      const auto [end, ec] =
          std::from_chars(supply_text.data(), supply_text.data() + supply_text.size(), r.days_supply);
      if (supply_text.empty() || ec != std::errc{} || end != supply_text.data() + supply_text.size() ||
          supply_text.front() == '+')
        return fail(where(row, "days_supply") + quote_short(supply_text) +
                    " is not a number of days (1 to 366)");
      if (auto ok = rules::check_bound(r.days_supply, rules::kDaysSupply, "days' supply"); !ok)
        return fail(where(row, "days_supply") + ok.error());
    }
    const bool has_quantity = quantity >= 0 && !cell(row, quantity).empty();
    if (has_quantity) {
      auto q = rules::parse_decimal(cell(row, quantity));
      if (!q) return fail(where(row, "quantity") + q.error());
      if (!(*q > 0))
        return fail(where(row, "quantity") + quote_short(cell(row, quantity)) +
                    " is not a quantity to dispense (more than 0)");
      r.quantity = *q;
      r.unit = cell(row, unit);
      if (r.unit.empty()) return fail(where(row, "unit") + "a quantity dispensed needs its unit");
    } else if (unit >= 0 && !cell(row, unit).empty()) {
      return fail(where(row, "quantity") + "a unit without a quantity (give both, or neither)");
    }
    if (product >= 0) r.product = cell(row, product);
    if (r.days_supply == 0 && !has_quantity)
      return fail(where(row, "days_supply") + "give the days' supply, or the quantity and its unit");
    const ImportPatient& ip = **p;
    PatientFacts facts;
    facts.patient = ip.patient;
    facts.zone = ip.zone;
    facts.therapies = ip.therapies;
    facts.closed = ip.closed;
    auto prepared = prepare_dispensing(facts, r, now);  // dispense's rules, written with the others
    if (!prepared)
      return fail(where(row, dispensing_column(prepared.error(), has_quantity)) + prepared.error());
    LogEntry e = std::move(prepared->entry);
    if (loaded.insert(e.patient_id).second)
      for (const LogEntry& x : ip.log)
        if (x.kind == LogKind::dispensing && x.drug && x.day) {
          stored[key(x)].push_back(x.id);
          if (!x.dispensing_id.empty()) stored_ids.emplace(std::pair{x.patient_id, x.dispensing_id}, x.id);
        }
    if (dispensing_id >= 0 && !cell(row, dispensing_id).empty()) {
      e.dispensing_id = cell(row, dispensing_id);
      if (e.dispensing_id.size() > 64)
        return fail(where(row, "dispensing_id") + quote_short(e.dispensing_id) +
                    " is longer than 64 characters");
      if (auto ok = check_text_fields({{"dispensing id", e.dispensing_id}}); !ok)
        return fail(where(row, "dispensing_id") + ok.error());
      const std::pair id{e.patient_id, e.dispensing_id};
      if (auto it = stored_ids.find(id); it != stored_ids.end()) {
        if (warnings)
          warnings->push_back("line " + std::to_string(row.line) + ": dispensing id " +
                              quote_short(e.dispensing_id) + " is recorded already (record " +
                              std::to_string(it->second) + "): not imported again");
        continue;
      }
      if (auto [it, added] = id_lines.emplace(id, row.line); !added)
        return fail(where(row, "dispensing_id") + "dispensing id " + quote_short(e.dispensing_id) +
                    " is on line " + std::to_string(it->second) + " too (one fill, one id)");
      if (warnings)
        for (const std::string& w : prepared->warnings)
          warnings->push_back("line " + std::to_string(row.line) + ": " + w);
      out.push_back(std::move(e));
      continue;
    }
    if (warnings)
      for (const std::string& w : prepared->warnings)
        warnings->push_back("line " + std::to_string(row.line) + ": " + w);
    // Identical rows are separate fills (two packs on one day, as claims data has them; AdhereR counts
    // both); a row matching a stored record uses that record up, so a file imported twice matches in full.
    const std::string what = std::string(to_string(r.drug)) + " for " + std::to_string(e.days_supply) +
                             " days on " + format_day(r.day);
    if (auto it = stored.find(key(e)); it != stored.end() && !it->second.empty()) {
      if (already++ == 0)
        first_already = where(row, "date") + "this dispensing repeats record " +
                        std::to_string(it->second.front()) + ": " + what + " is already recorded";
      it->second.erase(it->second.begin());
    } else if (auto line = first_line.find(key(e)); line != first_line.end()) {
      if (warnings)
        warnings->push_back(
            "line " + std::to_string(row.line) + ": the same fill as line " + std::to_string(line->second) +
            " (" + what + "): imported as a second fill; if it is a copy, remove the line and import again");
    } else {
      first_line.emplace(key(e), row.line);
    }
    out.push_back(std::move(e));
  }
  if (already > 0 && already == out.size())
    return fail(first_already + "; every row of the file is already recorded (a file imported twice?)");
  if (already > 0)
    return fail(first_already +
                " (the file mixes new fills with recorded ones: import only the new lines, or give each "
                "fill its dispensing id)");
  return out;
}

}  // namespace alsmeds
