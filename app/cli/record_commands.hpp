#pragma once
#include <CLI/CLI.hpp>
#include <functional>

#include "session.hpp"

namespace alsmeds::cli {

/// patient, therapy, closed, log, dispense, history, audit, backup (docs/cli.md, "The database").
void add_record_commands(CLI::App& app, std::function<int()>& action, Session& session);

}  // namespace alsmeds::cli
