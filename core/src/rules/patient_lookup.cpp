// The one rule for naming a patient (alsmeds/patient_lookup.hpp).
#include "alsmeds/rules/patient_lookup.hpp"

#include <algorithm>
#include <functional>

#include "alsmeds/text.hpp"

namespace alsmeds {
namespace {

using ById = std::function<std::optional<Patient>(RecordId)>;
using ByMrn = std::function<std::optional<Patient>(const std::string&)>;

constexpr std::string_view kIdPrefix = "id:";
constexpr std::string_view kMrnPrefix = "mrn:";

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An id as the CLI prints it: 1 to 18 digits, no leading zero.
std::optional<RecordId> canonical_id(std::string_view text) {
  if (!all_digits(text) || text.size() > 18 || text.front() == '0') return std::nullopt;
  return std::stoll(std::string(text));
}

struct Reading {
  Patient patient;
  std::string how;    // "its id", "its MRN"
  std::string write;  // what names it alone: "id:2", "mrn:2"
};

std::string describe(const Reading& r) {
  return "patient " + std::to_string(r.patient.id) +
         (r.patient.mrn ? " (MRN " + quote_short(*r.patient.mrn) + ")" : std::string(" (no MRN)")) + " by " +
         r.how + " (write " + r.write + ")";
}

// Every patient `ref` names, each once (id 3 whose MRN is "3" is one patient by two readings). An error only
// for text that cannot be a reference at all.
Result<std::vector<Reading>> readings_of(std::string_view ref, const ById& by_id, const ByMrn& by_mrn) {
  if (ref.empty()) return fail("no patient named (give an id or an MRN)");
  std::vector<Reading> out;
  auto add = [&](std::optional<Patient> p, std::string how, std::string write) {
    if (!p) return;
    for (const Reading& r : out)
      if (r.patient.id == p->id) return;
    out.push_back({std::move(*p), std::move(how), std::move(write)});
  };
  if (ref.substr(0, kMrnPrefix.size()) == kMrnPrefix) {
    const std::string mrn(ref.substr(kMrnPrefix.size()));
    add(by_mrn(mrn), "its MRN", "mrn:" + mrn);
  } else if (ref.substr(0, kIdPrefix.size()) == kIdPrefix) {
    const auto id = canonical_id(ref.substr(kIdPrefix.size()));
    if (!id)
      return fail(quote_short(ref) +
                  " is not a patient id (id: then digits without a leading zero, like id:12)");
    add(by_id(*id), "its id", "id:" + std::to_string(*id));
  } else {
    const std::string text(ref);
    add(by_mrn(text), "its MRN", "mrn:" + text);
    if (auto id = canonical_id(ref)) add(by_id(*id), "its id", "id:" + std::to_string(*id));
  }
  return out;
}

Result<Patient> resolve(std::string_view ref, const ById& by_id, const ByMrn& by_mrn) {
  auto readings = readings_of(ref, by_id, by_mrn);
  if (!readings) return fail(readings.error());
  if (readings->size() == 1) return readings->front().patient;
  if (readings->empty()) {
    std::string hint;
    if (all_digits(ref) && ref.front() == '0') hint = " (an id is written without leading zeros)";
    return fail(quote_short(ref) + " is neither a patient id nor an MRN in this database" + hint);
  }
  std::string list;
  for (std::size_t i = 0; i < readings->size(); ++i)
    list += (i == 0 ? "" : i + 1 == readings->size() ? " and " : ", ") + describe((*readings)[i]);
  return fail(quote_short(ref) + " could name " + std::to_string(readings->size()) +
              " patients, so none was chosen: " + list);
}

ById id_in(const std::vector<Patient>& patients) {
  return [&patients](RecordId id) -> std::optional<Patient> {
    for (const Patient& p : patients)
      if (p.id == id) return p;
    return std::nullopt;
  };
}

ByMrn mrn_in(const std::vector<Patient>& patients) {
  return [&patients](const std::string& mrn) -> std::optional<Patient> {
    for (const Patient& p : patients)
      if (p.mrn && *p.mrn == mrn) return p;
    return std::nullopt;
  };
}

}  // namespace

Result<Patient> resolve_patient(RecordStore& store, std::string_view ref) {
  return resolve(
      ref, [&](RecordId id) { return store.find_patient(id); },
      [&](const std::string& mrn) { return store.find_patient_by_mrn(mrn); });
}

Result<Patient> resolve_patient(const std::vector<Patient>& patients, std::string_view ref) {
  return resolve(ref, id_in(patients), mrn_in(patients));
}

std::vector<Patient> patients_named(const std::vector<Patient>& patients, std::string_view ref) {
  std::vector<Patient> out;
  if (auto readings = readings_of(ref, id_in(patients), mrn_in(patients)))
    for (const Reading& r : *readings) out.push_back(r.patient);
  return out;
}

}  // namespace alsmeds
