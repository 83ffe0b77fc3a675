// Robustness: random expressions and random answers never crash the compiler or the matcher, and a
// compiled pattern gives the same answer every time. (Run under ASan/UBSan in CI.)
#include <gtest/gtest.h>

#include <random>

#include "match/pattern.h"
#include "text/document.h"

namespace ec::match {
namespace {

// A random expression from the grammar (any flags, words, wildcards, phrases, alternatives,
// proximity, nesting), sometimes with one character changed so that errors are exercised too.
std::string random_node(std::mt19937& rng, int depth) {
  static const std::vector<std::string> flags = {"", "_w", "_o", "_mow", "_m2", "_c", "_wp0", "_wp3", "_mfw",
                                                 "_mrw", "_mtw", "_mxw", "_ws", "_m2ow", "_cow"};
  static const std::vector<std::string> words = {"tom", "dick", "harry", "stal*", "?ick", "h*y", "1.5", "-2",
                                                 "\\(x\\)", "\xc3\xa9t\xc3\xa9", "\xe6\x9d\xb1", "stallin", "*"};
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  if (depth < 3 && pick(3) == 0) {
    const char* names[] = {"match_any(", "match_all(", "not("};
    std::size_t which = pick(3);
    std::string out = names[which];
    std::size_t children = which == 2 ? 1 : 1 + pick(3);
    for (std::size_t i = 0; i < children; ++i) out += (i ? " " : "") + random_node(rng, depth + 1);
    return out + ")";
  }
  std::string out = "match" + flags[pick(flags.size())] + "(";
  std::size_t items = 1 + pick(4);
  for (std::size_t i = 0; i < items; ++i) {
    if (i) out += pick(3) == 0 ? "_" : " ";
    std::size_t alternatives = 1 + pick(2);
    for (std::size_t a = 0; a < alternatives; ++a) {
      if (a) out += "|";
      if (pick(4) == 0) {
        out += "[" + words[pick(words.size())] + " " + words[pick(words.size())] + "]";
      } else {
        out += words[pick(words.size())];
      }
    }
  }
  return out + ")";
}

std::string random_expression(std::mt19937& rng) {
  std::string e = random_node(rng, 0);
  if (std::uniform_int_distribution<int>(0, 2)(rng) == 0 && !e.empty()) {  // break it
    std::size_t at = std::uniform_int_distribution<std::size_t>(0, e.size() - 1)(rng);
    const char junk[] = "()[]|_\\ x";
    e[at] = junk[std::uniform_int_distribution<std::size_t>(0, sizeof junk - 2)(rng)];
  }
  return e;
}

std::string random_answer(std::mt19937& rng) {
  static const std::vector<std::string> words = {"tom", "dick", "harry", "stalin", "stallin", "Tom", ".", "?",
                                                 "1.5", "\xe2\x80\x99", "\xc2\xa0", "\n\n", "\xef\xac\x81ne",
                                                 "tomy", "ick", "rick", "2", "-", ",", "  "};
  std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1), length(0, 30);
  std::string out;
  for (std::size_t i = 0, n = length(rng); i < n; ++i) out += words[pick(rng)] + " ";
  return out;
}

TEST(PatternRobustness, RandomExpressionsAndAnswersNeverCrash) {
  std::mt19937 rng(20261126);
  int compiled = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string expr = random_expression(rng);
    Options options;
    options.ignore_case = i % 2 == 0;
    auto p = Pattern::compile(expr, options);
    if (!p) {
      EXPECT_GE(p.error().column, 1) << expr;  // every error says where
      continue;
    }
    ++compiled;
    for (int k = 0; k < 3; ++k) {
      std::string answer = random_answer(rng);
      bool first = p->matches_response(answer);
      EXPECT_EQ(first, p->matches_response(answer)) << expr << " on " << answer;
      auto doc = text::Document::build(answer);
      auto a = p->find_all(doc, Scope::sentence);
      auto b = p->find_all(doc, Scope::sentence);
      ASSERT_EQ(a.size(), b.size());
      for (const auto& m : a) {
        EXPECT_LE(m.span.end, answer.size());
        for (const auto& w : m.words) EXPECT_LE(w.start, w.end);
      }
    }
  }
  EXPECT_GT(compiled, 100);  // the generator does reach valid expressions
}

}  // namespace
}  // namespace ec::match
