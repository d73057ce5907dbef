// log dose reads only what its rules need (issue 26, performance): every record but the riluzole doses
// recorded long before the new one (RecordStore::log_entries_beside_riluzole, log_for_dose). What the rules
// say must not change: these cases are the ones where an older record still matters, on both stores. The
// expected warnings follow from the rules by hand: a planned dose already recorded taken is said (never two
// under one planned dose), a corrected record is no longer current.
#include <algorithm>
#include <catch2/catch.hpp>

#include "alsmeds/patient_facts.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::TempFolder;

namespace {

const Actor kNurse{"nurse.kim", Instant{std::chrono::seconds{1'775'000'000}}};  // 2026-03-31

// 08:00 in Lisbon (UTC+0 in March until the 29th, UTC+1 after).
Instant morning(unsigned month, unsigned d) {
  const Day day{date::year{2026} / month / d};
  return Instant{date::sys_days{day.time_since_epoch()}} + std::chrono::hours{8};
}

struct Course {
  std::unique_ptr<RecordStore> store;
  RecordId patient = 0;
  RecordId therapy = 0;
};

Course riluzole_course(const TempFolder& folder) {
  Course c;
  c.store = std::move(open_record_store(test::location(folder.file("reach.db")))).value();
  NewPatient p;
  p.name = "Rita Reach";
  p.tz = "Europe/Lisbon";
  c.patient = *c.store->add_patient(p, kNurse);
  TherapyRequest start;
  start.therapy.drug = Drug::riluzole;
  start.therapy.product = Product::riluzole_tablet;
  start.therapy.start = Day{date::year{2026} / 1 / 5};
  auto f = std::move(load_facts(*c.store, *c.store->find_patient(c.patient))).value();
  auto started = start_therapy(*c.store, f, start, kNurse);
  INFO((started.ok() ? "" : started.error()));
  REQUIRE(started.ok());
  c.therapy = c.store->therapies(c.patient).back().id;
  return c;
}

// Logs `d` as the command line does: the facts without the log, then the log the dose's rules need.
Result<ActionOutcome> log_as_cli(Course& c, const DoseRequest& d, const Actor& actor = kNurse) {
  PatientFacts f = std::move(load_facts(*c.store, *c.store->find_patient(c.patient), false)).value();
  f.log = log_for_dose(*c.store, c.patient, d);
  return log_dose(*c.store, f, d, actor);
}

bool says(const ActionOutcome& o, const std::string& words) {
  return std::any_of(o.warnings.begin(), o.warnings.end(),
                     [&](const std::string& w) { return w.find(words) != std::string::npos; });
}

}  // namespace

TEST_CASE("log dose: a planned riluzole dose recorded late weeks ago is still found already taken") {
  TempFolder folder;
  Course c = riluzole_course(folder);
  const std::string key =
      "riluzole:" + std::to_string(c.therapy) + ":2026-03-01:1";  // the 08:00 dose of 1 March
  DoseRequest first;
  first.drug = Drug::riluzole;
  first.at = morning(3, 5);  // recorded taken late, on 5 March
  first.planned_key = key;
  first.outside_window = true;
  auto one = log_as_cli(c, first);
  INFO((one.ok() ? "" : one.error()));
  REQUIRE(one.ok());

  DoseRequest again = first;
  again.at = morning(3, 20);  // the same planned dose, fifteen days later
  const Actor later{"nurse.kim", kNurse.now + std::chrono::hours{1}};  // not a second press of the first
  auto two = log_as_cli(c, again, later);
  INFO((two.ok() ? "" : two.error()));
  REQUIRE(two.ok());
  CHECK(says(*two, "this planned dose (" + key + ") was already recorded taken (record " +
                       std::to_string(one->id) + ")"));
}

TEST_CASE("log dose: a dose corrected to an earlier day is not current where it was first recorded") {
  TempFolder folder;
  Course c = riluzole_course(folder);
  DoseRequest first;
  first.drug = Drug::riluzole;
  first.at = morning(3, 20);
  auto a = log_as_cli(c, first);
  REQUIRE(a.ok());
  // Recorded on the wrong day: it was taken on 10 March. The correction is the current record, far back.
  DoseRequest moved = first;
  moved.at = morning(3, 10);
  moved.corrects = a->id;
  moved.note = "taken on the 10th, typed on the wrong day";
  auto b = log_as_cli(c, moved);
  INFO((b.ok() ? "" : b.error()));
  REQUIRE(b.ok());

  // The 20 March dose recorded now is the only one of that day: no repeat of the corrected record.
  DoseRequest today = first;
  today.at = morning(3, 20) + std::chrono::minutes{5};
  auto n = log_as_cli(c, today);
  INFO((n.ok() ? "" : n.error()));
  REQUIRE(n.ok());
  for (const std::string& w : n->warnings) INFO(w);
  CHECK_FALSE(says(*n, "record " + std::to_string(a->id)));
  CHECK_FALSE(says(*n, "already recorded taken"));
  CHECK_FALSE(says(*n, "doubled dose"));
}

TEST_CASE(
    "The log beside the riluzole doses: older riluzole doses left out, every other record and correction "
    "in") {
  TempFolder folder;
  Course c = riluzole_course(folder);
  DoseRequest d;
  d.drug = Drug::riluzole;
  std::vector<RecordId> ids;
  for (unsigned day : {2u, 9u, 16u, 23u}) {
    d.at = morning(3, day);
    ids.push_back(log_as_cli(c, d)->id);
  }
  DoseRequest fix = d;  // the 2 March dose corrected to missed: a correction of an old dose
  fix.at = morning(3, 2);
  fix.status = DoseStatus::missed;
  fix.corrects = ids[0];
  fix.note = "not taken after all";
  const RecordId correction = log_as_cli(c, fix)->id;
  LabRequest alt;
  alt.test = "ALT";
  alt.value = 30;
  alt.uln = 40;
  alt.day = Day{date::year{2026} / 1 / 20};
  auto f = std::move(load_facts(*c.store, *c.store->find_patient(c.patient))).value();
  const RecordId lab = log_lab(*c.store, f, alt, kNurse)->id;

  const auto beside = c.store->log_entries_beside_riluzole(c.patient, morning(3, 10));
  std::vector<RecordId> got;
  for (const LogEntry& e : beside) got.push_back(e.id);
  // Newest first: 23 March, 16 March, the correction (2 March), the lab (20 January). The 2 and 9 March doses
  // are older than the 10th and correct nothing.
  CHECK(got == std::vector<RecordId>{ids[3], ids[2], correction, lab});
}

TEST_CASE(
    "log dose: one repeated riluzole dose is one warning naming the earlier record with all it repeats") {
  TempFolder folder;
  Course c = riluzole_course(folder);
  // The 08:00 dose of 10 March taken at 08:20, then recorded again an hour later as taken at 08:05: the same
  // planned dose (recorded as an extra dose) and 15 minutes apart (a doubled dose: under 6 hours). Three
  // findings of one earlier record, said once (three warnings for one repeat before).
  DoseRequest first;
  first.drug = Drug::riluzole;
  first.at = morning(3, 10) + std::chrono::minutes{20};
  auto one = log_as_cli(c, first);
  INFO((one.ok() ? "" : one.error()));
  REQUIRE(one.ok());
  DoseRequest again = first;
  again.at = morning(3, 10) + std::chrono::minutes{5};
  const Actor later{"nurse.kim", kNurse.now + std::chrono::hours{1}};  // not a second press of the first
  auto two = log_as_cli(c, again, later);
  INFO((two.ok() ? "" : two.error()));
  REQUIRE(two.ok());
  const std::string record = "(record " + std::to_string(one->id) + ")";
  std::vector<std::string> naming;
  for (const std::string& w : two->warnings) {
    INFO(w);
    if (w.find("record " + std::to_string(one->id)) != std::string::npos) naming.push_back(w);
  }
  REQUIRE(naming.size() == 1);
  CHECK_THAT(naming.front(),
             Catch::Contains("was already recorded taken " + record) &&
                 Catch::Contains("recorded as an extra dose") &&
                 Catch::Contains("doubled dose: riluzole was already taken at 08:20 " + record) &&
                 Catch::Contains("15 min from this one") &&
                 Catch::Contains("an alert is raised for the prescriber"));
}
