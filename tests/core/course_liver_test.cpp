// Liver-test follow-up on riluzole (issue 13, item 6). Days worked by hand: riluzole from Sun 2026-03-01,
// EU schedule: baseline Mar 1, month-1 Apr 1, month-2 May 1, month-3 Jun 1. ULN 40 U/L.
#include <catch2/catch.hpp>

#include "alsmeds/exchange/ics_export.hpp"
#include "alsmeds/schedule/due_list.hpp"
#include "test_days.hpp"

using namespace alsmeds;
using alsmeds::test::ymd;

namespace {

PatientFacts riluzole_patient() {
  PatientFacts f;
  f.patient.id = 1;
  f.patient.tz = "UTC";
  f.zone = *find_zone("UTC");
  Therapy t;
  t.id = 10;
  t.patient_id = 1;
  t.drug = Drug::riluzole;
  t.product = Product::riluzole_tablet;
  t.start = ymd(2026, 3, 1);
  f.therapies.push_back(t);
  return f;
}

RecordId next_id = 900;

void alt(PatientFacts& f, Day day, double value) {
  LogEntry e;
  e.id = ++next_id;
  e.patient_id = 1;
  e.kind = LogKind::lab;
  e.test = "ALT";
  e.value = value;
  e.uln = 40;
  e.day = day;
  e.at = Instant{day};
  f.log.push_back(e);
}

bool has(const std::vector<DueItem>& items, const std::string& kind, const std::string& when,
         const std::string& text) {
  for (const DueItem& i : items)
    if (i.kind == kind && i.when == when && i.detail.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("ALT 4x ULN: the 14-day re-test is in due and in the iCalendar export") {
  PatientFacts f = riluzole_patient();
  alt(f, ymd(2026, 2, 27), 30);   // baseline
  alt(f, ymd(2026, 3, 10), 160);  // 4x: re-test by Mar 24
  CHECK(has(due_items(f, ymd(2026, 3, 12)), "lft", "2026-03-24", "early ALT re-test"));
  const std::string ics = ics_calendar(f, {ymd(2026, 3, 20), ymd(2026, 3, 31), Instant{ymd(2026, 3, 12)}});
  CHECK(ics.find("UID:lft:10:retest:2026-03-24@alsmeds") != std::string::npos);
  CHECK(ics.find("DTSTART:20260324") != std::string::npos);
}

TEST_CASE("ALT 5x ULN or more: a stop alert and a re-test within 7 days") {
  PatientFacts f = riluzole_patient();
  alt(f, ymd(2026, 2, 27), 30);
  alt(f, ymd(2026, 3, 10), 200);  // exactly 5x
  const auto items = due_items(f, ymd(2026, 3, 12));
  CHECK(has(items, "alert", "2026-03-10", "5x ULN or more"));
  CHECK(has(items, "lft", "2026-03-17", "early ALT re-test"));
}

TEST_CASE("A stop alert stands after a later normal ALT until acknowledged, riluzole on hold meanwhile") {
  PatientFacts f = riluzole_patient();
  alt(f, ymd(2026, 2, 27), 30);
  alt(f, ymd(2026, 3, 10), 240);  // 6x
  alt(f, ymd(2026, 3, 14), 35);   // normal again
  const auto items = due_items(f, ymd(2026, 3, 16));
  CHECK(has(items, "alert", "2026-03-10", "5x ULN or more"));
  CHECK(has(items, "dose", "2026-03-16T08:00:00+00:00", "ON HOLD pending the prescriber's decision"));
  CHECK(riluzole_on_hold(f, ymd(2026, 3, 16)) == ymd(2026, 3, 10));
  // The prescriber's decision acknowledges it: the alert and the hold go.
  for (const DueItem& a : alerts(f, ymd(2026, 3, 16)))
    if (a.when == "2026-03-10")
      f.acknowledgments.push_back({1, 1, alert_key(a), "Dr Ruiz", Instant{}, "continue"});
  const auto after = due_items(f, ymd(2026, 3, 16));
  CHECK_FALSE(has(after, "alert", "2026-03-10", "5x ULN or more"));
  CHECK_FALSE(has(after, "dose", "2026-03-16T08:00:00+00:00", "ON HOLD"));
  CHECK_FALSE(riluzole_on_hold(f, ymd(2026, 3, 16)));
}

TEST_CASE("Open liver tests: an early re-test late enough counts for the month-1 test") {
  PatientFacts f = riluzole_patient();
  alt(f, ymd(2026, 2, 27), 30);
  alt(f, ymd(2026, 3, 12), 160);  // 4x: re-test by Mar 26
  auto open = open_liver_tests(f, f.therapies[0], ymd(2026, 3, 13), ymd(2026, 4, 30));
  REQUIRE(open.size() == 2u);
  CHECK(open[0].due == ymd(2026, 3, 26));
  CHECK(open[0].early);
  CHECK(open[1].due == ymd(2026, 4, 1));
  // The re-test done on Mar 26 falls in month-1's week before (Mar 25 on): month-1 is done too. It is still
  // above the ULN (60/40 = 1.5x): rising, so the next test within a month (issue 25: our default, 30 days),
  // Apr 25, before month-2 on May 1.
  alt(f, ymd(2026, 3, 26), 60);
  open = open_liver_tests(f, f.therapies[0], ymd(2026, 3, 27), ymd(2026, 5, 31));
  REQUIRE(open.size() >= 2u);
  CHECK(open[0].due == ymd(2026, 4, 25));
  CHECK(open[0].early);
  CHECK(open[0].reason == "after ALT 1.5x ULN on 2026-03-26");
  CHECK(open[1].due == ymd(2026, 5, 1));
  CHECK(open[1].reason == "month-2");
}

TEST_CASE("Liver tests: a month-6 result of 2.5x brings the next test from month 9 to within a month") {
  // Start Mar 1: month-6 due Sep 1, month-9 Dec 1. ALT 100/40 = 2.5x on Sep 1: the next test by Oct 1
  // (30 days), not Dec 1. One re-test item, listed once.
  PatientFacts f = riluzole_patient();
  for (const Day d : {ymd(2026, 3, 1), ymd(2026, 4, 1), ymd(2026, 5, 1), ymd(2026, 6, 1)}) alt(f, d, 30);
  alt(f, ymd(2026, 9, 1), 100);
  const auto open = open_liver_tests(f, f.therapies[0], ymd(2026, 9, 2), ymd(2026, 12, 31));
  REQUIRE(open.size() >= 2u);
  CHECK(open[0].due == ymd(2026, 10, 1));
  CHECK(open[0].early);
  CHECK(open[1].due == ymd(2026, 12, 1));
  CHECK(std::count_if(open.begin(), open.end(), [](const OpenLiverTest& o) { return o.early; }) == 1);
}

TEST_CASE("AST 7.5x ULN raises the stop alert and holds riluzole, as ALT would (US PI: aminotransferases)") {
  PatientFacts f = riluzole_patient();
  alt(f, ymd(2026, 3, 1), 30);
  LogEntry ast;
  ast.id = 900;
  ast.patient_id = f.patient.id;
  ast.kind = LogKind::lab;
  ast.test = "AST";
  ast.value = 300;  // 7.5x ULN 40
  ast.uln = 40;
  ast.day = ymd(2026, 3, 10);
  ast.at = date::sys_days{*ast.day};
  f.log.push_back(ast);
  const auto items = due_items(f, ymd(2026, 3, 11));
  CHECK(has(items, "alert", "2026-03-10", "AST 7.5x ULN: 5x ULN or more"));
  CHECK(riluzole_on_hold(f, ymd(2026, 3, 11)) == ymd(2026, 3, 10));
}

TEST_CASE("Riluzole stopped on ALT 6x ULN: a liver test every 14 days until two results under 3x ULN") {
  // docs/domain.md (After a stop for 5x or more; our default: every 14 days until two results under 3x).
  // Worked by hand: ALT 240 U/L (6x) on Apr 1, riluzole stopped Apr 2.
  PatientFacts f = riluzole_patient();
  alt(f, ymd(2026, 2, 27), 30);
  alt(f, ymd(2026, 4, 1), 240);
  f.therapies[0].stop = ymd(2026, 4, 2);
  const auto lft_items = [&](Day on) {
    std::vector<DueItem> out;
    for (const DueItem& i : due_items(f, on))
      if (i.kind == "lft") out.push_back(i);
    return out;
  };
  // The stop alert's 7-day re-test (Apr 8) comes before the follow-up's (Apr 16): one item, the earlier.
  auto items = lft_items(ymd(2026, 4, 3));
  REQUIRE(items.size() == 1u);
  CHECK(items[0].when == "2026-04-08");
  // ALT 92 (2.3x) on Apr 9: the first under 3x. Before: the rising result's 30 days (May 9). Now Apr 23.
  alt(f, ymd(2026, 4, 9), 92);
  items = lft_items(ymd(2026, 4, 10));
  REQUIRE(items.size() == 1u);
  CHECK(items[0].when == "2026-04-23");
  CHECK(items[0].detail.find("1 of 2") != std::string::npos);
  // ALT 140 (3.5x) on Apr 20: above 3x again, the count starts over; its own 14-day re-test is May 4.
  alt(f, ymd(2026, 4, 20), 140);
  items = lft_items(ymd(2026, 4, 21));
  REQUIRE(items.size() == 1u);
  CHECK(items[0].when == "2026-05-04");
  // Two results under 3x after it (1.5x on May 1, 0.9x on May 14): the follow-up is over, a normal result
  // asks for nothing more.
  alt(f, ymd(2026, 5, 1), 60);
  items = lft_items(ymd(2026, 5, 2));
  REQUIRE(items.size() == 1u);
  CHECK(items[0].when == "2026-05-15");
  alt(f, ymd(2026, 5, 14), 36);
  CHECK(lft_items(ymd(2026, 5, 15)).empty());
}

TEST_CASE("Riluzole stopped for another reason with normal liver tests: no follow-up") {
  PatientFacts f = riluzole_patient();
  alt(f, ymd(2026, 2, 27), 30);
  alt(f, ymd(2026, 4, 1), 36);  // 0.9x
  f.therapies[0].stop = ymd(2026, 4, 20);
  for (const DueItem& i : due_items(f, ymd(2026, 5, 10))) CHECK(i.kind != "lft");
}

TEST_CASE("A stop alert is marked as one whether latest or standing, a lower alert is not") {
  // docs/domain.md (liver tests): 5x ULN or more stops riluzole; 3x to 5x is re-tested. 200/40 = 5.0x,
  // 199/40 = 4.975x (the rule on the unrounded multiple).
  PatientFacts f = riluzole_patient();
  alt(f, ymd(2026, 2, 27), 30);
  alt(f, ymd(2026, 3, 10), 199);
  auto marked = [&](Day on, const std::string& when) {
    for (const DueItem& a : alerts(f, on))
      if (a.when == when) return std::optional<bool>(a.stop_alert);
    return std::optional<bool>();
  };
  CHECK(marked(ymd(2026, 3, 12), "2026-03-10") == std::optional<bool>(false));  // an alert, not a stop
  alt(f, ymd(2026, 3, 13), 200);
  CHECK(marked(ymd(2026, 3, 14), "2026-03-13") == std::optional<bool>(true));  // the latest result's
  alt(f, ymd(2026, 3, 16), 35);
  CHECK(marked(ymd(2026, 3, 17), "2026-03-13") == std::optional<bool>(true));  // standing after a normal one
}
