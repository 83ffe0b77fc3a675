// Batch marking on Dask (examples/batch/): 20,000 generated answers marked on a LocalCluster of two
// worker processes give exactly the reports one `essaycoach mark --jsonl` gives (sorted by id);
// 2,000 in the sanitizer build.
// Runs examples/batch/check_batch.py with Debian's python3 (python3-distributed); skipped without it.
#include <gtest/gtest.h>

#include <cstdlib>

#include "support/test_support.h"

namespace ec::cli {
namespace {

TEST(BatchOnDask, TwoWorkerProcessesGiveTheSingleProcessReports) {
  if (std::system("/usr/bin/python3 -c 'import dask.bag, distributed' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3-distributed is not installed (scripts/setup installs it)";
  }
  const std::string script = ec::testing::repo_dir() + "/examples/batch/check_batch.py";
#ifdef __SANITIZE_ADDRESS__
  const char* count = "2000";  // marking is ten times slower under the sanitizers
#else
  const char* count = "20000";
#endif
  const std::string cmd = "/usr/bin/python3 " + ec::testing::shell_quote(script) + " --exe " +
                          ec::testing::shell_quote(ESSAYCOACH_EXE) + " --count " + count + " --workers 2";
  int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << cmd;
}

}  // namespace
}  // namespace ec::cli
