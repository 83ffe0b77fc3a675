// One function per command file (cli/cmd_*.cc): each adds its subcommand(s) to the app and, when
// chosen, runs and stores its exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace ec::cli {

void add_match_command(CLI::App& app, int& exit_code);    // cmd_match.cc
void add_rubric_commands(CLI::App& app, int& exit_code);  // cmd_rubric.cc: rubric check|print|coverage
void add_mark_commands(CLI::App& app, int& exit_code);    // cmd_mark.cc: mark, prompts, codes
void add_calibrate_command(CLI::App& app, int& exit_code);  // cmd_calibrate.cc
void add_serve_command(CLI::App& app, int& exit_code, char** argv);  // cmd_serve.cc
void add_student_commands(CLI::App& app, int& exit_code);   // cmd_student.cc: history, progress, export, forget
void add_class_commands(CLI::App& app, int& exit_code);     // cmd_class.cc: class mark|override|report

}  // namespace ec::cli
