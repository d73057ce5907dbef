// The cohort path of the adherence report (one pass over the log, compact dose records, two threads) gives
// exactly what the per-patient path gives, which reads each patient's whole log.
#include <algorithm>
#include <catch2/catch.hpp>
#include <tuple>

#include "alsmeds/adherence/adherence_report.hpp"
#include "alsmeds/demo/demo_data.hpp"
#include "alsmeds/patient_facts.hpp"
#include "alsmeds/pharmacy/supply.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::TempFolder;
using alsmeds::test::test_actor;

TEST_CASE("Cohort adherence rows equal the per-patient rows, corrections included") {
  TempFolder dir;
  auto store = alsmeds::test::open_store(dir.file("c.db"));
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

TEST_CASE("Cohort facts equal each patient's facts, with shifts, stops and closed days") {
  TempFolder dir;
  auto store = alsmeds::test::open_store(dir.file("f.db"));
  DemoRequest demo;
  demo.patients = 6;
  demo.today = Day{date::year{2026} / 6 / 1};
  REQUIRE(fill_demo_data(*store, demo, test_actor(), nullptr).ok());
  // A clinic closure, a closure of patient 2 only, and a shift of a cycle of every edaravone therapy.
  REQUIRE(store->add_closed_day({std::nullopt, Day{date::year{2026} / 7 / 3}, "clinic"}, test_actor()).ok());
  REQUIRE(store->add_closed_day({RecordId{2}, Day{date::year{2026} / 7 / 1}, "away"}, test_actor()).ok());
  int shifted = 0;
  for (const Patient& p : store->patients())
    for (const Therapy& t : store->therapies(p.id))
      if (t.drug == Drug::edaravone && !t.stop) {
        REQUIRE(store
                    ->shift_cycle(t.id, CycleShift{2, 3, Reflow::shift_all_later, std::nullopt}, "chair",
                                  test_actor())
                    .ok());
        ++shifted;
      }
  REQUIRE(shifted > 0);

  const std::size_t clinic_closures = store->closed_days(std::nullopt).size();  // the demo's and ours
  REQUIRE(clinic_closures >= 1u);
  const auto patients = store->patients();
  auto cohort = load_cohort_facts(*store, patients);
  REQUIRE(cohort.ok());
  REQUIRE(cohort->size() == patients.size());
  for (std::size_t i = 0; i < patients.size(); ++i) {
    auto one = load_facts(*store, patients[i], false);
    REQUIRE(one.ok());
    const PatientFacts& got = (*cohort)[i];
    INFO("patient " << patients[i].id);
    CHECK(got.patient.id == patients[i].id);
    CHECK(got.zone == one->zone);
    REQUIRE(got.therapies.size() == one->therapies.size());
    for (std::size_t t = 0; t < got.therapies.size(); ++t) {
      CHECK(got.therapies[t].id == one->therapies[t].id);
      CHECK(got.therapies[t].stop == one->therapies[t].stop);
      REQUIRE(got.therapies[t].adjustments.size() == one->therapies[t].adjustments.size());
      for (std::size_t a = 0; a < got.therapies[t].adjustments.size(); ++a)
        CHECK(got.therapies[t].adjustments[a].id == one->therapies[t].adjustments[a].id);
    }
    REQUIRE(got.closed.size() == one->closed.size());
    for (std::size_t c = 0; c < got.closed.size(); ++c) {
      CHECK(got.closed[c].day == one->closed[c].day);
      CHECK(got.closed[c].patient_id == one->closed[c].patient_id);
    }
    CHECK(got.closed.size() == clinic_closures + (patients[i].id == 2 ? 1u : 0u));
  }
}

TEST_CASE(
    "The whole clinic's due list (one pass over the log) equals each patient's due list from the whole log") {
  TempFolder dir;
  auto store = alsmeds::test::open_store(dir.file("d.db"));
  DemoRequest demo;
  demo.patients = 24;
  demo.today = Day{date::year{2026} / 6 / 1};
  REQUIRE(fill_demo_data(*store, demo, test_actor(), nullptr).ok());
  const auto patients = store->patients();
  // Days from the demo's last logged day to a week after, each patient's list compared item by item.
  for (int offset : {-10, -1, 0, 3, 8}) {
    const Day on = demo.today + date::days{offset};
    auto clinic = load_clinic_due_facts(*store, patients, on);
    REQUIRE(clinic.ok());
    REQUIRE(clinic->size() == patients.size());
    std::size_t items = 0;
    for (std::size_t i = 0; i < patients.size(); ++i) {
      const PatientFacts whole = std::move(load_facts(*store, patients[i])).value();
      const auto expected = due_items(whole, on);
      const auto got = due_items((*clinic)[i], on);
      INFO("patient " << patients[i].id << " on " << format_day(on));
      REQUIRE(got.size() == expected.size());
      for (std::size_t k = 0; k < got.size(); ++k) {
        CHECK(got[k].kind == expected[k].kind);
        CHECK(got[k].when == expected[k].when);
        CHECK(got[k].status == expected[k].status);
        CHECK(got[k].detail == expected[k].detail);
      }
      items += got.size();
    }
    CHECK(items > 0);
  }
}

TEST_CASE("The whole clinic's supply facts give each patient's refills and supply as the whole log does") {
  TempFolder dir;
  auto store = alsmeds::test::open_store(dir.file("s.db"));
  DemoRequest demo;
  demo.patients = 24;
  demo.today = Day{date::year{2026} / 6 / 1};
  REQUIRE(fill_demo_data(*store, demo, test_actor(), nullptr).ok());
  // Corrections, old and recent, the compact read of older doses must follow: patient 1's taken riluzole
  // doses of March made missed (the supply lasts longer), patient 2's missed ones of April made taken (it
  // runs out sooner), and patient 3's taken doses of the last two days made missed.
  const auto correct = [&](RecordId patient, DoseStatus from, DoseStatus to, Day first, Day last) {
    int n = 0;
    for (const LogEntry& e : store->log_entries(patient))
      if (e.kind == LogKind::dose && e.drug == Drug::riluzole && e.status == from && e.at >= Instant{first} &&
          e.at < Instant{last + date::days{1}}) {
        LogEntry fix = e;
        fix.status = to;
        fix.supersedes = e.id;
        REQUIRE(store->append_log(fix, test_actor()).ok());
        ++n;
      }
    return n;
  };
  CHECK(correct(1, DoseStatus::taken, DoseStatus::missed, Day{date::year{2026} / 3 / 1},
                Day{date::year{2026} / 3 / 31}) > 40);
  CHECK(correct(2, DoseStatus::missed, DoseStatus::taken, Day{date::year{2026} / 4 / 1},
                Day{date::year{2026} / 4 / 30}) > 0);
  CHECK(correct(3, DoseStatus::taken, DoseStatus::missed, demo.today - date::days{2}, demo.today) > 0);
  const auto patients = store->patients();
  std::size_t refills = 0, supplies = 0;
  for (int offset : {-40, -10, 0, 5, 12, 30}) {
    const Day on = demo.today + date::days{offset};
    auto clinic = load_clinic_supply_facts(*store, patients, on);
    REQUIRE(clinic.ok());
    REQUIRE(clinic->patients.size() == patients.size());
    for (std::size_t i = 0; i < patients.size(); ++i) {
      const PatientFacts whole = std::move(load_facts(*store, patients[i])).value();
      INFO("patient " << patients[i].id << " on " << format_day(on));
      const auto expected = supply_status(whole, on);
      const auto got = supply_status(clinic->patients[i], clinic->doses[i], on);
      REQUIRE(got.size() == expected.size());
      for (std::size_t k = 0; k < got.size(); ++k) {
        CHECK(got[k].on_hand == expected[k].on_hand);
        CHECK(got[k].doses_left == expected[k].doses_left);
        CHECK(got[k].runs_out_on == expected[k].runs_out_on);
        CHECK(got[k].based_on == expected[k].based_on);
      }
      supplies += got.size();
      const auto expected_refills = refill_items(whole, on);
      const auto got_refills = refill_items(clinic->patients[i], clinic->doses[i], on);
      REQUIRE(got_refills.size() == expected_refills.size());
      for (std::size_t k = 0; k < got_refills.size(); ++k)
        CHECK(got_refills[k].detail == expected_refills[k].detail);
      refills += got_refills.size();
    }
  }
  CHECK(supplies > 0);
  CHECK(refills > 0);  // the comparison covered refill items, not only their absence
}

TEST_CASE("The report's supply columns count every dose taken since the dispensing, before the period too") {
  TempFolder dir;
  auto store = alsmeds::test::open_store(dir.file("r.db"));
  const Actor nurse{"nurse.kim", Instant{Day{date::year{2026} / 2 / 20}}};
  std::vector<RecordId> ids;
  for (const char* name : {"Ada Supply", "Ben Supply"}) {
    NewPatient p;
    p.name = name;
    p.tz = "UTC";
    ids.push_back(std::move(store->add_patient(p, nurse)).value());
    NewTherapy t;
    t.patient_id = ids.back();
    t.drug = Drug::riluzole;
    t.product = Product::riluzole_tablet;
    t.start = Day{date::year{2026} / 1 / 1};
    REQUIRE(store->start_therapy(t, nurse).ok());
    LogEntry fill;
    fill.patient_id = ids.back();
    fill.kind = LogKind::dispensing;
    fill.drug = Drug::riluzole;
    fill.day = t.start;
    fill.at = Instant{t.start};
    fill.days_supply = 60;
    fill.quantity = 120;
    fill.unit = "tablet";
    fill.product = "tablet";
    REQUIRE(store->append_log(fill, nurse).ok());
    // Both doses taken every day from January 1 to February 9: 40 days, 80 tablets.
    for (Day d = t.start; d <= Day{date::year{2026} / 2 / 9}; d += date::days{1})
      for (int hour : {8, 20}) {
        LogEntry dose;
        dose.patient_id = ids.back();
        dose.kind = LogKind::dose;
        dose.drug = Drug::riluzole;
        dose.status = DoseStatus::taken;
        dose.at = Instant{d} + std::chrono::hours{hour};
        REQUIRE(store->append_log(dose, nurse).ok());
      }
  }
  // A report over February 1-9 only: 120 - 80 = 40 tablets at its end, 20 days, so the supply runs out on
  // March 2 (the first day without a tablet for its 08:00 dose).
  const Period period{Day{date::year{2026} / 2 / 1}, Day{date::year{2026} / 2 / 9}};
  const auto one = report_adherence_rows(*store, {*store->find_patient(ids[0])}, period);
  const auto all = report_adherence_rows(*store, store->patients(), period);
  REQUIRE(one.ok());
  REQUIRE(all.ok());
  REQUIRE(one->size() == 1);
  REQUIRE(all->size() == 2);
  for (const AdherenceRow& r : {one->front(), all->front(), all->back()}) {
    CHECK(r.supply_on_hand == "40 tablet");
    CHECK(r.supply_runs_out_on == Day{date::year{2026} / 3 / 2});
  }
}

TEST_CASE(
    "A taken dose withdrawn (the app's Undo) is stored with no status and counts as no dose, both paths") {
  TempFolder dir;
  auto store = alsmeds::test::open_store(dir.file("w.db"));
  DemoRequest demo;
  demo.patients = 3;
  demo.today = Day{date::year{2026} / 6 / 1};
  REQUIRE(fill_demo_data(*store, demo, test_actor(), nullptr).ok());
  const Period period{Day{date::year{2026} / 3 / 1}, Day{date::year{2026} / 5 / 31}};
  const Patient first = store->patients().front();
  const auto riluzole_taken = [&] {
    auto facts = load_facts(*store, first);
    REQUIRE(facts);
    for (const AdherenceRow& r : adherence_rows(*facts, period))
      if (r.drug == Drug::riluzole) return r.doses.taken;
    FAIL("the first patient has no riluzole row");
    return -1;
  };
  const int before = riluzole_taken();
  const auto log = store->log_entries(first.id);
  const auto taken = std::find_if(log.begin(), log.end(), [](const LogEntry& e) {
    return e.kind == LogKind::dose && e.status == DoseStatus::taken && e.drug == Drug::riluzole &&
           e.at > Instant{Day{date::year{2026} / 3 / 1}} && e.at < Instant{Day{date::year{2026} / 5 / 1}};
  });
  REQUIRE(taken != log.end());
  auto facts = load_facts(*store, first);
  REQUIRE(facts);
  auto withdrawn = withdraw_dose(*store, *facts, taken->id, "pressed by mistake", test_actor());
  REQUIRE(withdrawn);

  const auto after = store->log_entries(first.id);
  CHECK(after.size() == log.size() + 1);  // added, nothing removed
  const auto stored =
      std::find_if(after.begin(), after.end(), [&](const LogEntry& e) { return e.id == withdrawn->id; });
  REQUIRE(stored != after.end());
  CHECK_FALSE(stored->status.has_value());
  CHECK(stored->supersedes == taken->id);
  CHECK(stored->drug == Drug::riluzole);
  CHECK(stored->at == taken->at);
  CHECK(describe(*stored).find("withdrawn") != std::string::npos);
  CHECK(riluzole_taken() == before - 1);  // the per-patient path
  const auto cohort = store->cohort_log(Instant{period.from}, Instant{period.to});
  CHECK(std::none_of(cohort.doses.begin(), cohort.doses.end(),
                     [&](const DoseRecord& d) { return d.patient_id == first.id && d.at == taken->at; }));
}

TEST_CASE(
    "The cohort read gives the records in the order of their ids, whatever order the table holds them in") {
  // On the server the table's own order is not always the ids' (an insert may fill space left on an earlier
  // page): here 200 doses and 50 other records are stored last id first, behind the store's back.
  TempFolder dir;
  const std::string path = dir.file("o.db");
  auto store = alsmeds::test::open_store(path);
  for (const char* zone : {"UTC", "Asia/Kolkata"}) {
    NewPatient p;
    p.name = std::string("Order ") + zone;
    p.tz = zone;
    REQUIRE(store->add_patient(p, test_actor()).ok());
  }
  const std::int64_t base = 1'767'225'600;  // 2026-01-01 00:00 UTC
  const std::string b = std::to_string(base);
  // Doses 1200 down to 1001, six hours apart by id, patients 1 and 2 in turn; every seventh edaravone, every
  // fifth missed, every third answering a planned dose.
  REQUIRE(alsmeds::test::raw_exec(
              path, ("WITH RECURSIVE n(i) AS (SELECT 1200 UNION ALL SELECT i - 1 FROM n WHERE i > 1001) "
                     "INSERT INTO log_entries (id, patient_id, kind, at, drug, status, planned_key, note, "
                     "recorded_by, recorded_at) SELECT i, 1 + i % 2, 'dose', " +
                     b +
                     " + (i - 1000) * 21600, CASE WHEN i % 7 = 0 THEN 'edaravone' ELSE 'riluzole' END, "
                     "CASE WHEN i % 5 = 0 THEN 'missed' ELSE 'taken' END, CASE WHEN i % 3 = 0 THEN "
                     "'riluzole:3:2026-01-05:2' ELSE '' END, '', 'raw', " +
                     b + " FROM n")
                        .c_str()) == 0);
  // Labs, weights and side effects 2050 down to 2001, two by two at the same instant.
  REQUIRE(alsmeds::test::raw_exec(
              path, ("WITH RECURSIVE n(i) AS (SELECT 2050 UNION ALL SELECT i - 1 FROM n WHERE i > 2001) "
                     "INSERT INTO log_entries (id, patient_id, kind, at, day, test, value, uln, term, grade, "
                     "note, recorded_by, recorded_at) SELECT i, 1 + (i / 10) % 2, CASE i % 3 WHEN 0 THEN "
                     "'lab' WHEN 1 THEN 'weight' ELSE 'effect' END, " +
                     b +
                     " + (i / 2) * 3600, 20454 + i / 40, CASE WHEN i % 3 = 0 THEN 'ALT' END, 60 + i % 4, "
                     "CASE WHEN i % 3 = 0 THEN 40 END, CASE WHEN i % 3 = 2 THEN 'nausea' END, CASE WHEN "
                     "i % 3 = 2 THEN 2 END, '', 'raw', " +
                     b + " FROM n")
                        .c_str()) == 0);
  // Corrections through the store: a dose taken (record 1102, patient 1) was missed; a lab value (2010,
  // patient 2) is corrected.
  auto dose = store->find_log_entry(1102);
  REQUIRE(dose);
  REQUIRE(dose->status == DoseStatus::taken);
  LogEntry fix = *dose;
  fix.status = DoseStatus::missed;
  fix.supersedes = dose->id;
  REQUIRE(store->append_log(fix, test_actor()).ok());
  auto lab = store->find_log_entry(2010);
  REQUIRE(lab);
  REQUIRE(lab->kind == LogKind::lab);
  LogEntry lab_fix = *lab;
  lab_fix.value = 99;
  lab_fix.supersedes = lab->id;
  REQUIRE(store->append_log(lab_fix, test_actor()).ok());

  // The expected read: every record in the order of the ids, sorted as cohort_log_of does it; the other
  // records by patient, kind, time and id (SQLite's index).
  std::vector<LogEntry> all;
  for (RecordId p : {1, 2})
    for (const LogEntry& e : store->log_entries(p)) all.push_back(e);
  std::sort(all.begin(), all.end(), [](const LogEntry& x, const LogEntry& y) { return x.id < y.id; });
  const Instant from{std::chrono::seconds{base + 60 * 21600}}, to{std::chrono::seconds{base + 160 * 21600}};
  const Instant taken_from{std::chrono::seconds{base + 20 * 21600}};
  CohortLog expected = cohort_log_of(all, from, to, taken_from);
  std::sort(expected.other.begin(), expected.other.end(), [](const LogEntry& x, const LogEntry& y) {
    return std::tuple{x.patient_id, to_string(x.kind), x.at, x.id} <
           std::tuple{y.patient_id, to_string(y.kind), y.at, y.id};
  });
  const CohortLog got = store->cohort_log(from, to, taken_from);

  REQUIRE(expected.doses.size() > 100u);
  REQUIRE(expected.earlier_doses.size() > 20u);
  REQUIRE(expected.other.size() == 50u);  // 49 raw records and the lab's correction
  REQUIRE(got.doses.size() == expected.doses.size());
  for (std::size_t i = 0; i < got.doses.size(); ++i) {
    INFO("dose " << i);
    CHECK(got.doses[i].patient_id == expected.doses[i].patient_id);
    CHECK(got.doses[i].at == expected.doses[i].at);
    CHECK(got.doses[i].drug == expected.doses[i].drug);
    CHECK(got.doses[i].status == expected.doses[i].status);
    CHECK(got.doses[i].planned == expected.doses[i].planned);
  }
  REQUIRE(got.earlier_doses.size() == expected.earlier_doses.size());
  for (std::size_t i = 0; i < got.earlier_doses.size(); ++i) {
    INFO("earlier dose " << i);
    CHECK(got.earlier_doses[i].patient_id == expected.earlier_doses[i].patient_id);
    CHECK(got.earlier_doses[i].at == expected.earlier_doses[i].at);
    CHECK(got.earlier_doses[i].drug == expected.earlier_doses[i].drug);
    CHECK(got.earlier_doses[i].status == expected.earlier_doses[i].status);
    CHECK(got.earlier_doses[i].planned == expected.earlier_doses[i].planned);
  }
  REQUIRE(got.other.size() == expected.other.size());
  for (std::size_t i = 0; i < got.other.size(); ++i) {
    INFO("other record " << i);
    CHECK(got.other[i].id == expected.other[i].id);
    CHECK(got.other[i].value == expected.other[i].value);
    CHECK(got.other[i].day == expected.other[i].day);
    CHECK(got.other[i].grade == expected.other[i].grade);
    CHECK(got.other[i].term == expected.other[i].term);
  }
  // The corrected dose is read as missed only.
  CHECK(std::none_of(got.doses.begin(), got.doses.end(), [&](const DoseRecord& d) {
    return d.patient_id == 1 && d.at == dose->at && d.status == DoseStatus::taken;
  }));
}
