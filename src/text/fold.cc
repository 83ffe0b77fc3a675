// Folding and stemming of single words and short strings: fold() (ICU NFKC_Casefold plus typographic
// clean-up) and stem_english() (Snowball English, one stemmer and a bounded cache per thread).
// Entry points: fold(), stem_english(); detail::cached_stem() for Document::build().
#include "text/fold.h"

#include <libstemmer.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include "text/document.h"

namespace ec::text {
namespace detail {

namespace {

// One replacement: the UTF-8 bytes of a typographic character and its ASCII stand-in.
struct Replacement {
  const char* from;
  char to;
};
constexpr Replacement kReplacements[] = {
    {"\u2019", '\''}, {"\u2018", '\''}, {"\u201B", '\''}, {"\u201A", '\''}, {"\u02BC", '\''},
    {"\u2032", '\''}, {"\u201C", '"'},  {"\u201D", '"'},  {"\u201F", '"'},  {"\u201E", '"'},
    {"\u2010", '-'},  {"\u2011", '-'},  {"\u2012", '-'},  {"\u2013", '-'},  {"\u2014", '-'},
    {"\u2015", '-'},  {"\u2212", '-'},
};

// Every replaced character starts with one of these lead bytes (U+02xx: 0xCA, U+20xx/U+22xx: 0xE2).
bool may_need_cleaning(std::string_view s) {
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    if (b == 0xE2 || b == 0xCA) return true;
  }
  return false;
}

struct StemmerCache {
  sb_stemmer* stemmer = nullptr;
  std::unordered_map<std::string, std::string> stems;

  StemmerCache() {
    stemmer = sb_stemmer_new("english", "UTF_8");
    if (!stemmer) throw std::runtime_error("libstemmer: no English UTF-8 stemmer");
  }
  ~StemmerCache() { sb_stemmer_delete(stemmer); }
  StemmerCache(const StemmerCache&) = delete;
  StemmerCache& operator=(const StemmerCache&) = delete;
};

constexpr std::size_t kMaxCachedStems = 50000;

StemmerCache& thread_stemmer() {
  thread_local StemmerCache cache;
  return cache;
}

}  // namespace

void clean_typography(std::string& s) {
  if (!may_need_cleaning(s)) return;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    bool replaced = false;
    auto b = static_cast<unsigned char>(s[i]);
    if (b == 0xE2 || b == 0xCA) {
      for (const auto& r : kReplacements) {
        std::size_t n = std::strlen(r.from);
        if (s.compare(i, n, r.from) == 0) {
          out += r.to;
          i += n;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += s[i++];
  }
  s = std::move(out);
}

bool is_number(std::string_view w) {
  if (w.empty()) return false;
  bool last_digit = false;
  for (char c : w) {
    if (c >= '0' && c <= '9') {
      last_digit = true;
    } else if ((c == ',' || c == '.') && last_digit) {
      last_digit = false;
    } else {
      return false;
    }
  }
  return last_digit;
}

const std::string& cached_stem(const std::string& folded) {
  StemmerCache& c = thread_stemmer();
  if (auto it = c.stems.find(folded); it != c.stems.end()) return it->second;
  if (c.stems.size() >= kMaxCachedStems) c.stems.clear();
  const sb_symbol* stem = sb_stemmer_stem(c.stemmer, reinterpret_cast<const sb_symbol*>(folded.data()),
                                          static_cast<int>(folded.size()));
  std::string value;
  if (stem) {
    value.assign(reinterpret_cast<const char*>(stem), static_cast<std::size_t>(sb_stemmer_length(c.stemmer)));
  } else {
    value = folded;  // out of memory inside libstemmer: the word is its own stem
  }
  return c.stems.emplace(folded, std::move(value)).first->second;
}

}  // namespace detail

std::string stem_english(std::string_view folded_word) {
  return detail::cached_stem(std::string(folded_word));
}

std::string normalize(std::string_view utf8, bool fold_case) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n =
      fold_case ? icu::Normalizer2::getNFKCCasefoldInstance(status) : icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFKC: ") + u_errorName(status));
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  n->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink, nullptr, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFKC: ") + u_errorName(status));
  detail::clean_typography(out);
  return out;
}

std::string fold(std::string_view utf8) { return normalize(utf8, true); }

}  // namespace ec::text
