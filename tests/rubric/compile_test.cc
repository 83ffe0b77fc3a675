// Compiling rubric files into a Library: the cross-checks a rubric author relies on (each an error
// at file:line:col), pattern errors placed inside the rubric file, and the embedded examples run
// against the real matcher, for the test fixtures and for the repository's own rubrics.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "rubric/ast.h"
#include "rubric/rubric.h"
#include "support/test_support.h"

namespace ec::rubric {
namespace {

namespace fs = std::filesystem;

using Folder = ec::testing::ScratchFolder;

std::string good() { return testing::repo_dir() + "/tests/rubric/data/good"; }

const char* kFactor =
    "factor f \"F\" {\n"
    "  cards 1\n"
    "  names match_w(alpha)\n"
    "  example hit  \"alpha here\"\n"
    "  example miss \"beta here\"\n"
    "}\n";

std::vector<std::string> messages(const LoadReport& r) {
  std::vector<std::string> out;
  for (const auto& e : r.errors) out.push_back(e.located());
  return out;
}

TEST(RubricCompile, FixturesCompileIntoALibrary) {
  auto lib = load_library({good()});
  ASSERT_TRUE(lib.ok()) << lib.error().located() << "\n" << lib.error().excerpt;
  ASSERT_EQ(lib->rubrics.size(), 1u);
  const auto& r = lib->rubrics.at("power-struggle");
  EXPECT_EQ(r.factors.size(), 2u);
  EXPECT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.misconceptions.size(), 1u);
  EXPECT_EQ(r.factors[0].rubric, "power-struggle");
  EXPECT_EQ(r.factors[0].names[1].scope, match::Scope::paragraph);
  // a term without names gets its own words, one misspelling allowed
  ASSERT_EQ(r.terms[0].names.size(), 1u);
  EXPECT_EQ(r.terms[0].names[0].pattern.source(), "match_mw([triumvirate])");
  const auto& s = lib->schemes.at("explain-why");
  ASSERT_EQ(s.levels.size(), 4u);
  EXPECT_EQ(s.levels.front().number, 4);  // highest level first
  EXPECT_EQ(s.levels.back().when.op, Condition::Op::always);
  EXPECT_EQ(s.caps.at(0).when.op, Condition::Op::not_);
  const auto& p = lib->prompts.at("why-stalin-won");
  EXPECT_EQ(p.scheme, "explain-why");
  EXPECT_EQ(p.marks, 12);
  EXPECT_EQ(p.stimulus.size(), 2u);
  EXPECT_EQ(count_examples(*lib), 13);
}

TEST(RubricCompile, FixtureExamplesAllPass) {
  auto lib = load_library({good()});
  ASSERT_TRUE(lib.ok()) << lib.error().located();
  auto failures = run_examples(*lib);
  for (const auto& f : failures) ADD_FAILURE() << f.located();
}

TEST(RubricCompile, FailingExamplesNameFileLineRuleAndWhatHappened) {
  Folder d;
  auto path = d.add("r.rubric",
                    "factor general-secretary \"GS\" {\n"
                    "  cards 3\n"
                    "  names match_w([general secretary])\n"
                    "  example hit  \"He was the party boss.\"\n"
                    "  example miss \"He became General Secretary in 1922.\"\n"
                    "}\n");
  auto lib = load_library({d.path()});
  ASSERT_TRUE(lib.ok()) << lib.error().located();
  auto failures = run_examples(*lib);
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].located(), path + ":4:3: expected factor general-secretary to match, it did not");
  EXPECT_EQ(failures[1].located(), path +
                                       ":5:3: expected factor general-secretary not to match, it matched "
                                       "\"General Secretary\" (the pattern at line 3)");
  EXPECT_EQ(failures[1].rule_id, "general-secretary");
}

TEST(RubricCompile, SyntaxErrorIsReportedWithFileLineColumn) {
  Folder d;
  auto path = d.add("why.prompt", "prompt why {\n  question \"Q\"\n\n  marks twelve\n}\n");
  auto r = check_library({d.path()});
  ASSERT_FALSE(r.library);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].located(), path + ":4:9: expected a number of marks after 'marks'");
  EXPECT_EQ(r.errors[0].excerpt, "  marks twelve\n        ^");
}

