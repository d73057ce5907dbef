// The one table of the drugs alsmeds tracks (issue 26, regimens.hpp): each drug's word reads back as the
// drug, its products are its own, and a store's word alsmeds does not know is never read as another drug.
#include <algorithm>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/schedule/due_list.hpp"

using namespace alsmeds;

TEST_CASE("Registry: every drug is registered in Drug's order, its word and products its own") {
  const auto all = regimens();
  REQUIRE(all.size() == 3u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    INFO(all[i].word);
    CHECK(static_cast<std::size_t>(all[i].drug) == i);
    CHECK(&regimen(all[i].drug) == &all[i]);
    CHECK(parse_drug(all[i].word).value() == all[i].drug);
    CHECK(to_string(all[i].drug) == all[i].word);
    REQUIRE_FALSE(all[i].products.empty());
    for (const ProductFacts& p : all[i].products) CHECK(drug_of(p.product) == all[i].drug);
    // ATC level 5: letter, 2 digits, 2 letters, 2 digits; none for tofersen (not checked against the index)
    CHECK(all[i].atc.size() == (all[i].drug == Drug::tofersen ? 0u : 7u));
  }
  // The label facts the table carries (docs/domain.md): edaravone IV on the board, riluzole with liver tests
  // and clock-time doses; WHO ATC N07XX14 and N07XX02.
  CHECK(regimen(Drug::edaravone).board_place == BoardPlace::chair);
  CHECK_FALSE(regimen(Drug::edaravone).liver_tests);
  CHECK(regimen(Drug::riluzole).liver_tests);
  CHECK(regimen(Drug::riluzole).timed_doses);
  CHECK(regimen(Drug::edaravone).atc == "N07XX14");
  CHECK(regimen(Drug::riluzole).atc == "N07XX02");
  // Tofersen: given in the clinic by lumbar puncture, its plan anchored on the doses given; no chair, no
  // liver tests, doses due on a day; one product, 100 mg / 15 mL.
  CHECK(regimen(Drug::tofersen).plan_reads_log);
  CHECK(regimen(Drug::tofersen).board_place == BoardPlace::procedure_room);
  CHECK_FALSE(regimen(Drug::tofersen).liver_tests);
  CHECK_FALSE(regimen(Drug::tofersen).timed_doses);
  REQUIRE(products_of(Drug::tofersen).size() == 1u);
  CHECK(dose_label(Product::tofersen_intrathecal).text() ==
        "Tofersen intrathecal, 100 mg / 15 mL by lumbar puncture");
  CHECK(parse_product(Drug::tofersen, "intrathecal").value() == Product::tofersen_intrathecal);
  CHECK_FALSE(parse_product(Drug::tofersen, "iv").ok());
  CHECK(drug_words() == "edaravone, riluzole or tofersen");
}

TEST_CASE("Registry: a word alsmeds does not track is refused, and never read from a store as another drug") {
  CHECK_THAT(parse_drug("aspirin").error(), Catch::Contains("edaravone, riluzole or tofersen"));
  CHECK_FALSE(parse_drug("Riluzole").ok());
  CHECK_FALSE(parse_drug("").ok());
  CHECK(stored_drug("riluzole") == Drug::riluzole);
  CHECK(stored_drug("tofersen") == Drug::tofersen);
  CHECK_THROWS_AS(stored_drug("nusinersen"), std::runtime_error);
  CHECK_THROWS_AS(stored_drug(""), std::runtime_error);
}

TEST_CASE("Registry: the side effects a patient can pick, and the ones that are a label's warning") {
  // The quick form's terms: the common ones once, then each drug's own; every one of them reads back.
  const std::vector<std::string> terms = side_effect_terms();
  for (const char* t :
       {"nausea", "fever", "cough", "bruising", "numbness or tingling", "vision changes", "neck stiffness"})
    CHECK(std::count(terms.begin(), terms.end(), t) == 1);
  // Logged during a course, the terms naming a warning raise it (US PI 5.1-5.3 for tofersen; neutropenia
  // and interstitial lung disease for riluzole, docs/domain.md); after the course stopped they do not.
  for (const auto& [drug, term, words] : std::vector<std::tuple<Drug, std::string, std::string>>{
           {Drug::tofersen, "numbness or tingling", "myelitis or radiculitis (US PI 5.1)"},
           {Drug::tofersen, "vision changes", "raised intracranial pressure (US PI 5.2)"},
           {Drug::tofersen, "neck stiffness", "aseptic meningitis (US PI 5.3)"},
           {Drug::riluzole, "fever", "check a white-cell count"},
           {Drug::riluzole, "cough", "interstitial lung disease"}}) {
    INFO(term);
    PatientFacts f;
    f.patient.id = 1;
    f.zone = date::locate_zone("UTC");
    Therapy t;
    t.id = 7;
    t.drug = drug;
    t.product = products_of(drug).front();
    t.start = Day{date::year{2026} / 1 / 5};
    t.stop = Day{date::year{2026} / 2 / 1};
    f.therapies.push_back(t);
    for (const Day day : {Day{date::year{2026} / 1 / 30}, Day{date::year{2026} / 2 / 3}}) {
      LogEntry e;
      e.id = static_cast<RecordId>(f.log.size() + 1);
      e.kind = LogKind::effect;
      e.term = term;
      e.grade = 2;
      e.at = Instant{date::sys_days{day.time_since_epoch()}} + std::chrono::hours{12};
      f.log.push_back(e);
    }
    std::vector<std::string> alerts;
    for (const DueItem& i : due_items(f, Day{date::year{2026} / 2 / 4}))
      if (i.kind == "alert" && i.detail.find(words) != std::string::npos)
        alerts.push_back(i.when + " " + i.detail);
    REQUIRE(alerts.size() == 1u);  // 30 January, in the course; not 3 February, after its stop
    CHECK_THAT(alerts[0],
               Catch::StartsWith("2026-01-30 " + term + " on " + std::string(to_string(drug)) + ": "));
  }
}

TEST_CASE("Registry: which logged doses shape a course's plan at any time, and which cycles a delay shifts") {
  // Edaravone: a missed or refused dose moves a make-up day (docs/domain.md), a dose taken does not;
  // tofersen: every dose given anchors the next (the EU label: maintenance every 28 days from the last dose
  // given); riluzole: its plan reads no log.
  CHECK_FALSE(shapes_plan_at_any_time(Drug::edaravone, DoseStatus::taken));
  CHECK(shapes_plan_at_any_time(Drug::edaravone, DoseStatus::missed));
  CHECK(shapes_plan_at_any_time(Drug::edaravone, DoseStatus::refused));
  CHECK(shapes_plan_at_any_time(Drug::tofersen, DoseStatus::taken));
  CHECK(shapes_plan_at_any_time(Drug::tofersen, DoseStatus::missed));
  CHECK_FALSE(shapes_plan_at_any_time(Drug::riluzole, DoseStatus::missed));
  CHECK_FALSE(shapes_plan_at_any_time(Drug::riluzole, DoseStatus::taken));
  // Only edaravone runs in cycles that `therapy shift` delays.
  CHECK(drug_words([](const Regimen& r) { return r.shifted_cycles; }) == "edaravone");
}
