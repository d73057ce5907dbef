// The reads both record stores make, written once (sql_reads.hpp).
#include "sql_reads.hpp"

#include <cctype>
#include <limits>
#include <unordered_map>

#include "alsmeds/records/alsfrs.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "record_rows.hpp"

namespace alsmeds::storage {
namespace {

std::vector<SqlArg> only(std::optional<RecordId> id) {
  return id ? std::vector<SqlArg>{*id} : std::vector<SqlArg>{};
}

void apply_versions(SqlReads& db, std::vector<Patient>& patients, std::optional<RecordId> patient_id) {
  std::unordered_map<RecordId, Patient*> by_id;
  for (Patient& p : patients) by_id.emplace(p.id, &p);
  db.each(std::string("SELECT ") + kPatientVersionColumns + " FROM patient_versions" +
              (patient_id ? " WHERE patient_id = ?1" : "") + " ORDER BY patient_id, id",
          only(patient_id), [&](const SqlRow& r) {
            if (auto it = by_id.find(r.integer(0)); it != by_id.end())
              apply_version(*it->second, patient_version_of(r));
          });
}

std::optional<Patient> one_patient(SqlReads& db, const char* where, SqlArg key) {
  std::vector<Patient> one;
  db.each(std::string("SELECT ") + kPatientColumns + " FROM patients WHERE " + where, {std::move(key)},
          [&](const SqlRow& r) { one.push_back(patient_of(r)); });
  if (one.empty()) return std::nullopt;
  apply_versions(db, one, one.front().id);
  return one.front();
}

// The rows of a course's part (delays, pauses, product changes): one query for all the courses read.
std::string course_part(const char* columns_from, const char* alias, bool one_patient, const char* order) {
  return std::string("SELECT ") + columns_from + " " +
         (one_patient
              ? std::string("JOIN therapies t ON t.id = ") + alias + ".therapy_id WHERE t.patient_id = ?1 "
              : std::string()) +
         "ORDER BY " + order;
}

}  // namespace

std::string dollar_placeholders(const std::string& select) {
  std::string out = select;
  for (std::size_t i = 0; i + 1 < out.size(); ++i)
    if (out[i] == '?' && std::isdigit(static_cast<unsigned char>(out[i + 1]))) out[i] = '$';
  return out;
}

std::string plan_shaping_doses_sql(std::string_view alias) {
  const std::string a(alias);
  std::string out;
  for (const Regimen& r : regimens()) {
    if (!r.plan_reads_log) continue;
    const std::string drug = a + "drug = '" + std::string(r.word) + "'";
    out += (out.empty() ? "" : " OR ") +
           (r.plan_reads_given ? drug : "(" + drug + " AND " + a + "status <> 'taken')");
  }
  return out.empty() ? "0 = 1" : "(" + out + ")";
}

std::vector<Patient> read_patients(SqlReads& db) {
  std::vector<Patient> out;
  db.each(std::string("SELECT ") + kPatientColumns + " FROM patients ORDER BY id", {},
          [&](const SqlRow& r) { out.push_back(patient_of(r)); });
  apply_versions(db, out, std::nullopt);
  return out;
}

std::optional<Patient> read_patient(SqlReads& db, RecordId id) {
  return one_patient(db, "id = ?1", id);
}

std::optional<Patient> read_patient_by_mrn(SqlReads& db, const std::string& mrn) {
  return one_patient(db, "mrn = ?1", mrn);
}

std::vector<Therapy> read_therapies(SqlReads& db, std::optional<RecordId> patient_id) {
  std::vector<Therapy> out;
  const std::vector<SqlArg> args = only(patient_id);
  // Two texts rather than "?1 IS NULL OR ...": the per-patient one must be able to use the index.
  db.each(std::string("SELECT t.id, t.patient_id, t.drug, t.product, t.start_day, t.policy, t.times, "
                      "t.lft_schedule, t.lft_weekdays_only, s.stop_day, coalesce(s.reason, ''), "
                      "t.first_cycle, t.restart_reason, t.dose_days "
                      "FROM therapies t LEFT JOIN therapy_stops s ON s.therapy_id = t.id ") +
              (patient_id ? "WHERE t.patient_id = ?1 " : "") + "ORDER BY t.patient_id, t.id",
          args, [&](const SqlRow& r) { out.push_back(therapy_of(r)); });
  if (out.empty()) return out;
  // One pass over each part (in the order recorded) instead of one query per course.
  std::unordered_map<RecordId, Therapy*> by_id;
  for (Therapy& t : out) by_id.emplace(t.id, &t);
  const auto course = [&](const SqlRow& r) -> Therapy* {
    auto it = by_id.find(r.integer(1));
    return it == by_id.end() ? nullptr : it->second;
  };
  db.each(course_part("a.id, a.therapy_id, a.cycle, a.days, a.reflow, a.reason, a.recorded_by, "
                      "a.recorded_at, a.resume_from FROM cycle_adjustments a",
                      "a", patient_id.has_value(), "a.id"),
          args, [&](const SqlRow& r) {
            if (Therapy* t = course(r)) t->adjustments.push_back(adjustment_of(r));
          });
  db.each(course_part("c.id, c.therapy_id, c.from_day, c.product, c.reason, c.recorded_by, c.recorded_at "
                      "FROM therapy_changes c",
                      "c", patient_id.has_value(), "c.from_day, c.id"),
          args, [&](const SqlRow& r) {
            if (Therapy* t = course(r)) t->changes.push_back(product_change_of(r, t->drug));
          });
  std::unordered_map<RecordId, std::vector<TherapyPause>> pause_rows;
  db.each(course_part("p.id, p.therapy_id, p.from_day, p.to_day, p.reason, p.recorded_by, p.recorded_at "
                      "FROM therapy_pauses p",
                      "p", patient_id.has_value(), "p.id"),
          args, [&](const SqlRow& r) { pause_rows[r.integer(1)].push_back(pause_of(r)); });
  for (auto& [therapy, rows] : pause_rows)
    if (auto it = by_id.find(therapy); it != by_id.end()) {
      it->second->pauses = pauses_in_force(rows);
      it->second->pause_rows = std::move(rows);
    }
  return out;
}

std::vector<ClosedDay> read_closed_days(SqlReads& db, std::optional<RecordId> patient_id, bool all) {
  std::vector<ClosedDay> out;
  const auto add = [&](const SqlRow& r) { out.push_back(closed_day_of(r)); };
  if (all)
    db.each("SELECT patient_id, day, reason FROM closed_days ORDER BY day, id", {}, add);
  else if (patient_id)
    db.each(
        "SELECT patient_id, day, reason FROM closed_days WHERE patient_id IS NULL OR patient_id = ?1 "
        "ORDER BY day, id",
        {*patient_id}, add);
  else
    db.each("SELECT patient_id, day, reason FROM closed_days WHERE patient_id IS NULL ORDER BY day, id", {},
            add);
  return out;
}

std::vector<LogEntry> read_log_entries(SqlReads& db, RecordId patient_id, std::optional<Instant> from,
                                       std::optional<Instant> to) {
  std::vector<LogEntry> out;
  db.each(std::string("SELECT ") + kLogColumns +
              " FROM log_entries WHERE patient_id = ?1 AND at >= ?2 AND at <= ?3 ORDER BY at DESC, id DESC",
          {patient_id, from ? seconds(*from) : std::numeric_limits<std::int64_t>::min(),
           to ? seconds(*to) : std::numeric_limits<std::int64_t>::max()},
          [&](const SqlRow& r) { out.push_back(log_entry_of(r)); });
  return out;
}

std::optional<LogEntry> read_log_entry(SqlReads& db, RecordId id) {
  std::optional<LogEntry> out;
  db.each(std::string("SELECT ") + kLogColumns + " FROM log_entries WHERE id = ?1", {id},
          [&](const SqlRow& r) { out = log_entry_of(r); });
  return out;
}

std::vector<AlertAcknowledgment> read_alert_acknowledgments(SqlReads& db,
                                                            std::optional<RecordId> patient_id) {
  std::vector<AlertAcknowledgment> out;
  db.each(std::string("SELECT id, patient_id, alert_key, acknowledged_by, acknowledged_at, note "
                      "FROM alert_acknowledgments ") +
              (patient_id ? "WHERE patient_id = ?1 " : "") + "ORDER BY id",
          only(patient_id), [&](const SqlRow& r) {
            out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), row::instant(r, 4), r.text(5)});
          });
  return out;
}

