// The essaycoach-serve executable: the whole command line of essaycoach with `serve` running the
// web app here (the HTTP server and its TLS and compression libraries are linked only into this
// one). `essaycoach serve ...` hands its command line to it.
#include <iostream>

#include "cli/app.h"
#include "cli/library.h"
#include "cli/marking_pool.h"
#include "mark/spelling.h"
#include "web/server.h"

namespace {

int serve(const ec::cli::ServeRequest& request) {
  ec::mark::prepare_spell_checker();
  ec::cli::keep_freed_memory();  // as `mark` does: no page-fault storm for every request's freed memory
  auto coach = ec::cli::load_coach_or_report(request.rubric_dirs, std::cerr);
  if (!coach) return 2;
  auto store = ec::cli::open_store_or_report(request.db, std::cerr);
  if (!store) return 3;
  ec::web::ServeOptions options;
  options.host = request.host;
  options.port = request.port;
  options.threads = request.threads;
  return ec::web::serve(options, coach, *store, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  ec::cli::set_serve_runner(serve);
  return ec::cli::run(argc, argv);
}
