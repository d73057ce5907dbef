#include "alsmeds/schedule/due_list.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <span>
#include <string_view>

#include "alsmeds/regimens/liver_tests.hpp"
#include "alsmeds/regimens/oral_food_rule.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/regimens/riluzole.hpp"
#include "alsmeds/schedule/therapy_plan.hpp"
#include "alsmeds/text.hpp"
#include "due_doses.hpp"
#include "liver_follow_up.hpp"

namespace alsmeds {

namespace {

using date::days;
using due_detail::day_plan_items;
using due_detail::edaravone_items;
using due_detail::make_item;
using due_detail::riluzole_items;

bool active_on(const Therapy& t, Day d) {
  return t.start <= d && (!t.stop || d <= *t.stop);
}

bool contains_word(std::string text, std::span<const std::string_view> words) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return text.find(w) != std::string::npos; });
}

std::set<std::string> logged_keys(const std::vector<LogEntry>& log) {
  std::set<std::string> keys;
  for (const LogEntry& e : log)
    if (e.kind == LogKind::dose && !e.planned_key.empty()) keys.insert(e.planned_key);
  return keys;
}

void liver_test_items(const PatientFacts& f, const Therapy& t, Day on, std::vector<DueItem>& out) {
  for (const OpenLiverTest& test : open_liver_tests(f, t, on, on + days{kComingDays})) {
    const DueStatus s = test.due < on    ? DueStatus::overdue
                        : test.due == on ? DueStatus::due
                                         : DueStatus::coming;
    out.push_back(make_item(
        s, "lft", format_day(test.due), "riluzole",
        test.early ? "early ALT re-test (" + test.reason + ")" : "ALT liver test (" + test.reason + ")"));
  }
}

// Every current ALT result up to `on`, oldest first: what clears a test of the ALT schedule.
std::vector<const LogEntry*> alt_results(const std::vector<LogEntry>& log, Day on) {
  std::vector<const LogEntry*> alts;
  for (const LogEntry& e : log)
    if (e.kind == LogKind::lab && e.test == "ALT" && e.day && *e.day <= on) alts.push_back(&e);
  std::stable_sort(alts.begin(), alts.end(),
                   [](const LogEntry* a, const LogEntry* b) { return *a->day < *b->day; });
  return alts;
}

double multiple_of(const LogEntry& e) {
  return e.uln > 0 ? e.value / e.uln : 0.0;
}

// Every current transaminase result (ALT or AST) up to `on`, oldest first; on one day the higher multiple
// last, so that the latest result is the one that decides (docs/domain.md: the higher of the two).
std::vector<const LogEntry*> transaminase_results(const std::vector<LogEntry>& log, Day on) {
  std::vector<const LogEntry*> out;
  for (const LogEntry& e : log)
    if (e.kind == LogKind::lab && (e.test == "ALT" || e.test == "AST") && e.day && *e.day <= on)
      out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const LogEntry* a, const LogEntry* b) {
    return *a->day != *b->day ? *a->day < *b->day : multiple_of(*a) < multiple_of(*b);
  });
  return out;
}

Result<AltAssessment> assess(const LogEntry& e, bool baseline) {
  return assess_transaminase(e.test, e.value, e.uln, baseline);
}

// The stop alerts (ALT 5x ULN or more) of results up to `on` that stand: the latest result's, and every
// earlier one nobody has acknowledged.
// The keys of the alerts acknowledged (or decided), only those recorded before `before` when given.
std::set<std::string> acknowledged_keys(const PatientFacts& f, std::optional<Instant> before) {
  std::set<std::string> out;
  for (const AlertAcknowledgment& a : f.acknowledgments)
    if (!before || a.acknowledged_at < *before) out.insert(a.alert_key);
  return out;
}

