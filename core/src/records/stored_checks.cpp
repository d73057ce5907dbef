// The rulebook's bounds as SQL conditions for both stores (rulebook.hpp, stored_checks): written once from
// the same constants the client checks with.
#include <string>
#include <vector>

#include "alsmeds/records/rulebook.hpp"

namespace alsmeds::rules {
namespace {

std::string number(double v) {
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string within(const std::string& column, const Bound& b) {
  return column + (b.min_exclusive ? " > " : " >= ") + number(b.min) + " AND " + column +
         " <= " + number(b.max);
}

struct Words {
  SqlDialect d;
  std::string bytes(const std::string& column) const {
    return d == SqlDialect::postgres ? "octet_length(" + column + ")"
                                     : "length(CAST(" + column + " AS BLOB))";
  }
  std::string at_most(const std::string& column, std::size_t max) const {
    return bytes(column) + " <= " + std::to_string(max);
  }
  // No control character (C0, DEL).
  std::string no_control(const std::string& column) const {
    if (d == SqlDialect::postgres) return column + " !~ '[\\x01-\\x1f\\x7f]'";
    return column + " NOT GLOB ('*[' || char(1) || '-' || char(31) || char(127) || ']*')";
  }
  std::string who(const std::string& column) const {
    return at_most(column, kMaxNameBytes) + " AND " + no_control(column);
  }
};

// A lab result: one of kLabTests with its result within range, and its ULN within range (the transaminases
// need one; the others may have none). Written so that a NULL never makes it unknown (a CHECK and a
// trigger's WHEN NOT would let an unknown through).
template <typename Column>
std::string lab_condition(const Column& c) {
  std::string tests;
  for (const LabTest& t : kLabTests) {
    const std::string uln = within(c("uln"), t.uln);
    tests += std::string(tests.empty() ? "" : " OR ") + "(" + c("test") + " = '" + t.code + "' AND " +
             within(c("value"), t.value) + " AND " +
             (t.transaminase ? c("uln") + " IS NOT NULL AND " + uln
                             : "(" + c("uln") + " IS NULL OR (" + uln + "))") +
             ")";
  }
  return c("kind") + " <> 'lab' OR (" + c("test") + " IS NOT NULL AND " + c("value") + " IS NOT NULL AND (" +
         tests + "))";
}

}  // namespace

std::vector<StoredCheck> stored_checks(SqlDialect dialect, CheckedRow rows) {
  const Words w{dialect};
  // A SQLite trigger's WHEN reads the new row as NEW.column; a CHECK (or a query of the table) reads the
  // column.
  const std::string row = dialect == SqlDialect::sqlite && rows == CheckedRow::new_row ? "NEW." : "";
  auto c = [&](const char* column) { return row + column; };
  const long long era_day = kEraStart.time_since_epoch().count();
  const long long era_end_day = kEraEnd.time_since_epoch().count();
  const long long born_day = kBornFrom.time_since_epoch().count();
  // Instants: local days of the era in any zone (a day either side), recorded instants up to year 9999.
  const std::string era_at = std::to_string((era_day - 1) * 86400);
  const std::string era_end_at = std::to_string((era_end_day + 2) * 86400);
  const std::string year_9999 = "253402300799";
  const std::string end = std::to_string(era_end_day);
  auto day_in_era = [&](const std::string& column) {
    return column + " >= " + std::to_string(era_day - 1) + " AND " + column + " <= " + end;
  };
  return {
      {"rule_log_weight", "log_entries",
       c("kind") + " <> 'weight' OR (" + within(c("value"), kWeightKg) + ")"},
      {"rule_log_lab", "log_entries", lab_condition(c)},
      {"rule_log_grade", "log_entries",
       c("grade") + " IS NULL OR (" + c("grade") + " >= " + std::to_string(kMinGrade) + " AND " + c("grade") +
           " <= " + std::to_string(kMaxGrade) + ")"},
      {"rule_log_days_supply", "log_entries",
       c("days_supply") + " IS NULL OR (" + within(c("days_supply"), kDaysSupply) + ")"},
      {"rule_log_dates", "log_entries",
       c("at") + " >= " + era_at + " AND " + c("at") + " <= " + era_end_at + " AND (" + c("day") +
           " IS NULL OR (" + day_in_era(c("day")) + ")) AND " + c("recorded_at") + " <= " + year_9999},
      {"rule_log_text", "log_entries",
       w.at_most(c("note"), kMaxNoteBytes) + " AND " + w.at_most(c("term"), kMaxNameBytes) + " AND " +
           w.at_most(c("planned_key"), kMaxNameBytes) + " AND " + w.who(c("recorded_by"))},
      {"rule_patient", "patients",
       w.at_most(c("name"), kMaxNameBytes) + " AND " + w.at_most(c("mrn"), kMaxMrnBytes) + " AND " +
           w.at_most(c("tz"), kMaxNameBytes) + " AND (" + c("born") + " IS NULL OR (" + c("born") +
           " >= " + std::to_string(born_day) + " AND " + c("born") + " <= " + end + ")) AND (" +
           c("baseline_weight_kg") + " IS NULL OR (" + within(c("baseline_weight_kg"), kWeightKg) + "))"},
      {"rule_therapy", "therapies",
       day_in_era(c("start_day")) + " AND " + w.at_most(c("restart_reason"), kMaxNoteBytes)},
      {"rule_therapy_stop", "therapy_stops",
       day_in_era(c("stop_day")) + " AND " + w.at_most(c("reason"), kMaxNoteBytes) + " AND " +
           w.who(c("recorded_by"))},
      {"rule_cycle_adjustment", "cycle_adjustments",
       within(c("days"), kShiftDays) + " AND " + w.at_most(c("reason"), kMaxNoteBytes) + " AND " +
           w.who(c("recorded_by"))},
      {"rule_therapy_change", "therapy_changes",
       day_in_era(c("from_day")) + " AND " + w.at_most(c("reason"), kMaxNoteBytes) + " AND " +
           w.who(c("recorded_by"))},
      {"rule_closed_day", "closed_days",
       day_in_era(c("day")) + " AND " + w.at_most(c("reason"), kMaxNoteBytes)},
      {"rule_alert_acknowledgment", "alert_acknowledgments",
       w.at_most(c("note"), kMaxNoteBytes) + " AND " + w.at_most(c("alert_key"), kMaxNameBytes) + " AND " +
           w.who(c("acknowledged_by"))},
      {"rule_infusion_booking", "infusion_bookings",
       day_in_era(c("day")) + " AND " + c("chair") + " >= 1 AND " + c("chair") + " <= 20 AND " +
           w.who(c("booked_by"))},
      {"rule_audit", "audit_trail", w.who(c("actor")) + " AND " + c("at") + " <= " + year_9999},
  };
}

}  // namespace alsmeds::rules
