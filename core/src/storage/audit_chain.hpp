#pragma once
// The audit trail's hash chain (issue 23), the same on both stores: every audit row gets a row of
// `audit_chain` (its sequence number, the hash of the row before it, its own hash), so that a rewritten,
// deleted or reordered audit row is found by `check`, whoever wrote behind the triggers' back.
//   hash(n) = hex(SHA-256(hash(n-1) "\n" field1 ";" field2 ";" ...)), each field as "<bytes>:<text>" (a NULL
//   as "0:"), the first row's previous hash the empty text.
// Fields, in order: seq, id, at, actor, action, entity, entity_id, patient_id, detail, previous, os_account
// (and on the server, login: the authenticated session user). A rewrite of the whole chain is found only
// against a head kept outside the database: `check` prints it (README: keeping the chain head).
#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alsmeds::storage {

class Connection;

/// hex(SHA-256(prev "\n" encoded fields)).
std::string audit_chain_hash(std::string_view prev, const std::vector<std::optional<std::string>>& fields);

/// Registers alsmeds_chain_hash(prev, field...) on a SQLite connection (the trigger of schema 9 calls it).
void register_audit_chain_function(sqlite3* db);

struct ChainReport {
  std::vector<std::string> problems;  // the first row that does not match, named; empty when the chain holds
  long long rows = 0;                 // rows in the chain
  long long head_seq = 0;
  std::string head_hash;
  long long outside = 0;  // audit rows written before the chain started (schema 9), not covered
};
/// Walks the SQLite file's chain in order, recomputing every hash.
ChainReport verify_sqlite_audit_chain(Connection& db);

/// "audit chain: 1204 rows, head 1204 9f86d0...; keep this line outside the database to find a rewrite of
/// the whole chain (N earlier rows are outside it)".
std::string describe_chain_head(const ChainReport& report);

}  // namespace alsmeds::storage
