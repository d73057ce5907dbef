#pragma once
// What is due for a patient on a day: doses, infusions and liver tests (due, overdue, coming) and the alerts
// of docs/domain.md. Pure: the patient's stored facts and the day are inputs.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/records/alsfrs.hpp"
#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/records/records.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds {

struct PatientFacts {
  Patient patient;
  Zone zone = nullptr;  // where the patient lives now
  std::vector<EarlierZoneSpan>
      earlier_zones;  // where they lived before, oldest first (patient.earlier_zones)
  std::vector<Therapy> therapies;
  std::vector<ClosedDay> closed;
  std::vector<LogEntry> log;  // any order; superseded entries are ignored
  std::vector<AlertAcknowledgment>
      acknowledgments;                 // who answered which alert (a stop alert stands until then)
  std::vector<AlsfrsReport> alsfrs{};  // ALSFRS-R reports as stored (corrections included)
  /// How often the ALSFRS-R self-report is asked (a setting of the front end, not a stored fact).
  int alsfrs_every_days = kAlsfrsEveryDays;
};

enum class DueStatus { alert, overdue, due, coming };
std::string_view to_string(DueStatus status);

struct DueItem {
  DueStatus status = DueStatus::due;
  std::string kind;  // dose, infusion, lft, alert
  std::string when;  // local time with offset, or a date
  std::string drug;
  std::string detail;
  std::string planned_key;              // dose / infusion: the planned dose it stands for
  std::optional<Instant> at;            // riluzole dose: the planned instant
  std::optional<int> cycle, cycle_day;  // edaravone
  /// alert: a transaminase of 5x ULN or more, riluzole held until the prescriber's decision answers it
  /// (never a plain acknowledgment).
  bool stop_alert = false;
};

/// Riluzole's missed-dose rule (docs/domain.md: skip a missed dose, never double). A planned dose is one to
/// take until the next dose's timing window opens, 25% of the 12-hour interval (3 h) before the next dose's
/// time: from then on it is missed, offered as "missed" or "taken earlier at ..." (with the real time), never
/// as a dose to take now.
inline constexpr std::chrono::hours kRiluzoleTimingWindow{3};
/// Two riluzole doses taken less than half the 12-hour interval apart are a doubled dose: both are recorded
/// (the log says what happened), with a warning and an alert (our default).
inline constexpr std::chrono::hours kDoubledDoseGap{6};

/// The instant from which planned riluzole dose `slot` (0-based, into the sorted `times`) of local day `day`
/// is missed rather than due: the next planned dose's time minus kRiluzoleTimingWindow.
Instant riluzole_missed_from(const std::vector<WallClock>& times, Zone zone, Day day, int slot);

inline constexpr int kOverdueLookbackDays = 7;  // unlogged planned doses this far back are listed overdue
inline constexpr int kComingDays = 14;          // liver tests and the next infusion this far ahead are listed

/// Entries that no later correction supersedes.
std::vector<LogEntry> current_entries(const std::vector<LogEntry>& log);
/// The same without a copy when nothing in `log` was corrected: `log` itself, else the current records put in
/// `holder`.
const std::vector<LogEntry>& current_entries(const std::vector<LogEntry>& log, std::vector<LogEntry>& holder);

/// Every alert standing on `on`, acknowledged ones included (and the early ALT re-test that goes with a high
/// result when there is no riluzole course); of the dose records only riluzole's taken ones are read (a
/// doubled dose).
std::vector<DueItem> alerts(const PatientFacts& facts, Day on);
/// The alerts nobody has acknowledged (nor answered with a decision): what `due` lists and reports count as
/// open_alerts. The patient's current dose records come in `doses`; the doses in facts.log are not read, so
/// a report over one patient (whole log) and over the cohort (log without doses) give the same answer.
std::vector<DueItem> open_alerts(const PatientFacts& facts, const std::vector<DoseRecord>& doses, Day on);

/// Alerts first, then overdue, due, coming; each group by time. Acknowledged alerts are left out.
std::vector<DueItem> due_items(const PatientFacts& facts, Day on);
/// The same at the instant `now` (of the day `on`): a riluzole dose whose next dose's time has come is listed
/// overdue as missed, never as due.
std::vector<DueItem> due_items(const PatientFacts& facts, Day on, std::optional<Instant> now);

/// A liver test not yet done: one of the schedule's, or the early re-test after a high ALT.
struct OpenLiverTest {
  Day due;
  std::string reason;  // "month-3", or "early re-test after ALT 4.0x ULN on 2026-03-02"
  bool early = false;
};

/// The riluzole course's liver tests not done as of `on`, by day, due up to `until`: each scheduled test (up
/// to the course's stop) without an ALT from a week before its day up to `on` (a late result clears an
/// overdue test; a result after `on` does not count on `on`), and the
/// early re-test after the latest ALT up to `on` when it was above 3x ULN (within 14 days) or 5x or more
/// (within 7 days). `due`, the Today view's "next liver test", reminders and the iCalendar export read this
/// one list.
std::vector<OpenLiverTest> open_liver_tests(const PatientFacts& facts, const Therapy& riluzole, Day on,
                                            Day until);

/// The day of the ALT result (5x ULN or more) whose stop alert nobody has answered yet, if any: riluzole
/// doses are then on hold pending the prescriber's decision. The alert stands until acknowledged, even after
/// a later normal result.
std::optional<Day> riluzole_on_hold(const PatientFacts& facts, Day on);

/// Identity of an alert for acknowledging it: its drug, day and text. A new ALT result, weight or side effect
/// gives a new key, so a new alert; the same standing alert keeps its key from day to day.
std::string alert_key(const DueItem& alert);
/// Whether `key` is the key of a stop alert (ALT 5x ULN or more) of one of the patient's ALT results: such an
/// alert is answered by the prescriber's decision (decide_stop_alert), never by a plain acknowledgment.
bool is_stop_alert_key(const PatientFacts& facts, const std::string& key);

}  // namespace alsmeds
