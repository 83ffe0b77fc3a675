// `essaycoach mark --jsonl` and `mark --jobs` as a batch engine uses them: one output line per input
// line in input order, each report the same as `--format json` gives for the answer, a bad line an
// {"id", "error"} line without stopping the stream, and peak memory that does not grow with the
// number of lines (100,000 lines against 10,000).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace ec::cli {
namespace {

using ec::testing::read_file;
using ec::testing::run_essaycoach;
using nlohmann::json;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string line(const json& id, const std::string& prompt, const std::string& answer) {
  return json{{"id", id}, {"prompt", prompt}, {"answer", answer}}.dump() + "\n";
}

const std::string kStrongPath = "examples/why-stalin-won/strong.txt";

TEST(MarkJsonl, EachLineGivesItsReportInInputOrderAndBadLinesGiveErrors) {
  const std::string strong = read_file(kStrongPath);
  const std::string weak = read_file("examples/why-stalin-won/weak.txt");
  const std::string coll = read_file("examples/why-collectivisation/strong.txt");
  std::string in = line("a1", "why-stalin-won", strong) +             // 1
                   "this is not json\n" +                             // 2
                   line(2, "why-collectivisation", coll) +            // 3
                   line("a3", "why-lenin-won", strong) +              // 4: no such prompt
                   "\n" +                                             // blank: skipped
                   json{{"id", "a4"}, {"prompt", "why-stalin-won"}}.dump() + "\n" +  // 5: no answer
                   line("a5", "why-stalin-won", std::string("bad \x01 byte")) +      // 6: undecodable
                   "[1, 2]\n" +                                       // 7: not an object
                   line("a7", "why-stalin-won", weak);                // 8
  auto r = run_essaycoach("mark --jsonl --jobs 2", in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = lines_of(r.out);
  ASSERT_EQ(out.size(), 8u) << r.out.substr(0, 2000);
  std::vector<json> j;
  for (const auto& l : out) j.push_back(json::parse(l));
  EXPECT_EQ(j[0]["id"], "a1");
  EXPECT_GE(j[0]["mark"].get<int>(), 10);  // the strong answer: Level 4
  EXPECT_TRUE(j[1]["id"].is_null());
  EXPECT_NE(j[1]["error"].get<std::string>().find("not JSON"), std::string::npos) << j[1];
  EXPECT_EQ(j[2]["id"], 2);
  EXPECT_EQ(j[2]["prompt"], "why-collectivisation");
  EXPECT_EQ(j[3]["id"], "a3");
  EXPECT_NE(j[3]["error"].get<std::string>().find("no such prompt"), std::string::npos) << j[3];
  EXPECT_EQ(j[4]["id"], "a4");
  EXPECT_NE(j[4]["error"].get<std::string>().find("missing field \"answer\""), std::string::npos) << j[4];
  EXPECT_EQ(j[5]["id"], "a5");
  EXPECT_TRUE(j[5].contains("error")) << j[5];
  EXPECT_FALSE(j[5].contains("mark"));
  EXPECT_TRUE(j[6].contains("error"));
  EXPECT_EQ(j[7]["id"], "a7");
  EXPECT_LT(j[7]["mark"].get<int>(), j[0]["mark"].get<int>());
  for (std::size_t i : {0u, 2u, 7u}) {
    EXPECT_EQ(out[i].find("{\"id\":"), 0u);
    EXPECT_FALSE(j[i].contains("error"));
  }
}

TEST(MarkJsonl, AReportIsTheFormatJsonReportWithItsIdFirst) {
  auto single = run_essaycoach("mark --prompt why-stalin-won --format json -", read_file(kStrongPath));
  ASSERT_EQ(single.exit_code, 0) << single.err;
  auto r = run_essaycoach("mark --jsonl", line("s-1", "why-stalin-won", read_file(kStrongPath)));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Both read the answer from standard input: file "-" and the same bytes after the id.
  EXPECT_EQ(r.out, "{\"id\":\"s-1\"," + single.out.substr(1));
}

TEST(MarkJsonl, APromptGivenOnTheCommandLineServesLinesWithoutOne) {
  auto r = run_essaycoach("mark --jsonl --prompt why-stalin-won",
                          json{{"id", 1}, {"answer", "Stalin was General Secretary."}}.dump() + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["prompt"], "why-stalin-won");
}

TEST(MarkJsonl, FilesWithJsonlAreAUsageError) {
  auto r = run_essaycoach("mark --jsonl " + kStrongPath);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(run_essaycoach("mark examples/why-stalin-won/strong.txt").exit_code, 2) << "no --prompt";
}

TEST(MarkJobs, ManyThreadsGiveTheSameReportsInTheSameOrderAsOne) {
  std::string files;
  for (int i = 0; i < 4; ++i) {
    for (const char* n : {"strong", "weak", "middling", "list", "off-topic", "stimulus-only"}) {
      files += std::string(" examples/why-stalin-won/") + n + ".txt";
    }
  }
  files += " /nonexistent.txt";
  for (const char* format : {"json", "csv", "text"}) {
    auto one = run_essaycoach(std::string("mark --prompt why-stalin-won --color never --jobs 1 --format ") + format + files);
    auto many = run_essaycoach(std::string("mark --prompt why-stalin-won --color never --jobs 3 --format ") + format + files);
    EXPECT_EQ(one.exit_code, 3);
    EXPECT_EQ(many.exit_code, 3);
    EXPECT_EQ(one.out, many.out) << format;
    EXPECT_EQ(one.err, many.err) << format;
  }
}

// Runs `essaycoach mark --jsonl` over `lines` generated answers; gives its peak resident size (KiB)
// and the number of lines it wrote.
std::pair<long, std::size_t> peak_memory_marking(int lines) {
  ec::testing::ScratchFolder dir;
  std::string input;
  const std::string starts[] = {"Stalin won because he was General Secretary and controlled appointments.",
                                "Trotsky was arrogant and ill in 1924, so he missed Lenin's funeral.",
                                "Stalin allied with Kamenev and Zinoviev against Trotsky, then with Bukharin.",
                                "The ban on factions in 1921 helped Stalin defeat the Left Opposition."};
  {
    std::string path = dir.add("in.jsonl", "");
    std::FILE* f = std::fopen(path.c_str(), "w");
    for (int i = 0; i < lines; ++i) {
      std::string answer = starts[i % 4] + " This mattered because student " + std::to_string(i) +
                           " wrote a varyed wurd " + std::to_string(i % 997) + "x.\n\n" + starts[(i / 4) % 4];
      std::string l = i % 50 == 7 ? "not json\n" : line(i, "why-stalin-won", answer);
      std::fwrite(l.data(), 1, l.size(), f);
    }
    std::fclose(f);
    input = path;
  }
  int out_pipe[2];
  if (::pipe(out_pipe) != 0) return {-1, 0};
  pid_t pid = ::fork();
  if (pid == 0) {
    int in = ::open(input.c_str(), O_RDONLY);
    ::dup2(in, 0);
    ::dup2(out_pipe[1], 1);
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    ::execl(ESSAYCOACH_EXE, "essaycoach", "mark", "--jsonl", "--jobs", "2", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  std::size_t newlines = 0;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(out_pipe[0], buf, sizeof buf);
    if (n <= 0) break;
    newlines += static_cast<std::size_t>(std::count(buf, buf + n, '\n'));
  }
  ::close(out_pipe[0]);
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return {-1, newlines};
  return {usage.ru_maxrss, newlines};
}

TEST(MarkJsonl, PeakMemoryStaysFlatFrom10000To100000Lines) {
#ifdef __SANITIZE_ADDRESS__
  GTEST_SKIP() << "AddressSanitizer's quarantine holds freed memory: peak memory is measured in the normal build";
#endif
  auto [small, small_lines] = peak_memory_marking(10000);
  auto [large, large_lines] = peak_memory_marking(100000);
  ASSERT_GT(small, 0);
  ASSERT_GT(large, 0);
  EXPECT_EQ(small_lines, 10000u);
  EXPECT_EQ(large_lines, 100000u);
  // Ten times the lines: the peak may grow by the caches' bounded growth, never with the lines.
  EXPECT_LT(large, small + small / 4 + 4096) << "peak RSS " << small << " KiB for 10,000 lines, " << large
                                             << " KiB for 100,000";
  std::cout << "[ peak RSS ] 10,000 lines: " << small << " KiB; 100,000 lines: " << large << " KiB\n";
}

}  // namespace
}  // namespace ec::cli
