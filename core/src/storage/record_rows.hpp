#pragma once
// Rows -> records, written once for both record stores (issue 26: one store over two SQL dialects). A `Row`
// is any row reader with
//   is_null(col), integer(col), real(col) (0 for NULL), text(col) ("" for NULL), flag(col)
// (SQLite's statement, the clinic server's result or binary COPY row: sql_reads.hpp, pg_rows.hpp); the
// column orders are those of the column lists below, which both stores' SELECTs use.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "alsmeds/records/dose_record.hpp"
#include "alsmeds/records/records.hpp"

namespace alsmeds::storage {

inline constexpr const char* kPatientColumns =
    "id, mrn, name, tz, born, sulfite_allergy, asthma, dysphagia, feeding_tube, baseline_weight_kg, "
    "created_at, onset";
inline constexpr const char* kPatientVersionColumns =
    "patient_id, name, tz, tz_from, born, sulfite_allergy, feeding_tube, reason, onset";
/// The columns log_entry_of reads, in its order.
inline constexpr const char* kLogColumns =
    "id, patient_id, kind, at, day, drug, status, planned_key, term, grade, cycle, cycle_day, test, value, "
    "uln, days_supply, note, recorded_by, recorded_at, supersedes, quantity, unit, product, dispensing_id";
inline constexpr const char* kBookingColumns =
    "id, patient_id, planned_key, day, chair, start_minute, booked_by, booked_at, minutes";

/// An instant as stored: seconds since the Unix epoch; a day as stored: days since it.
inline std::int64_t seconds(Instant t) {
  return t.time_since_epoch().count();
}
inline std::int64_t day_number(Day d) {
  return d.time_since_epoch().count();
}

namespace row {
template <class Row>
Day day(const Row& r, int col) {
  return Day{date::days{r.integer(col)}};
}
template <class Row>
std::optional<Day> optional_day(const Row& r, int col) {
  return r.is_null(col) ? std::nullopt : std::optional<Day>(day(r, col));
}
template <class Row>
Instant instant(const Row& r, int col) {
  return Instant{std::chrono::seconds{r.integer(col)}};
}
template <class Row>
std::optional<int> optional_int(const Row& r, int col) {
  return r.is_null(col) ? std::nullopt : std::optional<int>(static_cast<int>(r.integer(col)));
}
template <class Row>
std::optional<RecordId> optional_id(const Row& r, int col) {
  return r.is_null(col) ? std::nullopt : std::optional<RecordId>(r.integer(col));
}
}  // namespace row

template <class Row>
Patient patient_of(const Row& r) {
  Patient p;
  p.id = r.integer(0);
  if (!r.is_null(1)) p.mrn = r.text(1);
  p.name = r.text(2);
  p.tz = r.text(3);
  p.born = row::optional_day(r, 4);
  p.sulfite_allergy = r.flag(5);
  p.asthma = r.flag(6);
  p.dysphagia = r.flag(7);
  p.feeding_tube = r.flag(8);
  if (!r.is_null(9)) p.baseline_weight_kg = r.real(9);
  p.created_at = row::instant(r, 10);
  p.onset = row::optional_day(r, 11);
  return p;
}

template <class Row>
PatientVersion patient_version_of(const Row& r) {
  PatientVersion v;
  v.patient_id = r.integer(0);
  v.name = r.text(1);
  v.tz = r.text(2);
  v.tz_from = row::optional_day(r, 3);
  v.born = row::optional_day(r, 4);
  v.sulfite_allergy = r.flag(5);
  v.feeding_tube = r.flag(6);
  v.reason = r.text(7);
  v.onset = row::optional_day(r, 8);
  return v;
}

template <class Row>
Therapy therapy_of(const Row& r) {
  Therapy t;
  t.id = r.integer(0);
  t.patient_id = r.integer(1);
  t.drug = stored_drug(r.text(2));
  t.product = stored_product(t.drug, r.text(3));
  t.start = row::day(r, 4);
  t.policy = parse_day_policy(r.text(5)).value();
  auto times = parse_wall_clock_list(r.text(6));
  t.times = times ? *times : std::vector<WallClock>{};
  t.liver_tests = parse_liver_test_schedule(r.text(7)).value();
  t.liver_tests_weekdays_only = r.flag(8);
  t.stop = row::optional_day(r, 9);
  t.stop_reason = r.text(10);
  t.first_cycle = r.text(11) == "10-of-14" ? FirstCycle::ten_of_fourteen : FirstCycle::full;
  t.restart_reason = r.text(12);
  // A pattern a login wrote by hand that does not read is no pattern: the course follows its policy.
  if (auto days = parse_dose_day_pattern(r.text(13))) t.dose_days = std::move(*days);
  return t;
}

template <class Row>
CycleAdjustment adjustment_of(const Row& r) {
  CycleAdjustment a;
  a.id = r.integer(0);
  a.therapy_id = r.integer(1);
  a.shift.cycle = static_cast<int>(r.integer(2));
  a.shift.days = static_cast<int>(r.integer(3));
  a.shift.reflow = r.text(4) == "only-this-cycle" ? Reflow::only_this_cycle : Reflow::shift_all_later;
  a.reason = r.text(5);
  a.recorded_by = r.text(6);
  a.recorded_at = row::instant(r, 7);
  a.shift.resume_from = row::optional_day(r, 8);
  return a;
}

template <class Row>
ProductChange product_change_of(const Row& r, Drug drug) {
  ProductChange c;
  c.id = r.integer(0);
  c.therapy_id = r.integer(1);
  c.from = row::day(r, 2);
  c.product = stored_product(drug, r.text(3));
  c.reason = r.text(4);
  c.recorded_by = r.text(5);
  c.recorded_at = row::instant(r, 6);
  return c;
}

template <class Row>
TherapyPause pause_of(const Row& r) {
  TherapyPause p;
  p.id = r.integer(0);
  p.therapy_id = r.integer(1);
  p.from = row::day(r, 2);
  p.to = row::day(r, 3);
  p.reason = r.text(4);
  p.recorded_by = r.text(5);
  p.recorded_at = row::instant(r, 6);
  return p;
}

template <class Row>
LogEntry log_entry_of(const Row& r) {
  LogEntry e;
  e.id = r.integer(0);
  e.patient_id = r.integer(1);
  const std::string kind = r.text(2);
  for (LogKind k : {LogKind::dose, LogKind::effect, LogKind::lab, LogKind::weight, LogKind::dispensing})
    if (kind == to_string(k)) e.kind = k;
  e.at = row::instant(r, 3);
  e.day = row::optional_day(r, 4);
  if (!r.is_null(5)) e.drug = stored_drug(r.text(5));
  if (!r.is_null(6)) e.status = parse_dose_status(r.text(6)).value();
  e.planned_key = r.text(7);
  e.term = r.text(8);
  e.grade = row::optional_int(r, 9).value_or(0);
  e.cycle = row::optional_int(r, 10);
  e.cycle_day = row::optional_int(r, 11);
  e.test = r.text(12);
  e.value = r.is_null(13) ? 0 : r.real(13);
  e.uln = r.is_null(14) ? 0 : r.real(14);
  e.days_supply = row::optional_int(r, 15).value_or(0);
  e.note = r.text(16);
  e.recorded_by = r.text(17);
  e.recorded_at = row::instant(r, 18);
  e.supersedes = row::optional_id(r, 19);
  if (!r.is_null(20)) e.quantity = r.real(20);
  e.unit = r.text(21);
  e.product = r.text(22);
  e.dispensing_id = r.text(23);
  return e;
}

/// A dose as the measures read it from "id, patient_id, at, drug, status, planned_key" (status not NULL);
/// text read in place (`text_view`: SQLite's statement, the server's binary COPY row).
template <class Row>
DoseRecord dose_record_of(const Row& r) {
  DoseRecord d;
  d.patient_id = r.integer(1);
  d.at = row::instant(r, 2);
  d.drug = stored_drug(r.text_view(3));
  const std::string_view status = r.text_view(4);
  d.status = status == "taken"    ? DoseStatus::taken
             : status == "missed" ? DoseStatus::missed
                                  : DoseStatus::refused;
  d.planned = parse_planned_key(r.text_view(5));
  return d;
}

/// patient_id, day, reason.
template <class Row>
ClosedDay closed_day_of(const Row& r) {
  return {row::optional_id(r, 0), row::day(r, 1), r.text(2)};
}

/// kBookingColumns.
template <class Row>
InfusionBooking booking_of(const Row& r) {
  InfusionBooking b;
  b.id = r.integer(0);
  b.patient_id = r.integer(1);
  b.planned_key = r.text(2);
  b.day = row::day(r, 3);
  b.chair = static_cast<int>(r.integer(4));
  b.start = WallClock{r.integer(5)};
  b.booked_by = r.text(6);
  b.booked_at = row::instant(r, 7);
  b.minutes = static_cast<int>(r.integer(8));
  return b;
}

}  // namespace alsmeds::storage
