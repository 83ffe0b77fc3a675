// Pattern words are remembered per thread across answers (AtomIndex): a thread that has matched
// other answers finds exactly what a fresh thread finds, the first answer (searched) and every
// later one (looked up) alike, and forgetting words when memory is full changes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "match/atom_index.h"
#include "match/pattern.h"
#include "match/subject.h"
#include "text/document.h"

namespace ec::match {
namespace {

const char* const kPatterns[] = {
    "match_mw(stalin)",
    "match_m2w(zinoviev)",
    "match_mw([general secretary])",
    "match_mtw(bukharin)",
    "match_cw(collectiv*)",
    "match_cw(*ism)",
    "match_msw(industrialise)",
    "match_all(match_mw(trotsky) match_m2w(kamenev))",
    "match_cw(?inoviev)",
};

const char* const kAnswers[] = {
    "Stallin was General Secetary from 1922 and Zinovyev and Kamenev helped him against Trotksy.",
    "Bukahrin supported the NEP; collectivisation ended it. Industrialisation needed grain.",
    "Socialism in One Country beat Trotskyism. Stalin industrialised the USSR.",
    "Trotsky and Kamenev joined the United Opposition in 1926; Zinoviev too. Stalin won.",
    "",
};

// Every match of every pattern over one answer, as text.
std::string all_matches(const std::vector<Pattern>& patterns, const std::string& answer) {
  auto doc = text::Document::build(answer);
  Subject subject = Subject::from_document(doc, true, true);
  std::string out;
  for (const auto& p : patterns) {
    out += p.source() + ":";
    for (const auto& m : p.find_all(subject, Scope::sentence)) {
      out += " [" + std::to_string(m.scope);
      for (const auto& w : m.words) out += " " + answer.substr(w.start, w.size());
      out += "]";
    }
    out += "\n";
  }
  return out;
}

std::vector<Pattern> compile_all() {
  Options options;
  options.ignore_case = true;
  std::vector<Pattern> out;
  for (const char* source : kPatterns) {
    auto p = Pattern::compile(source, options);
    EXPECT_TRUE(p.ok()) << source;
    out.push_back(p.value());
  }
  return out;
}

// What a thread that has matched nothing before finds.
std::string on_a_fresh_thread(const std::vector<Pattern>& patterns, const std::string& answer) {
  std::string out;
  std::thread([&] { out = all_matches(patterns, answer); }).join();
  return out;
}

TEST(AtomIndex, AWarmThreadFindsWhatAFreshThreadFinds) {
  const auto patterns = compile_all();
  std::vector<std::string> fresh;
  for (const char* answer : kAnswers) fresh.push_back(on_a_fresh_thread(patterns, answer));
  EXPECT_NE(fresh[0].find("Stallin"), std::string::npos) << fresh[0];
  EXPECT_NE(fresh[0].find("Zinovyev"), std::string::npos) << fresh[0];
  EXPECT_NE(fresh[1].find("Bukahrin"), std::string::npos) << fresh[1];
  EXPECT_NE(fresh[2].find("[0 Socialism]"), std::string::npos) << fresh[2];
  std::thread([&] {
    // Three rounds: the first answers are scanned, later ones looked up in what was remembered.
    for (int round = 0; round < 3; ++round) {
      for (std::size_t i = 0; i < std::size(kAnswers); ++i) {
        EXPECT_EQ(all_matches(patterns, kAnswers[i]), fresh[i]) << "round " << round << ", answer " << i;
      }
    }
    EXPECT_GT(AtomIndex::for_this_thread().size(), 0u);
  }).join();
}

TEST(AtomIndex, ForgettingWordsWhenFullChangesNothing) {
  const auto patterns = compile_all();
  const std::string answer = kAnswers[0];
  const std::string expected = on_a_fresh_thread(patterns, answer);
  std::thread([&] {
    EXPECT_EQ(all_matches(patterns, answer), expected);
    // More distinct words than are remembered: the memory of words starts again on the way.
    std::string many;
    for (std::size_t i = 0; i < AtomIndex::kMaxWords + 1000; ++i) many += "w" + std::to_string(i) + " ";
    all_matches(patterns, many);
    EXPECT_EQ(all_matches(patterns, answer), expected);
  }).join();
}

// Another thread's index (even one made where an ended thread's was) never answers for a Subject.
TEST(AtomIndex, ASubjectAskedFromAnotherThreadIsSearchedNotLookedUp) {
  const auto patterns = compile_all();
  const std::string answer = kAnswers[3];
  const std::string expected = on_a_fresh_thread(patterns, answer);
  auto doc = text::Document::build(answer);
  Subject subject = Subject::from_document(doc, true, true);
  auto matches_here = [&] {
    std::string out;
    for (const auto& p : patterns) out += std::to_string(p.find_all(subject, Scope::sentence).size()) + " ";
    return out;
  };
  std::string first, second;
  std::thread([&] {
    all_matches(patterns, kAnswers[0]);  // this thread now knows the costly words
    first = matches_here();
  }).join();
  std::thread([&] { second = matches_here(); }).join();
  EXPECT_EQ(first, second);
  std::string fresh_counts;
  for (std::size_t at = 0; (at = expected.find(':', at)) != std::string::npos; ++at) {
    const auto end = expected.find('\n', at);
    fresh_counts += std::to_string(std::count(expected.begin() + static_cast<std::ptrdiff_t>(at),
                                              expected.begin() + static_cast<std::ptrdiff_t>(end), '[')) + " ";
  }
  EXPECT_EQ(first, fresh_counts);
  EXPECT_EQ(subject.known_count(AtomIndex::for_this_thread()), 0u);
}

}  // namespace
}  // namespace ec::match