std::vector<DueItem> standing_stop_alerts(const std::set<std::string>& acknowledged,
                                          const std::vector<const LogEntry*>& alts) {
  std::vector<DueItem> out;
  for (std::size_t i = 0; i + 1 < alts.size(); ++i) {
    auto a = assess(*alts[i], false);
    if (!a || a->level != AltAlertLevel::stop) continue;
    DueItem item = make_item(DueStatus::alert, "alert", format_day(*alts[i]->day), "riluzole",
                             a->message);  // the same text, so the same key, as when it was the latest
    item.stop_alert = true;
    if (!acknowledged.count(alert_key(item))) out.push_back(std::move(item));
  }
  return out;
}

// `taken`: the instants of the current riluzole doses logged taken (the doubled-dose alert reads only these).
void alert_items(const PatientFacts& f, Day on, const std::vector<LogEntry>& log, std::vector<Instant> taken,
                 std::vector<DueItem>& out) {
  const Patient& p = f.patient;
  const Therapy* riluzole = nullptr;
  for (const Therapy& t : f.therapies) {
    if (!active_on(t, on) && t.start <= on) continue;
    if (t.drug == Drug::edaravone && p.sulfite_allergy)
      out.push_back(make_item(
          DueStatus::alert, "alert", format_day(t.start), "edaravone",
          "sulfite allergy: edaravone contains sodium bisulfite (severe allergic reactions possible)"));
    if (t.drug == Drug::riluzole) riluzole = &t;
  }
  // ALT: the latest result, judged against the ULN; an earlier stop alert stands until acknowledged. (The
  // early re-test after a high result is one of the open liver tests.)
  const std::vector<const LogEntry*> alts = transaminase_results(log, on);
  for (DueItem& item : standing_stop_alerts(acknowledged_keys(f, std::nullopt), alts))
    out.push_back(std::move(item));
  std::optional<LiverFollowUp> retest;
  if (!alts.empty()) {
    const LogEntry& last = *alts.back();
    const bool baseline = alts.size() == 1 && (!riluzole || *last.day <= riluzole->start);
    auto a = assess(last, baseline);
    if (a && a->level != AltAlertLevel::none) {
      out.push_back(make_item(DueStatus::alert, "alert", format_day(*last.day), "riluzole", a->message));
      out.back().stop_alert = a->level == AltAlertLevel::stop;
    }
    if (!riluzole && a && a->retest_within_days)  // no riluzole course to hang it on: listed here
      retest = {*last.day + days{*a->retest_within_days},
                "early " + last.test + " re-test after " + last.test + " " +
                    format_times_uln_for_rule(a->multiple_of_uln) + "x ULN on " + format_day(*last.day)};
  }
  // After riluzole stopped on a high result, the follow-up's next test; one liver test item, the earlier.
  if (!riluzole)
    if (auto follow = liver_follow_up_after_stop(f, log, on); follow && (!retest || follow->by < retest->by))
      retest = {follow->by, follow->reason};
  if (retest)
    out.push_back(make_item(retest->by < on    ? DueStatus::overdue
                            : retest->by == on ? DueStatus::due
                                               : DueStatus::coming,
                            "lft", format_day(retest->by), "riluzole", retest->reason));
  // A side effect among a drug's warnings (its regimen's effect_warnings: riluzole's fever and breathing,
  // tofersen's US PI 5.1-5.3), logged during a course of it (from its start to its stop), raises an alert.
  for (const Therapy& t : f.therapies) {
    const Regimen& r = regimen(t.drug);
    if (r.effect_warnings.empty()) continue;
    for (const LogEntry& e : log) {
      if (e.kind != LogKind::effect) continue;
      const Day d = local_day(e.at, f.zone);
      if (d < t.start || (t.stop && d > *t.stop) || d > on || d < on - days{kComingDays}) continue;
      for (const EffectWarning& w : r.effect_warnings)
        if (contains_word(e.term, w.words))
          out.push_back(make_item(DueStatus::alert, "alert", format_day(d), std::string(r.word),
                                  e.term + " on " + std::string(r.word) + ": " + std::string(w.advice)));
    }
  }
  // A doubled riluzole dose: two taken less than kDoubledDoseGap apart (recorded as they happened).
  std::sort(taken.begin(), taken.end());
  for (std::size_t i = 1; i < taken.size(); ++i) {
    const Day d = local_day(taken[i], f.zone);
    // As far back as due lists look for doses (the clinic-wide due reads riluzole doses that far only).
    if (taken[i] - taken[i - 1] >= kDoubledDoseGap || d > on || d < on - days{kOverdueLookbackDays}) continue;
    const auto clock = [&](Instant at) {
      const auto local = date::make_zoned(f.zone, at).get_local_time();
      return format_wall_clock(std::chrono::duration_cast<WallClock>(local - date::floor<date::days>(local)));
    };
    const auto apart = std::chrono::duration_cast<std::chrono::minutes>(taken[i] - taken[i - 1]).count();
    out.push_back(make_item(DueStatus::alert, "alert", format_day(d), "riluzole",
                            "doubled dose: riluzole taken twice " + std::to_string(apart) + " min apart (" +
                                clock(taken[i - 1]) + " and " + clock(taken[i]) +
                                "); never double a dose: tell the prescriber"));
  }
  // Weight loss from the baseline (the record's, else the first weight logged).
  std::vector<const LogEntry*> weights;
  for (const LogEntry& e : log)
    if (e.kind == LogKind::weight && e.day && *e.day <= on) weights.push_back(&e);
  std::sort(weights.begin(), weights.end(),
            [](const LogEntry* a, const LogEntry* b) { return *a->day < *b->day; });
  if (!weights.empty()) {
    const double base = p.baseline_weight_kg.value_or(weights.front()->value);
    const double loss = (base - weights.back()->value) / base * 100.0;
    if (loss >= 5.0) {
      const bool severe = loss >= 10.0;
      out.push_back(make_item(DueStatus::alert, "alert", format_day(*weights.back()->day), "",
                              "weight down " + format_quantity(std::round(loss * 10) / 10) + "% from " +
                                  format_quantity(base) + " kg: " +
                                  (severe ? "over 10%, linked to much higher mortality: nutrition review now"
                                          : "over 5%: suggest a nutrition review before the loss grows")));
    }
  }
}

