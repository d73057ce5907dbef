// The audit trail's words for every kind of write, on both stores: the SQLite store composes them in the
// program, the clinic server in its triggers (pg_audit_rows.cpp), from the row written. The expected words
// are written out by hand from the records below.
#include <catch2/catch.hpp>

#include "alsmeds/storage/record_store.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::TempFolder;

namespace {

Day day(int y, unsigned m, unsigned d) {
  return Day{date::year{y} / m / d};
}

struct Said {
  std::string action, entity, detail, previous;
  bool operator==(const Said& o) const {
    return action == o.action && entity == o.entity && detail == o.detail && previous == o.previous;
  }
};

std::ostream& operator<<(std::ostream& out, const Said& s) {
  return out << s.action << " | " << s.entity << " | " << s.detail << " | " << s.previous;
}

}  // namespace

TEST_CASE("Every write's audit row says what was written, in the same words on both stores") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("a.db"));
  const Actor kim{"nurse.kim", Instant{std::chrono::seconds{1'780'000'000}}};
  NewPatient p;
  p.name = "Ann O'Neil";
  p.tz = "America/New_York";
  p.mrn = "A-1";
  p.sulfite_allergy = true;
  const RecordId ann = *s->add_patient(p, kim);

  NewTherapy ril;
  ril.patient_id = ann;
  ril.start = day(2026, 3, 2);
  ril.confirmations = {"baseline ALT waived by Dr Ruiz: results from the referring clinic",
                       "film with a feeding tube: Dr Ruiz"};
  const RecordId ril_id = *s->start_therapy(ril, kim);
  NewTherapy eda;
  eda.patient_id = ann;
  eda.drug = Drug::edaravone;
  eda.product = Product::edaravone_iv;
  eda.start = day(2026, 3, 2);
  eda.policy = DayPolicy::weekdays;
  eda.dose_days = {{2, {1, 2, 3, 4, 5, 8, 9, 10, 11, 12}}, {3, {1, 2, 3, 6, 7, 8, 9, 10, 13, 14}}};
  const RecordId eda_id = *s->start_therapy(eda, kim);
  REQUIRE(
      s->shift_cycle(eda_id, CycleShift{2, 3, Reflow::only_this_cycle, day(2026, 4, 1)}, "chair closed", kim)
          .ok());
  REQUIRE(s->switch_product(eda_id, day(2026, 5, 1), Product::edaravone_oral, "no veins", kim).ok());
  REQUIRE(s->add_closed_day(ClosedDay{ann, day(2026, 3, 9), "away"}, kim).ok());

  LogEntry lab;
  lab.patient_id = ann;
  lab.kind = LogKind::lab;
  lab.day = day(2026, 3, 3);
  lab.at = Instant{*lab.day};
  lab.test = "ALT";
  lab.value = 199.5;
  lab.uln = 40;
  REQUIRE(s->append_log(lab, kim).ok());
  LogEntry weight = lab;
  weight.kind = LogKind::weight;
  weight.test.clear();
  weight.value = 71.25;
  weight.uln = 0;
  REQUIRE(s->append_log(weight, kim).ok());
  LogEntry effect;
  effect.patient_id = ann;
  effect.kind = LogKind::effect;
  effect.at = Instant{day(2026, 3, 4)} + std::chrono::hours{10};
  effect.term = "nausea";
  effect.grade = 2;
  effect.cycle = 1;
  effect.cycle_day = 3;
  REQUIRE(s->append_log(effect, kim).ok());
  LogEntry fill;
  fill.patient_id = ann;
  fill.kind = LogKind::dispensing;
  fill.drug = Drug::riluzole;
  fill.day = day(2026, 3, 2);
  fill.at = Instant{*fill.day};
  fill.days_supply = 30;
  fill.quantity = 60;
  fill.unit = "tablet";
  fill.product = "tablet";  // a pack of riluzole (docs/supply.md; schema 18 holds it)
  REQUIRE(s->append_log(fill, kim).ok());
  LogEntry dose = alsmeds::test::dose_entry(ann, Instant{day(2026, 3, 2)} + std::chrono::hours{13});
  dose.drug = Drug::edaravone;
  dose.planned_key = "edaravone:" + std::to_string(eda_id) + ":c1:d1";
  const RecordId dose_id = *s->append_log(dose, kim);
  LogEntry fixed = dose;
  fixed.status = DoseStatus::missed;
  fixed.supersedes = dose_id;
  fixed.note = "entered on the wrong day";
  REQUIRE(s->append_log(fixed, kim).ok());

  InfusionBooking b;
  b.patient_id = ann;
  b.planned_key = "edaravone:" + std::to_string(eda_id) + ":c1:d2";
  b.day = day(2026, 3, 3);
  b.chair = 2;
  b.start = WallClock{9 * 60 + 30};
  REQUIRE(s->book_infusion(b, kim).ok());
  b.chair = 3;
  b.start = WallClock{14 * 60};
  REQUIRE(s->book_infusion(b, kim).ok());
  REQUIRE(s->cancel_booking(b.planned_key, kim).ok());
  REQUIRE(s->acknowledge_alert(AlertAcknowledgment{0, ann, "alt:2026-03-03", "", {}, "seen"}, kim).ok());
  REQUIRE(s->add_pause({0, ril_id, day(2026, 5, 10), day(2026, 5, 16), "hospital stay", "", {}}, kim).ok());
  REQUIRE(s->add_pause({0, ril_id, day(2026, 5, 10), day(2026, 5, 13), "home early", "", {}}, kim).ok());
  REQUIRE(s->stop_therapy(ril_id, day(2026, 6, 1), "ALT 5x ULN", kim).ok());
  AlsfrsReport alsfrs;
  alsfrs.patient_id = ann;
  alsfrs.day = day(2026, 6, 5);
  alsfrs.items = {4, 4, 3, 4, 4, 4, 3, 3, 2, 4, 4, 4};
  const RecordId alsfrs_id = *s->add_alsfrs(alsfrs, kim);
  alsfrs.items[11] = 3;
  alsfrs.gastrostomy = true;
  alsfrs.supersedes = alsfrs_id;
  REQUIRE(s->add_alsfrs(alsfrs, kim).ok());
  PatientVersion moved;
  moved.patient_id = ann;
  moved.name = "Ann O'Neil";
  moved.tz = "America/Los_Angeles";
  moved.tz_from = day(2026, 6, 10);
  moved.born = day(1961, 2, 3);
  moved.feeding_tube = true;
  moved.reason = "moved to her daughter's";
  moved.onset = day(2025, 9, 1);
  REQUIRE(s->add_patient_version(moved, kim).ok());

  const std::string c1 = "edaravone:" + std::to_string(eda_id) + ":c1:";
  const std::vector<Said> expected{
      {"insert", "patient", "Ann O'Neil (America/New_York) MRN A-1, sulfite allergy", ""},
      {"insert", "therapy",
       "riluzole tablet from 2026-03-02 at 08:00,20:00; confirmed: baseline ALT waived by Dr Ruiz: results "
       "from the referring clinic; confirmed: film with a feeding tube: Dr Ruiz",
       ""},
      {"insert", "therapy",
       "edaravone iv from 2026-03-02, policy weekdays, dose days c2:1-5,8-12;c3:1-3,6-10,13-14 at "
       "08:00,20:00",
       ""},
      {"reflow", "therapy",
       "cycle 2 delayed 3 days (only-this-cycle), started: doses from 2026-04-01 move: chair closed", ""},
      {"switch", "therapy", "switched to oral from 2026-05-01: no veins", ""},
      {"insert", "closed-day", "2026-03-09 away", ""},
      {"insert", "lab", "ALT 199.5 U/L (ULN 40)", ""},
      {"insert", "weight", "71.25 kg", ""},
      {"insert", "effect", "nausea, grade 2, cycle 1 day 3", ""},
      {"insert", "dispensing", "30 days' supply: 60 tablet, product tablet", ""},
      {"insert", "dose", "taken (" + c1 + "d1)", ""},
      {"correct", "dose",
       "missed (" + c1 + "d1), corrects record " + std::to_string(dose_id) + "; entered on the wrong day",
       "supersedes record " + std::to_string(dose_id)},
      {"insert", "booking", c1 + "d2 on 2026-03-03 09:30, chair 2", ""},
      {"move", "booking", c1 + "d2 on 2026-03-03 14:00, chair 3", c1 + "d2 on 2026-03-03 09:30, chair 2"},
      {"cancel", "booking", "booking cancelled", c1 + "d2 on 2026-03-03 14:00, chair 3"},
      {"acknowledge", "alert", "alt:2026-03-03", ""},
      {"pause", "therapy", "paused 2026-05-10 to 2026-05-16: hospital stay", ""},
      {"resume", "therapy", "resumed 2026-05-14 (pause from 2026-05-10): home early", ""},
      {"stop", "therapy", "stopped 2026-06-01: ALT 5x ULN", "active"},
      {"insert", "alsfrs", "ALSFRS-R 2026-06-05: 4,4,3,4,4,4,3,3,2,4,4,4", ""},
      {"correct", "alsfrs",
       "ALSFRS-R 2026-06-05: 4,4,3,4,4,4,3,3,2,4,4,3 (5b), corrects report " + std::to_string(alsfrs_id),
       "supersedes report " + std::to_string(alsfrs_id)},
      {"update", "patient",
       "Ann O'Neil (America/Los_Angeles) from 2026-06-10, born 1961-02-03, feeding tube, onset 2025-09-01: "
       "moved to her daughter's",
       ""},
  };
  std::vector<Said> got;
  for (const AuditEntry& a : s->audit(ann))
    if (a.action != "chain-start") got.push_back({a.action, a.entity, a.detail, a.previous});
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("audit row " << i);
    CHECK(got[i] == expected[i]);
  }
  const Therapy ril_now = s->therapies(ann).at(0);
  REQUIRE(ril_now.pauses.size() == 1u);  // the resumption replaced the pause: 05-10 to 05-13
  CHECK(ril_now.pauses[0].to == day(2026, 5, 13));
  CHECK(ril_now.pause_rows.size() == 2u);
  for (const AuditEntry& a : s->audit(ann)) {
    CHECK(a.actor == "nurse.kim");
    CHECK(a.at == kim.now);
  }
}
