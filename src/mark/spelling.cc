// Spelling: misspelt key words with their right form, and other words unknown to Hunspell (en_GB).
// The dictionary is the known-word cache built from Hunspell's en_GB (or Hunspell itself when the
// cache cannot be used), loaded once per process. Entry points: Vocabulary::from(), check_spelling().
#include "mark/spelling.h"

#include <hunspell/hunspell.hxx>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <optional>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_set>

#include "mark/spelling_cache.h"
#include "match/compile.h"
#include "match/utf8.h"

namespace ec::mark {
namespace {

constexpr const char* kAff = "/usr/share/hunspell/en_GB.aff";
constexpr const char* kDic = "/usr/share/hunspell/en_GB.dic";

// The dictionary, loaded once per process on a thread of its own, shared by every marking thread:
// the known-word cache (mark/spelling_cache.h, a mapped file: no locking, no load time) when it can
// be opened or built, else Hunspell itself under a mutex (it takes longer to load than a whole
// answer takes to mark). ESSAYCOACH_WORD_CACHE=0 always uses Hunspell (to compare the two).
struct Dictionary {
  std::optional<KnownWords> words;
  std::unique_ptr<Hunspell> hunspell;
  std::mutex mutex;
};

bool word_cache_wanted() {
  const char* v = std::getenv("ESSAYCOACH_WORD_CACHE");
  return v == nullptr || std::string_view(v) != "0";
}

std::shared_future<Dictionary*> dictionary() {
  static std::once_flag once;
  static std::shared_future<Dictionary*> loaded;
  std::call_once(once, [] {
    loaded = std::async(std::launch::async, []() -> Dictionary* {
                static Dictionary d;
                std::error_code ec;
                if (!std::filesystem::exists(kAff, ec) || !std::filesystem::exists(kDic, ec)) return &d;
                if (word_cache_wanted()) {
                  const DictionaryFiles files{kAff, kDic};
                  if (auto words = KnownWords::open(files, known_words_cache_path(files))) {
                    d.words.emplace(std::move(*words));
                    return &d;
                  }
                }
                d.hunspell = std::make_unique<Hunspell>(kAff, kDic);
                return &d;
              }).share();
  });
  return loaded;
}

// This thread's view of the dictionary, with its own cache of Hunspell's answers.
class Checker {
 public:
  static Checker& for_this_thread() {
    thread_local Checker c;
    return c;
  }
  bool available() {
    Dictionary* d = dictionary().get();
    return d->words || d->hunspell;
  }
  bool correct(const std::string& word) {
    Dictionary* d = dictionary().get();
    if (d->words) return d->words->spell(word);
    auto it = cache_.find(word);
    if (it != cache_.end()) return it->second;
    if (!d->hunspell) return true;
    if (cache_.size() > 100000) cache_.clear();
    bool ok;
    {
      std::lock_guard lock(d->mutex);
      ok = d->hunspell->spell(word);
    }
    cache_.emplace(word, ok);
    return ok;
  }

