// Clinic server schema 9 (issue 23): the server trusts no client.
// - Every function with a fixed search_path (pg_catalog first, pg_temp last) and qualified names, so that a
//   login's temporary table, function or operator never stands in for ours; TEMP and CREATE taken from
//   PUBLIC.
// - The tables and functions owned by alsmeds_owner, a role no person logs in as (the administrator who runs
//   `server init` is made a member); the SECURITY DEFINER parts run as it.
// - The rulebook's bounds as CHECK constraints, from the one table the client checks with (rulebook.hpp,
//   stored_checks), NOT VALID so that an older server's rows stay as they are while every new row is held.
// - No record dated ahead of the server's clock (a day of slack for the zones ahead of UTC), whoever writes.
// - A chair never holds two overlapping infusions (the booking trigger, serialised per day and chair).
// - The audit trail's hash chain (audit_chain.hpp): `audit_chain` is written by a statement trigger as the
//   owner, one row per audit row, in the order the transactions took the chain's lock; an audit row written
//   by a staff or patient login carries the server's time, whatever the client sent.
// Ids, sequences, grants and row-level security are server init's (pg_roles.cpp): a login inserts only the
// columns alsmeds writes, never an id.
#include <string>
#include <vector>

#include "../audit_chain.hpp"
#include "alsmeds/records/rulebook.hpp"
#include "pg_schema.hpp"

namespace alsmeds::storage {
namespace {

constexpr const char* kPath = "SET search_path = pg_catalog, public, pg_temp";

// The chain's content of an audit row `r` (a record variable or table alias) with sequence number `seq` and
// previous hash `prev`: the same bytes as audit_chain_hash (audit_chain.cpp) gives.
std::string chain_hash_sql(const std::string& prev, const std::string& seq, const std::string& r) {
  std::string fields;
  for (const std::string& f : {seq + "::text", r + ".id::text", r + ".at::text", r + ".actor", r + ".action",
                               r + ".entity", r + ".entity_id::text", r + ".patient_id::text", r + ".detail",
                               r + ".previous", r + ".os_account", r + ".login"})
    fields +=
        " || pg_catalog.octet_length(coalesce(" + f + ", ''))::text || ':' || coalesce(" + f + ", '') || ';'";
  return "pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(" + prev + " || E'\\n'" + fields +
         ", 'UTF8')), 'hex')";
}

}  // namespace

std::string pg_chain_hash_sql(const std::string& prev, const std::string& seq, const std::string& row) {
  return chain_hash_sql(prev, seq, row);
}

std::string pg_version9_sql() {
  const std::string path = kPath;
  std::string sql = R"sql(
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'alsmeds_owner') THEN
    BEGIN
      CREATE ROLE alsmeds_owner NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
  IF NOT pg_catalog.pg_has_role(session_user, 'alsmeds_owner', 'MEMBER') THEN
    EXECUTE pg_catalog.format('GRANT alsmeds_owner TO %I', session_user);
  END IF;
  EXECUTE pg_catalog.format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());
END $$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
-- The owner holds its tables and functions in the schema (a superuser's server init needs no such grant; the
-- README's administrator, a CREATEROLE login owning the database, does).
GRANT USAGE, CREATE ON SCHEMA public TO alsmeds_owner;

CREATE OR REPLACE FUNCTION public.alsmeds_append_only() RETURNS trigger LANGUAGE plpgsql
  )sql" + path + R"sql( AS $f$
BEGIN
  RAISE EXCEPTION '% are append-only', TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
END $f$;
CREATE OR REPLACE FUNCTION public.alsmeds_session_login() RETURNS trigger LANGUAGE plpgsql
  )sql" + path + R"sql( AS $f$
BEGIN
  NEW.login := session_user;
  RETURN NEW;
END $f$;
CREATE OR REPLACE FUNCTION public.alsmeds_notify_change() RETURNS trigger LANGUAGE plpgsql
  )sql" + path + R"sql( AS $f$
BEGIN
  PERFORM pg_catalog.pg_notify('alsmeds_changes', '');
  RETURN NULL;
END $f$;
-- Run as the writer (row-level security applies): a patient sees, so corrects, only their own records.
CREATE OR REPLACE FUNCTION public.alsmeds_correct_current_only() RETURNS trigger LANGUAGE plpgsql
  )sql" + path + R"sql( AS $f$
BEGIN
  IF NEW.supersedes IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM public.log_entries l
      WHERE l.id = NEW.supersedes AND l.patient_id = NEW.patient_id AND l.kind = NEW.kind)
  THEN
    RAISE EXCEPTION 'only the current version of a record can be corrected, by one of its patient and kind'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $f$;
