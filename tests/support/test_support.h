// Helpers shared by the tests: where the repository and ../shared are, and running the executable.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace ec::testing {

std::string repo_dir();                 // the source tree
std::string shared_dir();               // ../shared beside the repository ("" when absent)
std::string read_file(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};
// Quote a string for /bin/sh.
std::string shell_quote(const std::string& s);

// Run the built `essaycoach` with shell-quoted arguments `args`, feeding `stdin_text` to it.
CommandResult run_essaycoach(const std::string& args, const std::string& stdin_text = "");

// A scratch folder of files (rubrics, answers), removed at the end of the test.
class ScratchFolder {
 public:
  ScratchFolder() {
    path_ = std::filesystem::temp_directory_path() /
            ("ec-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() { std::filesystem::remove_all(path_); }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  std::string add(const std::string& name, const std::string& text) {
    auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
  static inline int counter_ = 0;
};

}  // namespace ec::testing
