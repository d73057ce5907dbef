#pragma once
// The whole of alsmeds-cli as one call, so that a program that registers a drug of its own first (a test's)
// runs the same command line (main.cpp is this call alone).

namespace alsmeds::cli {

/// Parses `argv`, runs the command and returns its exit code (docs/cli.md).
int run_cli_program(int argc, char** argv);

}  // namespace alsmeds::cli
