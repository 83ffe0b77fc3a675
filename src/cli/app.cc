// The command-line front door: CLI11 parses the command line and hands it to one command.
#include "cli/app.h"

#include <CLI/CLI.hpp>

namespace ec::cli {

int run(int argc, char** argv) {
  CLI::App app{"Essay Coach: practise and pre-mark exam essays with rule-based rubrics"};
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return 0;
}

}  // namespace ec::cli
