// `essaycoach mark --prompt ID FILE…` marks answers (on every core) and prints a report for each
// in order (text, JSON Lines or CSV); `mark --jsonl` is the streaming filter (cli/mark_jsonl.cc);
// `essaycoach prompts` lists the questions. Exit 0 when every report was produced,
// whatever the mark; 2 usage or rubric error; 3 when an answer is missing or unreadable.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/library.h"
#include "cli/mark_jsonl.h"
#include "cli/marking_pool.h"
#include "feedback/feedback.h"
#include "mark/marker.h"
#include "mark/spelling.h"
#include "report/report.h"
#include "text/input.h"

namespace ec::cli {
namespace {

struct MarkArgs {
  std::string prompt;
  std::vector<std::string> files;
  std::string format = "text";
  std::string color = "auto";
  std::vector<std::string> rubric_dirs;
  std::size_t max_bytes = 1 << 20;
  int exam_year = 0;
  int jobs = 0;       // marking threads; 0: the cores available
  bool jsonl = false; // JSON Lines in ({"id", "prompt", "answer"}), one report a line out
  std::string student;  // with --save: whose attempt it is
  bool save = false;    // keep each attempt (answer, report, mark) in the store
  std::string db;
};

bool use_color(const std::string& choice) {
  if (choice == "always") return true;
  if (choice == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

int run_mark(const MarkArgs& args) {
  mark::prepare_spell_checker();
  keep_freed_memory();
  if (args.jsonl && !args.files.empty()) {
    std::cerr << "essaycoach mark: --jsonl reads standard input; give no answer files\n";
    return 2;
  }
  if (!args.jsonl && (args.prompt.empty() || args.files.empty())) {
    std::cerr << "essaycoach mark: give --prompt and answer files (or - for standard input), or --jsonl\n"
                 "Run with --help for more information.\n";
    return 2;
  }
  if (args.save && args.student.empty()) {
    std::cerr << "essaycoach mark: --save needs --student NAME (whose attempt it is)\n";
    return 2;
  }
  if (!args.save && !args.student.empty()) {
    std::cerr << "essaycoach mark: --student only names whose attempt --save keeps; add --save\n";
    return 2;
  }
  if (args.save && args.jsonl) {
    std::cerr << "essaycoach mark: --save keeps one student's answers; it does not combine with --jsonl\n";
    return 2;
  }
  if (auto why = args.save ? store::check_student_id(args.student) : std::string(); !why.empty()) {
    std::cerr << "essaycoach mark: the student id cannot be used (" << why << ")\n";
    return 2;
  }
  // Saving needs the coach (its rubric hash goes with each attempt) and the store, opened first so
  // that a locked or damaged database is reported before any marking.
  std::shared_ptr<const report::Coach> coach;
  std::unique_ptr<store::Store> store;
  std::optional<rubric::Library> loaded;
  const rubric::Library* library = nullptr;
  if (args.save) {
    coach = load_coach_or_report(args.rubric_dirs, std::cerr, args.exam_year);
    if (!coach) return 2;
    store = open_store_or_report(args.db, std::cerr);
    if (!store) return 3;
    library = &coach->library();
  } else {
    loaded = load_library_or_report(library_paths(args.rubric_dirs), std::cerr);
    if (!loaded) return 2;
    library = &*loaded;
  }
  const unsigned jobs = args.jobs > 0 ? static_cast<unsigned>(args.jobs) : default_jobs();
  text::InputLimits limits;
  limits.max_bytes = args.max_bytes;
  if (args.jsonl) return run_mark_jsonl(*library, {args.prompt, args.exam_year, limits, jobs}, std::cin, stdout);
  auto marker = mark::Marker::make(*library, args.prompt, args.exam_year);
  if (!marker) {
    std::cerr << "essaycoach mark: " << marker.error().message << "\n";
    return 2;
  }
  const bool color = args.format == "text" && use_color(args.color);
  // Marking one file: its report (without the CSV header or the text separator, which depend on
  // the reports before it), on whichever thread of the pool is free.
  auto mark_file = [&](const std::string& file) {
    MarkedOutput result;
    auto input = text::read_answer(file, limits);
    if (!input) {
      result.err = "essaycoach mark: " + input.error().message + "\n";
      result.exit_code = 3;
      return result;
    }
    auto doc = text::Document::build(std::move(input->utf8));
    auto assessment = marker->assess(doc);
    auto fb = feedback::give_feedback(assessment, doc);
    report::Source source{file, input->encoding};
    if (args.save) {
      store::NewAttempt n;
      n.student = args.student;
      n.prompt = args.prompt;
      n.answer = doc.original();
      report::append_json(n.report_json, assessment, fb, doc, source);
      n.mark = assessment.mark;
      n.level = assessment.level;
      n.rubric_hash = coach->rubric_hash();
      n.source = file == "-" ? "cli" : file;
      result.save = std::move(n);
    }
    if (args.format == "csv") {
      report::append_csv_row(result.out, assessment, fb, source);
    } else if (args.format == "json") {
      report::append_json(result.out, assessment, fb, doc, source);
      result.out += '\n';
    } else {
      result.out = report::to_text(assessment, fb, doc, source, color);
    }
    return result;
  };
  int exit_code = 0;
  bool first = true;
  auto write = [&](MarkedOutput& r) {
    if (!r.err.empty()) std::cerr << r.err;
    if (r.exit_code != 0) exit_code = r.exit_code;
    if (r.save) {
      auto saved = store->add_attempt(*r.save);
      if (!saved) {
        std::cerr << "essaycoach mark: " << saved.error().message << "\n";
        exit_code = 3;
      } else {
        std::cerr << "saved: attempt " << saved->number << " of " << saved->student << " at " << saved->prompt << " (id " << saved->id
                  << ", " << store->path() << ")\n";
      }
    }
    if (r.out.empty()) return;
    if (first && args.format == "csv") std::cout << report::csv_header();
    if (!first && args.format == "text") std::cout << "\n" << std::string(80, '=') << "\n\n";
    std::cout << r.out;
    first = false;
  };
  // Standard input named twice is read twice, one after the other, as it always was.
  const bool stdin_twice = std::count(args.files.begin(), args.files.end(), "-") > 1;
  const auto threads = stdin_twice ? 1u : static_cast<unsigned>(std::min<std::size_t>(jobs, args.files.size()));
  MarkingPool pool(threads, 4 * std::size_t{jobs}, write);
  for (const auto& file : args.files) pool.submit([&mark_file, file] { return mark_file(file); });
  pool.finish();
  if (exit_code == 3) std::cerr << "essaycoach mark: check the file names and that each answer is a text file.\n";
  return exit_code;
}

int run_prompts(const std::vector<std::string>& rubric_dirs) {
  auto library = load_library_or_report(library_paths(rubric_dirs), std::cerr);
  if (!library) return 2;
  for (const auto& [id, p] : library->prompts) {
    std::cout << id << "  (" << p.marks << " marks, " << p.scheme << ")\n    " << p.question << "\n";
  }
  return 0;
}

}  // namespace

void add_mark_commands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MarkArgs>();
  CLI::App* cmd = app.add_subcommand("mark", "Mark answers to a prompt and report the level, mark and feedback");
  cmd->footer(
      "Examples:\n"
      "  essaycoach mark --prompt why-stalin-won examples/why-stalin-won/strong.txt\n"
      "  essaycoach mark --prompt why-stalin-won --format json class/*.txt > reports.jsonl\n"
      "  essaycoach mark --prompt why-stalin-won --format csv class/*.txt > markbook.csv\n"
      "  essaycoach mark --prompt why-stalin-won -  < answer.txt\n"
      "  essaycoach mark --jsonl < answers.jsonl > reports.jsonl\n"
      "  essaycoach mark --prompt why-stalin-won --student amira --save answer.txt   # keep it for progress\n"
      "Exit codes: 0 reports produced (whatever the marks), 2 usage or rubric error, 3 an answer unreadable.");
  cmd->add_option("--prompt,-p", args->prompt,
                  "the prompt's id (see 'essaycoach prompts'); with --jsonl, for lines that give none");
  cmd->add_option("files", args->files, "answer files, or - for standard input");
  cmd->add_option("--format", args->format,
                  "text, json (one JSON report per line) or csv (a markbook: one row per answer)")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("--color", args->color, "auto (terminal only, never with NO_COLOR), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  // One folder a --rubrics (files are not required with --jsonl, so a vector option would take them).
  cmd->add_option("--rubrics", args->rubric_dirs, "a folder of your own rubrics and prompts (repeatable)")
      ->type_name("DIR")
      ->allow_extra_args(false);
  cmd->add_option("--max-bytes", args->max_bytes, "largest answer accepted (default 1 MiB)");
  cmd->add_option("--exam-year", args->exam_year,
                  "mark by the rules of this exam series (default: the scheme's current rules)");
  cmd->add_option("--jobs,-j", args->jobs, "marking threads (default: the cores available)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--student,-s", args->student, "with --save: the student whose attempt it is (exactly as stored)");
  cmd->add_flag("--save", args->save, "keep each attempt (answer, report, mark) in the store, for history and progress");
  cmd->add_option("--db", args->db, "the SQLite database for --save (default: $ESSAYCOACH_DB, else ~/.local/share/essaycoach/essaycoach.db)")
      ->type_name("PATH");
  cmd->add_flag("--jsonl", args->jsonl,
                "read JSON Lines {\"id\", \"prompt\", \"answer\"} on standard input; write one JSON report a "
                "line, {\"id\", ...report} or {\"id\", \"error\"}, in input order");
  cmd->callback([args, &exit_code] { exit_code = run_mark(*args); });

  auto dirs = std::make_shared<std::vector<std::string>>();
  CLI::App* prompts = app.add_subcommand("prompts", "List the prompts (questions) that can be marked");
  prompts->add_option("--rubrics", *dirs, "a folder of your own rubrics and prompts (repeatable)")->type_name("DIR");
  prompts->callback([dirs, &exit_code] { exit_code = run_prompts(*dirs); });

  CLI::App* codes = app.add_subcommand("codes", "Print the key to the feedback codes (W… what went well, E… even better if)");
  codes->callback([&exit_code] {
    for (const auto& c : feedback::codes()) std::cout << c.code << "  " << c.meaning << "\n";
    exit_code = 0;
  });
}

}  // namespace ec::cli
