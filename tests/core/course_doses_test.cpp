// Doses against the course's rules (issue 13): a riluzole dose is missed once the next dose's time has come,
// a doubled dose raises an alert, and edaravone deviations are counted per cycle. Days and times by hand.
#include <catch2/catch.hpp>

#include "alsmeds/adherence/adherence.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;

namespace {

Instant utc(const char* iso) {
  return *parse_instant(iso, *find_zone("UTC"));
}

PatientFacts patient(Drug drug, Day start) {
  PatientFacts f;
  f.patient.id = 1;
  f.patient.tz = "UTC";
  f.zone = *find_zone("UTC");
  Therapy t;
  t.id = 10;
  t.patient_id = 1;
  t.drug = drug;
  t.product = drug == Drug::riluzole ? Product::riluzole_tablet : Product::edaravone_iv;
  t.start = start;
  f.therapies.push_back(t);
  return f;
}

RecordId next_id = 500;

void take(PatientFacts& f, Drug drug, const char* at, std::string key) {
  LogEntry e;
  e.id = ++next_id;
  e.patient_id = 1;
  e.kind = LogKind::dose;
  e.drug = drug;
  e.status = DoseStatus::taken;
  e.at = utc(at);
  e.planned_key = std::move(key);
  f.log.push_back(e);
}

const DueItem* item(const std::vector<DueItem>& items, const std::string& key) {
  for (const DueItem& i : items)
    if (i.planned_key == key) return &i;
  return nullptr;
}

}  // namespace

TEST_CASE("Riluzole at 19:54: the 08:00 dose is missed, not due, at 16:59 it is still due") {
  PatientFacts f = patient(Drug::riluzole, ymd(2026, 3, 1));
  const Day day = ymd(2026, 3, 8);
  // The next dose is 20:00; its timing window opens at 17:00.
  auto items = due_items(f, day, utc("2026-03-08T16:59:00Z"));
  REQUIRE(item(items, "riluzole:10:2026-03-08:1"));
  CHECK(item(items, "riluzole:10:2026-03-08:1")->status == DueStatus::due);
  items = due_items(f, day, utc("2026-03-08T19:54:00Z"));
  REQUIRE(item(items, "riluzole:10:2026-03-08:1"));
  CHECK(item(items, "riluzole:10:2026-03-08:1")->status == DueStatus::overdue);
  CHECK_THAT(item(items, "riluzole:10:2026-03-08:1")->detail,
             Catch::Contains("missed") && Catch::Contains("never double") && Catch::Contains("17:00"));
  CHECK(item(items, "riluzole:10:2026-03-08:2")->status == DueStatus::due);
  // The evening dose is missed from 05:00 the next morning (08:00 - 3 h).
  CHECK(riluzole_missed_from(f.therapies[0].times, f.zone, day, 1) == utc("2026-03-09T05:00:00Z"));
  // Without an instant (a whole day asked for), both stay due.
  items = due_items(f, day);
  CHECK(item(items, "riluzole:10:2026-03-08:1")->status == DueStatus::due);
}

TEST_CASE("Two riluzole doses 20 min apart raise an alert and a deviation, one 12 h apart none") {
  PatientFacts f = patient(Drug::riluzole, ymd(2026, 3, 1));
  take(f, Drug::riluzole, "2026-03-08T08:00:00Z", "riluzole:10:2026-03-08:1");
  take(f, Drug::riluzole, "2026-03-08T19:30:00Z", "riluzole:10:2026-03-08:2");
  CHECK(alerts(f, ymd(2026, 3, 8)).empty());
  take(f, Drug::riluzole, "2026-03-08T19:50:00Z", "");
  const auto a = alerts(f, ymd(2026, 3, 8));
  REQUIRE(a.size() == 1u);
  CHECK_THAT(a[0].detail, Catch::Contains("20 min apart (19:30 and 19:50)"));
  const auto adh = dose_adherence(f, f.therapies[0], {ymd(2026, 3, 8), ymd(2026, 3, 8)});
  CHECK(adh.deviations.size() == 1u);
  CHECK(adh.taken == 2);
  CHECK(adh.correct_days == 0);  // three doses on a two-dose day
}

TEST_CASE("Edaravone deviations per cycle: a drug-free dose, two on one day, 11 in a 10-dose window") {
  // IV from Jan 5: cycle 1 Jan 5-18, drug-free Jan 19 - Feb 1; cycle 2 Feb 2-11 (window to Feb 15).
  PatientFacts f = patient(Drug::edaravone, ymd(2026, 1, 5));
  for (int d = 5; d <= 18; ++d) {
    const std::string day = (d < 10 ? "0" : "") + std::to_string(d);
    take(f, Drug::edaravone, ("2026-01-" + day + "T10:00:00Z").c_str(),
         "edaravone:10:c1:d" + std::to_string(d - 4));
  }
  take(f, Drug::edaravone, "2026-01-25T10:00:00Z", "");  // cycle 1's drug-free period
  for (int d = 2; d <= 11; ++d) {
    const std::string day = (d < 10 ? "0" : "") + std::to_string(d);
    take(f, Drug::edaravone, ("2026-02-" + day + "T10:00:00Z").c_str(),
         "edaravone:10:c2:d" + std::to_string(d - 1));
  }
  take(f, Drug::edaravone, "2026-02-03T15:00:00Z", "");  // a second dose on Feb 3
  const auto adh = dose_adherence(f, f.therapies[0], {ymd(2026, 1, 1), ymd(2026, 2, 28)});
  CHECK(adh.taking_pct() == Approx(100.0));
  REQUIRE(adh.cycles.size() == 2u);  // cycle 3 starts Mar 2, after the period
  CHECK(adh.cycles[0].deviations == 1);
  CHECK(adh.cycles[1].deviations == 2);  // two on Feb 3, and 11 in the window
  CHECK(adh.deviations.size() == 3u);
  CHECK(adh.start_delay_days() == 0);
}
