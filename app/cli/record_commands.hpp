#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <string_view>

#include "session.hpp"

namespace alsmeds::cli {

/// patient, therapy, closed, log, dispense, history, audit, backup (docs/cli.md, "The database").
/// Adds the commands that work on records; with `only` a command word ("log"), just the commands under it
/// (and none for a word of no command).
void add_record_commands(CLI::App& app, std::function<int()>& action, Session& session,
                         std::string_view only = {});

}  // namespace alsmeds::cli
