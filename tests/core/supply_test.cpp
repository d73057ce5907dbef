// Medication supply on hand-built facts. Every expected figure is worked by hand from the label facts of
// docs/supply.md: riluzole 1 tablet or film or 10 mL of the 5 mg/mL suspension every 12 h (300 mL bottle,
// used within 15 days of opening); edaravone ORS 5 mL a day (50 mL bottle = 10 doses, used within 15 days of
// opening); IV edaravone two 30 mg bags (Radicava) or one 60 mg bag (generic) an infusion. Edaravone cycle 1
// is 14 daily doses, later cycles 10 doses in the first days of each 28-day cycle (policy earliest).
#include "alsmeds/pharmacy/supply.hpp"

#include <catch2/catch.hpp>

#include "alsmeds/pharmacy/pharmacy_prep.hpp"
#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;

namespace {

RecordId next_id = 1000;

PatientFacts patient_on(Drug drug, const std::string& product, Day start) {
  PatientFacts f;
  f.patient.id = 1;
  f.patient.name = "Test";
  f.patient.tz = "UTC";
  f.zone = *find_zone("UTC");
  Therapy t;
  t.id = 10;
  t.patient_id = 1;
  t.drug = drug;
  t.product = parse_product(drug, product).value();
  t.start = start;
  f.therapies.push_back(t);
  return f;
}

void dispensed(PatientFacts& f, Drug drug, Day day, double quantity, const std::string& unit,
               const std::string& product = "", int days_supply = 30) {
  LogEntry e;
  e.id = ++next_id;
  e.patient_id = 1;
  e.kind = LogKind::dispensing;
  e.drug = drug;
  e.day = day;
  e.at = Instant{day};
  e.days_supply = days_supply;
  e.quantity = quantity;
  e.unit = unit;
  e.product = product;
  f.log.push_back(e);
}

void logged(PatientFacts& f, Drug drug, Day day, int hour, DoseStatus status = DoseStatus::taken) {
  LogEntry e;
  e.id = ++next_id;
  e.patient_id = 1;
  e.kind = LogKind::dose;
  e.drug = drug;
  e.status = status;
  e.at = Instant{day} + std::chrono::hours{hour};
  f.log.push_back(e);
}

SupplyStatus only(const PatientFacts& f, Day on) {
  const auto all = supply_status(f, on);
  REQUIRE(all.size() == 1);
  return all[0];
}

const Day kStart{date::year{2026} / 3 / 2};  // a Monday

}  // namespace

TEST_CASE("Supply: riluzole tablets by the plan for a patient who logs nothing") {
  PatientFacts f = patient_on(Drug::riluzole, "tablet", kStart);
  dispensed(f, Drug::riluzole, kStart, 60, "tablet");
  // 60 tablets at 2 a day: 30 days, 03-02 to 03-31; the first dose not covered is on 04-01.
  CHECK(derived_days_supply(f, *find_pack("tablet"), 60, kStart) == 30);
  const SupplyStatus s = only(f, ymd(2026, 3, 12));  // 10 days used: 20 tablets
  CHECK(s.product == "tablet");
  CHECK(s.on_hand == Approx(40));
  CHECK(s.unit == SupplyUnit::tablet);
  CHECK(s.doses_left == 40);
  CHECK(s.runs_out_on == ymd(2026, 4, 1));
  CHECK(s.refill_by == ymd(2026, 3, 25));
  CHECK(s.based_on == "plan");

  SECTION("a refill reminder from the refill day (7 days before it runs out) on, never before") {
    CHECK(refill_items(f, ymd(2026, 3, 24)).empty());
    const auto items = refill_items(f, ymd(2026, 3, 25));
    REQUIRE(items.size() == 1);
    CHECK(items[0].kind == "refill");
    CHECK(items[0].status == DueStatus::due);
    CHECK(items[0].drug == "riluzole");
    CHECK_THAT(items[0].detail, Catch::Contains("14 tablet left") && Catch::Contains("runs out 2026-04-01"));
    const auto out = refill_items(f, ymd(2026, 4, 2));  // ran out yesterday
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == DueStatus::overdue);
    CHECK_THAT(out[0].detail, Catch::Contains("0 tablet left") && Catch::Contains("runs out 2026-04-01"));
  }
  SECTION("nothing on hand: it ran out on the first dose it could not give, not on a later day") {
    // 04-05 by the plan: the doses of 04-01..04-04 had no tablet; out since 04-01.
    const SupplyStatus t = only(f, ymd(2026, 4, 5));
    CHECK(t.on_hand == Approx(0));
    CHECK(t.doses_left == 0);
    CHECK(t.runs_out_on == ymd(2026, 4, 1));
    CHECK(t.refill_by == ymd(2026, 3, 25));
  }
  SECTION("a second fill carries on after the first") {
    dispensed(f, Drug::riluzole, ymd(2026, 3, 25), 56, "tablet");
    const SupplyStatus t = only(f, ymd(2026, 3, 25));
    // 14 left of the first fill + 56 = 70 tablets = 35 days from 03-25: runs out 04-29.
    CHECK(t.on_hand == Approx(70));
    CHECK(t.runs_out_on == ymd(2026, 4, 29));
    CHECK(refill_items(f, ymd(2026, 3, 25)).empty());
  }
}

