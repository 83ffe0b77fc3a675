// Helpers shared by the tests: where the repository and ../shared are, and running the executable.
#pragma once

#include <string>

namespace ec::testing {

std::string repo_dir();                 // the source tree
std::string shared_dir();               // ../shared beside the repository ("" when absent)
std::string read_file(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};
// Quote a string for /bin/sh.
std::string shell_quote(const std::string& s);

// Run the built `essaycoach` with shell-quoted arguments `args`, feeding `stdin_text` to it.
CommandResult run_essaycoach(const std::string& args, const std::string& stdin_text = "");

}  // namespace ec::testing
