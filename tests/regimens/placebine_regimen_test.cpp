// A fourth drug registered from the test tree alone (issue 26): the registry, the words at the edges, the
// products, the dose label, the planned-dose keys and a label warning's alert take it, with no change
// outside its module (placebine.cpp) and the registration line below. Expectations come from the fake label
// in placebine.cpp and from the built-in drugs' words, not from the registry's code.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "alsmeds/adherence/adherence.hpp"
#include "alsmeds/adherence/adherence_report.hpp"
#include "alsmeds/exchange/fhir_export.hpp"
#include "alsmeds/exchange/ics_export.hpp"
#include "alsmeds/exchange/report_document.hpp"
#include "alsmeds/record_table.hpp"
#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/rules/patient_today.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "placebine.hpp"

using namespace alsmeds;
using alsmeds::test::kPlacebineTablet;

namespace {
const Drug kPlacebine = register_regimen(test::placebine_regimen());  // the registration line
}

TEST_CASE("Fake regimen: registered after the built-in drugs, which keep their keys") {
  REQUIRE(regimens().size() == 4u);
  CHECK(static_cast<int>(kPlacebine) == 3);
  CHECK(regimen(kPlacebine).word == "placebine");
  CHECK(regimen(Drug::edaravone).word == "edaravone");
  CHECK(regimen(Drug::riluzole).word == "riluzole");
  CHECK(regimen(Drug::tofersen).word == "tofersen");
  CHECK(drug_of(Product::riluzole_film) == Drug::riluzole);
  CHECK(dose_label(Product::riluzole_suspension).text() == "Riluzole suspension, 10 mL (50 mg)");
}

TEST_CASE("Fake regimen: its word and product are read and written at the edges") {
  CHECK(parse_drug("placebine").value() == kPlacebine);
  CHECK(to_string(kPlacebine) == "placebine");
  CHECK(stored_drug("placebine") == kPlacebine);
  CHECK(drug_words() == "edaravone, riluzole, tofersen or placebine");
  CHECK_THAT(parse_drug("aspirin").error(), Catch::Contains("tofersen or placebine"));
  CHECK(parse_product(kPlacebine, "tablet").value() == kPlacebineTablet);
  CHECK(parse_product(kPlacebine, "film").error() == "'film' is not a placebine form (tablet)");
  CHECK(parse_product(Drug::riluzole, "tablet").value() == Product::riluzole_tablet);  // its own, one word
  CHECK(stored_product(kPlacebine, "tablet") == kPlacebineTablet);
  CHECK(products_of(kPlacebine) == std::vector<Product>{kPlacebineTablet});
  CHECK(drug_of(kPlacebineTablet) == kPlacebine);
  CHECK(to_string(kPlacebineTablet) == "tablet");
  CHECK(rxnorm_code(kPlacebineTablet).empty());
  const DoseLabel label = dose_label(kPlacebineTablet);
  CHECK(label.text() == "Placebine tablet, 1 tablet (10 mg)");
  CHECK(label.brand == "Placebo Labs");
}

TEST_CASE("Fake regimen: its planned-dose keys are its own") {
  CHECK(planned_key(kPlacebine, PlannedRef{12, 3, 0}) == "placebine:12:w3");
  CHECK(parse_planned_key("placebine:12:w3") == PlannedRef{12, 3, 0});
  CHECK(parse_planned_key("placebine:12:d3").empty());  // tofersen's part, not its own
  CHECK(parse_planned_key("placebine:12:w3x").empty());
  CHECK(parse_planned_key("tofersen:12:d3") == PlannedRef{12, 3, 0});
  REQUIRE(regimen_of_key("placebine:12:w3") != nullptr);
  CHECK(regimen_of_key("placebine:12:w3")->drug == kPlacebine);
  CHECK(regimen_of_key("placebinex:12:w3") == nullptr);
  CHECK(cycle_of_key("placebine:12:w3").empty());  // no cycles
}

