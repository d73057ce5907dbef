// alsmeds-cli: parses arguments, calls core, prints, and maps failures to the exit codes of docs/cli.md.
#include "cli_program.hpp"

#include <CLI/CLI.hpp>
#include <exception>
#include <functional>
#include <iostream>
#include <set>
#include <string>

#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/storage/record_store.hpp"
#include "alsmeds/text.hpp"
#include "cli_support.hpp"
#include "plan_commands.hpp"
#include "record_commands.hpp"

namespace {

// "alsmeds-cli log dose" of the command `node`.
std::string command_path(const CLI::App* node) {
  std::string path = node->get_name();
  for (const CLI::App* p = node->get_parent(); p != nullptr; p = p->get_parent())
    path = p->get_name() + " " + path;
  return path;
}

// Names the first word that is not a command where one is expected, e.g. "'bogus' is not a command of
// alsmeds-cli plan (edaravone, riluzole, lft)"; with `subcommand_missing` (CLI11 found no command where one
// is required), the commands the last word given has ("alsmeds-cli log needs a command: dose, ..."); empty
// when every command word is known and nothing is missing.
std::string unknown_command(CLI::App& app, int argc, char** argv, bool subcommand_missing) {
  CLI::App* node = &app;
  for (int i = 1; i < argc; ++i) {
    const std::string token = argv[i];
    if (token.rfind("-", 0) == 0) {
      const CLI::Option* opt = node->get_option_no_throw(token);
      const std::string name = token.substr(0, token.find('='));
      if (opt == nullptr && node != &app && (name == "--db" || name == "--by"))
        return name + " is given to alsmeds-cli itself: put it before the command word (alsmeds-cli " + name +
               " ... " + command_path(node).substr(app.get_name().size() + 1) + " ...)";
      if (opt != nullptr && opt->get_type_size() > 0 && token.find('=') == std::string::npos) ++i;
      continue;
    }
    const auto children = node->get_subcommands([](CLI::App*) { return true; });
    if (children.empty()) return {};
    CLI::App* next = nullptr;
    std::string names;
    for (CLI::App* c : children) {
      if (c->get_name() == token) next = c;
      names += (names.empty() ? "" : ", ") + c->get_name();
    }
    if (next == nullptr)
      return alsmeds::quote_short(token) + " is not a command of " + command_path(node) + " (" + names + ")";
    node = next;
  }
  const auto children = node->get_subcommands([](CLI::App*) { return true; });
  if (!subcommand_missing || children.empty()) return {};
  std::string names;
  for (CLI::App* c : children) names += (names.empty() ? "" : ", ") + c->get_name();
  return command_path(node) + " needs a command: " + names + " (" + command_path(node) + " COMMAND --help)";
}

// Commands that only read open the database read-only: they never create, migrate or write it.
bool only_reads(const CLI::App& app) {
  static const std::set<std::string> read_only = {
      "patient list", "due",        "history",     "audit",      "backup", "check",        "report adherence",
      "report cma",   "export ics", "export fhir", "board list", "supply", "pharmacy prep"};
  std::string path;
  for (const CLI::App* node = &app; !node->get_subcommands().empty();) {
    node = node->get_subcommands().front();
    path += (path.empty() ? "" : " ") + node->get_name();
  }
  return read_only.count(path) > 0;
}

// A global option given an empty value ("--by=", "--db ''"): CLI11 would take the next word for "--by=" and
// the default database for an empty --db; refused instead, naming the option.
std::string empty_global_value(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view token = argv[i];
    for (const std::string_view name : {"--db", "--by"}) {
      const bool attached = token.size() == name.size() + 1 && token.starts_with(name) && token.back() == '=';
      const bool separate = token == name && (i + 1 >= argc || argv[i + 1][0] == '\0');
      if (attached || separate)
        return std::string(name) + " needs a value: " +
               (name == "--db" ? "a database file or a clinic server's postgresql:// URI"
                               : "who is recording");
    }
  }
  return {};
}

// The command word of this run ("log" of "alsmeds-cli --db F log dose ..."): the first word after the global
// options; empty when an option comes first that is not --db or --by (--help, --version, a typo).
std::string command_word(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view token = argv[i];
    if (token == "--db" || token == "--by") {
      ++i;
      continue;
    }
    if (token.starts_with("--db=") || token.starts_with("--by=")) continue;
    return token.starts_with("-") ? std::string() : std::string(token);
  }
  return {};
}

}  // namespace

namespace alsmeds::cli {

namespace {

// The program's commands: with a command word, only the commands under it (building all of them took an
// eighth of a `log dose`); every command for no word or a word of none (its help and its refusal name them).
int run_commands(int argc, char** argv, const std::string& only) {
  std::string drugs;
  for (const Regimen& r : regimens()) drugs += (drugs.empty() ? "" : ", ") + std::string(r.word);
  CLI::App app{"alsmeds-cli: plan and track the drugs for ALS, headless (" + drugs + ")", "alsmeds-cli"};
  app.set_version_flag("--version", std::string("alsmeds ") + ALSMEDS_VERSION);
  app.require_subcommand(1);

  Session session;
  app.add_option("--db", session.db_path,
                 "Database file, or a clinic server's postgresql:// URI (default: $ALSMEDS_DB, else "
                 "$XDG_DATA_HOME/alsmeds/alsmeds.db)");
  app.add_option("--by", session.by, "Who is recording (default: the operating system account)");

  std::function<int()> action;
  if (only.empty() || only == "plan") add_plan_commands(app, action);
  if (only != "plan") add_record_commands(app, action, session, only);
  if (!only.empty() && app.get_subcommands([&](CLI::App* c) { return c->get_name() == only; }).empty())
    return run_commands(argc, argv, "");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    const std::string unknown = unknown_command(
        app, argc, argv, std::string_view(e.what()).find("subcommand is required") != std::string_view::npos);
    print_error(unknown.empty() ? e.what() : unknown);
    return kExitBadInput;
  }

  if (only_reads(app)) session.access = alsmeds::Access::read_only;
  try {
    check_option_text(app);
    return action ? action() : kExitBadInput;
  } catch (const BadInput& e) {
    print_error(e.what());
    return kExitBadInput;
  } catch (const Failure& e) {
    print_error(e.what());
    return kExitFailure;
  } catch (const std::exception& e) {
    // A storage failure (busy past the wait, disk full, damaged, moved) in words a person can act on.
    // A module of the program that is missing is an installation fault that names itself
    // (program_modules.cpp).
    const std::string why = alsmeds::explain_storage_failure(e);
    const bool installation = why.find(kNotInstalled) != std::string::npos;
    print_error(why == e.what() && !installation ? "internal failure: " + why : why);
    return kExitFailure;
  }
}

}  // namespace

int run_cli_program(int argc, char** argv) {
  if (const std::string empty = empty_global_value(argc, argv); !empty.empty()) {
    print_error(empty);
    return kExitBadInput;
  }
  return run_commands(argc, argv, command_word(argc, argv));
}

}  // namespace alsmeds::cli