TEST_CASE("Supply: doses as logged when the patient logs them, planned doses with no record as used") {
  PatientFacts f = patient_on(Drug::riluzole, "film", kStart);
  dispensed(f, Drug::riluzole, kStart, 60, "film");
  // Logged: 4 mornings taken (03-02..03-05), the evening of 03-02 missed. Used up to 03-11:
  // 03-02 one (the other is missed), 03-03..03-05 the morning taken and the evening with no record (2 a
  // day: 6), 03-06..03-11 nothing recorded, the plan's 2 a day (12): 19 films, 41 left.
  for (int d = 0; d < 4; ++d) logged(f, Drug::riluzole, kStart + date::days{d}, 8);
  logged(f, Drug::riluzole, kStart, 20, DoseStatus::missed);
  const SupplyStatus s = only(f, ymd(2026, 3, 12));
  CHECK(s.based_on == "log");
  CHECK(s.product == "film");
  CHECK(s.unit == SupplyUnit::film);
  CHECK(s.on_hand == Approx(41));
  CHECK(s.doses_left == 41);  // 20 days at 2 a day from 03-12 (03-12..03-31) and the morning of 04-01
  CHECK(s.runs_out_on == ymd(2026, 4, 1));
}

TEST_CASE("Supply: a future day counts the planned doses before it, and agrees with the run-out day") {
  // 60 tablets on 12-01, 2 a day: 12-01..12-30 covered, the first dose not covered on 12-31, refill by
  // 12-24 (7 days before). Logged taken 12-01..12-04 (8 tablets).
  const Day start = ymd(2026, 12, 1);
  PatientFacts f = patient_on(Drug::riluzole, "tablet", start);
  dispensed(f, Drug::riluzole, start, 60, "tablet");
  for (int d = 0; d < 4; ++d) {
    logged(f, Drug::riluzole, start + date::days{d}, 8);
    logged(f, Drug::riluzole, start + date::days{d}, 20);
  }
  const SupplyStatus today = only(f, ymd(2026, 12, 5));
  CHECK(today.on_hand == Approx(52));
  CHECK(today.runs_out_on == ymd(2026, 12, 31));
  // 12-14: 12-05..12-13 are 9 days ahead of the last record, 18 planned tablets: 34 left, same run-out day.
  const SupplyStatus ahead = only(f, ymd(2026, 12, 14));
  CHECK(ahead.on_hand == Approx(34));
  CHECK(ahead.doses_left == 34);
  CHECK(ahead.runs_out_on == ymd(2026, 12, 31));
  CHECK(ahead.refill_by == ymd(2026, 12, 24));
  // The refill item on the refill day, whichever day it is asked from.
  CHECK(refill_items(f, ymd(2026, 12, 23)).empty());
  const auto items = refill_items(f, ymd(2026, 12, 24));
  REQUIRE(items.size() == 1);
  CHECK(items[0].when == "2026-12-24");
}

TEST_CASE("Supply: an evening dose logged after midnight is not counted twice") {
  // 60 tablets on 12-01, every dose logged taken 12-01..12-04, the evening dose of 12-02 at 00:00 on 12-03:
  // 12-02 has one record, 12-03 three; 8 tablets used, 52 left on 12-05 (not 53 nor 51).
  const Day start = ymd(2026, 12, 1);
  PatientFacts f = patient_on(Drug::riluzole, "tablet", start);
  dispensed(f, Drug::riluzole, start, 60, "tablet");
  for (int d = 0; d < 4; ++d) {
    logged(f, Drug::riluzole, start + date::days{d}, 8);
    logged(f, Drug::riluzole, start + date::days{d}, d == 1 ? 24 : 20);
  }
  CHECK(only(f, ymd(2026, 12, 5)).on_hand == Approx(52));
}