TEST_CASE("Fake regimen: its label's warning raises an alert during its course, its term offered") {
  const std::vector<std::string> terms = side_effect_terms();
  CHECK(std::count(terms.begin(), terms.end(), "hiccups") == 1);
  PatientFacts f;
  f.patient.id = 1;
  f.zone = date::locate_zone("UTC");
  Therapy t;
  t.id = 7;
  t.drug = kPlacebine;
  t.product = kPlacebineTablet;
  t.start = Day{date::year{2026} / 1 / 5};
  t.stop = Day{date::year{2026} / 2 / 1};
  f.therapies.push_back(t);
  for (const Day day : {Day{date::year{2026} / 1 / 30}, Day{date::year{2026} / 2 / 3}}) {
    LogEntry e;
    e.id = static_cast<RecordId>(f.log.size() + 1);
    e.kind = LogKind::effect;
    e.term = "hiccups";
    e.grade = 2;
    e.at = Instant{date::sys_days{day.time_since_epoch()}} + std::chrono::hours{12};
    f.log.push_back(e);
  }
  std::vector<std::string> alerts;
  for (const DueItem& i : due_items(f, Day{date::year{2026} / 2 / 4}))
    if (i.kind == "alert") alerts.push_back(i.when + " " + i.detail);
  REQUIRE(alerts.size() == 1u);  // 30 January, in the course; not 3 February, after its stop
  CHECK_THAT(alerts[0], Catch::Contains("2026-01-30") && Catch::Contains("hiccups on placebine") &&
                            Catch::Contains("call the clinic"));
}

TEST_CASE("Fake regimen: a word or a product registered twice is refused") {
  CHECK_THROWS_AS(register_regimen(test::placebine_regimen()), std::invalid_argument);
  Regimen other = test::placebine_regimen();
  other.word = "placebine2";  // a new word, the tablet's value already taken
  CHECK_THROWS_AS(register_regimen(other), std::invalid_argument);
  CHECK(regimens().size() == 4u);
}

namespace {

// A patient in Paris on a placebine course from Monday 5 January 2026, one tablet a week (placebine.cpp).
PatientFacts on_placebine() {
  PatientFacts f;
  f.patient.id = 1;
  f.patient.tz = "Europe/Paris";
  f.zone = date::locate_zone("Europe/Paris");
  Therapy t;
  t.id = 7;
  t.patient_id = 1;
  t.drug = kPlacebine;
  t.product = kPlacebineTablet;
  t.start = Day{date::year{2026} / 1 / 5};
  f.therapies.push_back(t);
  return f;
}

LogEntry given_on(RecordId id, Day day, int week = 0) {
  LogEntry e;
  e.id = id;
  e.patient_id = 1;
  e.kind = LogKind::dose;
  e.drug = kPlacebine;
  e.status = DoseStatus::taken;
  e.at = Instant{date::sys_days{day.time_since_epoch()}} + std::chrono::hours{9};
  if (week > 0) e.planned_key = "placebine:7:w" + std::to_string(week);
  return e;
}

}  // namespace

TEST_CASE("Fake regimen: the due list names its next dose by its plan, overdue when missed") {
  PatientFacts f = on_placebine();
  // Weeks 1 and 2 given (5 and 13 January); week 3 falls on 19 January.
  f.log.push_back(given_on(1, Day{date::year{2026} / 1 / 5}));
  f.log.push_back(given_on(2, Day{date::year{2026} / 1 / 13}));
  std::vector<DueItem> doses;
  for (const DueItem& i : due_items(f, Day{date::year{2026} / 1 / 21}))
    if (i.kind == "dose") doses.push_back(i);
  REQUIRE(doses.size() == 1u);
  CHECK(doses[0].status == DueStatus::overdue);
  CHECK(doses[0].when == "2026-01-19");
  CHECK(doses[0].drug == "placebine");
  CHECK(doses[0].planned_key == "placebine:7:w3");
  CHECK(doses[0].detail == "tablet 1 tablet (10 mg), week 3: missed, take it as soon as possible");
  // Given on the 21st (late, in its week): the next is week 4 on 26 January, coming.
  f.log.push_back(given_on(3, Day{date::year{2026} / 1 / 21}));
  doses.clear();
  for (const DueItem& i : due_items(f, Day{date::year{2026} / 1 / 22}))
    if (i.kind == "dose") doses.push_back(i);
  REQUIRE(doses.size() == 1u);
  CHECK(doses[0].status == DueStatus::coming);
  CHECK(doses[0].when == "2026-01-26");
  CHECK(doses[0].planned_key == "placebine:7:w4");
}

