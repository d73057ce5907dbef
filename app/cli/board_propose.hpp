#pragma once
// board propose and the board's hours options shared by the board's commands.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "alsmeds/clinic_actions.hpp"
#include "session.hpp"

namespace alsmeds::cli {

struct BoardHoursCliOptions {
  std::string chairs = "4", opens = "8", closes = "17";
};
/// --chairs, --opens, --closes checked (BadInput naming the option).
BoardHours board_hours_of(const BoardHoursCliOptions& o);
void add_board_hours_options(CLI::App* cmd, BoardHoursCliOptions& o);

void add_board_propose_command(CLI::App* board, std::function<int()>& action, Session& session);
void add_board_level_command(CLI::App* board, std::function<int()>& action, Session& session);

}  // namespace alsmeds::cli
