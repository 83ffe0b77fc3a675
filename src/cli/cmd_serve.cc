// `essaycoach serve`: the local web app for students (and teachers' class pages) on 127.0.0.1. The
// HTTP server lives in its own executable, essaycoach-serve (src/web/main.cc), so that the
// commands that mark never load the HTTP, TLS and compression libraries (8 ms of every start);
// `essaycoach serve` hands its command line to that executable, found beside this one.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/app.h"
#include "cli/commands.h"

namespace ec::cli {

namespace {

ServeRunner& registered_runner() {
  static ServeRunner runner = nullptr;
  return runner;
}

}  // namespace

void set_serve_runner(ServeRunner runner) { registered_runner() = runner; }

void add_serve_command(CLI::App& app, int& exit_code, char** argv) {
  auto args = std::make_shared<ServeRequest>();
  CLI::App* cmd = app.add_subcommand("serve", "Run the web app: practise, self-assess, see reports and progress in a browser");
  cmd->footer(
      "Examples:\n"
      "  essaycoach serve                       # then open http://127.0.0.1:8080/\n"
      "  essaycoach serve --port 0 --db class.db   # any free port, another database\n"
      "Pages and assets are built in; nothing goes over the network. Ctrl-C stops it.");
  cmd->add_option("--port", args->port, "port to listen on (0: any free port; default 8080)");
  cmd->add_option("--host", args->host, "address to listen on (default 127.0.0.1: this computer only)");
  cmd->add_option("--db", args->db, "the SQLite database (default: $ESSAYCOACH_DB, else ~/.local/share/essaycoach/essaycoach.db)")
      ->type_name("PATH");
  cmd->add_option("--threads", args->threads, "request threads (default 16)")->check(CLI::Range(2, 256));
  cmd->add_option("--rubrics", args->rubric_dirs, "a folder of your own rubrics and prompts (repeatable)")->type_name("DIR");
  cmd->callback([args, &exit_code, argv] {
    if (ServeRunner runner = registered_runner()) {
      exit_code = runner(*args);
      return;
    }
    std::error_code ec;
    const auto server = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() / "essaycoach-serve";
    if (!ec) ::execv(server.c_str(), argv);  // the same command line; returns only on failure
    std::cerr << "essaycoach serve: cannot start the web server " << server.string() << ": "
              << (ec ? ec.message() : std::strerror(errno))
              << " (it is built and installed beside essaycoach)\n";
    exit_code = 2;
  });
}

}  // namespace ec::cli
