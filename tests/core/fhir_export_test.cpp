// The FHIR Bundle read back as JSON and checked against docs/domain.md ("Interoperability").
#include "alsmeds/exchange/fhir_export.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;
using json = nlohmann::json;

namespace {

LogEntry entry(RecordId id, LogKind kind) {
  LogEntry e;
  e.id = id;
  e.patient_id = 1;
  e.kind = kind;
  return e;
}

std::vector<json> of_type(const json& bundle, const std::string& type) {
  std::vector<json> out;
  for (const auto& e : bundle["entry"])
    if (e["resource"]["resourceType"] == type) out.push_back(e["resource"]);
  return out;
}

// Patient 1 in `tz` with riluzole tablets (course 10) and IV edaravone (course 11), both from Mon 2026-01-05.
PatientFacts two_courses(const std::string& tz) {
  PatientFacts f;
  f.patient.id = 1;
  f.patient.tz = tz;
  f.zone = *find_zone(tz);
  Therapy ril;
  ril.id = 10;
  ril.drug = Drug::riluzole;
  ril.product = Product::riluzole_tablet;
  ril.start = ymd(2026, 1, 5);
  Therapy eda = ril;
  eda.id = 11;
  eda.drug = Drug::edaravone;
  eda.product = Product::edaravone_iv;
  f.therapies = {ril, eda};
  return f;
}

}  // namespace

TEST_CASE(
    "FHIR Bundle: Patient, requests per therapy and cycle, administrations, statements, lab observations") {
  PatientFacts f = two_courses("Europe/Paris");
  f.patient.name = "Zoë O'Brien";
  f.patient.mrn = "M-1";

  LogEntry r1 = entry(100, LogKind::dose);
  r1.drug = Drug::riluzole;
  r1.status = DoseStatus::taken;
  r1.at = Instant{ymd(2026, 1, 5)} + std::chrono::hours{7};
  LogEntry r2 = r1;
  r2.id = 101;
  r2.status = DoseStatus::missed;
  LogEntry r2fix = r2;  // corrects 101: only the correction is exported
  r2fix.id = 102;
  r2fix.status = DoseStatus::taken;
  r2fix.supersedes = 101;
  LogEntry inf = entry(103, LogKind::dose);
  inf.drug = Drug::edaravone;
  inf.status = DoseStatus::taken;
  inf.at = Instant{ymd(2026, 1, 5)} + std::chrono::hours{9};
  LogEntry alt = entry(104, LogKind::lab);
  alt.test = "ALT";
  alt.value = 52;
  alt.uln = 40;
  alt.day = ymd(2026, 1, 4);
  alt.at = Instant{*alt.day};
  LogEntry ast = alt;
  ast.id = 105;
  ast.test = "AST";
  f.log = {r1, r2, r2fix, inf, alt, ast};

  const json b = json::parse(fhir_bundle(f, ymd(2026, 3, 1), Instant{ymd(2026, 3, 1)}));
  CHECK(b["resourceType"] == "Bundle");
  CHECK(b["type"] == "collection");
  const auto patients = of_type(b, "Patient");
  REQUIRE(patients.size() == 1u);
  CHECK(patients[0]["name"][0]["text"] == "Zoë O'Brien");
  CHECK(patients[0]["identifier"][0]["value"] == "M-1");
  // Every subject points at the Patient's fullUrl.
  std::string patient_url;
  for (const auto& e : b["entry"])
    if (e["resource"]["resourceType"] == "Patient") patient_url = e["fullUrl"];
  for (const auto& e : b["entry"])
    if (e["resource"].contains("subject")) CHECK(e["resource"]["subject"]["reference"] == patient_url);

  // Riluzole: one request, twice a day. Edaravone: one per cycle up to 1 March: cycles from 5 Jan and 2 Feb,
  // and 2 March's cycle starts after it, so it is not planned yet.
  const auto requests = of_type(b, "MedicationRequest");
  REQUIRE(requests.size() == 3u);
  CHECK(requests[0]["dosageInstruction"][0]["timing"]["repeat"]["frequency"] == 2);
  CHECK(requests[0]["dosageInstruction"][0]["timing"]["repeat"]["periodUnit"] == "d");
  const auto& c2 = requests[2]["dosageInstruction"][0];
  CHECK(c2["timing"]["repeat"]["count"] == 10);
  CHECK(c2["timing"]["repeat"]["boundsPeriod"]["start"] == "2026-02-02");
  CHECK(c2["timing"]["repeat"]["boundsPeriod"]["end"] == "2026-02-15");
  CHECK(c2["doseAndRate"][0]["doseQuantity"]["value"] == 60);

  const auto admin = of_type(b, "MedicationAdministration");
  REQUIRE(admin.size() == 1u);
  CHECK(admin[0]["status"] == "completed");
  CHECK(admin[0]["effectiveDateTime"] == "2026-01-05T10:00:00+01:00");
  const auto statements = of_type(b, "MedicationStatement");
  REQUIRE(statements.size() == 2u);  // 100 and the correction 102; 101 is superseded
  for (const auto& s : statements) CHECK(s["id"] != "record-101");

  const auto obs = of_type(b, "Observation");
  REQUIRE(obs.size() == 2u);
  CHECK(obs[0]["code"]["coding"][0]["system"] == "http://loinc.org");
  CHECK(obs[0]["code"]["coding"][0]["code"] == "1742-6");
  CHECK(obs[1]["code"]["coding"][0]["code"] == "1920-8");
  CHECK(obs[0]["valueQuantity"]["code"] == "U/L");
  CHECK(obs[0]["valueQuantity"]["system"] == "http://unitsofmeasure.org");
  CHECK(obs[0]["referenceRange"][0]["high"]["value"] == 40);
}

