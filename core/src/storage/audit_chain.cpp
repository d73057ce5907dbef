#include "audit_chain.hpp"

#include <nettle/sha2.h>

#include <cstdint>
#include <cstdio>

#include "sqlite_db.hpp"

namespace alsmeds::storage {
namespace {

void add_field(std::string& message, const std::optional<std::string>& field) {
  const std::string& text = field ? *field : std::string();
  message += std::to_string(text.size());
  message += ':';
  message += text;
  message += ';';
}

void chain_hash_sql(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  auto text_of = [&](int i) -> std::optional<std::string> {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return std::nullopt;
    const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[i]));
    return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_value_bytes(argv[i])));
  };
  std::vector<std::optional<std::string>> fields;
  for (int i = 1; i < argc; ++i) fields.push_back(text_of(i));
  const std::string hash = audit_chain_hash(text_of(0).value_or(""), fields);
  sqlite3_result_text(ctx, hash.c_str(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
}

}  // namespace

std::string audit_chain_hash(std::string_view prev, const std::vector<std::optional<std::string>>& fields) {
  std::string message(prev);
  message += '\n';
  for (const auto& f : fields) add_field(message, f);
  // Nettle's SHA-256: plain functions, nothing to start (OpenSSL 3's first digest started its providers,
  // about 2.5 ms of every command that writes).
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, message.size(), reinterpret_cast<const std::uint8_t*>(message.data()));
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
  constexpr const char* kHexDigits = "0123456789abcdef";
  std::string hex(2 * SHA256_DIGEST_SIZE, '0');
  for (unsigned int i = 0; i < SHA256_DIGEST_SIZE; ++i) {
    hex[2 * i] = kHexDigits[digest[i] >> 4];
    hex[2 * i + 1] = kHexDigits[digest[i] & 0xf];
  }
  return hex;
}

void register_audit_chain_function(sqlite3* db) {
  sqlite3_create_function(db, "alsmeds_chain_hash", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                          chain_hash_sql, nullptr, nullptr);
}

ChainReport verify_sqlite_audit_chain(Connection& db) {
  ChainReport out;
  {
    Statement exists(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_chain'");
    if (!exists.step()) return out;
  }
  Statement s(db,
              "SELECT c.seq, c.audit_id, c.prev_hash, c.hash, a.id, a.at, a.actor, a.action, a.entity, "
              "a.entity_id, a.patient_id, a.detail, a.previous, a.os_account FROM audit_chain c "
              "LEFT JOIN audit_trail a ON a.id = c.audit_id ORDER BY c.seq");
  std::string prev;
  long long expected_seq = 1;
  while (s.step()) {
    const long long seq = s.get_int(0), audit_id = s.get_int(1);
    const std::string name =
        "audit chain: row " + std::to_string(seq) + " (audit record " + std::to_string(audit_id) + ")";
    if (out.problems.empty()) {
      if (seq != expected_seq)
        out.problems.push_back("audit chain: row " + std::to_string(expected_seq) +
                               " is missing (a chain row was removed)");
      else if (s.is_null(4))
        out.problems.push_back(name + ": the audit record is missing (removed)");
      else if (s.get_text(2) != prev)
        out.problems.push_back(name +
                               ": its previous hash is not the hash of the row before (rows removed or "
                               "reordered)");
      else {
        std::vector<std::optional<std::string>> fields{std::to_string(seq)};
        for (int c = 4; c <= 13; ++c)
          fields.push_back(s.is_null(c) ? std::nullopt : std::optional<std::string>(s.get_text(c)));
        if (audit_chain_hash(prev, fields) != s.get_text(3))
          out.problems.push_back(name + ": its content does not match its hash (rewritten)");
      }
    }
    prev = s.get_text(3);
    out.rows += 1;
    out.head_seq = seq;
    out.head_hash = prev;
    expected_seq = seq + 1;
  }
  if (out.problems.empty()) {
    Statement unchained(
        db,
        "SELECT a.id FROM audit_trail a WHERE a.id > coalesce((SELECT min(audit_id) FROM "
        "audit_chain), 9223372036854775807) AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE "
        "c.audit_id = a.id) ORDER BY a.id LIMIT 1");
    if (unchained.step())
      out.problems.push_back("audit chain: audit record " + std::to_string(unchained.get_int(0)) +
                             " is not in the chain (written behind the trigger's back)");
  }
  Statement before(db,
                   "SELECT count(*) FROM audit_trail WHERE id < coalesce((SELECT min(audit_id) FROM "
                   "audit_chain), 9223372036854775807)");
  if (before.step()) out.outside = before.get_int(0);
  return out;
}

std::string describe_chain_head(const ChainReport& r) {
  std::string out = "audit chain: " + std::to_string(r.rows) + " rows, head " + std::to_string(r.head_seq) +
                    " " + (r.head_hash.empty() ? "(empty)" : r.head_hash);
  if (r.outside > 0)
    out += "; " + std::to_string(r.outside) + " earlier audit rows are outside it (written before the chain)";
  out += "; keep this line outside the database: a rewrite of the whole chain changes it";
  return out;
}

}  // namespace alsmeds::storage
