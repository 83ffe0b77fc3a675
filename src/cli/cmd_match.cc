// `essaycoach match EXPR FILE|-`: the "try this rule" tool. Says whether a pmatch expression
// matches an answer and prints each match with its words and byte spans (text or JSON). Like grep:
// exit 0 matched, 1 no match, 2 usage or expression error, 3 input unreadable.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "match/pattern.h"
#include "match/subject.h"
#include "text/document.h"
#include "text/input.h"

namespace ec::cli {
namespace {

struct MatchArgs {
  std::string expression;
  std::string file;
  std::string format = "text";
  std::string scope;  // "" = the whole response, as pmatch
  bool ignore_case = false;
  std::optional<std::string> sentence_dividers, word_dividers, convert_to_space;
  std::vector<std::string> synonyms;
  std::size_t max_bytes = 1 << 20;
};

int run_match(const MatchArgs& args) {
  match::Options options;
  options.ignore_case = args.ignore_case;
  if (args.sentence_dividers) options.sentence_dividers = *args.sentence_dividers;
  if (args.word_dividers) options.word_dividers = *args.word_dividers;
  if (args.convert_to_space) options.convert_to_space = *args.convert_to_space;
  for (const auto& s : args.synonyms) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "essaycoach match: --synonym takes WORD=ALT1|ALT2, got '" << s << "'\n";
      return 2;
    }
    options.synonyms.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  auto pattern = match::Pattern::compile(args.expression, options);
  if (!pattern) {
    print_expression_error(std::cerr, args.expression, pattern.error());
    return 2;
  }
  text::InputLimits limits;
  limits.max_bytes = args.max_bytes;
  auto input = text::read_answer(args.file, limits);
  if (!input) {
    std::cerr << "essaycoach match: " << input.error().message << "\n";
    return 3;
  }
  const std::string& answer = input->utf8;

  match::Scope scope = match::Scope::response;
  std::vector<match::Match> matches;
  if (args.scope.empty() || args.scope == "response") {
    auto subject = match::Subject::from_response(answer, options, pattern->compiled_uses_stems());
    matches = pattern->find_all(subject, match::Scope::response);
  } else {
    scope = args.scope == "sentence" ? match::Scope::sentence : match::Scope::paragraph;
    auto doc = text::Document::build(answer);
    auto subject = match::Subject::from_document(doc, options.ignore_case, pattern->compiled_uses_stems());
    matches = pattern->find_all(subject, scope);
  }

  auto slice = [&](Span s) { return answer.substr(s.start, s.size()); };
  if (args.format == "json") {
    nlohmann::ordered_json j;
    j["schema_version"] = 1;
    j["expression"] = args.expression;
    j["file"] = input->source;
    j["encoding"] = input->encoding;
    j["scope"] = args.scope.empty() ? "response" : args.scope;
    j["matched"] = !matches.empty();
    j["matches"] = nlohmann::ordered_json::array();
    for (const auto& m : matches) {
      nlohmann::ordered_json jm;
      jm["scope_index"] = m.scope;
      jm["start"] = m.span.start;
      jm["end"] = m.span.end;
      jm["text"] = slice(m.span);
      jm["words"] = nlohmann::ordered_json::array();
      for (const auto& w : m.words) {
        jm["words"].push_back({{"start", w.start}, {"end", w.end}, {"text", slice(w)}});
      }
      j["matches"].push_back(std::move(jm));
    }
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    const char* unit = scope == match::Scope::sentence    ? "sentence"
                       : scope == match::Scope::paragraph ? "paragraph"
                                                          : "response";
    if (matches.empty()) {
      std::cout << "no match";
      if (scope != match::Scope::response) std::cout << " in any " << unit;
      std::cout << "\n";
    } else {
      if (scope == match::Scope::response) {
        std::cout << "match\n";
      } else {
        std::cout << matches.size() << " " << unit << (matches.size() == 1 ? "" : "s") << " match\n";
      }
      for (const auto& m : matches) {
        if (scope != match::Scope::response) std::cout << unit << " " << (m.scope + 1) << ": ";
        std::cout << "bytes " << m.span.start << "-" << m.span.end << "\n";
        for (const auto& w : m.words) {
          std::cout << "  " << w.start << "-" << w.end << "  " << slice(w) << "\n";
        }
      }
    }
    if (input->encoding != "UTF-8") std::cerr << "note: read " << input->source << " as " << input->encoding << "\n";
  }
  return matches.empty() ? 1 : 0;
}

}  // namespace

void add_match_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MatchArgs>();
  CLI::App* cmd = app.add_subcommand("match", "Try a pmatch expression on an answer: does it match, and where?");
  cmd->footer(
      "Without --scope the whole input is one response, exactly as Moodle's pmatch reads it.\n"
      "Examples:\n"
      "  essaycoach match 'match_mw(general secretary)' answer.txt --ignore-case\n"
      "  essaycoach match 'match_ws(industrialise)' answer.txt --scope sentence --format json\n"
      "  echo 'tom dick harry' | essaycoach match 'match_o(harry tom dick)' -\n"
      "Exit codes: 0 it matches, 1 it does not, 2 usage or expression error, 3 input unreadable.");
  cmd->add_option("expression", args->expression, "pmatch expression, e.g. match_w(stalin)")->required();
  cmd->add_option("file", args->file, "answer file, or - for standard input")->required();
  cmd->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--scope", args->scope, "sentence or paragraph: report every one that matches")
      ->check(CLI::IsMember({"sentence", "paragraph", "response"}));
  cmd->add_flag("--ignore-case", args->ignore_case, "match regardless of case (pmatch's ignorecase)");
  cmd->add_option("--sentence-dividers", args->sentence_dividers, "characters that end a sentence (default .?!)");
  cmd->add_option("--word-dividers", args->word_dividers, "characters between words (default white space)");
  cmd->add_option("--convert-to-space", args->convert_to_space, "characters read as spaces");
  cmd->add_option("--synonym", args->synonyms, "WORD=ALT1|ALT2: alternatives for a word (repeatable)");
  cmd->add_option("--max-bytes", args->max_bytes, "largest answer accepted (default 1 MiB)");
  cmd->callback([args, &exit_code] { exit_code = run_match(*args); });
}

}  // namespace ec::cli
