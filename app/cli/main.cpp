// alsmeds-cli's entry: the built-in drugs, then the command line (cli_program.cpp).
#include "cli_program.hpp"

int main(int argc, char** argv) {
  return alsmeds::cli::run_cli_program(argc, argv);
}
