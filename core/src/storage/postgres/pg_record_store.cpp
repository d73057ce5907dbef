#include "pg_record_store.hpp"

#include <sys/random.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <limits>
#include <thread>
#include <unordered_map>

#include "../registry_tables.hpp"
#include "../write_checks.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "alsmeds/text.hpp"
#include "pg_rows.hpp"
#include "pg_schema.hpp"

namespace alsmeds::storage {

PgRecordStore::PgRecordStore(std::unique_ptr<PgConnection> db, bool read_only)
    : db_(std::move(db)),
      read_only_(read_only),
      os_account_(rules::operating_system_account()),
      connects_seen_(db_->connects()) {}

void PgRecordStore::each(const std::string& select, const std::vector<SqlArg>& args,
                         const std::function<void(const SqlRow&)>& row) {
  const PgResult r = read(dollar_placeholders(select), pg(args));
  for (int i = 0; i < r.rows(); ++i) row(PgRow(r, i));
}

Result<RecordId> PgRecordStore::transact(const Actor& actor, const std::function<Result<RecordId>()>& body,
                                         const std::vector<Refusal>& refusals) {
  try {
    return write([&] {
      audit_as(actor);
      return body();
    });
  } catch (const PgError& e) {
    for (const Refusal& r : refusals)
      if (e.constraint() == r.constraint)
        if (std::string message = r.message(); !message.empty()) return fail(message);
    throw;
  }
}

RecordId PgRecordStore::insert(const std::string& insert, const std::vector<SqlArg>& args, const char* key) {
  return db_->exec(dollar_placeholders(insert) + " RETURNING " + key, pg(args)).integer(0, 0);
}

PgResult PgRecordStore::read(const std::string& sql, const std::vector<PgParam>& params) {
  // Inside a write a lost connection ends the write (write() decides about retrying it): a new connection
  // here would run the rest of the write outside its transaction.
  if (writing_) return db_->exec(sql, params);
  if (!db_->alive()) db_->reconnect();
  try {
    return db_->exec(sql, params);
  } catch (const PgError& e) {
    if (!e.connection_lost()) throw;
  }
  db_->reconnect();  // a read is safe to repeat
  return db_->exec(sql, params);
}

Result<RecordId> PgRecordStore::write(const std::function<Result<RecordId>()>& body) {
  if (read_only_) return fail("this command opened the clinic server read-only");
  // An action's keys (the app keeps them while the server does not answer): this write may be a repeat.
  const bool repeat = keys_ != nullptr;
  const std::string key = keys_ ? write_key(*keys_, keys_->used++) : new_write_key();
  for (int attempt = 0;; ++attempt) {
    try {
      if (!db_->alive()) db_->reconnect();
      if (attempt > 0 || repeat) {
        // Did the first attempt commit before the connection went? Its key says so.
        const PgResult done = db_->exec("SELECT record_id FROM write_keys WHERE key = $1", {key});
        if (done.rows() == 1) return done.integer(0, 0);
      }
      PgTransaction tx(*db_);
      struct Writing {
        bool& flag;
        explicit Writing(bool& f) : flag(f) { flag = true; }
        ~Writing() { flag = false; }
      } writing(writing_);
      Result<RecordId> id = body();
      if (!id) return id;  // refused: rolled back
      db_->exec("INSERT INTO write_keys (key, record_id) VALUES ($1, $2)", {key, pg(*id)});
      tx.commit();
      seal_audit_rows(false);
      return id;
    } catch (const PgError& e) {
      if (!e.connection_lost()) throw;
      if (attempt >= 1)
        throw PgError(
            "lost the connection to the clinic server and could not reach it again; this write was not "
            "confirmed (look at the history before entering it again)",
            e.sqlstate(), "", true);
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  }
}

void PgRecordStore::seal_audit_rows(bool now) {
  // After the commit (the write is done whatever happens here): this write's audit rows, and any left by
  // others, into the hash chain unless another session is sealing them (pg_hardening.cpp). A workstation
  // writing many times a second seals every tenth of a second: each seal takes what is waiting, and one per
  // write made the server's sealing most of its work (16 clients: 1,170 writes/s, p95 24 ms; 1,600/s and
  // 15 ms with none).
  const auto at = std::chrono::steady_clock::now();
  if (!now && last_seal_ && at - *last_seal_ < std::chrono::milliseconds{100}) return;
  last_seal_ = at;
  try {
    db_->exec("SELECT alsmeds_seal()");
  } catch (const PgError&) {
    // Sealed by the next write or `check`.
  }
}

bool PgRecordStore::written(const WriteKeys& keys) {
  if (keys.used <= 0) return false;
  std::string list = "{";
  for (int n = 0; n < keys.used; ++n) list += (n ? "," : "") + write_key(keys, n);
  list += "}";
  return read("SELECT count(*) FROM write_keys WHERE key = ANY($1::uuid[])", {list}).integer(0, 0) ==
         keys.used;
}

void PgRecordStore::audit_as(const Actor& actor, const std::string& import_from) {
  db_->exec(
      "SELECT set_config('alsmeds.actor', $1, true), set_config('alsmeds.at', $2, true), "
      "set_config('alsmeds.os_account', $3, true), set_config('alsmeds.import', $4, true)",
      {actor.name == os_account_ ? std::string() : actor.name, std::to_string(seconds(actor.now)),
       os_account_, import_from});
}

std::vector<LogEntry> PgRecordStore::log_entries_beside_riluzole(RecordId patient_id,
                                                                 Instant riluzole_doses_from) {
  std::vector<LogEntry> out;
  const PgResult r =
      read(std::string("SELECT ") + kLogColumns +
               " FROM log_entries WHERE patient_id = $1 AND (kind <> 'dose' OR drug <> 'riluzole' "
               "OR at >= $2 OR supersedes IS NOT NULL) ORDER BY at DESC, id DESC",
           {pg(patient_id), pg(seconds(riluzole_doses_from))});
  for (int i = 0; i < r.rows(); ++i) out.push_back(log_entry_of(PgRow(r, i)));
  return out;
}

ClinicLog PgRecordStore::clinic_log(Instant riluzole_doses_from, std::optional<Instant> older_taken_from) {
  ClinicLog out;
  const PgResult r = read(std::string("SELECT ") + kLogColumns +
                              " FROM log_entries WHERE kind <> 'dose' OR drug <> 'riluzole' OR at >= $1 "
                              "ORDER BY patient_id, id",
                          {pg(seconds(riluzole_doses_from))});
  for (int i = 0; i < r.rows(); ++i) {
    LogEntry e = log_entry_of(PgRow(r, i));
    out.entries[e.patient_id].push_back(std::move(e));
  }
  if (!older_taken_from) return out;
  const PgResult older = read(
      "SELECT patient_id, at, status FROM log_entries l WHERE kind = 'dose' AND drug = 'riluzole' "
      "AND status IS NOT NULL "
      "AND at >= $2 AND at < $1 AND NOT EXISTS (SELECT 1 FROM log_entries c WHERE c.supersedes = l.id)",
      {pg(seconds(riluzole_doses_from)), pg(seconds(*older_taken_from))});
  for (int i = 0; i < older.rows(); ++i) {
    DoseRecord d;
    d.patient_id = older.integer(i, 0);
    d.at = Instant{std::chrono::seconds{older.integer(i, 1)}};
    d.drug = Drug::riluzole;
    const std::string status = older.text(i, 2);
    d.status = status == "taken"    ? DoseStatus::taken
               : status == "missed" ? DoseStatus::missed
                                    : DoseStatus::refused;
    out.older_riluzole_doses[d.patient_id].push_back(d);
  }
  return out;
}

std::unordered_set<RecordId> PgRecordStore::superseded_ids() {
  std::unordered_set<RecordId> out;
  const PgResult r = read("SELECT supersedes FROM log_entries WHERE supersedes IS NOT NULL");
  for (int i = 0; i < r.rows(); ++i) out.insert(r.integer(i, 0));
  return out;
}

std::vector<AuditEntry> PgRecordStore::audit(std::optional<RecordId> patient_id) {
  std::vector<AuditEntry> out;
  const PgResult r = read(
      "SELECT id, at, actor, action, entity, entity_id, patient_id, detail, previous, login "
      "FROM audit_trail WHERE $1::bigint IS NULL OR patient_id = $1 ORDER BY id",
      {pg(patient_id)});
  for (int i = 0; i < r.rows(); ++i) {
    AuditEntry a;
    a.id = r.integer(i, 0);
    a.at = Instant{std::chrono::seconds{r.integer(i, 1)}};
    a.actor = r.text(i, 2);
    a.action = r.text(i, 3);
    a.entity = r.text(i, 4);
    a.entity_id = r.integer(i, 5);
    a.patient_id = r.optional_integer(i, 6);
    a.detail = r.text(i, 7);
    a.previous = r.text(i, 8);
    a.os_account = r.text(i, 9);  // the login the server authenticated
    out.push_back(std::move(a));
  }
  return out;
}

std::string PgRecordStore::integrity_check() {
  std::vector<std::string> problems;
  const int version = pg_schema_version(*db_);
  if (version != kSchemaVersion)
    problems.push_back("schema: version " + std::to_string(version) + " is not " +
                       std::to_string(kSchemaVersion));
  const PgResult found = read(
      "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' "
      "AND n.nspname = current_schema()");
  std::unordered_set<std::string> present;
  for (int i = 0; i < found.rows(); ++i) present.insert(found.text(i, 0));
  std::vector<std::string> expected = pg_expected_triggers();
  for (const std::string& name : expected)
    if (!present.count(name))
      problems.push_back("schema: trigger " + name +
                         " is missing or disabled (a guard of the records was removed)");
  // Once `server init` has given this database its logins' rights (row-level security on), each login's
  // rows name that login (the stamp triggers).
  const bool roles_made =
      read("SELECT relrowsecurity FROM pg_catalog.pg_class WHERE oid = 'public.log_entries'::regclass")
          .boolean(0, 0);
  for (const auto& [table, column] : pg_login_stamped_columns()) {
    const std::string name = table + "_stamp_login";
    expected.push_back(name);
    if (roles_made && !present.count(name))
      problems.push_back("schema: trigger " + name + " is missing or disabled (" + table + "." + column +
                         " would store the name a client sends: run `server init` again)");
  }
  for (const std::string& name : present)
    if (std::find(expected.begin(), expected.end(), name) == expected.end())
      problems.push_back("schema: trigger " + name + " was added outside alsmeds");
  // Two live bookings of one place at overlapping times: the booking trigger refuses them, unless it was
  // set aside meanwhile.
  if (version >= 18) {
    const PgResult overlap = read(overlapping_bookings_sql(
        "b.resource",
        "b.version = (SELECT max(v.version) FROM infusion_bookings v WHERE v.planned_key = b.planned_key)"));
    for (int i = 0; i < overlap.rows(); ++i)
      problems.push_back(overlapping_bookings_problem(overlap.text(i, 0), overlap.text(i, 1),
                                                      overlap.integer(i, 2), overlap.integer(i, 3),
                                                      overlap.text(i, 4)));
  }
  seal_audit_rows();
  for (std::string& p : verify_pg_audit_chain(*db_).problems) problems.push_back(std::move(p));
  if (problems.empty()) return "ok";
  std::string out;
  for (const std::string& p : problems) out += (out.empty() ? "" : "\n") + p;
  return out;
}

std::string PgRecordStore::audit_chain_head() {
  return describe_chain_head(verify_pg_audit_chain(*db_));
}

Result<std::string> PgRecordStore::backup_to(const std::string& path) {
  return fail("a clinic server is backed up on the server: use pg_dump (see README), not a copy to " +
              quote_short(path));
}

std::int64_t PgRecordStore::change_counter() {
  // Every write's audit row notifies (at commit) every connection listening: ours counts what arrived. Only
  // what has arrived is read (no statement is sent): this never waits on the network.
  const int n = db_->alive() ? db_->take_notifications() : -1;
  // A lost connection: no reconnect here (it may wait the whole connect timeout); what was written meanwhile
  // was not announced to it, so the caller reads everything again once the server answers.
  if (n < 0) throw PgError("lost the connection to the clinic server", "08006", "", true);
  changes_ += n;
  // Connected again since the last look (a read reconnects by itself): writes announced while the old
  // connection was gone were never heard, so count a change and let the caller read everything again.
  if (db_->connects() != connects_seen_) {
    connects_seen_ = db_->connects();
    ++changes_;
  }
  return changes_;
}

}  // namespace alsmeds::storage
