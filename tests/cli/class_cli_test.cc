// A teacher's class in one command: outputs written, unreadable answers listed (the rest marked),
// no duplicate attempts on a re-run, overrides kept beside the engine's mark in every export,
// student text escaped in the pages, and student ids that could escape the output folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace ec::cli {
namespace {

namespace fs = std::filesystem;
using ec::testing::read_file;
using ec::testing::run_essaycoach;
using ec::testing::ScratchFolder;
using json = nlohmann::json;

const std::string kClass = "examples/classes/10B";

TEST(ClassCommand, MarksAFolderWritesEveryOutputAndListsWhatItCouldNotRead) {
  ScratchFolder dir;
  std::string db = " --db " + dir.path() + "/c.db";
  auto r = run_essaycoach("class mark --prompt why-stalin-won --class 10B " + kClass + " --out " + dir.path() + "/out" + db);
  EXPECT_EQ(r.exit_code, 3) << r.err;  // tom.txt is binary: listed, the others marked
  EXPECT_NE(r.err.find("tom.txt"), std::string::npos);
  EXPECT_NE(r.out.find("marked 19 answers"), std::string::npos) << r.out;
  for (const char* f : {"class-sheet.html", "markbook.csv", "class.json", "slips.html", "slips/aisha.html", "slips/aisha.md", "slips/quinn.html"})
    EXPECT_TRUE(fs::exists(dir.path() + "/out/" + f)) << f;
  std::string sheet = read_file(dir.path() + "/out/class-sheet.html");
  EXPECT_NE(sheet.find("id=\"problems\""), std::string::npos);
  EXPECT_NE(sheet.find("tom.txt"), std::string::npos);
  EXPECT_NE(sheet.find("<svg"), std::string::npos);
  EXPECT_EQ(sheet.find("<link"), std::string::npos);  // self-contained: no external assets
  EXPECT_EQ(sheet.find("http"), std::string::npos);
  // The UTF-16 and Windows-1252 answers were read.
  auto markbook = read_file(dir.path() + "/out/markbook.csv");
  EXPECT_NE(markbook.find("\"quinn\""), std::string::npos);
  EXPECT_NE(markbook.find("\"rosa\""), std::string::npos);
  EXPECT_EQ(markbook.rfind("student,mark,", 0), 0u);

  // A re-run stores nothing new.
  auto again = run_essaycoach("class mark --prompt why-stalin-won --class 10B " + kClass + " --out " + dir.path() + "/out" + db);
  EXPECT_NE(again.out.find("marked 0 answers (19 already stored"), std::string::npos) << again.out;
  auto h = run_essaycoach("history --student aisha --format json" + db);
  EXPECT_EQ(json::parse(h.out).size(), 1u);
}

TEST(ClassCommand, StudentTextIsEscapedInTheSheetAndSlips) {
  ScratchFolder dir;
  std::string db = " --db " + dir.path() + "/c.db";
  ASSERT_NE(run_essaycoach("class mark --prompt why-stalin-won --class 10B " + kClass + " --out " + dir.path() + "/out" + db).exit_code, 2);
  std::string slip = read_file(dir.path() + "/out/slips/sam.html");
  EXPECT_EQ(slip.find("<script>"), std::string::npos);
  EXPECT_EQ(slip.find("<img src=x"), std::string::npos);
  EXPECT_NE(slip.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  std::string all = read_file(dir.path() + "/out/slips.html");
  EXPECT_EQ(all.find("<script>"), std::string::npos);
  std::string sheet = read_file(dir.path() + "/out/class-sheet.html");
  EXPECT_EQ(sheet.find("<script>"), std::string::npos);
}

TEST(ClassCommand, OverrideReplacesTheMarkInEveryExportAndKeepsTheEngines) {
  ScratchFolder dir;
  std::string db = " --db " + dir.path() + "/c.db";
  run_essaycoach("class mark --prompt why-stalin-won --class 10B " + kClass + " --out " + dir.path() + "/out" + db);
  auto o = run_essaycoach("class override --class 10B --student chloe --mark 5 --note \"explains the post well\"" + db);
  ASSERT_EQ(o.exit_code, 0) << o.err;
  auto csv = run_essaycoach("class report --class 10B --format csv" + db);
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  auto line_start = csv.out.find("\"chloe\"");
  ASSERT_NE(line_start, std::string::npos);
  std::string line = csv.out.substr(line_start, csv.out.find("\r\n", line_start) - line_start);
  EXPECT_EQ(line.rfind("\"chloe\",5,12,2,", 0), 0u) << line;
  EXPECT_NE(line.find(",yes,"), std::string::npos) << line;
  EXPECT_NE(line.find("explains the post well"), std::string::npos);
  auto j = json::parse(run_essaycoach("class report --class 10B --format json" + db).out);
  for (const auto& s : j["students"])
    if (s["student"] == "chloe") {
      EXPECT_EQ(s["mark"], 5);
      EXPECT_NE(s["engine_mark"], 5);
    }
  // class report --out rewrites the files from the store, with the teacher's mark.
  ASSERT_EQ(run_essaycoach("class report --class 10B --out " + dir.path() + "/again" + db).exit_code, 0);
  EXPECT_NE(read_file(dir.path() + "/again/slips/chloe.html").find("Your teacher"), std::string::npos);
  EXPECT_EQ(run_essaycoach("class override --class 10B --student chloe --mark 13" + db).exit_code, 2);
  EXPECT_EQ(run_essaycoach("class override --class 10B --student nobody --mark 3" + db).exit_code, 3);
}

TEST(ClassCommand, CsvInputAndIdsThatCouldEscapeTheFolder) {
  ScratchFolder dir;
  std::string csv = dir.add("homework.csv",
                            "student,answer\n"
                            "ann,\"Stalin was General Secretary, so he could appoint his supporters to key posts.\"\n"
                            "../evil,\"Stalin won because he was ruthless.\"\n"
                            "=cmd,\"Trotsky was arrogant, so other leaders distrusted him.\"\n");
  auto r = run_essaycoach("class mark --prompt why-stalin-won --class 9A " + csv + " --out " + dir.path() + "/out --db " + dir.path() + "/c.db");
  EXPECT_EQ(r.exit_code, 3);  // ../evil is refused and listed
  EXPECT_NE(r.err.find("../evil"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() + "/evil.html"));
  EXPECT_FALSE(fs::exists(dir.path() + "/out/evil.html"));
  for (const auto& f : fs::recursive_directory_iterator(dir.path() + "/out"))
    EXPECT_EQ(f.path().string().rfind(dir.path() + "/out", 0), 0u);
  auto markbook = read_file(dir.path() + "/out/markbook.csv");
  EXPECT_NE(markbook.find("\"'=cmd\""), std::string::npos) << markbook;  // no formula in a spreadsheet
  EXPECT_TRUE(fs::exists(dir.path() + "/out/slips/ann.html"));
}

}  // namespace
}  // namespace ec::cli