TEST_CASE("FHIR Bundle: a dispensing is a MedicationDispense with its quantity and days' supply") {
  PatientFacts f;
  f.patient.id = 1;
  f.patient.name = "Ana";
  f.patient.tz = "UTC";
  f.zone = *find_zone("UTC");
  LogEntry d = entry(200, LogKind::dispensing);
  d.drug = Drug::riluzole;
  d.day = ymd(2026, 3, 2);
  d.at = Instant{*d.day};
  d.days_supply = 15;
  d.quantity = 300;
  d.unit = "mL";
  d.product = "suspension";
  LogEntry old = entry(201, LogKind::dispensing);  // only a days' supply (before schema 7)
  old.drug = Drug::edaravone;
  old.day = ymd(2026, 2, 2);
  old.at = Instant{*old.day};
  old.days_supply = 28;
  f.log = {d, old};
  const json b = json::parse(fhir_bundle(f, ymd(2026, 3, 31), Instant{ymd(2026, 3, 31)}));
  const auto dispenses = of_type(b, "MedicationDispense");
  REQUIRE(dispenses.size() == 2u);
  const json& s = dispenses[0]["whenHandedOver"] == "2026-03-02" ? dispenses[0] : dispenses[1];
  const json& o = dispenses[0]["whenHandedOver"] == "2026-03-02" ? dispenses[1] : dispenses[0];
  CHECK(s["status"] == "completed");
  CHECK(s["quantity"]["value"] == 300);
  CHECK(s["quantity"]["code"] == "mL");
  CHECK(s["quantity"]["system"] == "http://unitsofmeasure.org");
  CHECK(s["daysSupply"]["value"] == 15);
  CHECK(s["daysSupply"]["code"] == "d");
  CHECK(s["medicationCodeableConcept"]["text"] == "riluzole suspension");
  CHECK(s["subject"]["reference"] == "urn:alsmeds:Patient/patient-1");
  CHECK(o["daysSupply"]["value"] == 28);
  CHECK_FALSE(o.contains("quantity"));
  CHECK(o["medicationCodeableConcept"]["text"] == "edaravone");
}

