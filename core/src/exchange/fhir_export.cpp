#include "alsmeds/exchange/fhir_export.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "fhir_alsfrs.hpp"

namespace alsmeds {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kUcum = "http://unitsofmeasure.org";

json quantity(double value, const char* unit) {
  return {{"value", value}, {"unit", unit}, {"system", kUcum}, {"code", unit}};
}

// The medicine coded in WHO's ATC classification (riluzole N07XX02, edaravone N07XX14: "Other nervous
// system drugs") and, where the product is known and its code could be checked, RxNorm's clinical drug
// (docs/domain.md "Codes of the medicines"), with its name as text.
json medication(Drug drug, std::optional<Product> product = std::nullopt) {
  const Regimen& r =
      regimen(drug);  // the codes are the regimen's and its products' (regimens.hpp, product.hpp)
  json coding = json::array();
  if (!r.atc.empty())
    coding.push_back({{"system", "http://www.whocc.no/atc"},
                      {"code", std::string(r.atc)},
                      {"display", std::string(r.word)}});
  if (product && !rxnorm_code(*product).empty())
    coding.push_back({{"system", "http://www.nlm.nih.gov/research/umls/rxnorm"},
                      {"code", std::string(rxnorm_code(*product))},
                      {"display", dose_label(*product).drug + " " + dose_label(*product).form}});
  if (coding.empty()) return {{"text", std::string(r.word)}};  // tofersen: no code checked, the name only
  return {{"coding", std::move(coding)}, {"text", std::string(r.word)}};
}

// HL7 v3 ObservationInterpretation of a transaminase result: N within normal limits, H above the ULN, HH
// (critical high) at 5x ULN or more, where riluzole is to be discontinued (docs/domain.md); another test's
// (tofersen's observations) N or H only: no rule of ours makes a multiple critical.
json interpretation(double value, double uln, bool transaminase) {
  const bool critical = transaminase && value >= 5 * uln * (1 - 1e-9);
  const bool high = value > uln * (1 + 1e-9);
  return json::array(
      {{{"coding",
         json::array({{{"system", "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"},
                       {"code", critical ? "HH"
                                : high   ? "H"
                                         : "N"},
                       {"display", critical ? "Critical high"
                                   : high   ? "High"
                                            : "Normal"}}})}}});
}

// A lab result as an Observation: a transaminase coded in LOINC with its reference range and an
// interpretation; tofersen's observations (NfL, CSF white cells and protein, schema 15) by name, in their
// UCUM units (LOINC codes not given: they could not be checked against LOINC's own table from here), with
// the laboratory's ULN where one was recorded.
json lab_observation(const LogEntry& e, const json& subject) {
  json code = {{"text", e.test}};
  const bool transaminase = e.test == "ALT" || e.test == "AST";
  const char* unit = "U/L";
  const char* ucum = "U/L";
  if (transaminase) {
    const bool alt = e.test == "ALT";
    code["coding"] = json::array(
        {{{"system", "http://loinc.org"},
          {"code", alt ? "1742-6" : "1920-8"},
          {"display", alt ? "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"
                          : "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma"}}});
  } else if (const rules::LabTest* t = rules::find_lab_test(e.test)) {
    unit = t->value.unit;
    ucum = e.test == "CSF-WBC" ? "/uL" : unit;  // UCUM counts cells as a number per volume
    code["text"] = e.test + " (" + t->name + ")";
  }
  auto amount = [&](double v) {
    return json{{"value", v}, {"unit", unit}, {"system", kUcum}, {"code", ucum}};
  };
  json o = {
      {"status", "final"},
      {"category",
       json::array({{{"coding",
                      json::array({{{"system", "http://terminology.hl7.org/CodeSystem/observation-category"},
                                    {"code", "laboratory"}}})}}})},
      {"code", code},
      {"subject", subject},
      {"effectiveDateTime", format_day(*e.day)},
      {"valueQuantity", amount(e.value)}};
  if (e.uln > 0) {
    o["interpretation"] = interpretation(e.value, e.uln, transaminase);
    o["referenceRange"] = json::array({{{"high", amount(e.uln)}}});
  }
  return o;
}

// The id of the cycle's MedicationRequest a planned infusion's key names
// ("edaravone:<therapy>:c<cycle>:d<day>" gives "therapy-<therapy>-cycle-<cycle>"), empty when the key names
// none (a regimen without cycles, or no key).
std::string cycle_request_of(const std::string& key) {
  const PlannedRef ref = cycle_of_key(key);
  if (ref.empty()) return "";
  return "therapy-" + std::to_string(ref.therapy_id) + "-cycle-" + std::to_string(ref.first);
}

json reference(const std::string& type, const std::string& id) {
  return {{"reference", "urn:alsmeds:" + type + "/" + id}};
}

json route(bool intravenous) {
  return {{"text", intravenous ? "intravenous" : "oral"}};
}

json medication_request(const Therapy& t, const std::string& status, const json& subject, json dosage) {
  return {
      {"status", status},
      {"intent", "order"},
      // The course's product when it kept one throughout (a switch: the drug alone, each dosage says its).
      {"medicationCodeableConcept",
       medication(t.drug, t.changes.empty() ? std::optional(t.product) : std::nullopt)},
      {"subject", subject},
      {"authoredOn", format_day(t.start)},
      {"dosageInstruction", json::array({std::move(dosage)})}};
}

// Edaravone doses of one form in a cycle: once a day from `first` to `last`, `count` doses.
json edaravone_dosage(EdaravoneForm form, int cycle, Day first, Day last, int count) {
  return {{"text", dose_label(product_of(form)).text() + ", cycle " + std::to_string(cycle)},
          {"timing",
           {{"repeat",
             {{"boundsPeriod", {{"start", format_day(first)}, {"end", format_day(last)}}},
              {"count", count},
              {"frequency", 1},
              {"period", 1},
              {"periodUnit", "d"}}}}},
          {"route", route(form == EdaravoneForm::iv)},
          {"doseAndRate", json::array({{{"doseQuantity", quantity(edaravone_dose(form).count(), "mg")}}})}};
}

std::string local_iso(Instant t, Zone zone) {
  return format_local_with_offset(t, zone->get_info(t).offset);
}

struct BundleBuilder {
  json entries = json::array();
  void add(const std::string& type, const std::string& id, json resource) {
    json full = {{"resourceType", type}, {"id", id}};
    full.update(resource);
    entries.push_back({{"fullUrl", "urn:alsmeds:" + type + "/" + id}, {"resource", std::move(full)}});
  }
};

}  // namespace

