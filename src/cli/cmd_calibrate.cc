// `essaycoach calibrate [--prompt ID] MARKED.csv`: mark answers a teacher has marked and report how
// well the engine agrees (exact and adjacent levels, mean mark difference, quadratic weighted kappa,
// the confusion matrix, marking high or low, factors credited). CSV columns: `file` (relative to
// the CSV) or `text`, `mark`, optional `level` and `prompt` (else --prompt, else the file's folder).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/csv.h"
#include "cli/library.h"
#include "mark/calibration.h"
#include "mark/marker.h"
#include "mark/spelling.h"
#include "text/input.h"

namespace ec::cli {
namespace {

namespace fs = std::filesystem;

struct CalibrateArgs {
  std::string prompt;
  std::string csv;
  std::string format = "text";
  std::vector<std::string> rubric_dirs;
  int exam_year = 0;
};

int level_for(const rubric::MarkScheme& scheme, int mark) {
  if (mark <= 0) return 0;
  for (const auto& l : scheme.levels) {
    if (mark >= l.min_mark && mark <= l.max_mark) return l.number;
  }
  return 0;
}

std::string percent(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * x);
  return buf;
}

int run_calibrate(const CalibrateArgs& args) {
  mark::prepare_spell_checker();
  auto library = load_library_or_report(library_paths(args.rubric_dirs), std::cerr);
  if (!library) return 2;
  auto input = text::read_answer(args.csv);
  if (!input) {
    std::cerr << "essaycoach calibrate: " << input.error().message << "\n";
    return 3;
  }
  auto rows = parse_csv(input->utf8, args.csv);
  if (!rows) {
    std::cerr << "essaycoach calibrate: " << rows.error().located() << "\n";
    return 3;
  }
  if (rows->empty()) {
    std::cerr << "essaycoach calibrate: " << args.csv << " is empty; it needs a header row: file,mark[,level]\n";
    return 2;
  }
  const auto& header = rows->front();
  auto column = [&](const char* name) -> int {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  const int c_file = column("file"), c_text = column("text"), c_mark = column("mark"), c_level = column("level"),
            c_prompt = column("prompt");
  if ((c_file < 0 && c_text < 0) || c_mark < 0) {
    std::cerr << "essaycoach calibrate: " << args.csv << ": the header needs 'file' (or 'text') and 'mark' columns\n";
    return 2;
  }
  const fs::path base = fs::path(args.csv).parent_path();
  std::map<std::string, std::optional<mark::Marker>> markers;
  std::vector<mark::CalibrationCase> cases;
  int max_mark = 0, max_level = 0;
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    auto field = [&](int c) { return c >= 0 && c < static_cast<int>(row.size()) ? row[c] : std::string(); };
    std::string where = args.csv + ":" + std::to_string(r + 1);
    std::string answer, name;
    if (c_file >= 0 && !field(c_file).empty()) {
      name = field(c_file);
      auto read = text::read_answer((base / name).string());
      if (!read) {
        std::cerr << "essaycoach calibrate: " << where << ": " << read.error().message << "\n";
        return 3;
      }
      answer = read->utf8;
    } else {
      name = "row " + std::to_string(r + 1);
      answer = field(c_text);
    }
    std::string prompt = !field(c_prompt).empty() ? field(c_prompt)
                         : !args.prompt.empty()   ? args.prompt
                                                  : fs::path(name).parent_path().filename().string();
    auto& marker = markers[prompt];
    if (!marker) {
      auto made = mark::Marker::make(*library, prompt, args.exam_year);
      if (!made) {
        std::cerr << "essaycoach calibrate: " << where << ": " << made.error().message << "\n";
        return 2;
      }
      marker.emplace(std::move(made.value()));
    }
    const auto& scheme = marker->scheme();
    mark::CalibrationCase k;
    k.name = name;
    try {
      k.teacher_mark = std::stoi(field(c_mark));
    } catch (const std::exception&) {
      std::cerr << "essaycoach calibrate: " << where << ": the mark '" << field(c_mark) << "' is not a number\n";
      return 2;
    }
    k.teacher_level = !field(c_level).empty() ? std::atoi(field(c_level).c_str()) : level_for(scheme, k.teacher_mark);
    auto doc = text::Document::build(answer);
    auto a = marker->assess(doc);
    k.engine_mark = a.mark;
    k.engine_level = a.level.value_or(0);
    for (const auto& f : a.factors) {
      if (f.status != mark::FactorStatus::missing) k.credited.push_back(f.factor->id);
    }
    max_mark = std::max(max_mark, scheme.marks);
    for (const auto& l : scheme.levels) max_level = std::max(max_level, l.number);
    cases.push_back(std::move(k));
  }
  auto c = mark::calibrate(cases, max_mark, max_level);

  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["schema_version"] = 1;
    j["answers"] = c.answers;
    j["exact_level_agreement"] = c.exact_level;
    j["within_one_level"] = c.within_one;
    j["mean_absolute_mark_difference"] = c.mean_abs_diff;
    j["mean_mark_difference"] = c.mean_diff;
    j["quadratic_weighted_kappa"] = c.qwk;
    j["confusion"] = c.confusion;
    j["factors_credited"] = c.credited;
    j["cases"] = nlohmann::ordered_json::array();
    for (const auto& k : cases) {
      j["cases"].push_back({{"file", k.name},
                            {"teacher_mark", k.teacher_mark},
                            {"teacher_level", k.teacher_level},
                            {"engine_mark", k.engine_mark},
                            {"engine_level", k.engine_level}});
    }
    std::cout << j.dump() << "\n";
    return 0;
  }
  std::printf("%d answers marked by a teacher and by the engine\n\n", c.answers);
  std::printf("exact level agreement      %s\n", percent(c.exact_level).c_str());
  std::printf("within one level           %s\n", percent(c.within_one).c_str());
  std::printf("mean absolute difference   %.2f marks\n", c.mean_abs_diff);
  std::printf("quadratic weighted kappa   %.3f\n", c.qwk);
  std::printf("the engine marks           %s (mean difference %+.2f marks)\n\n",
              c.mean_diff > 0.25 ? "high" : c.mean_diff < -0.25 ? "low" : "level with the teacher", c.mean_diff);
  std::printf("levels: teacher (rows) against engine (columns)\n        ");
  for (int e = 0; e <= c.max_level; ++e) std::printf("  L%d", e);
  std::printf("\n");
  for (int t = 0; t <= c.max_level; ++t) {
    std::printf("    L%d  ", t);
    for (int e = 0; e <= c.max_level; ++e) std::printf("%4d", c.confusion[t][e]);
    std::printf("\n");
  }
  std::printf("\nanswers where the levels differ:\n");
  int shown = 0;
  for (const auto& k : cases) {
    if (k.teacher_level == k.engine_level) continue;
    std::printf("  %-48s teacher %2d (L%d)  engine %2d (L%d)\n", k.name.c_str(), k.teacher_mark, k.teacher_level,
                k.engine_mark, k.engine_level);
    ++shown;
  }
  if (shown == 0) std::printf("  none\n");
  std::printf("\nfactors credited (answers):\n");
  for (const auto& [id, n] : c.credited) std::printf("  %-40s %d\n", id.c_str(), n);
  return 0;
}

}  // namespace

void add_calibrate_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = app.add_subcommand("calibrate", "Compare the engine's marks with a teacher's on marked answers");
  cmd->footer(
      "MARKED.csv columns: file (relative to the CSV) or text, mark, and optionally level and prompt.\n"
      "Example:\n"
      "  essaycoach calibrate tests/calibration/marked.csv\n"
      "  essaycoach calibrate --prompt why-stalin-won my-class.csv --format json");
  cmd->add_option("--prompt,-p", args->prompt, "the prompt every row answers (else the row's prompt or folder)");
  cmd->add_option("marked", args->csv, "CSV of marked answers")->required();
  cmd->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--rubrics", args->rubric_dirs, "a folder of your own rubrics and prompts (repeatable)")
      ->type_name("DIR");
  cmd->add_option("--exam-year", args->exam_year, "mark by the rules of this exam series");
  cmd->callback([args, &exit_code] { exit_code = run_calibrate(*args); });
}

}  // namespace ec::cli