CREATE OR REPLACE FUNCTION public.alsmeds_booking_version() RETURNS trigger LANGUAGE plpgsql
  )sql" + path + R"sql( AS $f$
DECLARE
  prev public.infusion_bookings%ROWTYPE;
BEGIN
  NEW.released_day := NULL;
  NEW.released_chair := NULL;
  NEW.released_start := NULL;
  SELECT * INTO prev FROM public.infusion_bookings b WHERE b.planned_key = NEW.planned_key
    ORDER BY b.version DESC LIMIT 1;
  IF FOUND THEN
    NEW.version := prev.version + 1;
    IF NOT prev.cancelled THEN
      NEW.released_day := prev.day;
      NEW.released_chair := prev.chair;
      NEW.released_start := prev.start_minute;
    END IF;
  ELSE
    NEW.version := 1;
  END IF;
  IF NEW.cancelled THEN
    NEW.slot_generation := NULL;
  ELSE
    SELECT count(*) INTO NEW.slot_generation FROM public.infusion_bookings b
      WHERE b.released_day = NEW.day AND b.released_chair = NEW.chair AND b.released_start = NEW.start_minute;
    IF NEW.released_day = NEW.day AND NEW.released_chair = NEW.chair AND NEW.released_start = NEW.start_minute
    THEN
      NEW.slot_generation := NEW.slot_generation + 1;
    END IF;
    -- One writer at a time per day and chair; an infusion is 60 minutes. The same start is the slot's unique
    -- constraint's (infusion_slot_taken), which names it to the client.
    PERFORM pg_catalog.pg_advisory_xact_lock(NEW.day::integer, NEW.chair);
    IF EXISTS (
        SELECT 1 FROM public.infusion_bookings b
        WHERE b.day = NEW.day AND b.chair = NEW.chair AND b.planned_key <> NEW.planned_key AND NOT b.cancelled
          AND b.start_minute <> NEW.start_minute
          AND b.start_minute < NEW.start_minute + 60 AND NEW.start_minute < b.start_minute + 60
          AND b.version = (SELECT max(v.version) FROM public.infusion_bookings v WHERE v.planned_key = b.planned_key))
    THEN
      RAISE EXCEPTION 'chair % is taken at an overlapping time on that day', NEW.chair
        USING ERRCODE = 'exclusion_violation';
    END IF;
  END IF;
  RETURN NEW;
END $f$;

-- Nothing dated ahead of the server's clock: a day of slack (a record dated by day is stored at 00:00 UTC,
-- a day ahead in the zones east of UTC), and the client's 15 minutes for instants.
CREATE FUNCTION public.alsmeds_not_ahead() RETURNS trigger LANGUAGE plpgsql
  )sql" + path + R"sql( AS $f$
BEGIN
  IF NEW.at > pg_catalog.date_part('epoch', pg_catalog.now())::bigint + 86400 + 900 THEN
    RAISE EXCEPTION 'a record dated after today is refused' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER log_entries_not_ahead BEFORE INSERT ON log_entries
  FOR EACH ROW EXECUTE FUNCTION public.alsmeds_not_ahead();

-- The audit trail's hash chain. A staff or patient login's audit row carries the server's time.
CREATE FUNCTION public.alsmeds_audit_time() RETURNS trigger LANGUAGE plpgsql
  )sql" + path + R"sql( AS $f$
BEGIN
  IF NOT pg_catalog.pg_has_role(session_user, 'alsmeds_owner', 'MEMBER') THEN
    NEW.at := pg_catalog.date_part('epoch', pg_catalog.now())::bigint;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER audit_trail_server_time BEFORE INSERT ON audit_trail
  FOR EACH ROW EXECUTE FUNCTION public.alsmeds_audit_time();
CREATE TABLE audit_chain (
  seq bigint PRIMARY KEY,
  audit_id bigint NOT NULL UNIQUE,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
-- Writers never wait for the chain: an audit row is noted in audit_pending by its statement, and sealed into
-- the chain after its commit by alsmeds_seal(), which every alsmeds write calls once it has committed (and
-- `check` before it verifies). One session seals at a time, taking every committed row noted so far, in id
-- order; a row stays unsealed only until the next write or check (README: the window this leaves).
CREATE TABLE audit_pending (audit_id bigint PRIMARY KEY);
CREATE FUNCTION public.alsmeds_note_audit_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  )sql" + path + R"sql( AS $f$
BEGIN
  INSERT INTO public.audit_pending (audit_id) SELECT n.id FROM new_rows n;
  RETURN NULL;
END $f$;
CREATE TRIGGER audit_trail_chain AFTER INSERT ON audit_trail REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.alsmeds_note_audit_rows();
CREATE FUNCTION public.alsmeds_seal(wait boolean DEFAULT false) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
  )sql" + path + R"sql( AS $f$
DECLARE
  head_seq bigint;
  head_hash text;
  r record;
  seqs bigint[] := '{}';
  sealed bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
BEGIN
  IF wait THEN
    PERFORM pg_catalog.pg_advisory_xact_lock(1634497390);
  ELSIF NOT pg_catalog.pg_try_advisory_xact_lock(1634497390) THEN
    RETURN 0;  -- another session is sealing: it or the next one takes these rows
  END IF;
  SELECT c.seq, c.hash INTO head_seq, head_hash FROM public.audit_chain c ORDER BY c.seq DESC LIMIT 1;
  head_seq := coalesce(head_seq, 0);
  head_hash := coalesce(head_hash, '');
  FOR r IN SELECT a.* FROM public.audit_pending p JOIN public.audit_trail a ON a.id = p.audit_id
           ORDER BY p.audit_id LOOP
    head_seq := head_seq + 1;
    sealed := pg_catalog.array_append(sealed, r.id);
    seqs := pg_catalog.array_append(seqs, head_seq);
    prevs := pg_catalog.array_append(prevs, head_hash);
    head_hash := )sql" +
                    chain_hash_sql("head_hash", "head_seq", "r") + R"sql(;
    hashes := pg_catalog.array_append(hashes, head_hash);
  END LOOP;
  INSERT INTO public.audit_chain (seq, audit_id, prev_hash, hash)
    SELECT * FROM unnest(seqs, sealed, prevs, hashes);  -- the multi-array form is syntax, not pg_catalog's
  DELETE FROM public.audit_pending p WHERE p.audit_id = ANY(sealed);
  RETURN pg_catalog.cardinality(sealed);
END $f$;
)sql";
  sql +=
      "CREATE TRIGGER audit_chain_append_only_update BEFORE UPDATE ON audit_chain FOR EACH ROW EXECUTE "
      "FUNCTION public.alsmeds_append_only('audit chain rows');\n"
      "CREATE TRIGGER audit_chain_append_only_delete BEFORE DELETE ON audit_chain FOR EACH ROW EXECUTE "
      "FUNCTION public.alsmeds_append_only('audit chain rows');\n"
      "CREATE TRIGGER audit_chain_append_only_truncate BEFORE TRUNCATE ON audit_chain FOR EACH STATEMENT "
      "EXECUTE FUNCTION public.alsmeds_append_only('audit chain rows');\n";
  for (const rules::StoredCheck& c : rules::stored_checks(rules::SqlDialect::postgres))
    sql +=
        "ALTER TABLE " + c.table + " ADD CONSTRAINT " + c.name + " CHECK (" + c.condition + ") NOT VALID;\n";
  // An upgraded server starts its chain with a row that says how many audit rows came before it.
  sql += R"sql(