TEST(RubricCompile, UnknownStimulusFactorSchemeAndRubric) {
  Folder d;
  d.add("r.rubric", kFactor);
  auto path = d.add("p.prompt",
                    "prompt p {\n"
                    "  question \"Q\"\n"
                    "  scheme nope\n"
                    "  stimulus f \"ok\"\n"
                    "  stimulus trotsky \"not a factor of r\"\n"
                    "  uses r\n"
                    "  uses missing\n"
                    "}\n");
  auto r = check_library({d.path()});
  EXPECT_FALSE(r.library);
  EXPECT_EQ(messages(r),
            (std::vector<std::string>{
                path + ":3:3: unknown mark scheme 'nope'",
                path + ":7:3: unknown rubric 'missing' (a rubric's id is its file name without the extension)",
                path + ":5:3: stimulus 'trotsky' is not a factor of the rubrics this prompt uses (r)"}));
  EXPECT_EQ(r.errors[2].excerpt, "  stimulus trotsky \"not a factor of r\"\n  ^");
}

TEST(RubricCompile, DuplicateIdsWithinAKindAcrossFiles) {
  Folder d;
  auto a = d.add("a.rubric", kFactor);
  auto b = d.add("sub/b.rubric", std::string("\n") + kFactor);
  d.add("c.rubric", "term f \"F\" \"a term may share a factor's id\" {\n  example hit \"f\"\n  example miss \"g\"\n}\n");
  auto r = check_library({d.path()});
  EXPECT_EQ(messages(r), (std::vector<std::string>{b + ":2:1: duplicate factor id 'f' (first declared at " + a +
                                                   ":1)"}));
}

TEST(RubricCompile, TwoRubricFilesWithTheSameName) {
  Folder d;
  d.add("a/r.rubric", kFactor);
  auto second = d.add("b/r.rubric", "term t \"T\" \"D\" {\n  example hit \"t\"\n  example miss \"u\"\n}\n");
  auto r = check_library({d.path()});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, second);
  EXPECT_NE(r.errors[0].message.find("a rubric called 'r' already comes from"), std::string::npos);
}

TEST(RubricCompile, PatternErrorIsPlacedInsideTheRubricFile) {
  Folder d;
  auto path = d.add("r.rubric",
                    "factor f \"F\" {\n"
                    "  names match_w(alpha)\n"
                    "  names   match_all(match_w(a)\n"
                    "                    match_zz(b))\n"
                    "  example hit \"alpha\"\n"
                    "  example miss \"beta\"\n"
                    "}\n");
  auto r = check_library({d.path()});
  ASSERT_EQ(r.errors.size(), 1u);
  const auto& e = r.errors[0];
  EXPECT_EQ(e.file, path);
  // the bad flag is on the pattern's second line: line 4 of the file, in the file's columns
  EXPECT_EQ(e.line, 4);
  EXPECT_EQ(e.column, 21);
  EXPECT_NE(e.message.find("match_zz"), std::string::npos) << e.message;
  EXPECT_EQ(e.excerpt.substr(0, e.excerpt.find('\n')), "                    match_zz(b))");
}

TEST(RubricCompile, PatternErrorOnTheFirstLineAddsTheColumn) {
  Folder d;
  auto path = d.add("r.rubric",
                    "factor f \"F\" {\n"
                    "  names   match_w([alpha)\n"
                    "  example hit \"alpha\"\n"
                    "  example miss \"beta\"\n"
                    "}\n");
  auto r = check_library({d.path()});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, path);
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[0].column, 25);  // the pattern starts at column 11; the stray ')' is its 15th character
  EXPECT_EQ(r.errors[0].excerpt, "  names   match_w([alpha)\n                        ^");
}

TEST(RubricCompile, MissingExamplesAndNames) {
  Folder d;
  auto path = d.add("r.rubric",
                    "factor f \"F\" {\n  example hit \"x\"\n}\n"
                    "misconception m \"M\" {\n  claim match_w(x)\n  example miss \"y\"\n}\n"
                    "event e 1924 {\n  names match_w(lenin)\n}\n");
  auto r = check_library({d.path()});
  EXPECT_EQ(messages(r), (std::vector<std::string>{
                             path + ":1:1: factor f needs at least one 'names' pattern",
                             path + ":1:1: factor f needs at least one 'example miss'",
                             path + ":4:1: misconception m needs at least one 'example hit'",
                             path + ":8:1: event e needs at least one 'example hit'",
                             path + ":8:1: event e needs at least one 'example miss'",
                         }));
}

TEST(RubricCompile, SchemeLevelsMustFitTheMarksWithoutOverlapping) {
  Folder d;
  auto path = d.add("s.scheme",
                    "scheme s \"S\" {\n"
                    "  marks 12\n"
                    "  level 4 10-13 \"a\" when explained >= 3\n"
                    "  level 3 6-9 \"b\" when explaind >= 2\n"
                    "  level 2 4-6 \"c\"\n"
                    "  cap 14 when words < 10 \"r\"\n"
                    "}\n");
  auto r = check_library({d.path()});
  auto m = messages(r);
  ASSERT_EQ(m.size(), 4u) << ::testing::PrintToString(m);
  EXPECT_EQ(m[0], path + ":3:3: level 4's marks 10-13 go beyond the scheme's 12 marks");
  EXPECT_EQ(m[1].rfind(path + ":4:24: unknown measure 'explaind' (measures: explained, mentioned, credited, ", 0),
            0u)
      << m[1];
  EXPECT_EQ(m[2], path + ":5:3: level 2's marks 4-6 overlap level 3's 6-9");
  EXPECT_EQ(m[3], path + ":6:3: cap 14 is above the scheme's 12 marks");
}

