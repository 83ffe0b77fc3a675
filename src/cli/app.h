// The command-line front door: parses the command line (CLI11) and runs one command.
// Exit codes: 0 done (for `match`: matched), 1 `match` found nothing, 2 usage or rubric error,
// 3 input missing or unreadable.
#pragma once

#include <string>
#include <vector>

namespace ec::cli {

int run(int argc, char** argv);

// What `serve` was asked for.
struct ServeRequest {
  std::string host = "127.0.0.1";
  int port = 8080;   // 0: any free port
  int threads = 16;  // request threads
  std::string db;
  std::vector<std::string> rubric_dirs;
};
// Runs the web app; gives the exit code. The essaycoach-serve executable (src/web/main.cc) sets
// it; without one, `serve` hands its command line to essaycoach-serve beside this executable.
using ServeRunner = int (*)(const ServeRequest&);
void set_serve_runner(ServeRunner runner);

}  // namespace ec::cli
