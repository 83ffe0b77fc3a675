// `essaycoach serve`: the local web app for students (and teachers' class pages) on 127.0.0.1.
#include <iostream>

#include "cli/commands.h"
#include "cli/library.h"
#include "cli/marking_pool.h"
#include "mark/spelling.h"
#include "web/server.h"

namespace ec::cli {

void add_serve_command(CLI::App& app, int& exit_code) {
  struct Args {
    web::ServeOptions options;
    std::string db;
    std::vector<std::string> rubric_dirs;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("serve", "Run the web app: practise, self-assess, see reports and progress in a browser");
  cmd->footer(
      "Examples:\n"
      "  essaycoach serve                       # then open http://127.0.0.1:8080/\n"
      "  essaycoach serve --port 0 --db class.db   # any free port, another database\n"
      "Pages and assets are built in; nothing goes over the network. Ctrl-C stops it.");
  cmd->add_option("--port", args->options.port, "port to listen on (0: any free port; default 8080)");
  cmd->add_option("--host", args->options.host, "address to listen on (default 127.0.0.1: this computer only)");
  cmd->add_option("--db", args->db, "the SQLite database (default: $ESSAYCOACH_DB, else ~/.local/share/essaycoach/essaycoach.db)")
      ->type_name("PATH");
  cmd->add_option("--threads", args->options.threads, "request threads (default 16)")->check(CLI::Range(2, 256));
  cmd->add_option("--rubrics", args->rubric_dirs, "a folder of your own rubrics and prompts (repeatable)")->type_name("DIR");
  cmd->callback([args, &exit_code] {
    mark::prepare_spell_checker();
    keep_freed_memory();  // as `mark` does: no page-fault storm for every request's freed memory
    auto coach = load_coach_or_report(args->rubric_dirs, std::cerr);
    if (!coach) {
      exit_code = 2;
      return;
    }
    auto store = open_store_or_report(args->db, std::cerr);
    if (!store) {
      exit_code = 3;
      return;
    }
    exit_code = web::serve(args->options, coach, *store, std::cout, std::cerr);
  });
}

}  // namespace ec::cli
