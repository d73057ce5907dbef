#pragma once
// Helpers of the clinic server tests: a fresh database with the schema and roles, logins made for it, plain
// SQL as a login (what psql would do), and the CLI pointed at the server as a login.
#include <libpq-fe.h>

#include <optional>
#include <string>
#include <vector>

#include "../cli/run_cli.hpp"
#include "temp_db.hpp"

namespace alsmeds::test {

struct SqlAnswer {
  bool ok = false;
  std::string value;  // the first row's first column
  std::string error;
};

inline SqlAnswer sql_as(const std::string& uri, const std::string& sql) {
  SqlAnswer a;
  PGconn* c = PQconnectdb(uri.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    a.error = PQerrorMessage(c);
    PQfinish(c);
    return a;
  }
  PGresult* r = PQexec(c, sql.c_str());
  a.ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  if (a.ok && PQntuples(r) > 0 && PQnfields(r) > 0) a.value = PQgetvalue(r, 0, 0);
  if (!a.ok) a.error = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  return a;
}

inline CliRun cli_on(const std::string& uri, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", uri});
  return run_cli(args);
}

/// The id a successful command printed (its first line).
inline long printed_id(const CliRun& r) {
  return r.exit_code == 0 && !r.out.empty() ? std::stol(r.out) : -1;
}

}  // namespace alsmeds::test
