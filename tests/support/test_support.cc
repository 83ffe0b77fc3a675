// Helpers shared by the tests: locating the repository and ../shared, running the executable.
#include "support/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ec::testing {

std::string repo_dir() { return ESSAYCOACH_REPO_DIR; }

std::string shared_dir() {
  if (const char* env = std::getenv("ESSAYCOACH_SHARED")) return env;
  auto p = std::filesystem::path(repo_dir()).parent_path() / "shared";
  return std::filesystem::exists(p) ? p.string() : std::string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

CommandResult run_essaycoach(const std::string& args, const std::string& stdin_text) {
  const char* exe = std::getenv("ESSAYCOACH_EXE");
#ifdef ESSAYCOACH_EXE
  if (!exe) exe = ESSAYCOACH_EXE;
#endif
  if (!exe) throw std::runtime_error("no essaycoach executable known to this test binary");
  auto dir = std::filesystem::temp_directory_path() /
             ("ec-test-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  std::filesystem::create_directories(dir);
  auto in = dir / "stdin", out = dir / "stdout", err = dir / "stderr";
  { std::ofstream(in, std::ios::binary) << stdin_text; }
  std::string cmd = std::string("'") + exe + "' " + args + " <'" + in.string() + "' >'" + out.string() +
                    "' 2>'" + err.string() + "'";
  int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out.string());
  r.err = read_file(err.string());
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace ec::testing
