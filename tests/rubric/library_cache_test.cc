// The compiled-library cache: the archive gives back the same library (re-saved byte for byte, every
// rule example still doing what it says), damaged or stale caches are ignored and rebuilt, author
// errors are never cached, and ESSAYCOACH_NO_CACHE turns it off.
#include "rubric/library_cache.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <filesystem>
#include <random>

#include "support/bundled_library.h"
#include "support/test_support.h"

namespace ec::rubric {
namespace {

namespace fs = std::filesystem;
using ec::testing::bundled_library;
using ec::testing::repo_dir;
using ec::testing::ScratchFolder;

std::vector<std::string> bundled_paths() { return {repo_dir() + "/rubrics", repo_dir() + "/prompts"}; }

// The cache folder pointed at a scratch folder for one test (and the environment put back after).
class CacheFolder {
 public:
  CacheFolder() {
    if (const char* old = std::getenv("XDG_CACHE_HOME")) old_ = old;
    ::setenv("XDG_CACHE_HOME", scratch_.path().c_str(), 1);
    ::unsetenv("ESSAYCOACH_NO_CACHE");
  }
  ~CacheFolder() {
    if (old_) ::setenv("XDG_CACHE_HOME", old_->c_str(), 1);
    else ::unsetenv("XDG_CACHE_HOME");
  }
  std::vector<fs::path> cached() const {
    std::vector<fs::path> out;
    const fs::path dir = fs::path(scratch_.path()) / "essaycoach";
    if (!fs::exists(dir)) return out;
    for (const auto& f : fs::directory_iterator(dir))
      if (f.path().filename().string().rfind("library-", 0) == 0) out.push_back(f.path());
    return out;
  }

 private:
  ScratchFolder scratch_;
  std::optional<std::string> old_;
};

TEST(LibraryArchive, GivesBackTheSameLibrary) {
  const std::string bytes = save_library(bundled_library());
  auto loaded = load_library_archive(bytes);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(save_library(*loaded), bytes);
  EXPECT_EQ(loaded->prompts.size(), bundled_library().prompts.size());
  EXPECT_EQ(loaded->rubrics.size(), bundled_library().rubrics.size());
  // The compiled patterns behave as compiled: every example of every rule still does what it says.
  EXPECT_GT(count_examples(*loaded), 500);
  auto failures = run_examples(*loaded);
  for (const auto& f : failures) ADD_FAILURE() << f.located();
}

TEST(LibraryArchive, DamagedBytesAreRefusedNeverACrash) {
  const std::string bytes = save_library(bundled_library());
  // Cut short anywhere: refused.
  for (std::size_t cut = 0; cut < bytes.size(); cut += 1 + bytes.size() / 100)
    EXPECT_FALSE(load_library_archive(std::string_view(bytes).substr(0, cut))) << "cut at " << cut;
  EXPECT_FALSE(load_library_archive(bytes + "x"));
  // Bytes changed anywhere: either refused or a library (the cache file's checksum catches the rest);
  // never a crash, a hang or a huge allocation (the sanitizer build runs this too).
  std::mt19937 random(20261202);
  for (int i = 0; i < 100; ++i) {
    std::string damaged = bytes;
    for (int k = 0; k < 4; ++k) damaged[random() % damaged.size()] = static_cast<char>(random());
    (void)load_library_archive(damaged);
  }
}

TEST(LibraryCache, CompilesOnceThenReadsBack) {
  CacheFolder cache;
  auto first = check_library_cached(bundled_paths());
  ASSERT_TRUE(first.library) << (first.errors.empty() ? "" : first.errors.front().located());
  EXPECT_FALSE(first.from_cache);
  ASSERT_EQ(cache.cached().size(), 1u);
  auto second = check_library_cached(bundled_paths());
  ASSERT_TRUE(second.library);
  EXPECT_TRUE(second.from_cache);
  EXPECT_EQ(second.files, first.files);
  EXPECT_EQ(save_library(*second.library), save_library(*first.library));
}

TEST(LibraryCache, AChangedRubricIsCompiledAgain) {
  CacheFolder cache;
  ScratchFolder rubrics;
  fs::copy(repo_dir() + "/rubrics", rubrics.path() + "/rubrics", fs::copy_options::recursive);
  fs::copy(repo_dir() + "/prompts", rubrics.path() + "/prompts", fs::copy_options::recursive);
  const std::vector<std::string> paths = {rubrics.path() + "/rubrics", rubrics.path() + "/prompts"};
  ASSERT_FALSE(check_library_cached(paths).from_cache);
  ASSERT_TRUE(check_library_cached(paths).from_cache);
  // A teacher edits a question: the old compiled library must not be used.
  const std::string prompt = rubrics.path() + "/prompts/why-stalin-won.prompt";
  std::string text = ec::testing::read_file(prompt);
  const std::string from = "Explain why", to = "Explain carefully why";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), to);
  std::ofstream(prompt, std::ios::binary | std::ios::trunc) << text;
  auto changed = check_library_cached(paths);
  ASSERT_TRUE(changed.library);
  EXPECT_FALSE(changed.from_cache);
  EXPECT_NE(changed.library->prompts.at("why-stalin-won").question.find(to), std::string::npos);
  auto again = check_library_cached(paths);
  EXPECT_TRUE(again.from_cache);
  EXPECT_NE(again.library->prompts.at("why-stalin-won").question.find(to), std::string::npos);
}

TEST(LibraryCache, ADamagedCacheFileIsIgnoredAndRebuilt) {
  CacheFolder cache;
  ASSERT_TRUE(check_library_cached(bundled_paths()).library);
  ASSERT_EQ(cache.cached().size(), 1u);
  const fs::path file = cache.cached().front();
  const std::string good = ec::testing::read_file(file.string());
  for (const std::string& damaged : {good.substr(0, good.size() / 2), std::string("not a cache"), std::string(),
                                     good.substr(0, good.size() - 1) + static_cast<char>(good.back() ^ 1)}) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << damaged;
    auto report = check_library_cached(bundled_paths());
    ASSERT_TRUE(report.library);
    EXPECT_FALSE(report.from_cache);
    EXPECT_TRUE(report.errors.empty());
    EXPECT_EQ(ec::testing::read_file(file.string()), good) << "rebuilt";
  }
}

TEST(LibraryCache, AuthorErrorsAreReportedEveryTimeAndNeverCached) {
  CacheFolder cache;
  ScratchFolder rubrics;
  rubrics.add("broken.rubric", "factor f \"F\" {\n  cards 1\n  names match_all(alpha\n}\n");
  for (int i = 0; i < 2; ++i) {
    auto report = check_library_cached({rubrics.path()});
    EXPECT_FALSE(report.library);
    EXPECT_FALSE(report.errors.empty());
    EXPECT_FALSE(report.from_cache);
  }
  EXPECT_TRUE(cache.cached().empty());
}

TEST(LibraryCache, TurnedOffByEssaycoachNoCache) {
  CacheFolder cache;
  ::setenv("ESSAYCOACH_NO_CACHE", "1", 1);
  auto a = check_library_cached(bundled_paths());
  auto b = check_library_cached(bundled_paths());
  ::unsetenv("ESSAYCOACH_NO_CACHE");
  ASSERT_TRUE(a.library && b.library);
  EXPECT_FALSE(b.from_cache);
  EXPECT_TRUE(cache.cached().empty());
}

}  // namespace
}  // namespace ec::rubric