TEST_CASE("Supply: a patient who stops logging is assumed to go on taking the plan") {
  // Same as above; nothing logged after 12-04. On 12-20: 8 logged + 15 days x 2 planned = 38 used, 22 left.
  // (Counting only the logged doses left 52 and a run-out day in January: a refill reminder later than the
  // plan allows.)
  const Day start = ymd(2026, 12, 1);
  PatientFacts f = patient_on(Drug::riluzole, "tablet", start);
  dispensed(f, Drug::riluzole, start, 60, "tablet");
  for (int d = 0; d < 4; ++d) {
    logged(f, Drug::riluzole, start + date::days{d}, 8);
    logged(f, Drug::riluzole, start + date::days{d}, 20);
  }
  const SupplyStatus s = only(f, ymd(2026, 12, 20));
  CHECK(s.based_on == "log");
  CHECK(s.on_hand == Approx(22));
  CHECK(s.runs_out_on == ymd(2026, 12, 31));
  const auto items = refill_items(f, ymd(2026, 12, 26));
  REQUIRE(items.size() == 1);
  CHECK(items[0].status ==
        DueStatus::due);  // the refill day (12-24) has passed, the tablets have not run out
  CHECK(items[0].when == "2026-12-26");
}

TEST_CASE("Supply: Tiglutik suspension, an opened bottle used within 15 days") {
  PatientFacts f = patient_on(Drug::riluzole, "suspension", kStart);
  dispensed(f, Drug::riluzole, kStart, 1, "bottle");
  // 300 mL at 20 mL a day: 15 days, 03-02..03-16.
  CHECK(derived_days_supply(f, *find_pack("suspension"), 300, kStart) == 15);
  SECTION("by the plan") {
    const SupplyStatus s = only(f, ymd(2026, 3, 10));  // 8 days used: 160 mL
    CHECK(s.on_hand == Approx(140));
    CHECK(s.unit == SupplyUnit::mL);
    CHECK(s.doses_left == 14);
    CHECK(s.runs_out_on == ymd(2026, 3, 17));
  }
  SECTION("as logged: doses skipped leave medicine the bottle's in-use life throws away") {
    for (int d = 0; d < 5; ++d) {  // 10 doses logged, 03-02..03-06: 100 mL
      logged(f, Drug::riluzole, kStart + date::days{d}, 8);
      logged(f, Drug::riluzole, kStart + date::days{d}, 20);
    }
    for (int d = 5; d < 18; ++d) {  // then logged missed, 03-07..03-19 (a day with no record counts as used)
      logged(f, Drug::riluzole, kStart + date::days{d}, 8, DoseStatus::missed);
      logged(f, Drug::riluzole, kStart + date::days{d}, 20, DoseStatus::missed);
    }
    const SupplyStatus s = only(f, ymd(2026, 3, 10));
    CHECK(s.on_hand == Approx(200));
    // Opened 03-02, usable through 03-16: 7 days of doses from 03-10 (14 doses, 140 mL), 60 mL thrown away.
    CHECK(s.doses_left == 14);
    CHECK(s.runs_out_on == ymd(2026, 3, 17));
    CHECK(only(f, ymd(2026, 3, 20)).on_hand == Approx(0));  // past its in-use life
    dispensed(f, Drug::riluzole, ymd(2026, 3, 18), 300, "mL");
    const SupplyStatus t = only(f, ymd(2026, 3, 20));
    CHECK(t.on_hand == Approx(300));  // the old bottle is gone, the new one unopened
    CHECK(t.doses_left == 30);
    CHECK(t.runs_out_on == ymd(2026, 4, 4));  // 15 days from 03-20
  }
}

