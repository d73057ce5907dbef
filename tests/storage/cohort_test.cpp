// The cohort path of the adherence report (one pass over the log, compact dose records, two threads) gives
// exactly what the per-patient path gives, which reads each patient's whole log.
#include <catch2/catch.hpp>

#include "alsmeds/adherence_report.hpp"
#include "alsmeds/demo_data.hpp"
#include "alsmeds/record_store.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::TempFolder;
using alsmeds::test::test_actor;

TEST_CASE("Cohort adherence rows equal the per-patient rows, corrections included") {
  TempFolder dir;
  auto store = std::move(open_record_store(dir.file("c.db"))).value();
  DemoRequest demo;
  demo.patients = 15;
  demo.today = Day{date::year{2026} / 6 / 1};
  REQUIRE(fill_demo_data(*store, demo, test_actor(), nullptr).ok());

  // Correct one taken dose of patient 1 into a missed one: the corrected record must not count as taken.
  const auto log = store->log_entries(1);
  const auto taken = std::find_if(log.begin(), log.end(), [](const LogEntry& e) {
    return e.kind == LogKind::dose && e.status == DoseStatus::taken && e.drug == Drug::riluzole &&
           e.at > Instant{Day{date::year{2026} / 3 / 1}};
  });
  REQUIRE(taken != log.end());
  LogEntry fix = *taken;
  fix.status = DoseStatus::missed;
  fix.supersedes = taken->id;
  REQUIRE(store->append_log(fix, test_actor()).ok());

  const Period period{Day{date::year{2026} / 3 / 1}, Day{date::year{2026} / 5 / 31}};
  std::vector<PatientFacts> bare;
  std::vector<AdherenceRow> expected;
  for (const Patient& p : store->patients()) {
    PatientFacts f;
    f.patient = p;
    f.zone = *find_zone(p.tz);
    f.therapies = store->therapies(p.id);
    f.closed = store->closed_days(p.id);
    bare.push_back(f);
    f.log = store->log_entries(p.id);
    auto rows = adherence_rows(f, period);
    expected.insert(expected.end(), rows.begin(), rows.end());
  }
  const auto got = cohort_adherence_rows(
      bare, store->cohort_log(Instant{period.from - date::days{1}}, Instant{period.to + date::days{2}}),
      period);
  REQUIRE(got.size() == expected.size());
  REQUIRE(got.size() >= 15u);
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("row " << i << ", patient " << got[i].patient.id);
    CHECK(got[i].patient.id == expected[i].patient.id);
    CHECK(got[i].drug == expected[i].drug);
    CHECK(got[i].doses.scheduled == expected[i].doses.scheduled);
    CHECK(got[i].doses.taken == expected[i].doses.taken);
    CHECK(got[i].doses.on_time == expected[i].doses.on_time);
    CHECK(got[i].doses.correct_days == expected[i].doses.correct_days);
    CHECK(got[i].doses.longest_missed_run == expected[i].doses.longest_missed_run);
    CHECK(got[i].doses.cycles.size() == expected[i].doses.cycles.size());
    CHECK(got[i].refills.pdc_pct == expected[i].refills.pdc_pct);
    CHECK(got[i].open_alerts == expected[i].open_alerts);
    CHECK(got[i].last_alt_x_uln == expected[i].last_alt_x_uln);
  }
  // The correction is seen: patient 1's riluzole row counts one taken dose fewer than the log before it.
  const auto cohort = store->cohort_log(Instant{period.from}, Instant{period.to});
  CHECK(std::none_of(cohort.doses.begin(), cohort.doses.end(), [&](const DoseRecord& d) {
    return d.patient_id == 1 && d.at == taken->at && d.status == DoseStatus::taken;
  }));
}
