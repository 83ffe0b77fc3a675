// Spelling: key names and terms the student misspelt (still credited by the rules' fuzzy patterns,
// reported with the right form) and other words Hunspell (en_GB) does not know, with the rubrics'
// own vocabulary ("Zinoviev", "kolkhoz") counted as correct. Entry points: Vocabulary::from(),
// check_spelling().
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/span.h"
#include "rubric/rubric.h"
#include "text/document.h"

namespace ec::mark {

// The rubrics' correct spellings: words of term names and definitions, factor labels, event
// descriptions and corrections (never pattern words, which hold misspellings on purpose).
class Vocabulary {
 public:
  Vocabulary() = default;
  Vocabulary(const Vocabulary&) = delete;  // the memo points into this vocabulary's words
  Vocabulary& operator=(const Vocabulary&) = delete;
  Vocabulary(Vocabulary&&) = default;
  Vocabulary& operator=(Vocabulary&&) = default;
  static Vocabulary from(const rubric::Library& library);
  // The correct form of a folded word, or nullptr when it is not a vocabulary word.
  const std::string* find(const std::string& folded) const;
  // The vocabulary word within one edit (two for words of 8+ letters) of `folded`, or nullptr.
  const std::string* nearest(const std::u32string& folded) const;

 private:
  const std::string* nearest_uncached(const std::u32string& folded) const;
  struct Memo {
    std::mutex mutex;
    std::unordered_map<std::u32string, const std::string*> nearest;
  };
  std::shared_ptr<Memo> memo_ = std::make_shared<Memo>();
  std::unordered_map<std::string, std::string> words_;  // folded -> as written in the rubric
  std::vector<std::pair<std::u32string, const std::string*>> by_length_;  // sorted by length
  std::vector<std::uint64_t> masks_;  // match::char_mask() of each by_length_ word
};

struct Misspelling {
  Span span;              // first place it is written
  std::string written;    // as the student wrote it
  std::string correct;    // the rubric's spelling; empty when the word is not a key word
};

// Misspelt words, each once, in answer order. Key words (close to a vocabulary word) have `correct`.
std::vector<Misspelling> check_spelling(const text::Document& doc, const Vocabulary& vocabulary);

// Is Hunspell's en_GB dictionary available on this machine?
bool spell_checker_available();

// Start loading the dictionary in the background now (a command calls this first thing, so the
// load overlaps reading the rubrics); marking waits for it only when it needs it.
void prepare_spell_checker();

}  // namespace ec::mark
