// Golden reports: every example answer, marked by the executable, gives exactly the JSON and text
// report stored beside it in examples/<prompt>/expected/ (regenerate with scripts/update-golden).
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace ec::cli {
namespace {

namespace fs = std::filesystem;
using ec::testing::read_file;
using ec::testing::run_essaycoach;

TEST(GoldenReports, EveryExampleMatchesItsExpectedReportsByteForByte) {
  const fs::path root = ec::testing::repo_dir();
  int compared = 0;
  for (const auto& dir : fs::directory_iterator(root / "examples")) {
    if (!dir.is_directory()) continue;
    const std::string prompt = dir.path().filename().string();
    std::vector<fs::path> answers;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      if (f.path().extension() == ".txt") answers.push_back(f.path());
    }
    std::sort(answers.begin(), answers.end());
    for (const auto& answer : answers) {
      const std::string name = answer.stem().string();
      const std::string rel = "examples/" + prompt + "/" + name + ".txt";
      for (const char* kind : {"json", "txt"}) {
        fs::path expected = dir.path() / "expected" / (name + "." + kind);
        ASSERT_TRUE(fs::exists(expected)) << expected << " is missing: run scripts/update-golden and review it";
        std::string args = "mark --prompt " + prompt + " " + rel +
                           (std::string(kind) == "json" ? " --format json" : " --color never");
        auto r = run_essaycoach(args);
        ASSERT_EQ(r.exit_code, 0) << rel << ": " << r.err;
        EXPECT_EQ(r.out, read_file(expected.string())) << rel << " (" << kind << ") differs from " << expected;
        ++compared;
      }
    }
  }
  EXPECT_GE(compared, 12);
}

// The compiled library read back from the cache marks exactly as the library compiled afresh: every
// example answer of two prompts, compiled afresh (ESSAYCOACH_NO_CACHE) and through the user's cache
// folder (the first run may write it; the second reads it back).
TEST(GoldenReports, TheCachedLibraryMarksAsTheFreshlyCompiledOne) {
  const fs::path root = ec::testing::repo_dir();
  std::string files;
  for (const auto& dir : fs::directory_iterator(root / "examples/why-stalin-won")) {
    if (dir.path().extension() == ".txt") files += " " + ec::testing::shell_quote(dir.path().string());
  }
  for (const char* prompt : {"why-stalin-won", "stalin-trotsky-more-important"}) {
    const std::string args = std::string("mark --format json --prompt ") + prompt + files;
    ::setenv("ESSAYCOACH_NO_CACHE", "1", 1);
    auto fresh = run_essaycoach(args);
    ::unsetenv("ESSAYCOACH_NO_CACHE");
    auto writes = run_essaycoach(args);
    auto reads = run_essaycoach(args);
    ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
    EXPECT_EQ(writes.out, fresh.out);
    EXPECT_EQ(reads.out, fresh.out);
  }
}

}  // namespace
}  // namespace ec::cli
