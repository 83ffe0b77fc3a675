// `essaycoach serve` from the command line: it hands over to the essaycoach-serve executable beside
// it (same process id, so Ctrl-C and SIGTERM reach the server), says clearly when that executable is
// missing, and refuses a database that is not one, before listening.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "support/test_support.h"

namespace ec::cli {
namespace {

namespace fs = std::filesystem;
using ec::testing::ScratchFolder;

std::string exe() { return ESSAYCOACH_EXE; }

TEST(ServeCommand, StartsTheServerAndStopsOnSigterm) {
  ScratchFolder scratch;
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  const std::string db = scratch.path() + "/serve.db";
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::close(out[1]);
    ::execl(exe().c_str(), "essaycoach", "serve", "--port", "0", "--db", db.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  FILE* from = ::fdopen(out[0], "r");
  char line[512] = {0};
  ASSERT_NE(std::fgets(line, sizeof line, from), nullptr);
  EXPECT_NE(std::string(line).find("Essay Coach is ready at http://127.0.0.1:"), std::string::npos) << line;
  ASSERT_EQ(::kill(pid, SIGTERM), 0);  // the process that was started is the server
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  std::fclose(from);
  EXPECT_TRUE(fs::exists(db));
}

TEST(ServeCommand, WithoutTheServerExecutableSaysWhatIsMissing) {
  ScratchFolder scratch;
  const fs::path lone = fs::path(scratch.path()) / "essaycoach";
  fs::copy_file(exe(), lone);
  fs::permissions(lone, fs::perms::owner_all);
  auto r = ec::testing::CommandResult{};
  {
    const std::string cmd = ec::testing::shell_quote(lone.string()) + " serve --port 0 --db " +
                            ec::testing::shell_quote(scratch.path() + "/x.db") + " 2>" +
                            ec::testing::shell_quote(scratch.path() + "/err");
    int status = std::system(cmd.c_str());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = ec::testing::read_file(scratch.path() + "/err");
  }
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot start the web server"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("essaycoach-serve"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(scratch.path() + "/x.db"));
}

TEST(ServeCommand, RefusesAFileThatIsNotADatabase) {
  ScratchFolder scratch;
  const std::string notes = scratch.add("notes.db", "these are a teacher's notes, not a database\n");
  auto r = ec::testing::run_essaycoach("serve --port 0 --db " + ec::testing::shell_quote(notes));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("notes.db"), std::string::npos) << r.err;
  EXPECT_EQ(ec::testing::read_file(notes), "these are a teacher's notes, not a database\n");
}

}  // namespace
}  // namespace ec::cli
