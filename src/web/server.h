// The local web app (cpp-httplib): pages for students (questions, practice, report, redraft,
// progress, cards) and teachers (a class's sheet, slips, overrides, markbook), and the JSON API the
// pages use and a school platform can call. Everything is served from this process: no network.
// Entry points: serve() runs until Ctrl-C; install_routes() sets up a Server (used by the tests).
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "report/coach.h"
#include "store/store.h"

namespace httplib {
class Server;
}

namespace ec::web {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;           // 0: any free port
  int threads = 16;          // request threads (each open connection holds one)
};

// Limits of what a request may carry.
inline constexpr std::size_t kMaxBody = 1 << 20;  // 1 MiB: larger bodies get 413

void install_routes(httplib::Server& server, std::shared_ptr<const report::Coach> coach, store::Store& store);

// Binds, prints "Essay Coach is ready at http://HOST:PORT/" on `out`, serves until SIGINT/SIGTERM,
// then finishes the requests in flight (no lost autosave). Returns the exit code.
int serve(const ServeOptions& options, std::shared_ptr<const report::Coach> coach, store::Store& store, std::ostream& out,
          std::ostream& err);

}  // namespace ec::web
