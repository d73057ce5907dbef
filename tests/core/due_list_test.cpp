// The due list on hand-built facts. Dates and thresholds worked from docs/domain.md.
#include "alsmeds/schedule/due_list.hpp"

#include <catch2/catch.hpp>

#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;

namespace {

PatientFacts riluzole_patient(Day start) {
  PatientFacts f;
  f.patient.id = 1;
  f.patient.name = "Test";
  f.patient.tz = "Europe/Paris";
  f.zone = *find_zone("Europe/Paris");
  Therapy t;
  t.id = 10;
  t.patient_id = 1;
  t.drug = Drug::riluzole;
  t.product = Product::riluzole_tablet;
  t.start = start;
  f.therapies.push_back(t);
  return f;
}

RecordId next_id = 100;

LogEntry taken(const PatientFacts& f, Day day, int slot) {
  LogEntry e;
  e.id = ++next_id;
  e.patient_id = 1;
  e.kind = LogKind::dose;
  e.drug = Drug::riluzole;
  e.status = DoseStatus::taken;
  e.at = resolve_local_time(f.zone, date::local_seconds{date::local_days{day.time_since_epoch()}} +
                                        std::chrono::hours{slot == 1 ? 8 : 20})
             .instant;
  e.planned_key = "riluzole:10:" + format_day(day) + ":" + std::to_string(slot);
  return e;
}

LogEntry lab(Day day, double value, double uln = 40) {
  LogEntry e;
  e.id = ++next_id;
  e.kind = LogKind::lab;
  e.test = "ALT";
  e.value = value;
  e.uln = uln;
  e.day = day;
  e.at = Instant{day};
  return e;
}

LogEntry weight(Day day, double kg) {
  LogEntry e;
  e.id = ++next_id;
  e.kind = LogKind::weight;
  e.value = kg;
  e.day = day;
  e.at = Instant{day};
  return e;
}

std::vector<DueItem> with_status(const std::vector<DueItem>& items, DueStatus s, const std::string& kind) {
  std::vector<DueItem> out;
  for (const auto& i : items)
    if (i.status == s && i.kind == kind) out.push_back(i);
  return out;
}

bool has_alert(const std::vector<DueItem>& items, const std::string& words) {
  for (const auto& i : items)
    if (i.status == DueStatus::alert && i.detail.find(words) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("Riluzole: today's two doses are due, an unlogged dose this week is overdue") {
  PatientFacts f = riluzole_patient(ymd(2026, 3, 1));
  for (Day d = ymd(2026, 3, 1); d < ymd(2026, 3, 10); d += date::days{1})
    for (int slot : {1, 2})
      if (!(d == ymd(2026, 3, 8) && slot == 2)) f.log.push_back(taken(f, d, slot));
  f.log.push_back(lab(ymd(2026, 2, 27), 20));
  const auto items = due_items(f, ymd(2026, 3, 10));
  const auto due = with_status(items, DueStatus::due, "dose");
  REQUIRE(due.size() == 2u);
  CHECK(due[0].when == "2026-03-10T08:00:00+01:00");
  const auto overdue = with_status(items, DueStatus::overdue, "dose");
  REQUIRE(overdue.size() == 1u);
  CHECK(overdue[0].when == "2026-03-08T20:00:00+01:00");
  // Baseline ALT on 27 Feb is done; month-1 (1 Apr) is more than 14 days away: nothing listed.
  CHECK(with_status(items, DueStatus::overdue, "lft").empty());
  CHECK(with_status(items, DueStatus::coming, "lft").empty());
}

TEST_CASE("Liver tests: missing baseline is overdue, month-1 is coming within 14 days") {
  PatientFacts f = riluzole_patient(ymd(2026, 3, 1));
  const auto items = due_items(f, ymd(2026, 3, 20));
  const auto overdue = with_status(items, DueStatus::overdue, "lft");
  REQUIRE(overdue.size() == 1u);
  CHECK(overdue[0].when == "2026-03-01");
  const auto coming = with_status(items, DueStatus::coming, "lft");
  REQUIRE(coming.size() == 1u);
  CHECK(coming[0].when == "2026-04-01");
}

TEST_CASE("ALT above 3x ULN: warning alert and an early re-test due 14 days later") {
  PatientFacts f = riluzole_patient(ymd(2026, 1, 1));
  f.log = {lab(ymd(2025, 12, 30), 20), lab(ymd(2026, 2, 2), 130)};
  const auto items = due_items(f, ymd(2026, 2, 10));
  CHECK(has_alert(items, "above 3x ULN"));
  bool retest = false;
  for (const auto& i : items)
    if (i.kind == "lft" && i.when == "2026-02-16" && i.detail.find("early") != std::string::npos)
      retest = true;
  CHECK(retest);
  f.log.push_back(lab(ymd(2026, 2, 9), 210));
  CHECK(has_alert(due_items(f, ymd(2026, 2, 10)), "discontinue"));
}

TEST_CASE("Baseline ALT above 3x ULN before the start: contraindication alert") {
  PatientFacts f = riluzole_patient(ymd(2026, 1, 10));
  f.log = {lab(ymd(2026, 1, 8), 130)};
  CHECK(has_alert(due_items(f, ymd(2026, 1, 9)), "contraindicated"));
}

TEST_CASE(
    "Weight loss: 5% prompts a nutrition review, 10% a stronger alert, a correction replaces a record") {
  PatientFacts f = riluzole_patient(ymd(2026, 1, 1));
  f.patient.baseline_weight_kg = 80;
  f.log = {weight(ymd(2026, 2, 1), 79)};
  CHECK_FALSE(has_alert(due_items(f, ymd(2026, 2, 2)), "weight down"));
  f.log.push_back(weight(ymd(2026, 3, 1), 75.5));  // 5.6% down
  CHECK(has_alert(due_items(f, ymd(2026, 3, 2)), "over 5%"));
  f.log.push_back(weight(ymd(2026, 4, 1), 71.9));  // 10.1% down
  CHECK(has_alert(due_items(f, ymd(2026, 4, 2)), "over 10%"));
  LogEntry fix = weight(ymd(2026, 4, 1), 79.5);  // the 71.9 was a typing error
  fix.supersedes = f.log.back().id;
  f.log.push_back(fix);
  CHECK_FALSE(has_alert(due_items(f, ymd(2026, 4, 2)), "weight down"));
}

TEST_CASE("Sulfite allergy with edaravone and fever on riluzole raise alerts") {
  PatientFacts f = riluzole_patient(ymd(2026, 1, 1));
  f.patient.sulfite_allergy = true;
  Therapy e;
  e.id = 11;
  e.drug = Drug::edaravone;
  e.product = Product::edaravone_iv;
  e.start = ymd(2026, 1, 5);
  f.therapies.push_back(e);
  LogEntry fever;
  fever.id = ++next_id;
  fever.kind = LogKind::effect;
  fever.term = "Fever";
  fever.grade = 2;
  fever.at = Instant{ymd(2026, 1, 20)} + std::chrono::hours{12};
  f.log.push_back(fever);
  const auto items = due_items(f, ymd(2026, 1, 21));
  CHECK(has_alert(items, "sulfite"));
  CHECK(has_alert(items, "white-cell count"));
  // Edaravone cycle 1 is daily: 21 Jan is day 17, drug-free, so no infusion is due that day.
  CHECK(with_status(items, DueStatus::due, "infusion").empty());
  const auto on_day = due_items(f, ymd(2026, 1, 10));
  REQUIRE(with_status(on_day, DueStatus::due, "infusion").size() == 1u);
}
