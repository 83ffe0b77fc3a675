// `essaycoach rubric check|print|coverage`: placeholder until the rubric room lands its commands.
#include "cli/commands.h"

namespace ec::cli {

void add_rubric_commands(CLI::App&, int&) {}

}  // namespace ec::cli