TEST_CASE("Supply: Radicava ORS across cycle 1 and a 10-dose cycle, bottles used within 15 days") {
  PatientFacts f = patient_on(Drug::edaravone, "oral", kStart);
  // Cycle 1: 03-02..03-15 daily (14 doses); cycle 2 from 03-30: 10 doses 03-30..04-08; cycle 3 from 04-27.
  SECTION("one bottle cannot cover cycle 1: 10 doses") {
    dispensed(f, Drug::edaravone, kStart, 1, "bottle");
    CHECK(only(f, kStart).runs_out_on == ymd(2026, 3, 12));
    CHECK(derived_days_supply(f, *find_pack("oral"), 50, kStart) == 10);
  }
  SECTION("cycle 1 needs two bottles; the second, opened on day 11, is past its in-use life by cycle 2") {
    dispensed(f, Drug::edaravone, kStart, 100, "mL");
    CHECK(derived_days_supply(f, *find_pack("oral"), 100, kStart) == 28);
    const SupplyStatus s = only(f, ymd(2026, 3, 20));
    CHECK(s.based_on == "plan");
    CHECK(s.product == "oral");
    CHECK(s.on_hand == Approx(30));  // bottle 2 opened 03-12, 4 doses taken: 30 mL, usable to 03-26
    CHECK(s.doses_left == 0);        // cycle 2 begins 03-30: 18 days after opening
    CHECK(s.runs_out_on == ymd(2026, 3, 30));
    CHECK(only(f, ymd(2026, 3, 27)).on_hand == Approx(0));
  }
  SECTION("one bottle for a 10-dose cycle lasts the cycle") {
    dispensed(f, Drug::edaravone, ymd(2026, 3, 30), 1, "bottle");
    CHECK(derived_days_supply(f, *find_pack("oral"), 50, ymd(2026, 3, 30)) == 28);
    const SupplyStatus s = only(f, ymd(2026, 4, 3));  // 4 doses of cycle 2 used
    CHECK(s.on_hand == Approx(30));
    CHECK(s.doses_left == 6);
    CHECK(s.runs_out_on == ymd(2026, 4, 27));
  }
}

TEST_CASE("Supply: IV edaravone counts bags per product, two of Radicava or one of a generic an infusion") {
  PatientFacts f = patient_on(Drug::edaravone, "iv", kStart);
  SECTION("Radicava 30 mg/100 mL bags") {
    dispensed(f, Drug::edaravone, kStart, 28, "bag", "radicava-iv");
    CHECK(derived_days_supply(f, *find_pack("radicava-iv"), 28, kStart) == 28);  // 14 infusions: cycle 1
    const SupplyStatus s = only(f, ymd(2026, 3, 9));                             // 7 infusions given
    CHECK(s.product == "radicava-iv");
    CHECK(s.on_hand == Approx(14));
    CHECK(s.unit == SupplyUnit::bag);
    CHECK(s.doses_left == 7);
    CHECK(s.runs_out_on == ymd(2026, 3, 30));
  }
  SECTION("a generic's 60 mg/100 mL bag") {
    dispensed(f, Drug::edaravone, kStart, 14, "bag", "generic-iv");
    const SupplyStatus s = only(f, ymd(2026, 3, 9));
    CHECK(s.product == "generic-iv");
    CHECK(s.on_hand == Approx(7));
    CHECK(s.doses_left == 7);
    CHECK(s.runs_out_on == ymd(2026, 3, 30));
    CHECK(derived_days_supply(f, *find_pack("generic-iv"), 10, ymd(2026, 3, 30)) == 28);  // cycle 2
    CHECK(derived_days_supply(f, *find_pack("radicava-iv"), 10, ymd(2026, 3, 30)) == 5);  // half of it
  }
}

TEST_CASE("Supply: what a dispensing hands out must fit the product") {
  CHECK(counted_quantity(*find_pack("suspension"), 2, SupplyUnit::bottle).value() == Approx(600));
  CHECK(counted_quantity(*find_pack("oral"), 150, SupplyUnit::mL).value() == Approx(150));
  CHECK_FALSE(counted_quantity(*find_pack("oral"), 120, SupplyUnit::mL).ok());  // not whole 50 mL bottles
  CHECK_FALSE(counted_quantity(*find_pack("tablet"), 60, SupplyUnit::mL).ok());
  CHECK_FALSE(counted_quantity(*find_pack("tablet"), 60.5, SupplyUnit::tablet).ok());
  CHECK_FALSE(counted_quantity(*find_pack("radicava-iv"), 0, SupplyUnit::bag).ok());
  CHECK_FALSE(counted_quantity(*find_pack("film"), 60, SupplyUnit::tablet).ok());
  Therapy iv;
  iv.drug = Drug::edaravone;
  iv.product = Product::edaravone_iv;
  CHECK_THAT(dispensed_pack(Drug::edaravone, "", &iv, kStart).error(), Catch::Contains("name the product"));
  CHECK(dispensed_pack(Drug::edaravone, "generic-iv", &iv, kStart).value()->per_dose == 1);
  CHECK_FALSE(dispensed_pack(Drug::riluzole, "generic-iv", nullptr, kStart).ok());
}

