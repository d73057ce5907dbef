// alsmeds-cli with the fake fourth drug registered first (issue 26): the real command line, its entry the
// registration line and the program's own call (app/cli/cli_program.hpp).
#include "cli_program.hpp"
#include "placebine.hpp"

int main(int argc, char** argv) {
  alsmeds::register_regimen(alsmeds::test::placebine_regimen());  // the registration line
  return alsmeds::cli::run_cli_program(argc, argv);
}
