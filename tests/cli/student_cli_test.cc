// A student's data from the command line: `mark --save`, `history`, `progress`, `export`, `forget`,
// and what happens with a missing student or a database that is not one.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace ec::cli {
namespace {

using ec::testing::run_essaycoach;
using ec::testing::ScratchFolder;
using json = nlohmann::json;

TEST(StudentCommands, SavedAttemptsShowInHistoryProgressAndExportThenForgetDeletesThem) {
  ScratchFolder dir;
  std::string db = " --db " + dir.path() + "/s.db";
  for (const char* f : {"weak", "middling", "strong"}) {
    auto r = run_essaycoach(std::string("mark --prompt why-stalin-won --student amira --save --format json examples/why-stalin-won/") + f + ".txt" + db);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("saved: attempt"), std::string::npos) << r.err;
  }
  auto h = run_essaycoach("history --student amira --format json" + db);
  ASSERT_EQ(h.exit_code, 0) << h.err;
  auto list = json::parse(h.out);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[2]["number"], 3);
  EXPECT_GT(list[2]["mark"].get<int>(), list[0]["mark"].get<int>());

  auto p = run_essaycoach("progress --student amira --format json" + db);
  ASSERT_EQ(p.exit_code, 0) << p.err;
  auto prog = json::parse(p.out);
  EXPECT_EQ(prog["attempts"].size(), 3u);
  EXPECT_FALSE(prog["next"]["prompt"].get<std::string>().empty());
  EXPECT_FALSE(prog["weakest_cards"].empty());
  auto text = run_essaycoach("progress --student amira" + db);
  EXPECT_NE(text.out.find("Marks over time"), std::string::npos);
  EXPECT_NE(text.out.find("Practise next"), std::string::npos);

  auto e = run_essaycoach("export --student amira" + db);
  ASSERT_EQ(e.exit_code, 0);
  auto all = json::parse(e.out);
  EXPECT_EQ(all["attempts"].size(), 3u);
  EXPECT_TRUE(all["attempts"][0].contains("report"));
  EXPECT_TRUE(all["attempts"][0].contains("answer"));

  auto f = run_essaycoach("forget --student amira" + db);
  ASSERT_EQ(f.exit_code, 0) << f.err;
  EXPECT_NE(f.out.find("deleted 3 attempts"), std::string::npos) << f.out;
  EXPECT_EQ(run_essaycoach("history --student amira" + db).exit_code, 3);
}

TEST(StudentCommands, UnknownStudentAndBadDatabaseAreClearErrors) {
  ScratchFolder dir;
  auto r = run_essaycoach("history --student nobody --db " + dir.path() + "/s.db");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("no student 'nobody'"), std::string::npos) << r.err;
  std::string notes = dir.add("notes.db", std::string(5000, 'x'));
  auto bad = run_essaycoach("mark --prompt why-stalin-won --student ann --save examples/why-stalin-won/weak.txt --db " + notes);
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find(notes), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("not an SQLite database"), std::string::npos) << bad.err;
  EXPECT_EQ(ec::testing::read_file(notes), std::string(5000, 'x'));
  auto no_student = run_essaycoach("mark --prompt why-stalin-won --save examples/why-stalin-won/weak.txt --db " + dir.path() + "/s.db");
  EXPECT_EQ(no_student.exit_code, 2);
}

TEST(StudentCommands, DatabaseFromTheEnvironment) {
  ScratchFolder dir;
  ::setenv("ESSAYCOACH_DB", (dir.path() + "/env.db").c_str(), 1);
  auto r = run_essaycoach("mark --prompt why-stalin-won --student zed --save examples/why-stalin-won/weak.txt");
  ::unsetenv("ESSAYCOACH_DB");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(dir.path() + "/env.db"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ec::cli
