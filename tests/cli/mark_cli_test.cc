// `essaycoach mark`, `prompts` and `codes` as a user runs them: exit codes, several files in one
// call, standard input, unknown prompts, broken rubrics, bundled data found from anywhere.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace ec::cli {
namespace {

namespace fs = std::filesystem;
using ec::testing::run_essaycoach;

const std::string kStrong = "examples/why-stalin-won/strong.txt";
const std::string kWeak = "examples/why-stalin-won/weak.txt";

TEST(MarkCommand, SeveralFilesGiveOneJsonReportALineInOrder) {
  auto r = run_essaycoach("mark --prompt why-stalin-won --format json " + kWeak + " " + kStrong);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> reports;
  std::size_t start = 0;
  while (start < r.out.size()) {
    auto end = r.out.find('\n', start);
    reports.push_back(nlohmann::json::parse(r.out.substr(start, end - start)));
    start = end + 1;
  }
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0]["file"], kWeak);
  EXPECT_EQ(reports[1]["file"], kStrong);
  EXPECT_GT(reports[1]["mark"].get<int>(), reports[0]["mark"].get<int>());
}

TEST(MarkCommand, ReadsStandardInputAndMarksAnEmptyAnswerZero) {
  auto r = run_essaycoach("mark --prompt why-stalin-won - --format json", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["mark"], 0);
  EXPECT_EQ(j["flags"][0]["kind"], "empty");
}

TEST(MarkCommand, UnknownPromptIsAUsageErrorThatListsThePrompts) {
  auto r = run_essaycoach("mark --prompt why-lenin-won " + kStrong);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no prompt 'why-lenin-won'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("essaycoach prompts"), std::string::npos) << r.err;
}

TEST(MarkCommand, UnreadableAnswerExitsThreeButTheOthersAreStillMarked) {
  auto r = run_essaycoach("mark --prompt why-stalin-won --format json /nonexistent.txt " + kStrong);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("cannot read /nonexistent.txt"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);
  auto binary = fs::temp_directory_path() / "ec-binary-answer.txt";
  std::ofstream(binary, std::ios::binary) << std::string("PK\x03\x04\0\0\x01", 7);
  auto b = run_essaycoach("mark --prompt why-stalin-won " + binary.string());
  EXPECT_EQ(b.exit_code, 3);
  EXPECT_NE(b.err.find("byte"), std::string::npos) << b.err;
}

TEST(MarkCommand, ABrokenTeachersRubricIsReportedWithItsPlace) {
  auto dir = fs::temp_directory_path() / "ec-broken-rubrics";
  fs::create_directories(dir);
  std::ofstream(dir / "mine.rubric") << "factor x \"X\" {\n  names match_w(x\n}\n";
  auto r = run_essaycoach("mark --prompt why-stalin-won --rubrics " + dir.string() + " " + kStrong);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("mine.rubric:2:"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

TEST(MarkCommand, ATeachersOwnPromptIsFoundWithRubrics) {
  auto dir = fs::temp_directory_path() / "ec-teacher-rubrics";
  fs::create_directories(dir);
  std::ofstream(dir / "my-question.prompt")
      << "prompt my-question {\n  question \"Why did Stalin win?\"\n  scheme edexcel-explain-why\n"
         "  stimulus general-secretary \"the role of General Secretary\"\n  uses power-struggle\n}\n";
  auto listed = run_essaycoach("prompts --rubrics " + dir.string());
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("my-question"), std::string::npos);
  auto r = run_essaycoach("mark --prompt my-question --rubrics " + dir.string() + " " + kStrong);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  fs::remove_all(dir);
}

TEST(MarkCommand, FindsItsRubricsFromAnyWorkingDirectory) {
  auto answer = fs::absolute(kStrong).string();
  auto r = run_essaycoach("mark --prompt why-stalin-won " + answer + " --format json");
  ASSERT_EQ(r.exit_code, 0);
  // run again from / : the executable finds the bundled rubrics by itself
  const char* exe = std::getenv("ESSAYCOACH_EXE");
  std::string path = exe ? exe : ESSAYCOACH_EXE;
  std::string cmd = "cd / && '" + path + "' mark --prompt why-stalin-won '" + answer + "' --format json > /dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}

TEST(MarkCommand, TextReportHasNoColourWhenPipedAndIsTheSameEveryTime) {
  auto a = run_essaycoach("mark --prompt why-stalin-won " + kStrong);
  auto b = run_essaycoach("mark --prompt why-stalin-won " + kStrong);
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.out.find("\x1b["), std::string::npos);
  EXPECT_NE(a.out.find("Mark "), std::string::npos);
  auto forced = run_essaycoach("mark --prompt why-stalin-won --color always " + kStrong);
  EXPECT_NE(forced.out.find("\x1b["), std::string::npos);
}

TEST(PromptsCommand, ListsEveryPromptWithItsQuestion) {
  auto r = run_essaycoach("prompts");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("why-stalin-won"), std::string::npos);
  EXPECT_NE(r.out.find("Explain why Stalin won the power struggle"), std::string::npos);
}

TEST(CodesCommand, PrintsTheKeyToEveryFeedbackCode) {
  auto r = run_essaycoach("codes");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("W1  "), std::string::npos);
  EXPECT_NE(r.out.find("E1  "), std::string::npos);
}

}  // namespace
}  // namespace ec::cli

namespace ec::cli {
namespace {

TEST(MarkCommand, CsvIsAMarkbookWithOneRowPerAnswer) {
  auto r = run_essaycoach("mark --prompt why-stalin-won --format csv " + kWeak + " " + kStrong);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("file,prompt,mark,marks_available,level,codes,comment,revise_cards\r\n", 0), 0u) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3);
  EXPECT_NE(r.out.find("\"" + kStrong + "\",\"why-stalin-won\",11,12,4,"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace ec::cli
