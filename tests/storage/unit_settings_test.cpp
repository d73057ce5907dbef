// Schema 13 (issue 27) on both stores: the infusion unit's settings (board settings), versions of which the
// latest is in force, audited; an edaravone course's chosen dose days, stored with it and planned on.
#include <catch2/catch.hpp>

#include "alsmeds/rules/clinic_actions.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "temp_db.hpp"

using namespace alsmeds;
using alsmeds::test::TempFolder;

namespace {

Day day(int y, unsigned m, unsigned d) {
  return Day{date::year{y} / m / d};
}

}  // namespace

TEST_CASE("Unit settings: the defaults until one is stored, then the latest version, audited") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("u.db"));
  const Actor kim{"nurse.kim", Instant{std::chrono::seconds{1'790'000'000}}};
  CHECK_FALSE(s->unit_settings().has_value());
  const UnitSettings defaults = unit_settings_in_force(*s);
  CHECK(defaults.id == 0);
  CHECK(defaults.chairs == 4);
  CHECK(board_hours_of(defaults).opening_hour == 8);
  CHECK(board_hours_of(defaults).closing_hour == 17);

  UnitSettingsChange c;
  c.chairs = 12;
  c.open = std::make_pair(WallClock{8 * 60}, WallClock{16 * 60});
  c.weekdays_only = true;
  c.reason = "new unit";
  auto first = set_unit_settings(*s, c, day(2026, 12, 7), kim);
  REQUIRE(first.ok());
  UnitSettings now = unit_settings_in_force(*s);
  CHECK(now.id == first->id);
  CHECK(now.chairs == 12);
  CHECK(now.opens_minute == 480);
  CHECK(now.closes_minute == 960);
  CHECK(now.weekdays_only);
  CHECK(now.recorded_by == "nurse.kim");
  CHECK(now.reason == "new unit");

  // A change of the chairs alone keeps the hours and days; the same settings again are refused.
  UnitSettingsChange more;
  more.chairs = 14;
  REQUIRE(set_unit_settings(*s, more, day(2026, 12, 7), kim).ok());
  now = unit_settings_in_force(*s);
  CHECK(now.chairs == 14);
  CHECK(now.opens_minute == 480);
  CHECK(now.weekdays_only);
  auto same = set_unit_settings(*s, more, day(2026, 12, 7), kim);
  REQUIRE_FALSE(same.ok());
  CHECK_THAT(same.error(), Catch::Contains("nothing to change"));

  bool audited = false;
  for (const AuditEntry& a : s->audit(std::nullopt))
    if (a.entity == "unit" && a.action == "settings" &&
        a.detail == "12 chairs, 08:00-16:00, weekdays, 1 lumbar-puncture room of 60 minutes: new unit")
      audited = true;
  CHECK(audited);
}

TEST_CASE("Unit settings refused: chairs outside 1-20, hours not whole, closing before opening") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("u.db"));
  const Actor kim{"nurse.kim", Instant{std::chrono::seconds{1'790'000'000}}};
  UnitSettingsChange c;
  c.chairs = 0;
  CHECK_THAT(set_unit_settings(*s, c, day(2026, 12, 7), kim).error(), Catch::Contains("chairs"));
  c.chairs = 21;
  CHECK_FALSE(set_unit_settings(*s, c, day(2026, 12, 7), kim).ok());
  c.chairs.reset();
  c.open = std::make_pair(WallClock{8 * 60 + 30}, WallClock{17 * 60});
  CHECK_THAT(set_unit_settings(*s, c, day(2026, 12, 7), kim).error(), Catch::Contains("whole hours"));
  c.open = std::make_pair(WallClock{17 * 60}, WallClock{8 * 60});
  CHECK_FALSE(set_unit_settings(*s, c, day(2026, 12, 7), kim).ok());
  c.open = std::make_pair(WallClock{8 * 60}, WallClock{24 * 60});  // the last infusion ends by 23:00
  CHECK_FALSE(set_unit_settings(*s, c, day(2026, 12, 7), kim).ok());
  CHECK_FALSE(s->unit_settings().has_value());  // nothing stored by a refusal
  CHECK_FALSE(parse_opening_hours("8-17").ok());
  CHECK_FALSE(parse_opening_hours("08:00").ok());
  CHECK(parse_opening_hours("07:00-15:00")->second == WallClock{15 * 60});
}

TEST_CASE("Unit settings that leave a booking outside the board warn, naming the first") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("u.db"));
  const Actor kim{"nurse.kim", Instant{std::chrono::seconds{1'790'000'000}}};
  NewPatient p;
  p.name = "Bo Chair";
  p.tz = "Europe/London";
  const RecordId id = *s->add_patient(p, kim);
  InfusionBooking b;
  b.patient_id = id;
  b.planned_key = "edaravone:1:c2:d1";
  b.day = day(2026, 12, 9);
  b.chair = 6;
  b.start = WallClock{9 * 60};
  REQUIRE(s->book_infusion(b, kim).ok());
  UnitSettingsChange c;
  c.chairs = 5;
  auto r = set_unit_settings(*s, c, day(2026, 12, 7), kim);
  REQUIRE(r.ok());
  REQUIRE(r->warnings.size() == 1u);
  CHECK_THAT(r->warnings[0],
             Catch::Contains("1 booking from 2026-12-07 on") && Catch::Contains("2026-12-09 09:00 chair 6"));
}

TEST_CASE("A course's chosen dose days are stored with it and its cycles dose on them") {
  TempFolder tmp;
  auto s = alsmeds::test::open_store(tmp.file("d.db"));
  const Actor kim{"nurse.kim", Instant{std::chrono::seconds{1'790'000'000}}};
  NewPatient p;
  p.name = "Cy Days";
  p.tz = "Europe/London";
  const RecordId id = *s->add_patient(p, kim);
  NewTherapy t;
  t.patient_id = id;
  t.drug = Drug::edaravone;
  t.product = Product::edaravone_iv;
  t.start = day(2026, 1, 5);  // a Monday; cycle 2 from Monday 2026-02-02
  t.dose_days = {{2, {1, 2, 3, 4, 5, 8, 9, 10, 11, 12}}, {3, {3, 4, 5, 6, 7, 10, 11, 12, 13, 14}}};
  REQUIRE(s->start_therapy(t, kim).ok());
  const std::vector<Therapy> stored = s->therapies(id);
  REQUIRE(stored.size() == 1u);
  CHECK(stored[0].dose_days == t.dose_days);

  const EdaravonePlan plan = edaravone_plan_for(stored[0], {}, {}, day(2026, 4, 30));
  REQUIRE(plan.cycles.size() >= 3u);
  // Cycle 2 (from 02-02): Monday to Friday of both weeks, by hand.
  std::vector<Day> c2, c3;
  for (const EdaravoneDose& d : plan.cycles[1].doses) c2.push_back(d.day);
  for (const EdaravoneDose& d : plan.cycles[2].doses) c3.push_back(d.day);
  CHECK(c2 == std::vector<Day>{day(2026, 2, 2), day(2026, 2, 3), day(2026, 2, 4), day(2026, 2, 5),
                               day(2026, 2, 6), day(2026, 2, 9), day(2026, 2, 10), day(2026, 2, 11),
                               day(2026, 2, 12), day(2026, 2, 13)});
  // Cycle 3 (from 03-02): cycle days 3-7 and 10-14 = 03-04..03-08 and 03-11..03-15.
  CHECK(c3 == std::vector<Day>{day(2026, 3, 4), day(2026, 3, 5), day(2026, 3, 6), day(2026, 3, 7),
                               day(2026, 3, 8), day(2026, 3, 11), day(2026, 3, 12), day(2026, 3, 13),
                               day(2026, 3, 14), day(2026, 3, 15)});
  // Cycle 4 has no chosen days: the policy's first 10 days (03-30 .. 04-08).
  REQUIRE(plan.cycles.size() >= 4u);
  CHECK(plan.cycles[3].doses.front().day == day(2026, 3, 30));
  CHECK(plan.cycles[3].doses.back().day == day(2026, 4, 8));
}