std::string fhir_bundle(const PatientFacts& facts, Day through, Instant now) {
  const Patient& p = facts.patient;
  const std::string patient_id = "patient-" + std::to_string(p.id);
  const json subject = {{"reference", "urn:alsmeds:Patient/" + patient_id}};
  BundleBuilder b;

  json patient = {{"name", json::array({{{"text", p.name}}})}};
  if (p.mrn) patient["identifier"] = json::array({{{"system", "urn:alsmeds:mrn"}, {"value", *p.mrn}}});
  if (p.born) patient["birthDate"] = format_day(*p.born);
  b.add("Patient", patient_id, patient);

  const std::vector<LogEntry> log = current_entries(facts.log);
  for (const Therapy& t : facts.therapies) {
    const std::string status = t.stop ? "stopped" : "active";
    if (t.drug == Drug::tofersen) {
      // docs/domain.md "Tofersen": three loading doses 14 days apart, then one every 28 days, each counted
      // from the dose actually given: the order states the rhythm; the days are the plan's (due, calendar).
      const DoseLabel label = dose_label(t, t.start);
      const auto dosage = [&](int sequence, const std::string& what, json repeat) {
        return json{
            {"sequence", sequence},
            {"text", label.text() + ": " + what},
            {"timing", {{"repeat", std::move(repeat)}}},
            {"route", {{"text", "intrathecal"}}},
            {"doseAndRate", json::array({{{"doseQuantity", quantity(kTofersenDose.count(), "mg")}}})}};
      };
      json request = medication_request(t, status, subject, json::object());
      request["dosageInstruction"] =
          json::array({dosage(1, "three loading doses 14 days apart",
                              {{"boundsPeriod", {{"start", format_day(t.start)}}},
                               {"count", kTofersenLoadingDoses},
                               {"period", kTofersenLoadingIntervalDays},
                               {"periodUnit", "d"}}),
                       dosage(2, "then one every 28 days, counted from the dose given",
                              {{"period", kTofersenMaintenanceIntervalDays}, {"periodUnit", "d"}})});
      b.add("MedicationRequest", "therapy-" + std::to_string(t.id), request);
      continue;
    }
    if (t.drug == Drug::riluzole) {
      json times = json::array();
      for (WallClock w : t.times) times.push_back(format_wall_clock(w) + ":00");
      // One dosage per product in force (a switch: the old product up to the day before, the new one from
      // its day on), each bounded by its days; a course without a switch: one dosage, unbounded.
      std::vector<Day> firsts{t.start};
      for (const ProductChange& c : t.changes) firsts.push_back(c.from);
      json dosages = json::array();
      for (std::size_t i = 0; i < firsts.size(); ++i) {
        const DoseLabel label = dose_label(t, firsts[i]);
        json repeat = {{"frequency", 2}, {"period", 1}, {"periodUnit", "d"}, {"timeOfDay", times}};
        if (firsts.size() > 1) {
          json bounds = {{"start", format_day(firsts[i])}};
          if (i + 1 < firsts.size())
            bounds["end"] = format_day(firsts[i + 1] - date::days{1});
          else if (t.stop)
            bounds["end"] = format_day(*t.stop);
          repeat["boundsPeriod"] = bounds;
        }
        json dosage = {
            {"text",
             label.text() + " every 12 hours (" + label.brand + "), at least 1 h before or 2 h after a meal"},
            {"timing", {{"repeat", repeat}}},
            {"route", route(false)},
            {"doseAndRate",
             json::array({{{"doseQuantity", quantity(riluzole_product(riluzole_kind(product_on(t, firsts[i])))
                                                         .dose_per_intake.count(),
                                                     "mg")}}})}};
        if (firsts.size() > 1) dosage["sequence"] = i + 1;
        dosages.push_back(std::move(dosage));
      }
      json request = medication_request(t, status, subject, json::object());
      request["dosageInstruction"] = std::move(dosages);
      b.add("MedicationRequest", "therapy-" + std::to_string(t.id), request);
      continue;
    }
    if (t.drug != Drug::edaravone) {
      // A registered drug planned by the day (regimens.hpp plan_days): its label, and its planned days up to
      // `through` as the order's events (the days the calendar and the due list show).
      json dosage = {{"text", dose_label(t, t.start).text()}};
      json events = json::array();
      for (const PlannedDay& d : planned_days(t, log, facts.zone, through))
        events.push_back(format_day(d.day));
      if (!events.empty()) dosage["timing"] = {{"event", std::move(events)}};
      b.add("MedicationRequest", "therapy-" + std::to_string(t.id),
            medication_request(t, status, subject, dosage));
      continue;
    }
    const EdaravonePlan plan = edaravone_plan_for(t, facts.closed, log, facts.zone, through);
    const Day today = local_day(now, facts.zone);
    for (const InfusionCycle& c : plan.cycles) {
      // One dosage per form the cycle uses (a switch mid-cycle: the IV days, then the oral days), each
      // bounded by its own days; a cycle of one form: its window and its required count.
      std::vector<std::pair<std::size_t, std::size_t>> runs;  // [first, end) of doses of one form
      for (std::size_t i = 0; i < c.doses.size();) {
        std::size_t j = i;
        while (j < c.doses.size() && c.doses[j].form == c.doses[i].form) ++j;
        runs.emplace_back(i, j);
        i = j;
      }
      json dosages = json::array();
      if (runs.size() <= 1) {
        const EdaravoneForm form = c.doses.empty() ? edaravone_form(product_on(t, c.start)) : c.doses[0].form;
        dosages.push_back(edaravone_dosage(form, c.number, c.start, c.window_last, c.doses_required));
      } else {
        for (const auto& [i, j] : runs) {
          json d = edaravone_dosage(c.doses[i].form, c.number, c.doses[i].day, c.doses[j - 1].day,
                                    static_cast<int>(j - i));
          d["sequence"] = dosages.size() + 1;
          dosages.push_back(std::move(d));
        }
      }
      // A cycle whose days are all past is completed; the others follow the course (active or stopped).
      json request = medication_request(t, c.next_start <= today && !t.stop ? "completed" : status, subject,
                                        json::object());
      request["dosageInstruction"] = std::move(dosages);
      b.add("MedicationRequest", "therapy-" + std::to_string(t.id) + "-cycle-" + std::to_string(c.number),
            request);
    }
  }

  for (const LogEntry& e : log) {
    const std::string id = "record-" + std::to_string(e.id);
    if (e.kind == LogKind::dose && e.drug && e.status) {  // a withdrawn record gave no dose
      const Therapy* therapy = nullptr;
      for (const Therapy& t : facts.therapies)
        if (t.drug == *e.drug) therapy = &t;
      const bool intrathecal = e.drug == Drug::tofersen;  // given in the clinic, as an infusion is
      // The course's product on the dose's day (a dose of no course: the drug alone).
      const std::optional<Product> given_product =
          therapy ? std::optional(product_on(*therapy, local_day(e.at, facts.zone))) : std::nullopt;
      const bool infusion =
          intrathecal || (e.drug == Drug::edaravone && given_product == Product::edaravone_iv);
      const bool taken = e.status == DoseStatus::taken;
      // Why a dose was not given: missed or refused, as recorded (with its note).
      const json reason = json::array(
          {{{"text", std::string(to_string(*e.status)) + (e.note.empty() ? "" : ": " + e.note)}}});
      if (infusion) {
        json dosage = {
            {"route", intrathecal ? json{{"text", "intrathecal"}} : route(true)},
            {"dose", quantity(intrathecal ? kTofersenDose.count() : edaravone_dose(EdaravoneForm::iv).count(),
                              "mg")}};
        json given = {{"status", taken ? "completed" : "not-done"},
                      {"medicationCodeableConcept", medication(*e.drug, given_product)},
                      {"subject", subject},
                      {"effectiveDateTime", local_iso(e.at, facts.zone)},
                      {"dosage", dosage}};
        if (!taken) given["statusReason"] = reason;
        if (const std::string cycle = cycle_request_of(e.planned_key); !cycle.empty())
          given["request"] = reference("MedicationRequest", cycle);
        if (const PlannedRef ref = parse_planned_key(e.planned_key); intrathecal && !ref.empty())
          given["request"] = reference("MedicationRequest", "therapy-" + std::to_string(ref.therapy_id));
        b.add("MedicationAdministration", id, given);
      } else {
        json statement = {{"status", taken ? "completed" : "not-taken"},
                          {"medicationCodeableConcept", medication(*e.drug, given_product)},
                          {"subject", subject},
                          {"effectiveDateTime", local_iso(e.at, facts.zone)}};
        if (!taken) statement["statusReason"] = reason;
        if (therapy && therapy->drug != Drug::edaravone)  // a course of one order (riluzole; registered)
          statement["basedOn"] =
              json::array({reference("MedicationRequest", "therapy-" + std::to_string(therapy->id))});
        if (!e.note.empty()) statement["note"] = json::array({{{"text", e.note}}});
        b.add("MedicationStatement", id, statement);
      }
    } else if (e.kind == LogKind::dispensing && e.drug && e.day) {
      // What the pharmacy handed out (issue 16): the quantity in its unit (UCUM mL, else an annotation
      // such as {tablet}) and the days' supply. Its product: the pack named, else the course's on the day
      // (supply's rule; IV edaravone is never guessed).
      const Therapy* course = nullptr;
      for (const Therapy& t : facts.therapies)
        if (t.drug == *e.drug) course = &t;
      const auto pack = dispensed_pack(*e.drug, e.product, course, *e.day);
      json dispense = {
          {"status", "completed"},
          {"medicationCodeableConcept",
           medication(*e.drug, pack ? std::optional((*pack)->serves) : std::nullopt)},
          {"subject", subject},
          {"whenHandedOver", format_day(*e.day)},
          {"daysSupply", {{"value", e.days_supply}, {"unit", "days"}, {"system", kUcum}, {"code", "d"}}}};
      if (e.quantity > 0)
        dispense["quantity"] = {{"value", e.quantity},
                                {"unit", e.unit},
                                {"system", kUcum},
                                {"code", e.unit == "mL" ? e.unit : "{" + e.unit + "}"}};
      if (!e.product.empty())
        dispense["medicationCodeableConcept"]["text"] = std::string(to_string(*e.drug)) + " " + e.product;
      b.add("MedicationDispense", id, dispense);
    } else if (e.kind == LogKind::lab && e.day) {
      b.add("Observation", id, lab_observation(e, subject));
    }
  }

  for (FhirResource& r : alsfrs_resources(facts.alsfrs, subject)) b.add(r.type, r.id, std::move(r.body));

  json bundle = {{"resourceType", "Bundle"},
                 {"type", "collection"},
                 {"timestamp", format_utc(now)},
                 {"entry", b.entries}};
  return bundle.dump(2) + "\n";
}

}  // namespace alsmeds
