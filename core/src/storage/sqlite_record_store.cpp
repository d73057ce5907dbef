#include "sqlite_record_store.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "alsmeds/output_file.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "audit_chain.hpp"
#include "registry_tables.hpp"
#include "row_mapping.hpp"
#include "schema.hpp"
#include "write_checks.hpp"

namespace alsmeds::storage {

SqliteRecordStore::SqliteRecordStore(std::unique_ptr<Connection> db)
    : db_(std::move(db)), os_account_(rules::operating_system_account()) {}

void SqliteRecordStore::record_audit(const Actor& actor, std::string_view action, std::string_view entity,
                                     RecordId entity_id, std::optional<RecordId> patient_id,
                                     const std::string& detail, const std::string& previous) {
  Statement s(*db_,
              "INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail, previous, "
              "os_account) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  s.bind(1, seconds(actor.now)).bind(2, actor.name).bind(3, action).bind(4, entity).bind(5, entity_id);
  s.bind(6, patient_id).bind(7, detail).bind(8, previous).bind(9, os_account_).run();
}

Result<RecordId> SqliteRecordStore::transact(const Actor&, const std::function<Result<RecordId>()>& body,
                                             const std::vector<Refusal>&) {
  // BEGIN IMMEDIATE: the body's checks see every write committed before, and none can come between.
  Transaction tx(*db_);
  auto id = body();
  if (id) tx.commit();
  return id;
}

RecordId SqliteRecordStore::insert(const std::string& insert, const std::vector<SqlArg>& args, const char*) {
  Statement s(*db_, insert);
  bind_args(s, args);
  s.run();
  return db_->last_insert_id();
}

RecordId SqliteRecordStore::insert_log(Statement& s, const LogEntry& e, const Actor& actor) {
  s.rebind();  // every parameter is bound again
  const auto args = log_args(e, actor);
  bind_args(s, args);
  s.run();
  return db_->last_insert_id();
}

std::vector<LogEntry> SqliteRecordStore::log_entries_beside_riluzole(RecordId patient_id,
                                                                     Instant riluzole_doses_from) {
  // Each part through its own index (schema 8's partial indexes; the corrections' index): the older riluzole
  // doses, most of a long course's records, are never read.
  std::vector<LogEntry> out;
  std::unordered_set<RecordId> seen;
  for (const char* where :
       {" FROM log_entries INDEXED BY log_entries_beside_riluzole_doses WHERE patient_id = ?1 AND "
        "(kind <> 'dose' OR drug <> 'riluzole')",
        " FROM log_entries INDEXED BY log_entries_riluzole_taken WHERE patient_id = ?1 AND kind = 'dose' AND "
        "drug = 'riluzole' AND status = 'taken' AND at >= ?2",
        " FROM log_entries INDEXED BY log_entries_riluzole_not_taken WHERE patient_id = ?1 AND kind = 'dose' "
        "AND drug = 'riluzole' AND status <> 'taken' AND at >= ?2",
        // The corrections of riluzole doses (a withdrawal has no status: in neither index above); one
        // already read is skipped.
        " FROM log_entries INDEXED BY log_entries_corrections WHERE supersedes IS NOT NULL AND patient_id = "
        "?1 "
        "AND kind = 'dose' AND drug = 'riluzole'"}) {
    Statement s(*db_, std::string("SELECT ") + kLogColumns + where);
    s.bind(1, patient_id);
    if (std::string_view(where).find("?2") != std::string_view::npos) s.bind(2, seconds(riluzole_doses_from));
    while (s.step()) {
      LogEntry e = log_entry_of(SqliteRow(s));
      if (seen.insert(e.id).second) out.push_back(std::move(e));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const LogEntry& a, const LogEntry& b) { return std::tie(a.at, a.id) > std::tie(b.at, b.id); });
  return out;
}

std::vector<AuditEntry> SqliteRecordStore::audit(std::optional<RecordId> patient_id) {
  std::vector<AuditEntry> out;
  Statement s(*db_,
              "SELECT id, at, actor, action, entity, entity_id, patient_id, detail, previous, os_account "
              "FROM audit_trail WHERE ?1 IS NULL OR patient_id = ?1 ORDER BY id");
  s.bind(1, patient_id);
  while (s.step()) {
    AuditEntry a;
    a.id = s.get_int(0);
    a.at = Instant{std::chrono::seconds{s.get_int(1)}};
    a.actor = s.get_text(2);
    a.action = s.get_text(3);
    a.entity = s.get_text(4);
    a.entity_id = s.get_int(5);
    if (!s.is_null(6)) a.patient_id = s.get_int(6);
    a.detail = s.get_text(7);
    a.previous = s.get_text(8);
    a.os_account = s.get_text(9);
    out.push_back(std::move(a));
  }
  return out;
}

std::string SqliteRecordStore::audit_chain_head() {
  return describe_chain_head(verify_sqlite_audit_chain(*db_));
}

std::string SqliteRecordStore::integrity_check() {
  std::vector<std::string> problems;
  {
    Statement s(*db_, "PRAGMA integrity_check");
    while (s.step())
      if (s.get_text(0) != "ok") problems.push_back(s.get_text(0));
  }
  {
    Statement fk(*db_, "PRAGMA foreign_key_check");
    while (fk.step())
      problems.push_back("foreign key: row " + std::to_string(fk.get_int(1)) + " of " + fk.get_text(0));
  }
  // The guards of the records (append-only triggers, CHECKs) are the ones alsmeds made.
  for (std::string& p : schema_problems(*db_)) problems.push_back(std::move(p));
  // A record corrected twice (possible before schema 5) has two current versions: say which.
  {
    Statement split(*db_,
                    "SELECT supersedes, group_concat(id, ', ') FROM log_entries WHERE supersedes IS NOT NULL "
                    "GROUP BY supersedes HAVING count(*) > 1");
    while (split.step())
      problems.push_back("record " + std::to_string(split.get_int(0)) +
                         " was corrected more than once (by records " + split.get_text(1) +
                         "): each is shown as current; correct the wrong one");
  }
  // Two live bookings of one place at overlapping times (schema 18 knows the places).
  if (Statement places(*db_, "SELECT 1 FROM sqlite_master WHERE name = 'board_places'"); places.step()) {
    Statement overlap(*db_,
                      overlapping_bookings_sql("substr(b.planned_key, 1, instr(b.planned_key, ':') - 1)",
                                               "b.id = (SELECT max(v.id) FROM infusion_bookings v WHERE "
                                               "v.planned_key = b.planned_key)"));
    while (overlap.step())
      problems.push_back(overlapping_bookings_problem(overlap.get_text(0), overlap.get_text(1),
                                                      overlap.get_int(2), overlap.get_int(3),
                                                      overlap.get_text(4)));
  }
  // The audit trail's hash chain (schema 9): the first row that does not match.
  for (std::string& p : verify_sqlite_audit_chain(*db_).problems) problems.push_back(std::move(p));
  if (problems.empty()) return "ok";
  std::string out;
  for (const std::string& p : problems) out += (out.empty() ? "" : "\n") + p;
  return out;
}

Result<std::string> SqliteRecordStore::backup_to(const std::string& path) {
  auto allowed = check_output_target(path, sqlite3_db_filename(db_->handle(), "main"));
  if (!allowed) return fail(allowed.error());
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) return fail(path + " exists already; choose a new file name");
  return write_verified_copy(*db_, path);
}

std::int64_t SqliteRecordStore::change_counter() {
  Statement s(*db_, "PRAGMA data_version");
  return s.step() ? s.get_int(0) : 0;
}

}  // namespace alsmeds::storage
