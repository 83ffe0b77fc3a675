// The known-word cache answers exactly as Hunspell en_GB does (every word of the example and
// calibration answers and the rubrics, in lower, initial and all capitals, possessives, hyphenated
// pairs, misspelt variants, and a sample of the dictionary), is rebuilt when the dictionary
// changes, and reports an error (so marking keeps Hunspell) when its folder cannot be written.
#include <algorithm>
#include <gtest/gtest.h>
#include <hunspell/hunspell.hxx>

#include <filesystem>
#include <fstream>
#include <set>

#include "mark/spelling_cache.h"
#include "support/test_support.h"
#include "text/document.h"

namespace ec::mark {
namespace {

namespace fs = std::filesystem;
using ec::testing::ScratchFolder;

const DictionaryFiles kSystem{"/usr/share/hunspell/en_GB.aff", "/usr/share/hunspell/en_GB.dic"};

bool have_dictionary() { return fs::exists(kSystem.aff) && fs::exists(kSystem.dic); }

std::string upper_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Words as marking checks them: the answer's words of three letters or more, as written.
std::set<std::string> words_of(const fs::path& root) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".txt" && ext != ".rubric" && ext != ".prompt")) continue;
    auto doc = text::Document::build(ec::testing::read_file(e.path().string()));
    std::string previous;
    for (const auto& w : doc.words()) {
      std::string written(doc.text(w.span));
      if (written.size() < 2 || w.numeric) continue;
      out.insert(written);
      if (!previous.empty()) out.insert(previous + "-" + written);
      previous = written;
    }
  }
  return out;
}

std::set<std::string> variants(const std::set<std::string>& words) {
  std::set<std::string> out;
  for (const auto& w : words) {
    std::string lo = lower_ascii(w), up = upper_ascii(w), init = lo;
    init[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(init[0])));
    for (const auto& v : {w, lo, up, init, w + "'s", up + "'S", lo + "s", "-" + lo, lo + "-"}) out.insert(v);
    if (lo.size() > 4) {
      out.insert(lo.substr(0, 2) + lo.substr(3));                               // a letter dropped
      out.insert(lo.substr(0, 1) + lo[2] + lo[1] + lo.substr(3));                // two swapped
      out.insert(init.substr(0, lo.size() / 2) + up.substr(lo.size() / 2));      // mixed case
    }
  }
  return out;
}

TEST(KnownWords, AnswersExactlyAsHunspellForEveryWordMarkingMeets) {
  if (!have_dictionary()) GTEST_SKIP() << "hunspell-en-gb is not installed";
  ScratchFolder dir;
  auto words = KnownWords::open(kSystem, dir.path() + "/cache/en_GB.words");
  ASSERT_TRUE(words) << words.error().message;
  EXPECT_GT(words->size(), 200000u);

  auto sample = words_of(ec::testing::repo_dir() + "/examples");
  sample.merge(words_of(ec::testing::repo_dir() + "/tests/calibration"));
  sample.merge(words_of(ec::testing::repo_dir() + "/rubrics"));
  // Every 53rd dictionary stem, with its flags' forms left to the variants.
  std::ifstream dic(kSystem.dic);
  std::string line;
  for (int i = 0; std::getline(dic, line); ++i) {
    if (i % 53 != 1) continue;
    std::string stem = line.substr(0, line.find_first_of("/\t"));
    if (!stem.empty()) sample.insert(stem);
  }
  auto all = variants(sample);
  for (const char* w : {"well-known", "Well-Known", "WELL-KNOWN", "NATO's", "NATO'S", "McCarthy", "MCCARTHY",
                        "Mccarthy", "mccarthy", "Stalin's", "stalin's", "STALIN'S", "don't", "DON'T", "Don't",
                        "---", "a-b-c-d-e-f-g-h-i-j-k", "non-aggression", "Non-Aggression", "re-elected",
                        "collectivisation", "collectivization", "kulaks", "Kulaks", "kolkhoz", "Trotsky's"}) {
    all.insert(w);
  }
  Hunspell hunspell(kSystem.aff.c_str(), kSystem.dic.c_str());
  std::vector<std::string> differ;
  for (const auto& w : all) {
    // Marking never spell-checks a word with a digit (spelling.cc: only alphabetic words), and the
    // cache leaves Hunspell's compound rules for ordinals ("10th") out.
    if (std::any_of(w.begin(), w.end(), [](unsigned char c) { return c >= '0' && c <= '9'; })) continue;
    if (words->spell(w) != hunspell.spell(w)) differ.push_back(w + (hunspell.spell(w) ? " (Hunspell: yes)" : " (Hunspell: no)"));
  }
  EXPECT_GT(all.size(), 20000u);
  std::string listed;
  for (std::size_t i = 0; i < differ.size() && i < 12; ++i) listed += differ[i] + "; ";
  EXPECT_TRUE(differ.empty()) << differ.size() << " of " << all.size() << " words differ: " << listed << " e.g. " << differ.front()
                              << (differ.size() > 1 ? ", " + differ[1] : "") << (differ.size() > 2 ? ", " + differ[2] : "");
}

TEST(KnownWords, IsRebuiltWhenTheDictionaryChanges) {
  if (!have_dictionary()) GTEST_SKIP() << "hunspell-en-gb is not installed";
  ScratchFolder dir;
  DictionaryFiles copy{dir.path() + "/en_GB.aff", dir.path() + "/en_GB.dic"};
  fs::copy_file(kSystem.aff, copy.aff);
  fs::copy_file(kSystem.dic, copy.dic);
  const std::string cache = dir.path() + "/cache/en_GB.words";
  {
    auto words = KnownWords::open(copy, cache);
    ASSERT_TRUE(words) << words.error().message;
    EXPECT_FALSE(words->spell("Zinovievite"));
  }
  EXPECT_TRUE(KnownWords::map_existing(copy, cache)) << "a current cache is mapped, not rebuilt";
  std::ofstream(copy.dic, std::ios::app) << "Zinovievite/S\n";
  EXPECT_FALSE(KnownWords::map_existing(copy, cache)) << "the dictionary changed: the cache is out of date";
  auto words = KnownWords::open(copy, cache);
  ASSERT_TRUE(words) << words.error().message;
  EXPECT_TRUE(words->spell("Zinovievite"));
  EXPECT_TRUE(words->spell("Zinovievites"));
}

TEST(KnownWords, AnUnwritableCacheFolderIsAnErrorNotACrash) {
  if (!have_dictionary()) GTEST_SKIP() << "hunspell-en-gb is not installed";
  ScratchFolder dir;
  const std::string file = dir.add("not-a-folder", "x");
  auto words = KnownWords::open(kSystem, file + "/essaycoach/en_GB.words");
  EXPECT_FALSE(words);
}

TEST(KnownWords, CachePathFollowsXdgCacheHome) {
  ::setenv("XDG_CACHE_HOME", "/tmp/ec-xdg", 1);
  std::string p = known_words_cache_path(kSystem);
  ::unsetenv("XDG_CACHE_HOME");
  EXPECT_TRUE(p.starts_with("/tmp/ec-xdg/essaycoach/en_GB-")) << p;
}

}  // namespace
}  // namespace ec::mark
