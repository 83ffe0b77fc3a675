// `essaycoach rubric check|print|coverage`: what a rubric author runs after every edit. `check`
// parses, compiles and runs every embedded example; `print` gives a file's canonical form;
// `coverage` shows which rules cite each revision card. Entry point: add_rubric_commands().
// Exit codes: 0 all well, 2 an author error, a failing example, an uncited card or a bad command line.
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "cli/library.h"
#include "cli/output.h"
#include "rubric/ast.h"
#include "rubric/rubric.h"

namespace ec::cli {
namespace {

struct PathArgs {
  std::vector<std::string> files;  // files or folders; default: the bundled folders
  std::vector<std::string> dirs;   // --rubrics DIR, added to either
  std::vector<std::string> paths() const {
    std::vector<std::string> out = files.empty() ? rubric::default_rubric_dirs() : files;
    out.insert(out.end(), dirs.begin(), dirs.end());
    return out;
  }
};

void add_path_options(CLI::App* cmd, PathArgs& args) {
  cmd->add_option("FILES", args.files,
                  "rubric, scheme or prompt files, or folders of them (default: the bundled rubrics and prompts)");
  cmd->add_option("--rubrics", args.dirs, "a further folder of rubrics (repeatable)")
      ->expected(1)
      ->take_all()
      ->type_name("DIR");
}


// The line of a file and a caret, for an example that failed (cached per file).
std::string example_excerpt(const rubric::Place& place) {
  static std::map<std::string, std::string> texts;
  auto it = texts.find(place.file);
  if (it == texts.end()) {
    std::ifstream in(place.file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    it = texts.emplace(place.file, ss.str()).first;
  }
  return rubric::ast::excerpt_at(it->second, place.line, place.column);
}

int run_check(const PathArgs& args) {
  auto library = load_library_or_report(args.paths(), std::cerr);
  if (!library) return 2;
  auto failures = rubric::run_examples(*library);
  for (const auto& f : failures) {
    std::cerr << f.located() << "\n";
    if (auto x = example_excerpt(f.place); !x.empty()) std::cerr << x << "\n";
  }
  int examples = rubric::count_examples(*library);
  if (!failures.empty()) {
    std::cerr << "rubric check: " << failures.size() << " of " << examples
              << (examples == 1 ? " example" : " examples") << " failed\n";
    return 2;
  }
  std::cout << "ok: " << library->rubrics.size() << " rubrics, " << library->prompts.size() << " prompts, "
            << library->schemes.size() << " schemes, " << examples << " examples passed\n";
  return 0;
}

int run_print(const std::string& file) {
  auto parsed = rubric::ast::parse_file(file);
  if (!parsed.ok()) {
    print_located_error(std::cerr, parsed.error());
    return 2;
  }
  std::cout << rubric::ast::print(*parsed);
  return 0;
}

int run_coverage(const PathArgs& args) {
  auto library = load_library_or_report(args.paths(), std::cerr);
  if (!library) return 2;
  std::map<int, std::set<std::string>> cited;
  auto cite = [&](const std::vector<int>& cards, const std::string& id) {
    for (int c : cards) cited[c].insert(id);
  };
  for (const auto& [id, r] : library->rubrics) {
    for (const auto& x : r.factors) cite(x.cards, x.id);
    for (const auto& x : r.terms) cite(x.cards, x.id);
    for (const auto& x : r.events) cite(x.cards, x.id);
    for (const auto& x : r.misconceptions) cite(x.cards, x.id);
  }
  std::vector<int> uncited;
  std::cout << "card  rules\n";
  for (int card = 1; card <= rubric::card_count; ++card) {
    std::string n = std::to_string(card);
    std::cout << std::string(4 - std::min<std::size_t>(4, n.size()), ' ') << n << "  ";
    const auto& ids = cited[card];
    if (ids.empty()) {
      std::cout << "-";
      uncited.push_back(card);
    }
    bool first = true;
    for (const auto& id : ids) {
      std::cout << (first ? "" : ", ") << id;
      first = false;
    }
    std::cout << "\n";
  }
  if (uncited.empty()) {
    std::cout << "every card 1-" << rubric::card_count << " is cited\n";
    return 0;
  }
  std::cout << "uncited cards:";
  for (int c : uncited) std::cout << " " << c;
  std::cout << "\n";
  return 2;
}

}  // namespace

void add_rubric_commands(CLI::App& app, int& exit_code) {
  auto* rubric = app.add_subcommand("rubric", "Check, print and survey rubric, scheme and prompt files");
  rubric->require_subcommand(1);

  auto check_args = std::make_shared<PathArgs>();
  auto* check = rubric->add_subcommand(
      "check", "Parse and compile rubric files and run every embedded example (exit 2 on any problem)");
  add_path_options(check, *check_args);
  check->callback([check_args, &exit_code] { exit_code = run_check(*check_args); });

  auto file = std::make_shared<std::string>();
  auto* print = rubric->add_subcommand("print", "Print a rubric file in canonical form");
  print->add_option("FILE", *file, "the file to print")->required();
  print->callback([file, &exit_code] { exit_code = run_print(*file); });

  auto coverage_args = std::make_shared<PathArgs>();
  auto* coverage = rubric->add_subcommand(
      "coverage", "For each revision card 1-27, the rules that cite it (exit 2 when a card is uncited)");
  add_path_options(coverage, *coverage_args);
  coverage->callback([coverage_args, &exit_code] { exit_code = run_coverage(*coverage_args); });
}

}  // namespace ec::cli
