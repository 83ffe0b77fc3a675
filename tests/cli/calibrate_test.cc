// Calibration: the engine against a teacher's marks on the answers in tests/calibration (written
// and marked by the mark scheme, independently of the engine). The bar: exact level
// agreement >= 85%, within one level 100%, quadratic weighted kappa >= 0.85.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "mark/calibration.h"
#include "support/test_support.h"

namespace ec::cli {
namespace {

TEST(Calibrate, EngineAgreesWithTheTeachersMarksOnTheCalibrationSet) {
  auto r = ec::testing::run_essaycoach("calibrate tests/calibration/marked.csv --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["answers"].get<int>(), 40);
  EXPECT_GE(j["exact_level_agreement"].get<double>(), 0.85);
  EXPECT_DOUBLE_EQ(j["within_one_level"].get<double>(), 1.0);
  EXPECT_GE(j["quadratic_weighted_kappa"].get<double>(), 0.85);
  std::set<std::string> prompts;
  for (const auto& c : j["cases"]) prompts.insert(c["file"].get<std::string>().substr(0, c["file"].get<std::string>().find('/')));
  EXPECT_GE(prompts.size(), 3u);
}

TEST(Calibrate, TextReportShowsTheFiguresAndTheConfusionMatrix) {
  auto r = ec::testing::run_essaycoach("calibrate tests/calibration/marked.csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* s : {"exact level agreement", "within one level", "quadratic weighted kappa",
                        "teacher (rows) against engine (columns)", "the engine marks", "factors credited"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
}

TEST(Calibrate, BadCsvIsAClearError) {
  auto dir = std::filesystem::temp_directory_path() / "ec-calibrate";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "bad.csv") << "answer,score\nx,1\n";
  auto r = ec::testing::run_essaycoach("calibrate --prompt why-stalin-won " + (dir / "bad.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'file' (or 'text') and 'mark'"), std::string::npos) << r.err;
  std::ofstream(dir / "text.csv") << "text,mark\n\"Stalin was General Secretary, so he appointed supporters.\",3\n";
  auto t = ec::testing::run_essaycoach("calibrate --prompt why-stalin-won " + (dir / "text.csv").string());
  EXPECT_EQ(t.exit_code, 0) << t.err;
  std::filesystem::remove_all(dir);
}

TEST(Calibration, QuadraticWeightedKappaOfKnownRatings) {
  EXPECT_DOUBLE_EQ(mark::quadratic_weighted_kappa({0, 1, 2, 3}, {0, 1, 2, 3}, 4), 1.0);
  EXPECT_LT(mark::quadratic_weighted_kappa({0, 1, 2, 3}, {3, 2, 1, 0}, 4), 0.0);
  // One rater one category higher throughout: agreement, but not perfect.
  double k = mark::quadratic_weighted_kappa({0, 1, 2, 2}, {1, 2, 3, 3}, 4);
  EXPECT_GT(k, 0.0);
  EXPECT_LT(k, 1.0);
}

}  // namespace
}  // namespace ec::cli