TEST_CASE("FHIR Bundle: coded medicines, finished cycles completed, lab interpretation, links and reasons") {
  // Worked by hand: edaravone IV from Mon 2026-01-05 (cycle 1 to Feb 1, cycle 2 from Feb 2 to Mar 1), the
  // bundle made on Feb 20: cycle 1 is over (completed), cycle 2 runs (active). ATC: riluzole N07XX02,
  // edaravone N07XX14 (WHO ATC index). ULN 40: ALT 30 is normal (N), 52 high (H), 200 = 5x critical (HH).
  PatientFacts f = two_courses("UTC");
  LogEntry missed = entry(200, LogKind::dose);
  missed.drug = Drug::edaravone;
  missed.status = DoseStatus::missed;
  missed.planned_key = "edaravone:11:c1:d2";
  missed.note = "fever";
  missed.at = Instant{ymd(2026, 1, 6)} + std::chrono::hours{9};
  LogEntry refused = entry(201, LogKind::dose);
  refused.drug = Drug::riluzole;
  refused.status = DoseStatus::refused;
  refused.at = Instant{ymd(2026, 1, 6)} + std::chrono::hours{8};
  f.log = {missed, refused};
  for (const auto& [id, value] : {std::pair<RecordId, double>{300, 30}, {301, 52}, {302, 200}}) {
    LogEntry lab = entry(id, LogKind::lab);
    lab.test = "ALT";
    lab.value = value;
    lab.uln = 40;
    lab.day = ymd(2026, 1, 4);
    lab.at = Instant{*lab.day};
    f.log.push_back(lab);
  }
  const json b = json::parse(fhir_bundle(f, ymd(2026, 3, 1), Instant{ymd(2026, 2, 20)}));
  const auto requests = of_type(b, "MedicationRequest");
  REQUIRE(requests.size() == 3u);
  CHECK(requests[0]["medicationCodeableConcept"]["coding"][0]["system"] == "http://www.whocc.no/atc");
  CHECK(requests[0]["medicationCodeableConcept"]["coding"][0]["code"] == "N07XX02");
  CHECK(requests[1]["medicationCodeableConcept"]["coding"][0]["code"] == "N07XX14");
  CHECK(requests[0]["status"] == "active");
  CHECK(requests[1]["id"] == "therapy-11-cycle-1");
  CHECK(requests[1]["status"] == "completed");
  CHECK(requests[2]["status"] == "active");
  const auto admin = of_type(b, "MedicationAdministration");
  REQUIRE(admin.size() == 1u);
  CHECK(admin[0]["status"] == "not-done");
  CHECK(admin[0]["statusReason"][0]["text"] == "missed: fever");
  CHECK(admin[0]["request"]["reference"] == "urn:alsmeds:MedicationRequest/therapy-11-cycle-1");
  const auto statements = of_type(b, "MedicationStatement");
  REQUIRE(statements.size() == 1u);
  CHECK(statements[0]["status"] == "not-taken");
  CHECK(statements[0]["statusReason"][0]["text"] == "refused");
  CHECK(statements[0]["basedOn"][0]["reference"] == "urn:alsmeds:MedicationRequest/therapy-10");
  const auto obs = of_type(b, "Observation");
  REQUIRE(obs.size() == 3u);
  CHECK(obs[0]["interpretation"][0]["coding"][0]["code"] == "N");
  CHECK(obs[1]["interpretation"][0]["coding"][0]["code"] == "H");
  CHECK(obs[2]["interpretation"][0]["coding"][0]["code"] == "HH");
  // Every reference in the bundle resolves to an entry's fullUrl.
  std::set<std::string> urls;
  for (const auto& e : b["entry"]) urls.insert(e["fullUrl"].get<std::string>());
  CHECK(urls.count(admin[0]["request"]["reference"].get<std::string>()) == 1u);
  CHECK(urls.count(statements[0]["basedOn"][0]["reference"].get<std::string>()) == 1u);
}

TEST_CASE("FHIR Bundle: RxNorm codes for the riluzole products checked and none for edaravone") {
  // docs/domain.md "Codes of the medicines" (openFDA's NDC directory): riluzole 50 mg tablet 199206, riluzole
  // 5 mg/mL oral suspension 2058147; edaravone's products are not coded in RxNorm (ATC only). A course that
  // switched product codes its order by the drug alone; each dose by the product on its day.
  const std::string rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
  PatientFacts f = two_courses("UTC");
  ProductChange to_suspension;
  to_suspension.id = 1;
  to_suspension.therapy_id = 10;
  to_suspension.from = ymd(2026, 2, 1);
  to_suspension.product = Product::riluzole_suspension;
  PatientFacts switched = f;
  switched.therapies[0].changes = {to_suspension};
  LogEntry before = entry(100, LogKind::dose);
  before.drug = Drug::riluzole;
  before.status = DoseStatus::taken;
  before.at = Instant{ymd(2026, 1, 20)} + std::chrono::hours{8};
  LogEntry after = before;
  after.id = 101;
  after.at = Instant{ymd(2026, 2, 2)} + std::chrono::hours{8};
  LogEntry infusion = entry(102, LogKind::dose);
  infusion.drug = Drug::edaravone;
  infusion.status = DoseStatus::taken;
  infusion.at = Instant{ymd(2026, 1, 5)} + std::chrono::hours{9};
  LogEntry fill = entry(103, LogKind::dispensing);
  fill.drug = Drug::riluzole;
  fill.product = "suspension";
  fill.day = ymd(2026, 2, 1);
  fill.at = Instant{*fill.day};
  fill.days_supply = 15;
  f.log = {before, infusion, fill};
  switched.log = {before, after};

  const json kept = json::parse(fhir_bundle(f, ymd(2026, 3, 1), Instant{ymd(2026, 2, 20)}));
  const auto requests = of_type(kept, "MedicationRequest");
  REQUIRE(requests.size() == 3u);
  const json& ril = requests[0]["medicationCodeableConcept"]["coding"];
  REQUIRE(ril.size() == 2u);
  CHECK(ril[0]["code"] == "N07XX02");
  CHECK(ril[1]["system"] == rxnorm);
  CHECK(ril[1]["code"] == "199206");
  CHECK(requests[1]["medicationCodeableConcept"]["coding"].size() == 1u);  // edaravone: ATC only
  CHECK(requests[1]["medicationCodeableConcept"]["coding"][0]["code"] == "N07XX14");
  const auto admin = of_type(kept, "MedicationAdministration");
  REQUIRE(admin.size() == 1u);
  CHECK(admin[0]["medicationCodeableConcept"]["coding"].size() == 1u);
  const auto statements = of_type(kept, "MedicationStatement");
  REQUIRE(statements.size() == 1u);
  CHECK(statements[0]["medicationCodeableConcept"]["coding"][1]["code"] == "199206");
  const auto dispenses = of_type(kept, "MedicationDispense");
  REQUIRE(dispenses.size() == 1u);
  CHECK(dispenses[0]["medicationCodeableConcept"]["coding"][1]["code"] == "2058147");
  // A fill with no pack named is the course's product on its day (supply's rule): the tablet here.
  LogEntry unnamed = fill;
  unnamed.id = 104;
  unnamed.product = "";
  f.log = {unnamed};
  const auto tablets =
      of_type(json::parse(fhir_bundle(f, ymd(2026, 3, 1), Instant{ymd(2026, 2, 20)})), "MedicationDispense");
  REQUIRE(tablets.size() == 1u);
  CHECK(tablets[0]["medicationCodeableConcept"]["coding"][1]["code"] == "199206");

  const json moved = json::parse(fhir_bundle(switched, ymd(2026, 3, 1), Instant{ymd(2026, 2, 20)}));
  const auto moved_requests = of_type(moved, "MedicationRequest");
  REQUIRE_FALSE(moved_requests.empty());
  CHECK(moved_requests[0]["medicationCodeableConcept"]["coding"].size() == 1u);  // two products: the drug
  const auto moved_statements = of_type(moved, "MedicationStatement");
  REQUIRE(moved_statements.size() == 2u);
  CHECK(moved_statements[0]["medicationCodeableConcept"]["coding"][1]["code"] == "199206");  // Jan 20: tablet
  CHECK(moved_statements[1]["medicationCodeableConcept"]["coding"][1]["code"] ==
        "2058147");  // Feb 2: suspension
}