INSERT INTO audit_trail (at, actor, action, entity, entity_id, patient_id, detail, previous)
  SELECT pg_catalog.date_part('epoch', pg_catalog.now())::bigint, 'alsmeds', 'chain-start', 'audit', 0, NULL,
         'the audit chain starts here: the ' || count(*) || ' audit rows before it are outside it', ''
  FROM audit_trail HAVING count(*) > 0;
SELECT public.alsmeds_seal(true);
-- Everything alsmeds made belongs to the owner no person logs in as.
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'r' LOOP
    EXECUTE pg_catalog.format('ALTER TABLE public.%I OWNER TO alsmeds_owner', t);
  END LOOP;
  FOR t IN SELECT p.oid::regprocedure::text FROM pg_catalog.pg_proc p
           JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND p.proname LIKE 'alsmeds\_%' LOOP
    EXECUTE pg_catalog.format('ALTER FUNCTION %s OWNER TO alsmeds_owner', t);
  END LOOP;
END $$;
)sql";
  return sql;
}

std::vector<std::string> pg_version9_triggers() {
  return {
      "log_entries_not_ahead",          "audit_trail_server_time",        "audit_trail_chain",
      "audit_chain_append_only_update", "audit_chain_append_only_delete", "audit_chain_append_only_truncate"};
}

}  // namespace alsmeds::storage

