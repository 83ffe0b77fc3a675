// The report views: every span's text is exactly the answer's bytes, the JSON has the fields other
// tools read, and the text report fits an 80-column terminal. Run over every bundled example.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "mark/marker.h"
#include "report/report.h"
#include "support/bundled_library.h"
#include "support/test_support.h"

namespace ec::report {
namespace {

namespace fs = std::filesystem;

const rubric::Library& library() { return ec::testing::bundled_library(); }

struct Example {
  std::string prompt, path;
};
std::vector<Example> examples() {
  std::vector<Example> out;
  for (const auto& dir : fs::directory_iterator(ec::testing::repo_dir() + "/examples")) {
    if (!dir.is_directory() || !library().prompts.count(dir.path().filename().string())) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      if (f.path().extension() == ".txt") out.push_back({dir.path().filename().string(), f.path().string()});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

void check_spans(const nlohmann::json& j, const std::string& answer, const std::string& where) {
  if (j.is_object()) {
    if (j.contains("start") && j.contains("end") && j.contains("text")) {
      std::size_t start = j["start"], end = j["end"];
      ASSERT_LE(end, answer.size()) << where;
      EXPECT_EQ(answer.substr(start, end - start), j["text"].get<std::string>()) << where;
    }
    for (const auto& [k, v] : j.items()) check_spans(v, answer, where + "." + k);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) check_spans(j[i], answer, where + "[" + std::to_string(i) + "]");
  }
}

TEST(Report, EverySpanIsTheAnswersOwnBytesInEveryExample) {
  auto list = examples();
  ASSERT_GE(list.size(), 5u);
  for (const auto& ex : list) {
    std::string answer = ec::testing::read_file(ex.path);
    auto doc = text::Document::build(answer);
    auto marker = mark::Marker::make(library(), ex.prompt);
    ASSERT_TRUE(marker.ok());
    auto a = marker->assess(doc);
    auto fb = feedback::give_feedback(a, doc);
    auto j = nlohmann::json::parse(to_json(a, fb, doc, {ex.path, "UTF-8"}));
    for (const char* field : {"schema_version", "prompt", "question", "marks_available", "mark", "level",
                              "level_descriptor", "caps", "factors", "dates", "terms", "flags", "feedback",
                              "revise_cards", "stats"}) {
      EXPECT_TRUE(j.contains(field)) << ex.path << " lacks " << field;
    }
    EXPECT_EQ(j["schema_version"], 1);
    EXPECT_TRUE(j["feedback"].contains("www") && j["feedback"].contains("ebi") && j["feedback"].contains("next_step"));
    check_spans(j, answer, ex.path);
  }
}

TEST(Report, TextReportFitsEightyColumns) {
  for (const auto& ex : examples()) {
    std::string answer = ec::testing::read_file(ex.path);
    auto doc = text::Document::build(answer);
    auto marker = mark::Marker::make(library(), ex.prompt);
    auto a = marker->assess(doc);
    auto fb = feedback::give_feedback(a, doc);
    std::string text = to_text(a, fb, doc, {ex.path, "UTF-8"}, false);
    std::size_t line_no = 0, start = 0;
    while (start < text.size()) {
      auto end = text.find('\n', start);
      std::string_view line(text.data() + start, (end == std::string::npos ? text.size() : end) - start);
      std::size_t cols = 0;
      for (unsigned char c : line) cols += (c & 0xC0) != 0x80;
      // A single word longer than the line (a URL, say) may overflow; nothing in our examples does.
      EXPECT_LE(cols, 80u) << ex.path << " line " << line_no << ": " << line;
      ++line_no;
      start = end == std::string::npos ? text.size() : end + 1;
    }
    EXPECT_EQ(text.find("\x1b["), std::string::npos) << "colour without a terminal";
  }
}

TEST(Report, EmptyAnswerReportsMarkZeroAndTheEmptyFlag) {
  auto doc = text::Document::build("");
  auto marker = mark::Marker::make(library(), "why-stalin-won");
  auto a = marker->assess(doc);
  auto fb = feedback::give_feedback(a, doc);
  auto j = nlohmann::json::parse(to_json(a, fb, doc, {"-", "UTF-8"}));
  EXPECT_EQ(j["mark"], 0);
  ASSERT_FALSE(j["flags"].empty());
  EXPECT_EQ(j["flags"][0]["kind"], "empty");
  EXPECT_EQ(j["stats"]["words"], 0);
}

}  // namespace
}  // namespace ec::report