TEST_CASE("Supply: a patient who logs doses past the supply dispensed ran out on the first of them") {
  PatientFacts f = patient_on(Drug::riluzole, "film", kStart);
  dispensed(f, Drug::riluzole, kStart, 10, "film");  // 10 films: 5 days at 2 a day, 03-02..03-06
  for (int d = 0; d < 7; ++d) {                      // logged taken 03-02..03-08: 14 doses
    logged(f, Drug::riluzole, kStart + date::days{d}, 8);
    logged(f, Drug::riluzole, kStart + date::days{d}, 20);
  }
  const SupplyStatus s = only(f, ymd(2026, 3, 9));
  CHECK(s.based_on == "log");
  CHECK(s.on_hand == Approx(0));
  CHECK(s.doses_left == 0);
  CHECK(s.runs_out_on == ymd(2026, 3, 7));  // the first dose no film was dispensed for
  CHECK(s.refill_by == ymd(2026, 2, 28));
  const auto items = refill_items(f, ymd(2026, 3, 9));
  REQUIRE(items.size() == 1);
  CHECK(items[0].status == DueStatus::overdue);
  CHECK(items[0].when == "2026-03-09");  // due from today: the refill day is past
  SECTION("a refill ends the gap: the run-out day is the new supply's") {
    dispensed(f, Drug::riluzole, ymd(2026, 3, 9), 20, "film");  // 10 days: 03-09..03-18
    const SupplyStatus t = only(f, ymd(2026, 3, 9));
    CHECK(t.on_hand == Approx(20));
    CHECK(t.doses_left == 20);
    CHECK(t.runs_out_on == ymd(2026, 3, 19));
  }
}

TEST_CASE("Supply: nothing on hand in edaravone's drug-free days runs out on the next dose day") {
  PatientFacts f = patient_on(Drug::edaravone, "iv", kStart);
  dispensed(f, Drug::edaravone, kStart, 28, "bag", "radicava-iv");  // cycle 1: 14 infusions x 2 bags
  // 03-20 is a drug-free day of cycle 1; cycle 2 starts 03-30 (kStart + 28 days): the first dose due
  // that no bag is left for.
  const SupplyStatus s = only(f, ymd(2026, 3, 20));
  CHECK(s.on_hand == Approx(0));
  CHECK(s.doses_left == 0);
  CHECK(s.runs_out_on == ymd(2026, 3, 30));
  CHECK(only(f, ymd(2026, 4, 1)).runs_out_on == ymd(2026, 3, 30));  // and stays so once passed
}

TEST_CASE("Supply: the pharmacist's list puts the fewest days left first, each patient in their own today") {
  // At 2026-03-05T12:00Z it is 03-05 in UTC and 03-06 (02:00) on Kiritimati (UTC+14). Both supplies run out
  // on 03-12: Una's 20 tablets from 03-02 last 10 days (7 days left on 03-05), Kai's 18 tablets from 03-03
  // last 9 days (6 days left on 03-06): Kai first, though listed second and out on the same day.
  PatientFacts una = patient_on(Drug::riluzole, "tablet", ymd(2026, 3, 2));
  dispensed(una, Drug::riluzole, ymd(2026, 3, 2), 20, "tablet");
  PatientFacts kai = patient_on(Drug::riluzole, "tablet", ymd(2026, 3, 3));
  kai.patient.id = 2;
  kai.patient.tz = "Pacific/Kiritimati";
  kai.zone = *find_zone("Pacific/Kiritimati");
  dispensed(kai, Drug::riluzole, ymd(2026, 3, 3), 18, "tablet");
  const Instant now = Instant{ymd(2026, 3, 5)} + std::chrono::hours{12};
  const auto list = supplies_running_out({una, kai}, now, std::nullopt, 7);
  REQUIRE(list.size() == 2);
  CHECK(list[0].patient.id == 2);
  CHECK(list[0].on == ymd(2026, 3, 6));
  CHECK(list[0].status.runs_out_on == ymd(2026, 3, 12));
  CHECK(list[1].patient.id == 1);
  CHECK(list[1].on == ymd(2026, 3, 5));
  CHECK(list[1].status.runs_out_on == ymd(2026, 3, 12));
  CHECK(supplies_running_out({una, kai}, now, std::nullopt, 6).size() == 1);  // Una's 7 days: not within 6
}