TEST_CASE("Fake regimen: the calendar holds one event a planned dose, with its key as UID") {
  PatientFacts f = on_placebine();
  f.log.push_back(given_on(1, Day{date::year{2026} / 1 / 5}));
  IcsRequest r;
  r.from = Day{date::year{2026} / 1 / 1};
  r.to = Day{date::year{2026} / 1 / 31};
  r.now = Instant{date::sys_days{date::year{2026} / 1 / 1}};
  const std::string ics = ics_calendar(f, r);
  // Mondays 5, 12, 19 and 26 January: four events, the first given.
  std::size_t events = 0;
  for (std::size_t at = ics.find("BEGIN:VEVENT"); at != std::string::npos;
       at = ics.find("BEGIN:VEVENT", at + 1))
    ++events;
  CHECK(events == 4u);
  CHECK_THAT(ics, Catch::Contains("SUMMARY:Placebine tablet\\, 1 tablet (10 mg) - week 1 (given)"));
  CHECK_THAT(ics, Catch::Contains("SUMMARY:Placebine tablet\\, 1 tablet (10 mg) - week 4"));
  CHECK_THAT(ics, Catch::Contains("DTSTART;TZID=Europe/Paris:20260126T"));
  CHECK_THAT(ics, Catch::Contains("UID:placebine:7:w4@alsmeds"));
}

TEST_CASE("Fake regimen: a dose logged answers its planned dose, and adherence counts its plan") {
  PatientFacts f = on_placebine();
  const Therapy& t = f.therapies[0];
  const auto at = [](Day day) {
    return Instant{date::sys_days{day.time_since_epoch()}} + std::chrono::hours{9};
  };
  // Week 1 given on its Monday; a dose the next Tuesday answers week 2 (late, not an early week 3).
  f.log.push_back(given_on(1, Day{date::year{2026} / 1 / 5}, 1));
  CHECK(match_planned_dose(t, {}, f.log, f.zone, at(Day{date::year{2026} / 1 / 13})).key == "placebine:7:w2");
  f.log.push_back(given_on(2, Day{date::year{2026} / 1 / 13}, 2));
  CHECK(match_planned_dose(t, {}, f.log, f.zone, at(Day{date::year{2026} / 1 / 19})).key == "placebine:7:w3");
  CHECK(match_planned_dose(t, {}, f.log, f.zone, at(Day{date::year{2026} / 1 / 4})).key.empty());  // before
  {  // Week 2 skipped: a dose on Tuesday the 20th is in week 3's week, so it answers week 3 (as the plan
     // counts it given), and week 2 stays missed.
    std::vector<LogEntry> skipped{f.log[0]};
    CHECK(match_planned_dose(t, {}, skipped, f.zone, at(Day{date::year{2026} / 1 / 20})).key ==
          "placebine:7:w3");
    skipped.push_back(given_on(9, Day{date::year{2026} / 1 / 20}, 3));
    CHECK(
        match_planned_dose(t, {}, skipped, f.zone, at(Day{date::year{2026} / 1 / 21})).key.empty());  // twice
  }
  // Week 3 given two days late, week 4 (26 January) not at all. January from the 5th: 4 doses planned, 3
  // taken, on time the two within a day of their Monday (placebine.cpp).
  f.log.push_back(given_on(3, Day{date::year{2026} / 1 / 21}, 3));
  const DoseAdherence a =
      dose_adherence(f, t, Period{Day{date::year{2026} / 1 / 5}, Day{date::year{2026} / 1 / 31}});
  CHECK(a.scheduled == 4);
  CHECK(a.taken == 3);
  CHECK(a.on_time == 2);
  CHECK(a.unplanned_doses == 0);
  CHECK(a.longest_missed_run == 1);
}

