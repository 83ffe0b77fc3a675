// `essaycoach match` as a user runs it: exit codes like grep, spans in text and JSON, expression
// errors with a caret, unreadable input, and all 368 pmatch vectors agreeing with the library.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "match/pattern.h"
#include "support/test_support.h"

namespace ec::cli {
namespace {

using ec::testing::run_essaycoach;
using ec::testing::shell_quote;

std::string temp_file(const std::string& name, const std::string& content) {
  auto path = std::filesystem::temp_directory_path() / ("ec-match-cli-" + name);
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

TEST(MatchCommand, ExitsZeroOnAMatchOneWithoutTwoOnABadExpressionThreeOnBadInput) {
  EXPECT_EQ(run_essaycoach("match 'match_o(harry tom dick)' -", "tom dick harry").exit_code, 0);
  EXPECT_EQ(run_essaycoach("match 'match(tom)' -", "tom dick harry").exit_code, 1);
  auto bad = run_essaycoach("match 'match_all(match_w(tom) match_w(dick)' -", "tom");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("col 37: expected ')' to close match_all( opened at col 1"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("\n                                      ^"), std::string::npos) << bad.err;
  auto missing = run_essaycoach("match 'match(x)' /nonexistent/answer.txt");
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("cannot read /nonexistent/answer.txt"), std::string::npos) << missing.err;
  EXPECT_EQ(run_essaycoach("match 'match(x)'").exit_code, 2);  // no file: usage
  auto binary = run_essaycoach("match 'match(x)' -", std::string("ab\0cd", 5));
  EXPECT_EQ(binary.exit_code, 3);
}

TEST(MatchCommand, SentenceScopeReportsEverySentenceWithByteSpans) {
  std::string answer = "Stalin was General Secretary. Trotsky was arrogant. The gen sec had power.";
  auto file = temp_file("scope.txt", answer);
  auto r = run_essaycoach("match 'match_mw([general secretary]|[gen sec])' " + file +
                          " --scope sentence --ignore-case --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["matched"], true);
  ASSERT_EQ(j["matches"].size(), 2u);
  EXPECT_EQ(j["matches"][0]["scope_index"], 0);
  EXPECT_EQ(j["matches"][1]["scope_index"], 2);
  for (const auto& m : j["matches"]) {
    for (const auto& w : m["words"]) {
      std::size_t start = w["start"], end = w["end"];
      EXPECT_EQ(answer.substr(start, end - start), w["text"].get<std::string>());
    }
  }
  EXPECT_EQ(j["matches"][1]["text"], "gen sec");
  auto text = run_essaycoach("match 'match_mw([general secretary]|[gen sec])' " + file + " --scope sentence --ignore-case");
  EXPECT_NE(text.out.find("2 sentences match"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("11-18  General"), std::string::npos) << text.out;
}

TEST(MatchCommand, Windows1252AnswerIsDecodedAndNoted) {
  // "Stalin’s" with the curly apostrophe as the single byte 0x92.
  auto file = temp_file("cp1252.txt", "Stalin\x92s rivals underestimated him.");
  auto r = run_essaycoach("match \"match_w(stalin's)\" " + file + " --ignore-case --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["encoding"], "windows-1252");
  EXPECT_EQ(j["matches"][0]["words"][0]["text"], "Stalin\u2019s");
}

TEST(MatchCommand, PmatchOptionsAreFlags) {
  EXPECT_EQ(run_essaycoach("match 'match(abcde)' - --synonym 'abcde=xyz|fghij'", "fghij").exit_code, 0);
  EXPECT_EQ(run_essaycoach("match 'match(X Y)' - --convert-to-space '\"'", "X\"Y").exit_code, 0);
  EXPECT_EQ(run_essaycoach("match 'match_w(one_two)' - --sentence-dividers '|'", "one four| two|").exit_code, 1);
  EXPECT_EQ(run_essaycoach("match 'match(abcd)' - --ignore-case", "ABCD").exit_code, 0);
  EXPECT_EQ(run_essaycoach("match 'match(a b)' - --word-dividers ','", "a,b").exit_code, 0);
  EXPECT_EQ(run_essaycoach("match 'match(abcde)' - --synonym 'nonsense'", "x").exit_code, 2);
}

// The team checks the engine through this command: it must agree with the library on every vector.
TEST(MatchCommand, AllPmatchVectorsAgreeWithTheLibrary) {
  std::string shared = ec::testing::shared_dir();
  std::string path = shared + "/peer/pmatch/vectors.jsonl";
  if (shared.empty() || !std::filesystem::exists(path)) {
    if (std::getenv("CI") != nullptr) FAIL() << "pmatch vectors missing at " << path;
    GTEST_SKIP() << "pmatch vectors not found at ../shared/peer/pmatch/vectors.jsonl";
  }
  std::ifstream in(path);
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    auto v = nlohmann::json::parse(line);
    match::Options options;
    std::string flags;
    const auto& o = v["options"];
    if (o.value("ignorecase", false)) {
      options.ignore_case = true;
      flags += " --ignore-case";
    }
    if (o.contains("sentencedividers")) {
      options.sentence_dividers = o["sentencedividers"];
      flags += " --sentence-dividers " + shell_quote(options.sentence_dividers);
    }
    if (o.contains("worddividers")) {
      options.word_dividers = o["worddividers"];
      flags += " --word-dividers " + shell_quote(options.word_dividers);
    }
    if (o.contains("converttospace")) {
      options.convert_to_space = o["converttospace"];
      flags += " --convert-to-space " + shell_quote(options.convert_to_space);
    }
    if (o.contains("synonyms")) {
      for (auto& [k, alt] : o["synonyms"].items()) {
        options.synonyms.emplace_back(k, alt.get<std::string>());
        flags += " --synonym " + shell_quote(k + "=" + alt.get<std::string>());
      }
    }
    std::string expression = v["expression"];
    auto pattern = match::Pattern::compile(expression, options);
    ASSERT_TRUE(pattern.ok()) << expression;
    bool library = pattern->matches_response(v["response"].get<std::string>());
    auto r = run_essaycoach("match " + shell_quote(expression) + " -" + flags, v["response"].get<std::string>());
    EXPECT_EQ(r.exit_code, library ? 0 : 1) << v["source"] << ":" << v["line"] << " " << expression << "\n" << r.err;
    ++count;
  }
  EXPECT_EQ(count, 368);
}

}  // namespace
}  // namespace ec::cli