TEST_CASE("FHIR Bundle: the ALSFRS-R as a Questionnaire, a response per current report and its total") {
  PatientFacts f = two_courses("UTC");
  AlsfrsReport first;
  first.id = 7;
  first.patient_id = 1;
  first.day = ymd(2026, 2, 1);
  first.items = {4, 4, 3, 4, 2, 4, 3, 3, 2, 4, 4, 4};  // by hand: 11 + 10 + 8 + 12 = 41
  first.gastrostomy = true;
  first.recorded_by = "Dr Rao";
  AlsfrsReport wrong = first;  // a report of 03-01, then corrected: only the correction is exported
  wrong.id = 8;
  wrong.day = ymd(2026, 3, 1);
  wrong.items.fill(0);
  AlsfrsReport fixed = wrong;
  fixed.id = 9;
  fixed.items.fill(1);  // 12
  fixed.supersedes = 8;
  f.alsfrs = {first, wrong, fixed};
  const json bundle = json::parse(fhir_bundle(f, ymd(2026, 3, 31), Instant{ymd(2026, 3, 31)}));

  const auto questionnaires = of_type(bundle, "Questionnaire");
  REQUIRE(questionnaires.size() == 1u);
  const json& items = questionnaires[0]["item"];
  REQUIRE(items.size() == 13u);  // 12 items, item 5 as 5a and 5b
  CHECK(items[4]["linkId"] == "5a");
  CHECK(items[5]["linkId"] == "5b");
  CHECK(items[0]["answerOption"].size() == 5u);

  const auto responses = of_type(bundle, "QuestionnaireResponse");
  REQUIRE(responses.size() == 2u);
  CHECK(responses[0]["id"] == "alsfrs-7");
  CHECK(responses[0]["authored"] == "2026-02-01");
  CHECK(responses[0]["author"]["display"] == "Dr Rao");
  CHECK(responses[0]["questionnaire"] == questionnaires[0]["url"]);
  CHECK(responses[0]["item"][4]["linkId"] == "5b");  // the patient has a gastrostomy
  CHECK(responses[0]["item"][4]["answer"][0]["valueCoding"]["code"] == "2");
  CHECK(responses[1]["id"] == "alsfrs-9");

  std::vector<json> totals;
  for (const json& o : of_type(bundle, "Observation"))
    if (o.contains("valueInteger")) totals.push_back(o);
  REQUIRE(totals.size() == 2u);
  CHECK(totals[0]["valueInteger"] == 41);
  CHECK(totals[0]["effectiveDateTime"] == "2026-02-01");
  CHECK(totals[0]["derivedFrom"][0]["reference"] == "urn:alsmeds:QuestionnaireResponse/alsfrs-7");
  CHECK(totals[0]["component"][0]["valueInteger"] == 11);  // bulbar 4+4+3
  CHECK(totals[0]["component"][3]["valueInteger"] == 12);  // respiratory
  CHECK(totals[1]["valueInteger"] == 12);
}