std::vector<Instant> riluzole_taken(const std::vector<LogEntry>& current) {
  std::vector<Instant> taken;
  for (const LogEntry& e : current)
    if (e.kind == LogKind::dose && e.drug == Drug::riluzole && e.status == DoseStatus::taken)
      taken.push_back(e.at);
  return taken;
}

// Drops the alerts someone has acknowledged (a prescriber's decision on a stop alert included).
void drop_acknowledged(const PatientFacts& f, std::vector<DueItem>& items) {
  std::set<std::string> acknowledged;
  for (const AlertAcknowledgment& a : f.acknowledgments) acknowledged.insert(a.alert_key);
  std::erase_if(items, [&](const DueItem& i) {
    return i.status == DueStatus::alert && acknowledged.count(alert_key(i));
  });
}

}  // namespace

std::string_view to_string(DueStatus status) {
  switch (status) {
    case DueStatus::alert:
      return "alert";
    case DueStatus::overdue:
      return "overdue";
    case DueStatus::due:
      return "due";
    case DueStatus::coming:
      return "coming";
  }
  return "due";
}

std::vector<LogEntry> current_entries(const std::vector<LogEntry>& log) {
  std::set<RecordId> superseded;
  for (const LogEntry& e : log)
    if (e.supersedes) superseded.insert(*e.supersedes);
  std::vector<LogEntry> out;
  for (const LogEntry& e : log)
    if (!superseded.count(e.id)) out.push_back(e);
  return out;
}

