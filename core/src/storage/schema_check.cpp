// `check`'s comparison of a file's schema with the one the migration steps build for its version
// (schema.hpp schema_problems).
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "alsmeds/storage/record_store.hpp"
#include "schema.hpp"

namespace alsmeds::storage {

namespace {

// name -> (type, SQL with white space runs as one space) of every table, trigger, view and index of the
// database's own schema (not SQLite's internal objects nor the indexes it makes for UNIQUE constraints).
std::map<std::string, std::pair<std::string, std::string>> schema_objects(Connection& db) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  Statement s(db,
              "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'");
  while (s.step()) {
    std::string sql;
    for (char c : s.get_text(2)) {
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (!space)
        sql += c;
      else if (!sql.empty() && sql.back() != ' ')
        sql += ' ';
    }
    out[s.get_text(1)] = {s.get_text(0), sql};
  }
  return out;
}

}  // namespace

std::vector<std::string> schema_problems(Connection& db) {
  int version = 0;
  {
    Statement v(db, "PRAGMA user_version");
    if (v.step()) version = static_cast<int>(v.get_int(0));
  }
  if (version < 1 || version > kSchemaVersion)
    return {"schema: version " + std::to_string(version) + " is unknown"};
  Connection reference(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY);
  migrate_to(reference, 0, version);
  allow_registered_drugs(reference);
  const auto expected = schema_objects(reference);
  const auto found = schema_objects(db);
  std::vector<std::string> out;
  for (const auto& [name, object] : expected) {
    auto it = found.find(name);
    if (it == found.end())
      out.push_back("schema: " + object.first + " " + name + " is missing" +
                    (object.first == "index" ? "" : " (a guard of the records was removed)"));
    else if (it->second != object)
      out.push_back("schema: " + object.first + " " + name +
                    " is not the one alsmeds made (changed outside alsmeds)");
  }
  for (const auto& [name, object] : found)
    if (!expected.count(name))
      out.push_back("schema: " + object.first + " " + name + " was added outside alsmeds");
  return out;
}

}  // namespace alsmeds::storage
