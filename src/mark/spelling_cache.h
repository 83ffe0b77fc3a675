// The known-word cache: every word form Hunspell's en_GB dictionary accepts, expanded once from its
// .dic and .aff (each form confirmed by Hunspell itself), kept on disk as a sorted, memory-mapped
// file, so a process answers "is this a known word?" without loading Hunspell (~100 ms). The file is
// rebuilt when the dictionary's size or modification time changes (a hash index makes a lookup
// one comparison). KnownWords::spell() gives the
// same answer as Hunspell::spell() for words of letters, apostrophes and hyphens (the words marking
// checks): it follows Hunspell's capitalisation and hyphen rules over the expanded forms.
// Entry points: KnownWords::open(), KnownWords::spell(), known_words_cache_path().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/cache.h"
#include "base/result.h"

namespace ec::mark {

struct DictionaryFiles {
  std::string aff;
  std::string dic;
};

// One word form and whether Hunspell accepts it only in an all-capitals word ("Mccarthy" for
// "MCCARTHY", from "McCarthy").
struct WordForm {
  std::string word;
  bool upcase_only = false;
};

// Every form the dictionary accepts on its own (stems, prefixed and suffixed forms, never
// compound-only pieces), sorted and unique. Errors when the .aff uses a feature not expanded here
// (then the caller keeps using Hunspell).
Result<std::vector<WordForm>> expand_dictionary(const DictionaryFiles& files);

class KnownWords {
 public:
  // The cached set for `files`: mapped from `cache_path` when it is current, else built (with
  // Hunspell; a second or two, once) and written there. Errors when the dictionary is missing,
  // uses a feature not expanded here, or the cache folder cannot be written (nothing is built then).
  static Result<KnownWords> open(const DictionaryFiles& files, const std::string& cache_path);
  // Only map an existing, current cache (no building); errors otherwise.
  static Result<KnownWords> map_existing(const DictionaryFiles& files, const std::string& cache_path);

  KnownWords(KnownWords&&) noexcept;
  KnownWords& operator=(KnownWords&&) noexcept;
  ~KnownWords();

  // Would Hunspell::spell() accept this word (UTF-8)?
  bool spell(std::string_view word) const;
  std::size_t size() const { return count_; }

 private:
  KnownWords() = default;
  enum class Found { no, yes, upcase_only };
  Found find(std::string_view form) const;
  bool check(std::string_view form, bool initcap) const;  // Hunspell's checkword()
  bool spell(const std::string& word, std::vector<std::string>& stack) const;
  bool spell_cased(std::string& scw) const;

  // The sorted table: count_ entries; entry i is blob_[offsets_[i], offsets_[i+1]) whose last
  // byte is '1' for an upcase-only form, '0' otherwise; and a hash index of slots_ (a power of
  // two) slots, each an entry index + 1 or 0 for empty (FNV-1a, linear probing).
  const std::uint32_t* offsets_ = nullptr;
  const char* blob_ = nullptr;
  std::size_t count_ = 0;
  const std::uint32_t* index_ = nullptr;
  std::uint64_t slots_ = 0;
  std::vector<std::pair<std::string, std::string>> iconv_;  // input conversions of the .aff
  std::optional<MappedFile> file_;  // the mapped cache file the pointers above point into
};

// Where the cache for `files` lives: in cache_folder() (base/cache.h); "" when there is none.
std::string known_words_cache_path(const DictionaryFiles& files);

}  // namespace ec::mark
