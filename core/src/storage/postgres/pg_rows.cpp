#include "pg_rows.hpp"

namespace alsmeds::storage {
namespace {

Day day_of(const PgResult& r, int row, int col) {
  return Day{date::days{r.integer(row, col)}};
}
Instant instant_of(const PgResult& r, int row, int col) {
  return Instant{std::chrono::seconds{r.integer(row, col)}};
}

}  // namespace

Patient read_patient(const PgResult& r, int i) {
  Patient p;
  p.id = r.integer(i, 0);
  if (!r.is_null(i, 1)) p.mrn = r.text(i, 1);
  p.name = r.text(i, 2);
  p.tz = r.text(i, 3);
  if (!r.is_null(i, 4)) p.born = day_of(r, i, 4);
  p.sulfite_allergy = r.boolean(i, 5);
  p.asthma = r.boolean(i, 6);
  p.dysphagia = r.boolean(i, 7);
  p.feeding_tube = r.boolean(i, 8);
  if (!r.is_null(i, 9)) p.baseline_weight_kg = r.real(i, 9);
  p.created_at = instant_of(r, i, 10);
  if (!r.is_null(i, 11)) p.onset = day_of(r, i, 11);
  return p;
}

PatientVersion read_patient_version(const PgResult& r, int i) {
  PatientVersion v;
  v.patient_id = r.integer(i, 0);
  v.name = r.text(i, 1);
  v.tz = r.text(i, 2);
  if (!r.is_null(i, 3)) v.tz_from = day_of(r, i, 3);
  if (!r.is_null(i, 4)) v.born = day_of(r, i, 4);
  v.sulfite_allergy = r.boolean(i, 5);
  v.feeding_tube = r.boolean(i, 6);
  v.reason = r.text(i, 7);
  if (!r.is_null(i, 8)) v.onset = day_of(r, i, 8);
  return v;
}

Therapy read_therapy(const PgResult& r, int i) {
  Therapy t;
  t.id = r.integer(i, 0);
  t.patient_id = r.integer(i, 1);
  t.drug = stored_drug(r.text(i, 2));
  t.product = stored_product(t.drug, r.text(i, 3));
  t.start = day_of(r, i, 4);
  t.policy = parse_day_policy(r.text(i, 5)).value();
  auto times = parse_wall_clock_list(r.text(i, 6));
  t.times = times ? *times : std::vector<WallClock>{};
  t.liver_tests = parse_liver_test_schedule(r.text(i, 7)).value();
  t.liver_tests_weekdays_only = r.boolean(i, 8);
  if (!r.is_null(i, 9)) t.stop = day_of(r, i, 9);
  t.stop_reason = r.text(i, 10);
  t.first_cycle = r.text(i, 11) == "10-of-14" ? FirstCycle::ten_of_fourteen : FirstCycle::full;
  t.restart_reason = r.text(i, 12);
  // A pattern a login wrote by hand that does not read is no pattern: the course follows its policy.
  if (auto days = parse_dose_day_pattern(r.text(i, 13))) t.dose_days = std::move(*days);
  return t;
}

CycleAdjustment read_adjustment(const PgResult& r, int i) {
  CycleAdjustment a;
  a.id = r.integer(i, 0);
  a.therapy_id = r.integer(i, 1);
  a.shift.cycle = static_cast<int>(r.integer(i, 2));
  a.shift.days = static_cast<int>(r.integer(i, 3));
  a.shift.reflow = r.text(i, 4) == "only-this-cycle" ? Reflow::only_this_cycle : Reflow::shift_all_later;
  a.reason = r.text(i, 5);
  a.recorded_by = r.text(i, 6);
  a.recorded_at = instant_of(r, i, 7);
  if (!r.is_null(i, 8)) a.shift.resume_from = day_of(r, i, 8);
  return a;
}

TherapyPause read_pause(const PgResult& r, int i) {
  TherapyPause p;
  p.id = r.integer(i, 0);
  p.therapy_id = r.integer(i, 1);
  p.from = day_of(r, i, 2);
  p.to = day_of(r, i, 3);
  p.reason = r.text(i, 4);
  p.recorded_by = r.text(i, 5);
  p.recorded_at = instant_of(r, i, 6);
  return p;
}

ProductChange read_product_change(const PgResult& r, int i, Drug drug) {
  ProductChange c;
  c.id = r.integer(i, 0);
  c.therapy_id = r.integer(i, 1);
  c.from = day_of(r, i, 2);
  c.product = stored_product(drug, r.text(i, 3));
  c.reason = r.text(i, 4);
  c.recorded_by = r.text(i, 5);
  c.recorded_at = instant_of(r, i, 6);
  return c;
}

namespace {

// One row of a PgResult, read as a PgCopyRow is.
struct ResultRow {
  const PgResult& r;
  int row;
  bool is_null(int col) const { return r.is_null(row, col); }
  std::int64_t integer(int col) const { return r.integer(row, col); }
  double real(int col) const { return r.real(row, col); }
  std::string text(int col) const { return r.text(row, col); }
};

template <typename Row>
LogEntry log_entry_of(const Row& r) {
  const auto optional_int = [&](int col) {
    return r.is_null(col) ? std::nullopt : std::optional<int>(static_cast<int>(r.integer(col)));
  };
  LogEntry e;
  e.id = r.integer(0);
  e.patient_id = r.integer(1);
  const std::string kind = r.text(2);
  for (LogKind k : {LogKind::dose, LogKind::effect, LogKind::lab, LogKind::weight, LogKind::dispensing})
    if (kind == to_string(k)) e.kind = k;
  e.at = Instant{std::chrono::seconds{r.integer(3)}};
  if (!r.is_null(4)) e.day = Day{date::days{r.integer(4)}};
  if (!r.is_null(5)) e.drug = stored_drug(r.text(5));
  if (!r.is_null(6)) e.status = parse_dose_status(r.text(6)).value();
  e.planned_key = r.text(7);
  e.term = r.text(8);
  e.grade = optional_int(9).value_or(0);
  e.cycle = optional_int(10);
  e.cycle_day = optional_int(11);
  e.test = r.text(12);
  e.value = r.is_null(13) ? 0 : r.real(13);
  e.uln = r.is_null(14) ? 0 : r.real(14);
  e.days_supply = optional_int(15).value_or(0);
  e.note = r.text(16);
  e.recorded_by = r.text(17);
  e.recorded_at = Instant{std::chrono::seconds{r.integer(18)}};
  if (!r.is_null(19)) e.supersedes = r.integer(19);
  if (!r.is_null(20)) e.quantity = r.real(20);
  e.unit = r.text(21);
  e.product = r.text(22);
  e.dispensing_id = r.text(23);
  return e;
}

}  // namespace

LogEntry read_log_entry(const PgResult& r, int i) {
  return log_entry_of(ResultRow{r, i});
}

LogEntry read_log_entry(const PgCopyRow& r) {
  return log_entry_of(r);
}

ClosedDay read_closed_day(const PgResult& r, int i) {
  return {r.optional_integer(i, 0), day_of(r, i, 1), r.text(i, 2)};
}

InfusionBooking read_booking(const PgResult& r, int i) {
  InfusionBooking b;
  b.id = r.integer(i, 0);
  b.patient_id = r.integer(i, 1);
  b.planned_key = r.text(i, 2);
  b.day = day_of(r, i, 3);
  b.chair = static_cast<int>(r.integer(i, 4));
  b.start = WallClock{r.integer(i, 5)};
  b.booked_by = r.text(i, 6);
  b.booked_at = instant_of(r, i, 7);
  b.minutes = static_cast<int>(r.integer(i, 8));
  return b;
}

std::vector<PgParam> patient_params(const NewPatient& p, std::int64_t created_at) {
  return {pg(p.mrn),
          p.name,
          p.tz,
          p.born ? pg(std::int64_t{p.born->time_since_epoch().count()}) : PgParam{},
          pg(p.sulfite_allergy),
          pg(p.asthma),
          pg(p.dysphagia),
          pg(p.feeding_tube),
          pg(p.baseline_weight_kg),
          pg(created_at)};
}

std::vector<PgParam> log_params(const LogEntry& e, const Actor& actor) {
  const bool is_lab = e.kind == LogKind::lab;
  const bool has_value = is_lab || e.kind == LogKind::weight;
  auto text_or_null = [](const std::string& s) { return s.empty() ? PgParam{} : PgParam{s}; };
  const bool has_quantity = e.kind == LogKind::dispensing && e.quantity > 0;  // schema 7 (docs/supply.md)
  return {pg(e.patient_id),
          std::string(to_string(e.kind)),
          pg(std::int64_t{e.at.time_since_epoch().count()}),
          e.day ? pg(std::int64_t{e.day->time_since_epoch().count()}) : PgParam{},
          e.drug ? PgParam{std::string(to_string(*e.drug))} : PgParam{},
          e.status ? PgParam{std::string(to_string(*e.status))} : PgParam{},
          text_or_null(e.planned_key),
          text_or_null(e.term),
          e.kind == LogKind::effect ? pg(e.grade) : PgParam{},
          pg(e.cycle),
          pg(e.cycle_day),
          text_or_null(e.test),
          has_value ? pg(e.value) : PgParam{},
          is_lab && e.uln > 0 ? pg(e.uln) : PgParam{},  // NfL, CSF: may have none
          e.kind == LogKind::dispensing ? pg(e.days_supply) : PgParam{},
          e.note,
          actor.name,
          pg(std::int64_t{actor.now.time_since_epoch().count()}),
          pg(e.supersedes),
          has_quantity ? pg(e.quantity) : PgParam{},
          has_quantity ? text_or_null(e.unit) : PgParam{},
          e.kind == LogKind::dispensing ? text_or_null(e.product) : PgParam{},
          e.kind == LogKind::dispensing ? text_or_null(e.dispensing_id) : PgParam{}};
}

}  // namespace alsmeds::storage
