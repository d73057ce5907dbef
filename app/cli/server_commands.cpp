// server init | add-user | import-sqlite (docs/cli.md, "Clinic server"): the administration of a clinic
// server. The rules are in core (clinic_server.hpp); this file parses, calls and prints.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "alsmeds/storage/clinic_server.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "cli_support.hpp"
#include "session.hpp"

namespace alsmeds::cli {
namespace {

struct ServerOptions {
  std::string login, role, patient, file;
};

// The server named by --db (or $ALSMEDS_DB): these commands make no sense on a file.
std::string server_of(const Session& s) {
  const std::string where = s.database_file();
  if (!is_server_database(where))
    throw BadInput("--db: '" + where +
                   "' is a file; server commands need a clinic server (postgresql://...)");
  return where;
}

// A server that cannot be reached or went away, or a module not installed, is a failure (exit 1); anything
// refused is bad input.
[[noreturn]] void refuse(const std::string& message) {
  if (message.find("cannot reach the clinic server") != std::string::npos ||
      message.find("lost the connection") != std::string::npos ||
      message.find(kNotInstalled) != std::string::npos)  // an installation fault
    throw Failure(message);
  throw BadInput(message);
}

int run_init(Session& s) {
  auto done = server_init(server_of(s));
  if (!done) refuse(done.error());
  std::cout << *done;
  return kExitDone;
}

int run_add_user(Session& s, const ServerOptions& o) {
  const std::string server = server_of(s);
  auto role = parse_server_role(o.role);
  if (!role) throw BadInput("--role: " + role.error());
  std::optional<RecordId> patient;
  if (!o.patient.empty()) patient = s.patient(o.patient).id;
  auto done = server_add_user(server, o.login, *role, patient);
  if (!done) refuse(done.error());
  std::cout << *done;
  return kExitDone;
}

int run_import(Session& s, const ServerOptions& o) {
  auto done = server_import_sqlite(server_of(s), o.file, s.actor());
  if (!done) refuse(done.error());
  std::cout << *done;
  return kExitDone;
}

}  // namespace

void add_server_commands(CLI::App& app, std::function<int()>& action, Session& session) {
  Session* s = &session;
  auto o = std::make_shared<ServerOptions>();
  CLI::App* server =
      app.add_subcommand("server", "Set up a clinic server (PostgreSQL): schema, roles, logins");
  server->require_subcommand(1);
  CLI::App* init =
      server->add_subcommand("init",
                             "Create the schema and the roles alsmeds_nurse, alsmeds_pharmacist, "
                             "alsmeds_patient (safe to run again)");
  init->callback([s, &action] { action = [s] { return run_init(*s); }; });
  CLI::App* add =
      server->add_subcommand("add-user", "Create a login with a role (a patient's with --patient)");
  add->add_option("LOGIN", o->login, "The login name")->required();
  add->add_option("--role", o->role, "nurse, pharmacist or patient")->required();
  add->add_option("--patient", o->patient, "The patient (id or MRN) a patient's login sees");
  add->callback([s, o, &action] { action = [s, o] { return run_add_user(*s, *o); }; });
  CLI::App* import = server->add_subcommand(
      "import-sqlite",
      "Move a single-machine database onto an empty server (all or nothing; the file is left as it was)");
  import->add_option("FILE", o->file, "The SQLite database file")->required();
  import->callback([s, o, &action] { action = [s, o] { return run_import(*s, *o);
};
}  // namespace alsmeds::cli
);
}

}  // namespace alsmeds::cli