const std::vector<LogEntry>& current_entries(const std::vector<LogEntry>& log,
                                             std::vector<LogEntry>& holder) {
  if (std::none_of(log.begin(), log.end(), [](const LogEntry& e) { return e.supersedes.has_value(); }))
    return log;
  holder = current_entries(log);
  return holder;
}

std::string alert_key(const DueItem& alert) {
  return alert.drug + "|" + alert.when + "|" + alert.detail;
}

bool is_stop_alert_key(const PatientFacts& facts, const std::string& key) {
  for (const LogEntry& e : current_entries(facts.log)) {
    if (e.kind != LogKind::lab || (e.test != "ALT" && e.test != "AST") || !e.day) continue;
    const auto a = assess(e, false);  // as standing_stop_alerts names them
    if (a && a->level == AltAlertLevel::stop &&
        alert_key(make_item(DueStatus::alert, "alert", format_day(*e.day), "riluzole", a->message)) == key)
      return true;
  }
  return false;
}

std::vector<DueItem> alerts(const PatientFacts& facts, Day on) {
  std::vector<DueItem> out;
  const std::vector<LogEntry> log = current_entries(facts.log);
  alert_items(facts, on, log, riluzole_taken(log), out);
  return out;
}

std::vector<DueItem> open_alerts(const PatientFacts& facts, const std::vector<DoseRecord>& doses, Day on) {
  std::vector<Instant> taken;
  for (const DoseRecord& d : doses)
    if (d.drug == Drug::riluzole && d.status == DoseStatus::taken) taken.push_back(d.at);
  std::vector<DueItem> out;
  std::vector<LogEntry> holder;
  alert_items(facts, on, current_entries(facts.log, holder), std::move(taken), out);
  drop_acknowledged(facts, out);
  return out;
}

std::vector<OpenLiverTest> open_liver_tests(const PatientFacts& f, const Therapy& t, Day on, Day until) {
  std::vector<OpenLiverTest> out;
  std::vector<LogEntry> holder;
  const std::vector<LogEntry>& log = current_entries(f.log, holder);
  const std::vector<const LogEntry*> alts = alt_results(log, Day::max());
  const int months = static_cast<int>((until - t.start).count() / 28) + 2;
  auto plan =
      plan_liver_tests({t.start, std::clamp(months, 0, 1200), t.liver_tests, t.liver_tests_weekdays_only});
  if (plan) {
    const auto& tests = plan->tests;
    for (std::size_t i = 0; i < tests.size(); ++i) {
      const Day due = tests[i].due;
      if (due > until || (t.stop && due > *t.stop)) break;
      // A result from a week before the due day up to `on` counts for this test: one drawn late, even in the
      // next test's week, still clears it (the liver was checked since; nothing can be drawn for a day gone
      // by).
      const Day from = due - days{7};
      const bool done = std::any_of(alts.begin(), alts.end(),
                                    [&](const LogEntry* e) { return *e->day >= from && *e->day <= on; });
      if (!done) out.push_back({due, tests[i].reason, false});
    }
  }
  // The early re-test after the latest result up to `on` (ALT or AST, the higher on its day), unless a
  // test of the schedule still open falls by then: one re-test item, never two. After the course stopped the
  // alerts list it, with the follow-up after a stop (alert_items).
  const std::vector<const LogEntry*> results = transaminase_results(log, on);
  const LogEntry* latest = results.empty() ? nullptr : results.back();
  if (latest && *latest->day >= t.start - days{kComingDays} && !(t.stop && *t.stop < on)) {
    auto a = assess(*latest, false);
    if (a && a->retest_within_days) {
      const Day by = *latest->day + days{*a->retest_within_days};
      const bool scheduled_by_then = std::any_of(out.begin(), out.end(), [&](const OpenLiverTest& o) {
        return o.due > *latest->day && o.due <= by;
      });
      if (by <= until && !scheduled_by_then)
        out.push_back({by,
                       "after " + latest->test + " " + format_times_uln_for_rule(a->multiple_of_uln) +
                           "x ULN on " + format_day(*latest->day),
                       true});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const OpenLiverTest& a, const OpenLiverTest& b) { return a.due < b.due; });
  return out;
}

