// The `essaycoach` executable: hands the command line to the command dispatcher in cli/app.
#include "cli/app.h"

int main(int argc, char** argv) { return ec::cli::run(argc, argv); }