TEST(RubricCompile, CardsAreNumberedOneToTwentySeven) {
  Folder d;
  auto path = d.add("r.rubric",
                    "term t \"T\" \"D\" {\n  cards 27 28\n  example hit \"t\"\n  example miss \"u\"\n}\n");
  auto r = check_library({d.path()});
  EXPECT_EQ(messages(r),
            (std::vector<std::string>{path + ":2:12: there is no card 28: cards are numbered 1 to 27"}));
}

TEST(RubricCompile, PromptMarksMustAgreeWithItsScheme) {
  Folder d;
  d.add("r.rubric", kFactor);
  d.add("s.scheme", "scheme s \"S\" {\n  marks 12\n  level 1 1-12 \"d\"\n}\n");
  auto path = d.add("p.prompt", "prompt p {\n  question \"Q\"\n  marks 16\n  scheme s\n  uses r\n}\n");
  auto r = check_library({d.path()});
  EXPECT_EQ(messages(r),
            (std::vector<std::string>{path + ":3:3: prompt p is out of 16 marks but scheme s is out of 12"}));
}

TEST(RubricCompile, DefaultTermPatternUsesTheTermsWords) {
  Folder d;
  d.add("r.rubric",
        "term a \"Lenin’s “Testament”\" \"D\" {\n  example hit \"Lenins testament\"\n  example miss \"x\"\n}\n"
        "term b \"Five-Year Plan\" \"D\" {\n  example hit \"the five year plan\"\n  example miss \"x\"\n}\n");
  auto lib = load_library({d.path()});
  ASSERT_TRUE(lib.ok()) << lib.error().located();
  const auto& terms = lib->rubrics.at("r").terms;
  EXPECT_EQ(terms.at(0).names.at(0).pattern.source(), "match_mw([lenin's testament])");
  EXPECT_EQ(terms.at(1).names.at(0).pattern.source(), "match_mw([five year plan])");
  for (const auto& f : run_examples(*lib)) ADD_FAILURE() << f.located();
}

TEST(RubricCompile, MissingPathIsAnError) {
  auto r = check_library({"/nonexistent/rubrics"});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].located(), "/nonexistent/rubrics: no such file or folder");
}

TEST(RubricCompile, DefaultDirsFollowTheEnvironment) {
  ::setenv("ESSAYCOACH_DATA_DIR", "/somewhere", 1);
  auto dirs = default_rubric_dirs();
  ::unsetenv("ESSAYCOACH_DATA_DIR");
  EXPECT_EQ(dirs, (std::vector<std::string>{"/somewhere/rubrics", "/somewhere/prompts"}));
  auto bundled = default_rubric_dirs();
  ASSERT_EQ(bundled.size(), 2u);
  EXPECT_EQ(bundled[0], testing::repo_dir() + "/rubrics");
}

TEST(RubricCompile, KnownMeasuresAreTheReadmesList) {
  // Every measure is documented in rubrics/README.md, as `name`.
  std::string readme = testing::read_file(testing::repo_dir() + "/rubrics/README.md");
  for (const auto& m : known_measures()) EXPECT_NE(readme.find("`" + m + "`"), std::string::npos) << m;
}

// The repository's own rubrics: they compile, and every embedded example does what it says.
TEST(RubricRepository, BundledRubricsCompileAndTheirExamplesPass) {
  std::vector<std::string> dirs = {testing::repo_dir() + "/rubrics", testing::repo_dir() + "/prompts"};
  bool any = false;
  for (const auto& dir : dirs)
    if (fs::is_directory(dir))
      for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().extension() == ".rubric") any = true;
  if (!any) GTEST_SKIP() << "no .rubric files under rubrics/ yet";
  auto report = check_library(dirs);
  for (const auto& e : report.errors) ADD_FAILURE() << e.located() << "\n" << e.excerpt;
  ASSERT_TRUE(report.library);
  auto failures = run_examples(*report.library);
  for (const auto& f : failures) ADD_FAILURE() << f.located();
  EXPECT_GT(count_examples(*report.library), 0);
}

}  // namespace
}  // namespace ec::rubric