TEST_CASE("Fake regimen: a patient's today lists its next dose, then the one overdue") {
  PatientFacts f = on_placebine();
  f.log.push_back(given_on(1, Day{date::year{2026} / 1 / 5}, 1));
  // Saturday 10 January: week 2 on Monday the 12th, within the next two days.
  const auto noon = [](Day day) {
    return Instant{date::sys_days{day.time_since_epoch()}} + std::chrono::hours{11};
  };
  TodayModel m = build_today(f, noon(Day{date::year{2026} / 1 / 10}));
  REQUIRE(m.doses.size() == 1u);
  CHECK(m.doses[0].key == "placebine:7:w2");
  CHECK(m.doses[0].drug == kPlacebine);
  CHECK(m.doses[0].timing == DoseTiming::upcoming);
  CHECK(m.doses[0].what == "Placebine tablet, 1 tablet (10 mg) - week 2");
  // Wednesday 14 January, not given: overdue, named the same.
  m = build_today(f, noon(Day{date::year{2026} / 1 / 14}));
  REQUIRE_FALSE(m.doses.empty());
  CHECK(m.doses[0].key == "placebine:7:w2");
  CHECK(m.doses[0].timing == DoseTiming::overdue);
  CHECK(m.doses[0].what == "Placebine tablet, 1 tablet (10 mg) - week 2");
}

TEST_CASE("Fake regimen: FHIR orders its planned days and states each dose against its order") {
  PatientFacts f = on_placebine();
  f.patient.name = "Ada Placebo";
  f.log.push_back(given_on(1, Day{date::year{2026} / 1 / 5}, 1));
  const auto bundle = nlohmann::json::parse(
      fhir_bundle(f, Day{date::year{2026} / 1 / 25}, Instant{date::sys_days{date::year{2026} / 1 / 20}}));
  const nlohmann::json* request = nullptr;
  const nlohmann::json* statement = nullptr;
  for (const auto& e : bundle["entry"]) {
    if (e["resource"]["resourceType"] == "MedicationRequest") request = &e["resource"];
    if (e["resource"]["resourceType"] == "MedicationStatement") statement = &e["resource"];
  }
  REQUIRE(request != nullptr);
  CHECK((*request)["id"] == "therapy-7");
  CHECK((*request)["medicationCodeableConcept"]["text"] == "placebine");  // no code: the name
  const auto& dosage = (*request)["dosageInstruction"][0];
  CHECK(dosage["text"] == "Placebine tablet, 1 tablet (10 mg)");
  // Mondays 5, 12 and 19 January up to the 25th (placebine.cpp: weekly from the start).
  CHECK(dosage["timing"]["event"] == nlohmann::json::array({"2026-01-05", "2026-01-12", "2026-01-19"}));
  REQUIRE(statement != nullptr);
  CHECK((*statement)["status"] == "completed");
  CHECK((*statement)["basedOn"][0]["reference"] == "urn:alsmeds:MedicationRequest/therapy-7");
}

TEST_CASE("Fake regimen: the cohort report has its row, counted by its plan") {
  PatientFacts f = on_placebine();
  f.patient.name = "Ada Placebo";
  f.log.push_back(given_on(1, Day{date::year{2026} / 1 / 5}, 1));
  f.log.push_back(given_on(2, Day{date::year{2026} / 1 / 12}, 2));
  // January 5-25: Mondays 5, 12 and 19 planned; two given.
  const Period period{Day{date::year{2026} / 1 / 5}, Day{date::year{2026} / 1 / 25}};
  const std::vector<AdherenceRow> rows = adherence_rows(f, period);
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0].drug == kPlacebine);
  CHECK(rows[0].doses.scheduled == 3);
  CHECK(rows[0].doses.taken == 2);
  const RecordTable table = adherence_table(rows, period);
  CHECK_THAT(render_csv(table), Catch::Contains("\n1,,placebine,3,2,66.7,66.7,"));  // 2 of 3, both on time
  // The documents take its row and chart it: the HTML page names the drug, draws its timeline, and the PDF
  // is made.
  const ReportHeader header{"Adherence report - all patients", period, kAdherenceRules,
                            Instant{std::chrono::seconds{1'770'000'000}}};
  const std::string html = adherence_html(rows, {0}, header);
  CHECK_THAT(html, Catch::Contains("<td>placebine</td>"));
  CHECK_THAT(html, Catch::Contains("<svg"));
  // Its regimen has neither cycles nor liver tests: no ALT trend (the dashed ULN lines) after its timeline.
  CHECK_THAT(row_charts_svg(rows[0], period), !Catch::Contains("stroke-dasharray"));
  std::string pdf;
  REQUIRE_NOTHROW(pdf = adherence_pdf(rows, {0}, header));
  CHECK(pdf.rfind("%PDF-", 0) == 0);
}
