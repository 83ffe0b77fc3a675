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

}  // namespace
}  // namespace ec::cli
