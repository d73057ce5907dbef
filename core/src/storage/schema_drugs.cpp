// The drugs a course or a log entry may name, from the registry (schema.hpp allow_registered_drugs).
#include <string>

#include "alsmeds/regimens/regimens.hpp"
#include "schema.hpp"

namespace alsmeds::storage {

namespace {

// The registered drugs the CHECK of therapies does not list yet, as SQL text to add after tofersen's
// (" OR drug = ''word''" each, quoted for a literal); empty when none or before schema 14.
std::string drugs_to_allow(Connection& db) {
  std::string therapies;
  {
    Statement s(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'therapies'");
    if (s.step()) therapies = s.get_text(0);
  }
  // Schema 14 lists the built-in three; a word registered since is added after the last of them.
  if (therapies.find("drug = 'tofersen'") == std::string::npos) return "";  // older: migrated first
  std::string more;
  for (const Regimen& r : regimens())
    if (therapies.find("drug = '" + std::string(r.word) + "'") == std::string::npos)
      more += " OR drug = ''" + std::string(r.word) + "''";  // words are [a-z0-9-] (register_regimen)
  return more;
}

}  // namespace

bool registered_drugs_allowed(Connection& db) {
  return drugs_to_allow(db).empty();
}

void allow_registered_drugs(Connection& db) {
  const std::string more = drugs_to_allow(db);
  if (more.empty()) return;
  loosen_checks(
      db, "UPDATE sqlite_master SET sql = replace(sql, 'drug = ''tofersen''', 'drug = ''tofersen''" + more +
              "') WHERE type = 'table' AND name IN ('therapies', 'log_entries')");
}

}  // namespace alsmeds::storage
