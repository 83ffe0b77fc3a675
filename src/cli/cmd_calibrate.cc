// `essaycoach calibrate [--prompt ID] [--totals] MARKED.csv`: mark answers a teacher has marked and
// report how well the engine agrees (exact and adjacent levels, mean mark difference, quadratic
// weighted kappa, the confusion matrix, marking high or low, factors credited). CSV columns: `file`
// (relative to the CSV) or `text`, `mark`, optional `level` and `prompt` (else --prompt, else the
// file's folder). A double-marked set adds `mark_a`, `level_a`, `mark_b`, `level_b` (`mark`, `level`
// being the settled mark): the engine is then also compared with each examiner, and the examiners
// with each other. `--totals` prints the figures only, never answer by answer (for a held-out half).
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
  bool totals = false;
  std::vector<std::string> rubric_dirs;
  int exam_year = 0;
};

// A mark's level by the scheme's ranges; for points-based schemes (no levels) the mark itself.
int level_for(const rubric::MarkScheme& scheme, int mark) {
  if (scheme.levels.empty()) return std::max(mark, 0);
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
            c_prompt = column("prompt"), c_mark_a = column("mark_a"), c_level_a = column("level_a"),
            c_mark_b = column("mark_b"), c_level_b = column("level_b");
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
    // An examiner's rating from the mark_X / level_X columns; none when the mark is blank.
    auto examiner = [&](int c_m, int c_l) -> Result<std::optional<mark::Rating>> {
      if (field(c_m).empty()) return std::optional<mark::Rating>();
      mark::Rating rating;
      try {
        rating.mark = std::stoi(field(c_m));
      } catch (const std::exception&) {
        return make_error(ErrorKind::usage, "the mark '" + field(c_m) + "' is not a number");
      }
      rating.level = !field(c_l).empty() ? std::atoi(field(c_l).c_str()) : level_for(scheme, rating.mark);
      return std::optional<mark::Rating>(rating);
    };
    auto marker_a = examiner(c_mark_a, c_level_a), marker_b = examiner(c_mark_b, c_level_b);
    for (auto* m : {&marker_a, &marker_b}) {
      if (!*m) {
        std::cerr << "essaycoach calibrate: " << where << ": " << m->error().message << "\n";
        return 2;
      }
    }
    k.marker_a = marker_a.value();
    k.marker_b = marker_b.value();
    k.prompt = prompt;
    auto doc = text::Document::build(answer);
    auto a = marker->assess(doc);
    k.engine_mark = a.mark;
    k.engine_level = a.level.value_or(a.mark);  // points-based schemes: the mark is the level
    for (const auto& f : a.factors) {
      if (f.status != mark::FactorStatus::missing) k.credited.push_back(f.factor->id);
    }
    max_mark = std::max(max_mark, scheme.marks);
    for (const auto& l : scheme.levels) max_level = std::max(max_level, l.number);
    cases.push_back(std::move(k));
  }
  auto c = mark::calibrate(cases, max_mark, max_level);
  const char* reference = c.a_vs_b ? "settled" : "teacher";

  if (args.format == "json") {
    auto figures = [](const mark::Agreement& g) {
      nlohmann::ordered_json j;
      j["answers"] = g.answers;
      j["exact_level_agreement"] = g.exact_level;
      j["within_one_level"] = g.within_one;
      j["mean_absolute_mark_difference"] = g.mean_abs_diff;
      j["mean_mark_difference"] = g.mean_diff;
      j["quadratic_weighted_kappa"] = g.qwk;
      j["quadratic_weighted_kappa_levels"] = g.qwk_levels;
      j["levels_above"] = g.over;
      j["levels_below"] = g.under;
      j["confusion"] = g.confusion;
      return j;
    };
    nlohmann::ordered_json j;
    j["schema_version"] = 1;
    j.update(figures(c));
    if (c.a_vs_b) {
      j["engine_vs_marker_a"] = figures(*c.engine_vs_a);
      j["engine_vs_marker_b"] = figures(*c.engine_vs_b);
      j["marker_b_vs_marker_a"] = figures(*c.a_vs_b);
    }
    j["factors_credited"] = c.credited;
    if (!args.totals) {
      j["cases"] = nlohmann::ordered_json::array();
      for (const auto& k : cases) {
        nlohmann::ordered_json one = {{"file", k.name},
                                      {"prompt", k.prompt},
                                      {"teacher_mark", k.teacher_mark},
                                      {"teacher_level", k.teacher_level},
                                      {"engine_mark", k.engine_mark},
                                      {"engine_level", k.engine_level}};
        if (k.marker_a) one["marker_a"] = {{"mark", k.marker_a->mark}, {"level", k.marker_a->level}};
        if (k.marker_b) one["marker_b"] = {{"mark", k.marker_b->mark}, {"level", k.marker_b->level}};
        j["cases"].push_back(std::move(one));
      }
    }
    std::cout << j.dump() << "\n";
    return 0;
  }
  auto print = [&](const mark::Agreement& g, const std::string& rows, const std::string& columns) {
    std::printf("  exact level agreement      %s\n", percent(g.exact_level).c_str());
    std::printf("  within one level           %s\n", percent(g.within_one).c_str());
    std::printf("  mean absolute difference   %.2f marks\n", g.mean_abs_diff);
    std::printf("  quadratic weighted kappa   %.3f (marks), %.3f (levels)\n", g.qwk, g.qwk_levels);
    std::printf("  the %s marks%*s%s (mean difference %+.2f marks; a level above on %d, below on %d)\n\n",
                columns.c_str(), static_cast<int>(std::max<std::size_t>(1, 17 - columns.size())), "",
                g.mean_diff > 0.25    ? "high"
                : g.mean_diff < -0.25 ? "low"
                                      : ("level with the " + rows).c_str(),
                g.mean_diff, g.over, g.under);
    std::printf("  levels: %s (rows) against %s (columns)\n          ", rows.c_str(), columns.c_str());
    for (int e = 0; e <= g.max_level; ++e) std::printf("  L%d", e);
    std::printf("\n");
    for (int t = 0; t <= g.max_level; ++t) {
      std::printf("      L%d  ", t);
      for (int e = 0; e <= g.max_level; ++e) std::printf("%4d", g.confusion[t][e]);
      std::printf("\n");
    }
    std::printf("\n");
  };
  if (c.a_vs_b) {
    std::printf("%d answers marked by two examiners (and a settled mark) and by the engine\n\n", c.answers);
    std::printf("the engine against the settled mark\n");
  } else {
    std::printf("%d answers marked by a teacher and by the engine\n\n", c.answers);
  }
  print(c, reference, "engine");
  if (c.a_vs_b) {
    std::printf("the engine against examiner A\n");
    print(*c.engine_vs_a, "examiner A", "engine");
    std::printf("the engine against examiner B\n");
    print(*c.engine_vs_b, "examiner B", "engine");
    std::printf("examiner B against examiner A (the human agreement the engine is measured against)\n");
    print(*c.a_vs_b, "examiner A", "examiner B");
  }
  if (args.totals) return 0;
  std::printf("answers where the levels differ:\n");
  int shown = 0;
  for (const auto& k : cases) {
    if (k.teacher_level == k.engine_level) continue;
    std::printf("  %-48s %s %2d (L%d)  engine %2d (L%d)", k.name.c_str(), reference, k.teacher_mark, k.teacher_level,
                k.engine_mark, k.engine_level);
    if (k.marker_a && k.marker_b) std::printf("  A %2d  B %2d", k.marker_a->mark, k.marker_b->mark);
    std::printf("\n");
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
      "MARKED.csv columns: file (relative to the CSV) or text, mark, and optionally level and prompt;\n"
      "a double-marked set adds mark_a, level_a, mark_b, level_b (mark and level being the settled mark).\n"
      "Example:\n"
      "  essaycoach calibrate tests/calibration/marked.csv\n"
      "  essaycoach calibrate --totals tests/calibration/independent/test.csv\n"
      "  essaycoach calibrate --prompt why-stalin-won my-class.csv --format json");
  cmd->add_option("--prompt,-p", args->prompt, "the prompt every row answers (else the row's prompt or folder)");
  cmd->add_option("marked", args->csv, "CSV of marked answers")->required();
  cmd->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--totals", args->totals, "print the figures and matrices only, not answer by answer");
  cmd->add_option("--rubrics", args->rubric_dirs, "a folder of your own rubrics and prompts (repeatable)")
      ->type_name("DIR");
  cmd->add_option("--exam-year", args->exam_year, "mark by the rules of this exam series");
  cmd->callback([args, &exit_code] { exit_code = run_calibrate(*args); });
}

}  // namespace ec::cli