 private:
  std::unordered_map<std::string, bool> cache_;
};

}  // namespace

void prepare_spell_checker() { dictionary(); }

namespace {

// Restricted Damerau-Levenshtein distance, giving up above `limit` (words of up to 63 characters).
int distance(const std::u32string& a, const std::u32string& b, int limit) {
  const std::size_t n = a.size(), m = b.size();
  if (static_cast<int>(n > m ? n - m : m - n) > limit) return limit + 1;
  if (n > 63 || m > 63) return limit + 1;
  int rows[3][64];
  int* prev2 = rows[0];
  int* prev = rows[1];
  int* cur = rows[2];
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    int* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

bool alphabetic(std::string_view w) {
  if (w.empty()) return false;
  for (unsigned char c : w) {
    if (c < 0x80 && !std::isalpha(c) && c != '\'' && c != '-') return false;
  }
  return true;
}

void add_words(std::unordered_map<std::string, std::string>& words, const std::string& prose) {
  for (const auto& w : text::folded_words(prose)) {
    if (w.folded.size() < 4 || !alphabetic(w.folded)) continue;
    std::string written = prose.substr(w.span.start, w.span.size());
    auto [it, fresh] = words.emplace(w.folded, written);
    // Prefer the capitalised form of a name ("Zinoviev" over "zinoviev").
    if (!fresh && !written.empty() && std::isupper(static_cast<unsigned char>(written[0])) &&
        !std::isupper(static_cast<unsigned char>(it->second[0]))) {
      it->second = written;
    }
  }
}

}  // namespace

bool spell_checker_available() { return Checker::for_this_thread().available(); }

Vocabulary Vocabulary::from(const rubric::Library& library) {
  Vocabulary v;
  // All the prose as one text, a paragraph each (no word spans two), segmented once.
  std::string prose;
  auto add = [&prose](const std::string& text) { (prose += text) += "\n\n"; };
  for (const auto& [id, r] : library.rubrics) {
    for (const auto& t : r.terms) {
      add(t.term);
      add(t.definition);
    }
    for (const auto& f : r.factors) add(f.label);
    for (const auto& e : r.events) add(e.what);
    for (const auto& m : r.misconceptions) add(m.correction);
  }
  for (const auto& [id, p] : library.prompts) add(p.question);
  add_words(v.words_, prose);
  for (const auto& [folded, written] : v.words_) v.by_length_.emplace_back(match::utf8::decode(folded), &written);
  std::sort(v.by_length_.begin(), v.by_length_.end(), [](const auto& a, const auto& b) {
    return a.first.size() != b.first.size() ? a.first.size() < b.first.size() : a.first < b.first;
  });
  for (const auto& [word, written] : v.by_length_) v.masks_.push_back(match::char_mask(word));
  return v;
}

const std::string* Vocabulary::find(const std::string& folded) const {
  auto it = words_.find(folded);
  return it == words_.end() ? nullptr : &it->second;
}

const std::string* Vocabulary::nearest(const std::u32string& w) const {
  // Remembered (by this vocabulary, for every thread): the same misspellings come back answer after
  // answer. Only words the dictionary rejects get here, a few an answer.
  std::lock_guard lock(memo_->mutex);
  if (auto it = memo_->nearest.find(w); it != memo_->nearest.end()) return it->second;
  if (memo_->nearest.size() > 50000) memo_->nearest.clear();
  return memo_->nearest[w] = nearest_uncached(w);
}

const std::string* Vocabulary::nearest_uncached(const std::u32string& w) const {
  const int limit = w.size() >= 8 ? 2 : 1;
  const std::string* best = nullptr;
  int best_d = limit + 1;
  auto lo = std::lower_bound(by_length_.begin(), by_length_.end(), w.size() - std::min<std::size_t>(w.size(), limit),
                             [](const auto& e, std::size_t len) { return e.first.size() < len; });
  // An edit adds or removes at most two letters from the set of letters a word uses (a swap none):
  // words whose sets differ by more cannot be near (char_mask() can only understate the difference).
  const std::uint64_t mask = match::char_mask(w);
  for (auto it = lo; it != by_length_.end() && it->first.size() <= w.size() + limit; ++it) {
    if (std::popcount(mask ^ masks_[static_cast<std::size_t>(it - by_length_.begin())]) > 2 * limit) continue;
    int d = distance(w, it->first, limit);
    if (d < best_d) {
      best_d = d;
      best = it->second;
    }
  }
  return best;
}

std::vector<Misspelling> check_spelling(const text::Document& doc, const Vocabulary& vocabulary) {
  std::vector<Misspelling> out;
  Checker& checker = Checker::for_this_thread();
  std::unordered_set<std::string_view> seen;
  for (const auto& w : doc.words()) {
    if (w.numeric || w.folded.size() < 3 || !alphabetic(w.folded)) continue;
    if (!seen.insert(w.folded).second) continue;
    if (vocabulary.find(w.folded)) continue;
    std::string written(doc.text(w.span));
    // Short all-capital words are abbreviations (NEP, USSR).
    if (written.size() <= 5 && std::all_of(written.begin(), written.end(), [](unsigned char c) {
          return std::isupper(c) != 0;
        })) {
      continue;
    }
    // Typographic apostrophes (U+2019, bytes E2 80 99) as Hunspell expects them.
    std::string plain = written;
    for (auto at = plain.find("\xE2\x80\x99"); at != std::string::npos; at = plain.find("\xE2\x80\x99", at + 1)) {
      plain.replace(at, 3, "'");
    }
    bool known = checker.available() && checker.correct(plain);
    if (known) continue;
    // "Stalin's" is fine when "Stalin" is.
    if (plain.size() > 2 && plain.ends_with("'s") &&
        ((checker.available() && checker.correct(plain.substr(0, plain.size() - 2))) ||
         vocabulary.find(w.folded.substr(0, w.folded.size() - 2)))) {
      continue;
    }
    Misspelling m;
    m.span = w.span;
    m.written = written;
    if (w.folded.size() >= 4) {
      if (const auto* right = vocabulary.nearest(match::utf8::decode(w.folded))) m.correct = *right;
    }
    if (m.correct.empty() && !checker.available()) continue;  // without a dictionary, key words only
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace ec::mark