std::optional<Day> riluzole_on_hold(const PatientFacts& f, Day on) {
  return riluzole_on_hold_as_of(f, on, std::nullopt);
}

std::optional<Day> riluzole_on_hold_as_of(const PatientFacts& f, Day on,
                                          std::optional<Instant> decided_before) {
  std::vector<LogEntry> holder;
  const std::vector<LogEntry>& log = current_entries(f.log, holder);
  const std::vector<const LogEntry*> alts = transaminase_results(log, on);
  const std::set<std::string> acknowledged = acknowledged_keys(f, decided_before);
  std::vector<DueItem> standing = standing_stop_alerts(acknowledged, alts);
  if (!alts.empty()) {  // the latest result's stop alert, unless answered
    auto a = assess(*alts.back(), false);
    if (a && a->level == AltAlertLevel::stop) {
      DueItem item =
          make_item(DueStatus::alert, "alert", format_day(*alts.back()->day), "riluzole", a->message);
      if (!acknowledged.count(alert_key(item))) standing.push_back(std::move(item));
    }
  }
  if (standing.empty()) return std::nullopt;
  return *parse_day(standing.front().when);
}

Instant riluzole_missed_from(const std::vector<WallClock>& times, Zone zone, Day day, int slot) {
  const bool last = static_cast<std::size_t>(slot) + 1 >= times.size();
  const Day next_day = last ? day + days{1} : day;
  const WallClock next = times.empty() ? WallClock{0} : times[last ? 0 : static_cast<std::size_t>(slot) + 1];
  const date::local_seconds local{date::local_days{next_day.time_since_epoch()}};
  return resolve_local_time(zone, local + next).instant - kRiluzoleTimingWindow;
}

std::vector<DueItem> due_items(const PatientFacts& facts, Day on) {
  return due_items(facts, on, std::nullopt);
}

std::vector<DueItem> due_items(const PatientFacts& facts, Day on, std::optional<Instant> now) {
  std::vector<LogEntry> holder;
  const std::vector<LogEntry>& log = current_entries(facts.log, holder);
  const std::set<std::string> logged = logged_keys(log);
  std::vector<DueItem> out;
  alert_items(facts, on, log, riluzole_taken(log), out);
  drop_acknowledged(facts, out);
  for (const Therapy& t : facts.therapies) {
    if (t.stop && *t.stop < on - days{kOverdueLookbackDays}) continue;
    if (regimen(t.drug).plan_days) {
      day_plan_items(facts, t, on, out);
      continue;
    }
    switch (t.drug) {
      case Drug::riluzole:
        riluzole_items(facts, t, on, now, logged, out);
        liver_test_items(facts, t, on, out);
        break;
      case Drug::edaravone:
        edaravone_items(facts, t, on, logged, out);
        break;
      default:
        break;
    }
  }
  // The ALSFRS-R self-report, every 4 weeks after the last (our default), once the patient reports it.
  if (const auto next = alsfrs_next_due(facts.alsfrs, facts.alsfrs_every_days); next && *next <= on)
    out.push_back(make_item(
        *next < on ? DueStatus::overdue : DueStatus::due, "alsfrs", format_day(*next), "",
        "ALSFRS-R self-report (every " +
            (facts.alsfrs_every_days % 7 == 0 ? std::to_string(facts.alsfrs_every_days / 7) + " weeks"
                                              : std::to_string(facts.alsfrs_every_days) + " days") +
            "; the last on " + format_day(*next - days{facts.alsfrs_every_days}) + ")"));
  std::stable_sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
    if (a.status != b.status) return a.status < b.status;
    return a.when < b.when;
  });
  return out;
}

}  // namespace alsmeds
