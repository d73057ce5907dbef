#pragma once
// Rows <-> record types for the clinic server. Column orders match the SELECT lists of pg_record_store.cpp
// (the same as SQLite's, row_mapping.hpp).
#include <cstdint>
#include <vector>

#include "alsmeds/records.hpp"
#include "pg_connection.hpp"

namespace alsmeds::storage {

/// An instant as stored: seconds since the Unix epoch; a day as stored: days since it.
inline std::int64_t seconds(Instant t) {
  return t.time_since_epoch().count();
}
inline std::int64_t day_number(Day d) {
  return d.time_since_epoch().count();
}

inline constexpr const char* kLogColumns =
    "id, patient_id, kind, at, day, drug, status, planned_key, term, grade, cycle, cycle_day, test, value, "
    "uln, days_supply, note, recorded_by, recorded_at, supersedes, quantity, unit, product, dispensing_id";
inline constexpr const char* kLogInsertColumns =
    "patient_id, kind, at, day, drug, status, planned_key, term, grade, cycle, cycle_day, test, value, uln, "
    "days_supply, note, recorded_by, recorded_at, supersedes, quantity, unit, product, dispensing_id";
/// How many parameters one log entry's insert takes (log_params).
inline constexpr int kLogInsertParams = 23;

Patient read_patient(const PgResult& r, int row);
PatientVersion read_patient_version(const PgResult& r, int row);
TherapyPause read_pause(const PgResult& r, int row);
Therapy read_therapy(const PgResult& r, int row);
CycleAdjustment read_adjustment(const PgResult& r, int row);
ProductChange read_product_change(const PgResult& r, int row, Drug drug);
LogEntry read_log_entry(const PgResult& r, int row);
/// The same from a row of kLogColumns sent in binary (PgConnection::copy_rows).
LogEntry read_log_entry(const PgCopyRow& r);
ClosedDay read_closed_day(const PgResult& r, int row);
InfusionBooking read_booking(const PgResult& r, int row);

/// $1..$10 of an INSERT INTO patients (mrn, name, tz, born, sulfite_allergy, asthma, dysphagia,
/// feeding_tube, baseline_weight_kg, created_at).
std::vector<PgParam> patient_params(const NewPatient& p, std::int64_t created_at);
/// $1..$19 in the order of kLogInsertColumns.
std::vector<PgParam> log_params(const LogEntry& e, const Actor& actor);

}  // namespace alsmeds::storage