namespace alsmeds::storage {

ChainReport verify_pg_audit_chain(PgConnection& db) {
  ChainReport out;
  if (!db.exec("SELECT to_regclass('public.audit_chain') IS NOT NULL").boolean(0, 0)) return out;
  // Every comparison on the server, in one pass: the first row that breaks the chain, if any.
  const PgResult first = db.exec(
      "SELECT seq, audit_id, problem FROM (SELECT c.seq, c.audit_id, CASE "
      "WHEN c.seq <> pg_catalog.lag(c.seq, 1, 0::bigint) OVER w + 1 THEN 'gap' "
      "WHEN a.id IS NULL THEN 'missing' "
      "WHEN c.prev_hash <> pg_catalog.lag(c.hash, 1, ''::text) OVER w THEN 'previous' "
      "WHEN c.hash <> " +
      chain_hash_sql("c.prev_hash", "c.seq", "a") +
      " THEN 'content' END AS problem FROM public.audit_chain c LEFT JOIN public.audit_trail a ON a.id = "
      "c.audit_id WINDOW w AS (ORDER BY c.seq)) x WHERE problem IS NOT NULL ORDER BY seq LIMIT 1");
  if (first.rows() == 1) {
    const std::string seq = first.text(0, 0), problem = first.text(0, 2);
    const std::string name = "audit chain: row " + seq + " (audit record " + first.text(0, 1) + ")";
    if (problem == "gap")
      out.problems.push_back("audit chain: the row before row " + seq +
                             " is missing (a chain row was removed)");
    else if (problem == "missing")
      out.problems.push_back(name + ": the audit record is missing (removed)");
    else if (problem == "previous")
      out.problems.push_back(
          name + ": its previous hash is not the hash of the row before (rows removed or reordered)");
    else
      out.problems.push_back(name + ": its content does not match its hash (rewritten)");
  }
  const PgResult head = db.exec(
      "SELECT count(*), coalesce(max(seq), 0), coalesce((SELECT hash FROM public.audit_chain ORDER BY seq "
      "DESC "
      "LIMIT 1), ''), coalesce(min(audit_id), 9223372036854775807) FROM public.audit_chain");
  out.rows = head.integer(0, 0);
  out.head_seq = head.integer(0, 1);
  out.head_hash = head.text(0, 2);
  const std::string first_id = head.text(0, 3);
  if (out.problems.empty()) {
    const PgResult loose =
        db.exec("SELECT a.id FROM public.audit_trail a WHERE a.id > " + first_id +
                " AND NOT EXISTS (SELECT 1 FROM public.audit_chain c WHERE c.audit_id = a.id) AND NOT EXISTS "
                "(SELECT 1 "
                "FROM public.audit_pending p WHERE p.audit_id = a.id) ORDER BY a.id LIMIT 1");
    if (loose.rows() == 1)
      out.problems.push_back("audit chain: audit record " + loose.text(0, 0) +
                             " is not in the chain (written behind the trigger's back)");
  }
  out.outside = db.exec("SELECT count(*) FROM public.audit_trail WHERE id < " + first_id).integer(0, 0);
  return out;
}

}  // namespace alsmeds::storage
