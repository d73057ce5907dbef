#pragma once
// board propose and the board's hours options shared by the board's commands.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "alsmeds/board/chair_levelling.hpp"
#include "alsmeds/rules/clinic_actions.hpp"
#include "session.hpp"

namespace alsmeds::cli {

/// --chairs, --opens, --closes, --open-days: each given overrides the clinic's settings (board settings) for
/// this command; empty = the setting.
struct BoardHoursCliOptions {
  std::string chairs, opens, closes, open_days;
};
/// The clinic's settings with the options given applied over them, checked (BadInput naming the option).
BoardHours board_hours_of(const BoardHoursCliOptions& o, const UnitSettings& in_force);
/// The same, with the days the unit opens (--open-days all|weekdays over the setting).
InfusionUnit infusion_unit_of(const BoardHoursCliOptions& o, const UnitSettings& in_force);
void add_board_hours_options(CLI::App* cmd, BoardHoursCliOptions& o);

void add_board_propose_command(CLI::App* board, std::function<int()>& action, Session& session);
void add_board_level_command(CLI::App* board, std::function<int()>& action, Session& session);

}  // namespace alsmeds::cli
