// `essaycoach mark --prompt ID FILE…` marks answers and prints a report for each (text or JSON
// Lines), and `essaycoach prompts` lists the questions. Exit 0 when every report was produced,
// whatever the mark; 2 usage or rubric error; 3 when an answer is missing or unreadable.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/library.h"
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
  auto library = load_library_or_report(library_paths(args.rubric_dirs), std::cerr);
  if (!library) return 2;
  auto marker = mark::Marker::make(*library, args.prompt, args.exam_year);
  if (!marker) {
    std::cerr << "essaycoach mark: " << marker.error().message << "\n";
    return 2;
  }
  const bool color = args.format == "text" && use_color(args.color);
  text::InputLimits limits;
  limits.max_bytes = args.max_bytes;
  int exit_code = 0;
  bool first = true;
  for (const auto& file : args.files) {
    auto input = text::read_answer(file, limits);
    if (!input) {
      std::cerr << "essaycoach mark: " << input.error().message << "\n";
      exit_code = 3;
      continue;
    }
    auto doc = text::Document::build(input->utf8);
    auto assessment = marker->assess(doc);
    auto fb = feedback::give_feedback(assessment, doc);
    report::Source source{file, input->encoding};
    if (args.format == "csv") {
      if (first) std::cout << report::csv_header();
      std::cout << report::to_csv_row(assessment, fb, source);
    } else if (args.format == "json") {
      std::cout << report::to_json(assessment, fb, doc, source) << "\n";
    } else {
      if (!first) std::cout << "\n" << std::string(80, '=') << "\n\n";
      std::cout << report::to_text(assessment, fb, doc, source, color);
    }
    first = false;
  }
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
      "Exit codes: 0 reports produced (whatever the marks), 2 usage or rubric error, 3 an answer unreadable.");
  cmd->add_option("--prompt,-p", args->prompt, "the prompt's id (see 'essaycoach prompts')")->required();
  cmd->add_option("files", args->files, "answer files, or - for standard input")->required();
  cmd->add_option("--format", args->format,
                  "text, json (one JSON report per line) or csv (a markbook: one row per answer)")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("--color", args->color, "auto (terminal only, never with NO_COLOR), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--rubrics", args->rubric_dirs, "a folder of your own rubrics and prompts (repeatable)")
      ->type_name("DIR");
  cmd->add_option("--max-bytes", args->max_bytes, "largest answer accepted (default 1 MiB)");
  cmd->add_option("--exam-year", args->exam_year,
                  "mark by the rules of this exam series (default: the scheme's current rules)");
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
