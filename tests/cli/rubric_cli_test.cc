// `essaycoach rubric check|print|coverage` as a rubric author runs them: exit codes 0 and 2,
// errors as file:line:col with the line and a caret, canonical printing, card coverage.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/test_support.h"

namespace ec::cli {
namespace {

namespace fs = std::filesystem;
using ec::testing::run_essaycoach;
using ec::testing::shell_quote;

using Folder = ec::testing::ScratchFolder;

std::string fixtures() { return ec::testing::repo_dir() + "/tests/rubric/data/good"; }

TEST(RubricCommand, CheckCountsWhatItCheckedAndExitsZero) {
  auto r = run_essaycoach("rubric check " + shell_quote(fixtures()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "ok: 1 rubrics, 1 prompts, 1 schemes, 13 examples passed\n");
  EXPECT_EQ(r.err, "");
}

TEST(RubricCommand, CheckWithoutArgumentsChecksTheBundledRubrics) {
  auto r = run_essaycoach("rubric check");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("ok: ", 0), 0u) << r.out;
}

TEST(RubricCommand, SyntaxErrorIsFileLineColumnWithTheLineAndACaret) {
  Folder d;
  auto path = d.add("why.prompt", "prompt why {\n  question \"Why?\"\n\n  marks twelve\n}\n");
  auto r = run_essaycoach("rubric check " + shell_quote(path));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind(path + ":4:9: expected a number of marks after 'marks'\n"
                               "  marks twelve\n"
                               "        ^\n",
                        0),
            0u)
      << r.err;
}

TEST(RubricCommand, RubricsOptionAddsFoldersToTheFilesChecked) {
  Folder d;
  auto prompt = d.add("p.prompt",
                      "prompt p {\n  question \"Q\"\n  scheme explain-why\n  stimulus general-secretary\n"
                      "  uses power-struggle\n}\n");
  auto alone = run_essaycoach("rubric check " + shell_quote(prompt));
  EXPECT_EQ(alone.exit_code, 2);
  EXPECT_NE(alone.err.find(prompt + ":3:3: unknown mark scheme 'explain-why'"), std::string::npos) << alone.err;
  auto with = run_essaycoach("rubric check " + shell_quote(prompt) + " --rubrics " + shell_quote(fixtures()));
  EXPECT_EQ(with.exit_code, 0) << with.err;
  EXPECT_EQ(with.out, "ok: 1 rubrics, 2 prompts, 1 schemes, 13 examples passed\n");
}

TEST(RubricCommand, FailingExampleExitsTwoAndSaysWhichRule) {
  Folder d;
  auto path = d.add("r.rubric",
                    "factor general-secretary \"GS\" {\n"
                    "  names match_w([general secretary])\n"
                    "  example hit  \"He ran the party office.\"\n"
                    "  example miss \"Stalin was a secretary at school.\"\n"
                    "}\n");
  auto r = run_essaycoach("rubric check " + shell_quote(d.path()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(path + ":3:3: expected factor general-secretary to match, it did not\n"
                              "  example hit  \"He ran the party office.\"\n"
                              "  ^\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("1 of 2 examples failed"), std::string::npos) << r.err;
}

TEST(RubricCommand, CrossCheckErrorsAreAllReported) {
  Folder d;
  auto path = d.add("r.rubric",
                    "factor f \"F\" {\n  names match_w(x)\n  example hit \"x\"\n}\n"
                    "factor f \"F again\" {\n  names match_w(y)\n  example hit \"y\"\n  example miss \"z\"\n}\n");
  auto r = run_essaycoach("rubric check " + shell_quote(path));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(path + ":1:1: factor f needs at least one 'example miss'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path + ":5:1: duplicate factor id 'f' (first declared at " + path + ":1)"),
            std::string::npos)
      << r.err;
}

TEST(RubricCommand, MissingFileIsAnError) {
  auto r = run_essaycoach("rubric check /nonexistent/x.rubric");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/x.rubric: no such file or folder"), std::string::npos) << r.err;
}

TEST(RubricCommand, PrintGivesTheCanonicalForm) {
  Folder d;
  auto path = d.add("t.rubric",
                    "# a comment that printing drops\n"
                    "term   gosplan \"Gosplan\"   \"The state planning agency\" { example miss \"plan\"\n"
                    "  cards 10  example hit \"Gosplan set targets\" }\n");
  auto r = run_essaycoach("rubric print " + shell_quote(path));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "term gosplan \"Gosplan\" \"The state planning agency\" {\n"
            "  cards 10\n"
            "  example miss \"plan\"\n"
            "  example hit  \"Gosplan set targets\"\n"
            "}\n");
  // printing the printed form changes nothing
  auto again = run_essaycoach("rubric print " + shell_quote(d.add("u.rubric", r.out)));
  EXPECT_EQ(again.out, r.out);
}

TEST(RubricCommand, PrintOfABrokenFileExitsTwo) {
  Folder d;
  auto path = d.add("t.rubric", "term t \"T\" {\n}\n");
  auto r = run_essaycoach("rubric print " + shell_quote(path));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, path + ":1:12: expected the term's definition in quotes, after the term\n"
                          "term t \"T\" {\n"
                          "           ^\n");
}

TEST(RubricCommand, CoverageListsTheRulesCitingEachCardAndTheUncitedOnes) {
  auto r = run_essaycoach("rubric coverage " + shell_quote(fixtures()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("card  rules\n"), std::string::npos) << r.out;
  // card 5: the factor general-secretary, the term triumvirate and the event triumvirate-formed
  EXPECT_NE(r.out.find("\n   5  general-secretary, triumvirate, triumvirate-formed\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n  27  -\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("uncited cards: 1 2 7 8 10 11"), std::string::npos) << r.out;
}

TEST(RubricCommand, CoverageExitsZeroWhenEveryCardIsCited) {
  Folder d;
  std::string cards;
  for (int c = 1; c <= 27; ++c) cards += " " + std::to_string(c);
  d.add("r.rubric", "term t \"T\" \"D\" {\n  cards" + cards + "\n  example hit \"t\"\n  example miss \"u\"\n}\n");
  auto r = run_essaycoach("rubric coverage " + shell_quote(d.path()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\n  27  t\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("every card 1-27 is cited"), std::string::npos) << r.out;
}

TEST(RubricCommand, NoSubcommandIsAUsageError) {
  EXPECT_EQ(run_essaycoach("rubric").exit_code, 2);
  EXPECT_EQ(run_essaycoach("rubric print").exit_code, 2);
}

}  // namespace
}  // namespace ec::cli

namespace ec::cli {
namespace {

// The bundled content: every one of the 27 revision cards is cited by at least one rule.
TEST(BundledRubrics, CoverEveryCardAndPassTheirChecks) {
  auto coverage = ec::testing::run_essaycoach("rubric coverage");
  EXPECT_EQ(coverage.exit_code, 0) << coverage.out << coverage.err;
  EXPECT_EQ(coverage.out.find("uncited"), std::string::npos) << coverage.out;
  auto check = ec::testing::run_essaycoach("rubric check");
  EXPECT_EQ(check.exit_code, 0) << check.err;
  auto prompts = ec::testing::run_essaycoach("prompts");
  for (const char* id : {"nep-features", "why-nep-divided-party", "why-stalin-won", "stalin-trotsky-more-important",
                         "why-socialism-in-one-country", "why-collectivisation", "collectivisation-features",
                         "collectivisation-how-far", "why-five-year-plans", "five-year-plans-how-far",
                         "stakhanovite-features", "five-year-plans-more-important"}) {
    EXPECT_NE(prompts.out.find(std::string(id) + "  ("), std::string::npos) << id;
  }
}

}  // namespace
}  // namespace ec::cli
