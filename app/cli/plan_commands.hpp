#pragma once
#include <CLI/CLI.hpp>
#include <functional>

namespace alsmeds::cli {

/// `plan edaravone|riluzole|lft`: what-if calendars without a database. Sets `action` when one is chosen.
void add_plan_commands(CLI::App& app, std::function<int()>& action);

}  // namespace alsmeds::cli