std::vector<AlsfrsReport> read_alsfrs_reports(SqlReads& db, std::optional<RecordId> patient_id) {
  std::vector<AlsfrsReport> out;
  db.each(std::string("SELECT id, patient_id, day, items, gastrostomy, recorded_by, recorded_at, supersedes "
                      "FROM alsfrs_reports ") +
              (patient_id ? "WHERE patient_id = ?1 " : "") + "ORDER BY patient_id, id",
          only(patient_id), [&](const SqlRow& r) {
            AlsfrsReport a;
            a.id = r.integer(0);
            a.patient_id = r.integer(1);
            a.day = row::day(r, 2);
            a.items = *parse_alsfrs_items(r.text(3), false);
            a.gastrostomy = r.flag(4);
            a.recorded_by = r.text(5);
            a.recorded_at = row::instant(r, 6);
            a.supersedes = row::optional_id(r, 7);
            out.push_back(std::move(a));
          });
  return out;
}

std::optional<UnitSettings> read_unit_settings(SqlReads& db) {
  std::optional<UnitSettings> out;
  db.each(
      "SELECT id, chairs, opens_minute, closes_minute, weekdays_only, reason, recorded_by, recorded_at, "
      "lp_rooms, lp_minutes FROM unit_settings ORDER BY id DESC LIMIT 1",
      {}, [&](const SqlRow& r) {
        UnitSettings u;
        u.id = r.integer(0);
        u.chairs = static_cast<int>(r.integer(1));
        u.opens_minute = static_cast<int>(r.integer(2));
        u.closes_minute = static_cast<int>(r.integer(3));
        u.weekdays_only = r.flag(4);
        u.reason = r.text(5);
        u.recorded_by = r.text(6);
        u.recorded_at = row::instant(r, 7);
        u.lp_rooms = static_cast<int>(r.integer(8));
        u.lp_minutes = static_cast<int>(r.integer(9));
        out = std::move(u);
      });
  return out;
}

}  // namespace alsmeds::storage
