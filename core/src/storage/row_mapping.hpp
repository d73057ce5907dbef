#pragma once
// Rows <-> record types. Column orders match the SELECT lists in sqlite_record_store.cpp.
#include <cstdint>

#include "alsmeds/records.hpp"
#include "sqlite_db.hpp"

namespace alsmeds::storage {

/// An instant as stored: seconds since the Unix epoch.
inline std::int64_t seconds(Instant t) {
  return t.time_since_epoch().count();
}

/// The columns read_log_entry reads, in its order.
inline constexpr const char* kLogColumns =
    "id, patient_id, kind, at, day, drug, status, planned_key, term, grade, cycle, cycle_day, test, value, "
    "uln, days_supply, note, recorded_by, recorded_at, supersedes, quantity, unit, product, dispensing_id";

/// The inserts of one patient and of one log record (their columns as insert_patient and bind_log_entry
/// bind).
inline constexpr const char* kInsertPatient =
    "INSERT INTO patients (mrn, name, tz, born, sulfite_allergy, asthma, dysphagia, feeding_tube, "
    "baseline_weight_kg, created_at, onset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
inline constexpr const char* kInsertLog =
    "INSERT INTO log_entries (patient_id, kind, at, day, drug, status, planned_key, term, grade, cycle, "
    "cycle_day, "
    "test, value, uln, days_supply, note, recorded_by, recorded_at, supersedes, quantity, unit, product, "
    "dispensing_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
    "?22, ?23)";

Patient read_patient(const Statement& s);
PatientVersion read_patient_version(const Statement& s);
TherapyPause read_pause(const Statement& s);
Therapy read_therapy(const Statement& s);
CycleAdjustment read_adjustment(const Statement& s);
ProductChange read_product_change(const Statement& s, Drug drug);
LogEntry read_log_entry(const Statement& s);
void bind_log_entry(Statement& s, const LogEntry& e, const Actor& actor);

}  // namespace alsmeds::storage
