#pragma once
// The clinic server's schema: versioned like the SQLite file's (schema.cpp), the same version number meaning
// the same records. Version 6 is the first the server store knows; later versions add steps.
#include <string>
#include <utility>
#include <vector>

#include "../audit_chain.hpp"
#include "pg_connection.hpp"

namespace alsmeds::storage {

/// The schema version of the database, 0 when it holds no alsmeds schema yet; -1 when it holds tables of
/// another program (no alsmeds marker).
int pg_schema_version(PgConnection& db);

/// Creates or migrates the schema to kSchemaVersion in one transaction (two programs doing it at once queue
/// on a lock; the second finds it done). Refuses a database of another program or of a newer alsmeds.
void pg_migrate(PgConnection& db);
/// The drugs a course or a log entry may name are the CHECKs' list (schema 14: the built-in three): a drug
/// registered since (regimens.hpp register_regimen, a test's fourth) is added to both when the login owns the
/// tables (a word never removed). Another login's writes of a drug the server does not list are refused.
void pg_allow_registered_drugs(PgConnection& db);
/// pg_migrate up to `version` only: tests make servers of earlier versions with it.
void pg_migrate_to(PgConnection& db, int version);

/// The guards (append-only triggers, the correction and booking rules) the schema must hold, by name.
std::vector<std::string> pg_expected_triggers();
/// The column of each clinical table that names who wrote a row: `server init` makes a trigger per table
/// (TABLE_stamp_login) that writes the login there for every login but the owner's (pg_roles.cpp).
std::vector<std::pair<std::string, std::string>> pg_login_stamped_columns();

/// Schema 9 (pg_hardening.cpp): functions on a fixed search_path, the owner role, the rulebook's CHECKs, no
/// record ahead of the clock, no overlapping booking, the audit chain; and the triggers it adds.
std::string pg_version9_sql();
std::vector<std::string> pg_version9_triggers();
/// Schema 11 (pg_audit_rows.cpp): every audit row written by a trigger from the record it audits; the
/// triggers.
std::string pg_version11_sql();
std::vector<std::string> pg_version11_triggers();
/// Schema 12: patient versions (patient update), append-only and audited by the server.
std::string pg_version12_sql();
std::vector<std::string> pg_version12_triggers();
/// Schema 13 (pg_schema13.cpp): the unit's settings (board settings) and a course's chosen dose days.
std::string pg_version13_sql();
/// The log entries' and the courses' audit functions alone (CREATE OR REPLACE), their words as schema 15 has
/// them (each lab result's unit; no " at " after a course without dose times, as tofersen's).
std::string pg_log_entries_audit_function_sql();
std::string pg_therapy_audit_function_sql();
std::vector<std::string> pg_version13_triggers();
/// Schema 16 (pg_schema16.cpp): lumbar-puncture rooms on the board (bookings of tofersen doses, their
/// minutes; the booking trigger made again), the unit's rooms and minutes in its settings.
std::string pg_version16_sql();
/// The booking trigger's function (pg_schema16.cpp) as schema 16 and 18 make it: `chair` is true for a
/// chair (not a room), `same_place` for a booking `b` of the same place, `declare` and `place` added to its
/// DECLARE and to the start of its body.
std::string pg_booking_version_sql(const std::string& declare, const std::string& place,
                                   const std::string& chair, const std::string& same_place);
/// Schema 18 (pg_schema18.cpp): the drugs' places on the board (board_places, the booking trigger by them)
/// and their packs (supply_packs, the dispensings' trigger).
std::string pg_version18_sql();
std::vector<std::string> pg_version18_triggers();
/// The audit function and AFTER INSERT trigger of `table` (pg_audit_rows.cpp): `select` is the SELECT list
/// after at, actor, os_account (action, entity, entity_id, patient_id, detail, previous) over new rows `n`.
/// `function_only`: CREATE OR REPLACE of the function alone (a later step changing its words).
std::string pg_audit_sql(const std::string& table, const std::string& select, bool function_only = false);
/// Every audit and words function owned by alsmeds_owner, EXECUTE revoked from PUBLIC.
std::string pg_own_audit_functions_sql();
/// The append-only triggers (update, delete, truncate) of `table`.
std::string pg_append_only_sql(const std::string& table, const std::string& words);
/// The tables whose rows the server audits (TABLE_audit triggers).
std::vector<std::string> pg_audited_tables();
/// SQL of an audit row's chain hash (audit_chain.hpp): `prev` and `seq` expressions, `row` an alias.
/// The audit chain walked on the server (every hash recomputed there); the first row that breaks it.
ChainReport verify_pg_audit_chain(PgConnection& db);
std::string pg_chain_hash_sql(const std::string& prev, const std::string& seq, const std::string& row);

}  // namespace alsmeds::storage
