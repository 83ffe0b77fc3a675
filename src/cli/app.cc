// The command-line front door: CLI11 parses the command line and hands it to one command.
#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace ec::cli {

int run(int argc, char** argv) {
  CLI::App app{"Essay Coach: practise and pre-mark exam essays with rule-based rubrics"};
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  essaycoach match 'match_mw(general secretary)' answer.txt --scope sentence --ignore-case\n"
      "  essaycoach mark --prompt why-stalin-won examples/why-stalin-won/strong.txt\n"
      "  essaycoach prompts\n"
      "  essaycoach rubric check\n"
      "Exit codes: 0 done, 1 no match (match), 2 usage or rubric error, 3 input missing or unreadable.");
  int exit_code = 0;
  add_match_command(app, exit_code);
  add_rubric_commands(app, exit_code);
  add_mark_commands(app, exit_code);
  add_calibrate_command(app, exit_code);
  add_serve_command(app, exit_code, argv);
  add_student_commands(app, exit_code);
  add_class_commands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}

}  // namespace ec::cli
