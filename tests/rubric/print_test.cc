// The canonical printer: parse → print → parse gives the same tree for every rubric, scheme and
// prompt file in the repository and in tests/rubric/data, and printing is idempotent.
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "rubric/ast.h"
#include "support/test_support.h"

namespace ec::rubric::ast {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> rubric_files() {
  std::vector<std::string> out;
  for (const char* dir : {"rubrics", "prompts", "tests/rubric/data"}) {
    fs::path root = fs::path(testing::repo_dir()) / dir;
    if (!fs::is_directory(root)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      auto ext = e.path().extension();
      if (e.is_regular_file() && (ext == ".rubric" || ext == ".scheme" || ext == ".prompt"))
        out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(RubricPrint, RoundTripGivesTheSameTreeForEveryFile) {
  auto files = rubric_files();
  ASSERT_FALSE(files.empty());  // tests/rubric/data always has some
  int checked = 0;
  for (const auto& path : files) {
    SCOPED_TRACE(path);
    auto first = parse_file(path);
    if (!first.ok() && path.find("/tests/rubric/data/bad") != std::string::npos) continue;
    ASSERT_TRUE(first.ok()) << first.error().located() << "\n" << first.error().excerpt;
    std::string printed = print(*first);
    auto second = parse(printed, path + " (printed)");
    ASSERT_TRUE(second.ok()) << second.error().located() << "\n" << second.error().excerpt << "\n"
                             << printed;
    EXPECT_TRUE(*first == *second) << printed;
    EXPECT_EQ(print(*second), printed) << "print is not idempotent";
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

TEST(RubricPrint, CanonicalForm) {
  auto r = parse(
      "# dropped\n"
      "prompt p { uses r  minutes 5 stimulus f scheme s question \"Why?\" marks 4 }\n"
      "factor f \"The \\\"F\\\"\" { example miss \"no\" praise \"p\" example hit \"yes\" hint \"h\"\n"
      "  explain match_w(b)  names match_w(a) within paragraph cards 2 1 cards 3 }\n"
      "scheme s \"S\" { exam-year 2020 cap 2 when not (a or b) and c \"r\" level 1 1 \"d\" "
      "marks 4 level 2 2-4 \"e\" when (a and b) or not c >= 1.5 }\n"
      "event e 1927–1928 { }\n",
      "x.rubric");
  ASSERT_TRUE(r.ok()) << r.error().located();
  EXPECT_EQ(print(*r),
            "prompt p {\n"
            "  question \"Why?\"\n"
            "  marks 4\n"
            "  scheme s\n"
            "  minutes 5\n"
            "  stimulus f\n"
            "  uses r\n"
            "}\n"
            "\n"
            "factor f \"The \\\"F\\\"\" {\n"
            "  cards 2 1 3\n"
            "  names match_w(a) within paragraph\n"
            "  explain match_w(b)\n"
            "  hint \"h\"\n"
            "  praise \"p\"\n"
            "  example miss \"no\"\n"
            "  example hit  \"yes\"\n"
            "}\n"
            "\n"
            "scheme s \"S\" {\n"
            "  marks 4\n"
            "  level 1 1-1 \"d\"\n"
            "  level 2 2-4 \"e\" when a and b or not c >= 1.5\n"
            "  cap 2 when not (a or b) and c \"r\"\n"
            "  exam-year 2020\n"
            "}\n"
            "\n"
            "event e 1927-1928 {\n"
            "}\n");
}

TEST(RubricPrint, NestedConditionsKeepTheirShape) {
  auto r = parse("scheme s \"S\" { cap 1 when (a or b) or (c and d) and not not e \"r\" }", "x");
  ASSERT_TRUE(r.ok()) << r.error().located();
  auto printed = print(*r);
  // `or` is associative: (a or b) or … reads as a or b or …
  EXPECT_NE(printed.find("when a or b or c and d and not not e \"r\""), std::string::npos) << printed;
  auto again = parse(printed, "y");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(*r == *again);
}

TEST(RubricPrint, TreesThatDifferAreNotEqual) {
  auto a = parse("factor f \"F\" { names match_w(a) }", "a");
  auto b = parse("factor f \"F\" { names match_w(b) }", "b");
  auto c = parse("\n\n  factor f \"F\" {\n names   match_w(a) }  # same", "c");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_FALSE(*a == *b);
  EXPECT_TRUE(*a == *c);  // places and comments do not count
}

}  // namespace
}  // namespace ec::rubric::ast
