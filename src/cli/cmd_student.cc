// A student's stored data from the command line: `history`, `progress`, `export`, `forget`.
// The same store and report model as the web app. Exit 0 done; 2 usage; 3 no such student or the
// database cannot be used.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/library.h"
#include "report/progress.h"
#include "report/records.h"

namespace ec::cli {
namespace {

struct StudentArgs {
  std::string student;
  std::string prompt;
  std::string db;
  std::string format = "text";
  std::vector<std::string> rubric_dirs;
};

CLI::App* student_command(CLI::App& app, const char* name, const char* what, const std::shared_ptr<StudentArgs>& args,
                          bool formats) {
  CLI::App* cmd = app.add_subcommand(name, what);
  cmd->add_option("--student,-s", args->student, "the student's id, exactly as stored")->required();
  cmd->add_option("--db", args->db, "the SQLite database (default: $ESSAYCOACH_DB, else ~/.local/share/essaycoach/essaycoach.db)")
      ->type_name("PATH");
  if (formats) cmd->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return cmd;
}

// Opens the store and checks the student exists; prints why not.
std::unique_ptr<store::Store> open_for(const StudentArgs& args, int& exit_code) {
  auto store = open_store_or_report(args.db, std::cerr);
  if (!store) {
    exit_code = 3;
    return nullptr;
  }
  auto has = store->has_student(args.student);
  if (!has) {
    std::cerr << "essaycoach: " << has.error().message << "\n";
    exit_code = 3;
    return nullptr;
  }
  if (!*has) {
    std::cerr << "essaycoach: no student '" << args.student << "' in " << store->path()
              << "; check the spelling (ids are exact) or the --db file.\n";
    exit_code = 3;
    return nullptr;
  }
  return store;
}

int run_history(const StudentArgs& args) {
  int code = 0;
  auto store = open_for(args, code);
  if (!store) return code;
  auto attempts = store->attempts(args.student, args.prompt);
  if (!attempts) {
    std::cerr << "essaycoach: " << attempts.error().message << "\n";
    return 3;
  }
  if (args.format == "json") {
    auto list = nlohmann::ordered_json::array();
    for (const auto& a : *attempts) list.push_back(report::attempt_json(a, false));
    std::cout << list.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return 0;
  }
  std::cout << "Attempts by " << args.student << (args.prompt.empty() ? "" : " at " + args.prompt) << ": " << attempts->size() << "\n\n";
  std::printf("%6s  %-20s  %-32s %3s  %6s  %-5s  %-5s  %s\n", "id", "when (UTC)", "prompt", "#", "mark", "level", "self", "time");
  std::fflush(stdout);
  for (const auto& a : *attempts) {
    char line[256];
    std::string level = a.level ? "L" + std::to_string(*a.level) : "-";
    std::string self = a.self_assessment && a.self_assessment->level ? "L" + std::to_string(*a.self_assessment->level) : "-";
    std::string time = a.seconds ? std::to_string(*a.seconds / 60) + "m" + std::to_string(*a.seconds % 60) + "s" : "-";
    std::snprintf(line, sizeof line, "%6lld  %-20s  %-32.32s %3d  %6d  %-5s  %-5s  %s", static_cast<long long>(a.id),
                  a.created_at.c_str(), a.prompt.c_str(), a.number, a.mark, level.c_str(), self.c_str(), time.c_str());
    std::cout << line;
    if (a.override_mark) std::cout << "  teacher: " << a.override_mark->mark;
    std::cout << "\n";
  }
  return 0;
}

int run_progress(const StudentArgs& args) {
  auto coach = load_coach_or_report(args.rubric_dirs, std::cerr);
  if (!coach) return 2;
  int code = 0;
  auto store = open_for(args, code);
  if (!store) return code;
  auto attempts = store->attempts(args.student);
  if (!attempts) {
    std::cerr << "essaycoach: " << attempts.error().message << "\n";
    return 3;
  }
  auto p = report::progress_of(args.student, *attempts, *coach);
  if (args.format == "json") std::cout << report::progress_json(p).dump(2) << "\n";
  else std::cout << report::progress_text(p, *coach);
  return 0;
}

int run_export(const StudentArgs& args) {
  int code = 0;
  auto store = open_for(args, code);
  if (!store) return code;
  auto attempts = store->attempts(args.student);
  auto drafts = store->drafts(args.student);
  if (!attempts || !drafts) {
    std::cerr << "essaycoach: " << (attempts ? drafts.error().message : attempts.error().message) << "\n";
    return 3;
  }
  std::cout << report::export_json(args.student, *attempts, *drafts).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
            << "\n";
  return 0;
}

int run_forget(const StudentArgs& args) {
  int code = 0;
  auto store = open_for(args, code);
  if (!store) return code;
  auto counts = store->forget(args.student);
  if (!counts) {
    std::cerr << "essaycoach: " << counts.error().message << "\n";
    return 3;
  }
  auto plural = [](int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
  std::cout << "Forgot " << args.student << ": deleted " << plural(counts->attempts, "attempt", "attempts") << ", "
            << plural(counts->drafts, "draft", "drafts") << " and " << plural(counts->class_entries, "class entry", "class entries")
            << " from " << store->path() << ".\n";
  return 0;
}

}  // namespace

void add_student_commands(CLI::App& app, int& exit_code) {
  auto h = std::make_shared<StudentArgs>();
  auto* history = student_command(app, "history", "List a student's stored attempts", h, true);
  history->add_option("--prompt,-p", h->prompt, "only the attempts at this prompt");
  history->footer("Example:\n  essaycoach history --student amira --prompt why-stalin-won");
  history->callback([h, &exit_code] { exit_code = run_history(*h); });

  auto p = std::make_shared<StudentArgs>();
  auto* progress = student_command(app, "progress", "A student's progress: marks over time, factors and skills, what to practise next", p, true);
  progress->add_option("--rubrics", p->rubric_dirs, "a folder of your own rubrics and prompts (repeatable)")->type_name("DIR");
  progress->footer("Example:\n  essaycoach progress --student amira");
  progress->callback([p, &exit_code] { exit_code = run_progress(*p); });

  auto e = std::make_shared<StudentArgs>();
  auto* exp = student_command(app, "export", "All of a student's stored data as JSON (attempts with reports, drafts)", e, false);
  exp->footer("Example:\n  essaycoach export --student amira > amira.json");
  exp->callback([e, &exit_code] { exit_code = run_export(*e); });

  auto f = std::make_shared<StudentArgs>();
  auto* forget = student_command(app, "forget", "Delete everything stored about a student, and say how much", f, false);
  forget->footer("Example:\n  essaycoach forget --student amira");
  forget->callback([f, &exit_code] { exit_code = run_forget(*f); });
}

}  // namespace ec::cli
