#pragma once
// What is due for a patient on a day: doses, infusions and liver tests (due, overdue, coming) and the alerts
// of docs/domain.md. Pure: the patient's stored facts and the day are inputs.
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/records.hpp"
#include "alsmeds/zone_clock.hpp"

namespace alsmeds {

struct PatientFacts {
  Patient patient;
  Zone zone = nullptr;
  std::vector<Therapy> therapies;
  std::vector<ClosedDay> closed;
  std::vector<LogEntry> log;  // any order; superseded entries are ignored
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
};

inline constexpr int kOverdueLookbackDays = 7;  // unlogged planned doses this far back are listed overdue
inline constexpr int kComingDays = 14;          // liver tests and the next infusion this far ahead are listed

/// Entries that no later correction supersedes.
std::vector<LogEntry> current_entries(const std::vector<LogEntry>& log);

/// Alerts first, then overdue, due, coming; each group by time.
/// Only the alerts of due_items (and the early ALT re-test that goes with a high result); no dose records
/// are read.
std::vector<DueItem> alerts(const PatientFacts& facts, Day on);

std::vector<DueItem> due_items(const PatientFacts& facts, Day on);

/// Identity of an alert for acknowledging it: its drug, day and text. A new ALT result, weight or side effect
/// gives a new key, so a new alert; the same standing alert keeps its key from day to day.
std::string alert_key(const DueItem& alert);

}  // namespace alsmeds
