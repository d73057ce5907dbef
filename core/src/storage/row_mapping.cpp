#include "row_mapping.hpp"

namespace alsmeds::storage {
namespace {

Day day_of(const Statement& s, int col) {
  return Day{date::days{s.get_int(col)}};
}
Instant instant_of(const Statement& s, int col) {
  return Instant{std::chrono::seconds{s.get_int(col)}};
}
std::optional<int> optional_int(const Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return static_cast<int>(s.get_int(col));
}

}  // namespace

Patient read_patient(const Statement& s) {
  Patient p;
  p.id = s.get_int(0);
  p.mrn = s.get_optional_text(1);
  p.name = s.get_text(2);
  p.tz = s.get_text(3);
  if (!s.is_null(4)) p.born = day_of(s, 4);
  p.sulfite_allergy = s.get_int(5) != 0;
  p.asthma = s.get_int(6) != 0;
  p.dysphagia = s.get_int(7) != 0;
  p.feeding_tube = s.get_int(8) != 0;
  if (!s.is_null(9)) p.baseline_weight_kg = s.get_double(9);
  p.created_at = instant_of(s, 10);
  if (!s.is_null(11)) p.onset = day_of(s, 11);
  return p;
}

PatientVersion read_patient_version(const Statement& s) {
  PatientVersion v;
  v.patient_id = s.get_int(0);
  v.name = s.get_text(1);
  v.tz = s.get_text(2);
  if (!s.is_null(3)) v.tz_from = day_of(s, 3);
  if (!s.is_null(4)) v.born = day_of(s, 4);
  v.sulfite_allergy = s.get_int(5) != 0;
  v.feeding_tube = s.get_int(6) != 0;
  v.reason = s.get_text(7);
  if (!s.is_null(8)) v.onset = day_of(s, 8);
  return v;
}

Therapy read_therapy(const Statement& s) {
  Therapy t;
  t.id = s.get_int(0);
  t.patient_id = s.get_int(1);
  t.drug = stored_drug(s.get_text(2));
  t.product = stored_product(t.drug, s.get_text(3));
  t.start = day_of(s, 4);
  t.policy = parse_day_policy(s.get_text(5)).value();
  auto times = parse_wall_clock_list(s.get_text(6));
  t.times = times ? *times : std::vector<WallClock>{};
  t.liver_tests = parse_liver_test_schedule(s.get_text(7)).value();
  t.liver_tests_weekdays_only = s.get_int(8) != 0;
  if (!s.is_null(9)) t.stop = day_of(s, 9);
  t.stop_reason = s.get_text(10);
  t.first_cycle = s.get_text(11) == "10-of-14" ? FirstCycle::ten_of_fourteen : FirstCycle::full;
  t.restart_reason = s.get_text(12);
  // A pattern a login wrote by hand that does not read is no pattern: the course follows its policy.
  if (auto days = parse_dose_day_pattern(s.get_text(13))) t.dose_days = std::move(*days);
  return t;
}

CycleAdjustment read_adjustment(const Statement& s) {
  CycleAdjustment a;
  a.id = s.get_int(0);
  a.therapy_id = s.get_int(1);
  a.shift.cycle = static_cast<int>(s.get_int(2));
  a.shift.days = static_cast<int>(s.get_int(3));
  a.shift.reflow = s.get_text(4) == "only-this-cycle" ? Reflow::only_this_cycle : Reflow::shift_all_later;
  a.reason = s.get_text(5);
  a.recorded_by = s.get_text(6);
  a.recorded_at = instant_of(s, 7);
  if (!s.is_null(8)) a.shift.resume_from = day_of(s, 8);
  return a;
}

ProductChange read_product_change(const Statement& s, Drug drug) {
  ProductChange c;
  c.id = s.get_int(0);
  c.therapy_id = s.get_int(1);
  c.from = day_of(s, 2);
  c.product = stored_product(drug, s.get_text(3));
  c.reason = s.get_text(4);
  c.recorded_by = s.get_text(5);
  c.recorded_at = instant_of(s, 6);
  return c;
}

TherapyPause read_pause(const Statement& s) {
  TherapyPause p;
  p.id = s.get_int(0);
  p.therapy_id = s.get_int(1);
  p.from = day_of(s, 2);
  p.to = day_of(s, 3);
  p.reason = s.get_text(4);
  p.recorded_by = s.get_text(5);
  p.recorded_at = instant_of(s, 6);
  return p;
}

LogEntry read_log_entry(const Statement& s) {
  LogEntry e;
  e.id = s.get_int(0);
  e.patient_id = s.get_int(1);
  const std::string kind = s.get_text(2);
  for (LogKind k : {LogKind::dose, LogKind::effect, LogKind::lab, LogKind::weight, LogKind::dispensing})
    if (kind == to_string(k)) e.kind = k;
  e.at = instant_of(s, 3);
  if (!s.is_null(4)) e.day = day_of(s, 4);
  if (!s.is_null(5)) e.drug = stored_drug(s.get_text(5));
  if (!s.is_null(6)) e.status = parse_dose_status(s.get_text(6)).value();
  e.planned_key = s.get_text(7);
  e.term = s.get_text(8);
  e.grade = optional_int(s, 9).value_or(0);
  e.cycle = optional_int(s, 10);
  e.cycle_day = optional_int(s, 11);
  e.test = s.get_text(12);
  e.value = s.get_double(13);
  e.uln = s.get_double(14);
  e.days_supply = optional_int(s, 15).value_or(0);
  e.note = s.get_text(16);
  e.recorded_by = s.get_text(17);
  e.recorded_at = instant_of(s, 18);
  if (!s.is_null(19)) e.supersedes = s.get_int(19);
  if (!s.is_null(20)) e.quantity = s.get_double(20);
  e.unit = s.get_text(21);
  e.product = s.get_text(22);
  e.dispensing_id = s.get_text(23);
  return e;
}

void bind_log_entry(Statement& s, const LogEntry& e, const Actor& actor) {
  // Text is bound without copies: `e`, `actor` and the to_string() literals outlive the statement's step.
  const bool is_lab = e.kind == LogKind::lab;
  const bool has_value = is_lab || e.kind == LogKind::weight;
  s.bind(1, e.patient_id)
      .bind_static(2, to_string(e.kind))
      .bind(3, std::int64_t{e.at.time_since_epoch().count()});
  if (e.day)
    s.bind(4, std::int64_t{e.day->time_since_epoch().count()});
  else
    s.bind_null(4);
  if (e.drug)
    s.bind_static(5, to_string(*e.drug));
  else
    s.bind_null(5);
  if (e.status)
    s.bind_static(6, to_string(*e.status));
  else
    s.bind_null(6);
  s.bind_static_or_null(7, e.planned_key).bind_static_or_null(8, e.term);
  s.bind(9, e.kind == LogKind::effect ? std::optional<int>(e.grade) : std::nullopt);
  s.bind(10, e.cycle).bind(11, e.cycle_day).bind_static_or_null(12, e.test);
  s.bind(13, has_value ? std::optional<double>(e.value) : std::nullopt);
  s.bind(14, is_lab && e.uln > 0 ? std::optional<double>(e.uln) : std::nullopt);  // NfL, CSF: may have none
  s.bind(15, e.kind == LogKind::dispensing ? std::optional<int>(e.days_supply) : std::nullopt);
  s.bind_static(16, e.note)
      .bind_static(17, actor.name)
      .bind(18, std::int64_t{actor.now.time_since_epoch().count()});
  s.bind(19, e.supersedes);
  const bool has_quantity = e.kind == LogKind::dispensing && e.quantity > 0;
  s.bind(20, has_quantity ? std::optional<double>(e.quantity) : std::nullopt);
  if (has_quantity)
    s.bind_static_or_null(21, e.unit);
  else
    s.bind_null(21);
  s.bind_static_or_null(22, e.kind == LogKind::dispensing ? std::string_view(e.product) : std::string_view{});
  s.bind_static_or_null(
      23, e.kind == LogKind::dispensing ? std::string_view(e.dispensing_id) : std::string_view{});
}
}  // namespace alsmeds::storage
