// The command-line front door: parses the command line (CLI11) and runs one command.
// Exit codes: 0 done (for `match`: matched), 1 `match` found nothing, 2 usage or rubric error,
// 3 input missing or unreadable.
#pragma once

namespace ec::cli {

int run(int argc, char** argv);

}  // namespace ec::cli
