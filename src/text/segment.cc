// ICU BreakIterators for sentences and words, built once per process (a prototype) and cloned once
// per thread, plus the abbreviation check after ICU's sentence filter.
// Entry points: sentence_breaks(), word_spans().
#include "text/segment.h"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace ec::text::detail {
namespace {

// No sentence ends after these (case-sensitive, a whole white-space-separated token, optionally
// after an opening bracket or quote).
constexpr std::array<std::string_view, 19> kAbbreviations = {
    "e.g.", "E.g.", "i.e.", "I.e.", "etc.", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.",
    "c.",   "ca.",  "St.",  "cf.",  "Cf.",  "vs.", "approx.", "Approx.", "esp.",
};

// The ones handed to ICU's filter. ICU matches a suffix of the text before the break, so a bare
// "c." would also keep "...the Republic. Then" together: c. and ca. go in with the character before.
constexpr std::array<const char*, 16> kIcuSuppressions = {
    "etc.", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "cf.", "Cf.", "vs.", "approx.", "Approx.",
    " c.", "(c.", " ca.", "(ca.",
};

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU ") + what + ": " + u_errorName(status));
}

struct Iterators {
  std::unique_ptr<icu::BreakIterator> sentence;
  std::unique_ptr<icu::BreakIterator> word;
};

// Built once per process: loading the rules and the suppression data is the expensive part.
const Iterators& prototypes() {
  static const Iterators protos = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale en("en");
    std::unique_ptr<icu::BreakIterator> plain(icu::BreakIterator::createSentenceInstance(en, status));
    check(status, "sentence break iterator");
    // The builder for "en" starts from ICU's English suppressions, the same list "en@ss=standard" uses.
    std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
        icu::FilteredBreakIteratorBuilder::createInstance(en, status));
    check(status, "sentence break suppressions");
    for (const char* a : kIcuSuppressions) builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(a), status);
    check(status, "sentence break suppressions");
    Iterators it;
    it.sentence.reset(builder->build(plain.release(), status));
    check(status, "filtered sentence break iterator");
    it.word.reset(icu::BreakIterator::createWordInstance(en, status));
    check(status, "word break iterator");
    return it;
  }();
  return protos;
}

Iterators& thread_iterators() {
  thread_local Iterators mine = [] {
    static std::mutex clone_mutex;  // clone() reads the prototype's state: one thread at a time
    std::lock_guard<std::mutex> lock(clone_mutex);
    const Iterators& p = prototypes();
    Iterators it;
    it.sentence.reset(p.sentence->clone());
    it.word.reset(p.word->clone());
    if (!it.sentence || !it.word) throw std::runtime_error("ICU: cannot clone a break iterator");
    return it;
  }();
  return mine;
}

// Point `bi` at `text` for the duration of one scan, and at an empty text afterwards so that no
// iterator keeps a pointer into a string that may go away.
class TextScope {
 public:
  TextScope(icu::BreakIterator& bi, std::string_view text) : bi_(bi) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&ut_, text.data(), static_cast<int64_t>(text.size()), &status);
    check(status, "utext_openUTF8");
    bi_.setText(&ut_, status);
    check(status, "BreakIterator::setText");
  }
  ~TextScope() {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&ut_, "", 0, &status);
    bi_.setText(&ut_, status);
    utext_close(&ut_);
  }
  TextScope(const TextScope&) = delete;
  TextScope& operator=(const TextScope&) = delete;

 private:
  icu::BreakIterator& bi_;
  UText ut_ = UTEXT_INITIALIZER;
};

bool is_space_byte(char c) { return c == ' ' || c == '\t'; }
bool is_token_end(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The break at `b` follows one of kAbbreviations and white space on the same line.
bool follows_abbreviation(std::string_view text, std::size_t b) {
  std::size_t end = b;
  while (end > 0 && is_space_byte(text[end - 1])) --end;
  // U+00A0 NO-BREAK SPACE (C2 A0) after the abbreviation counts as space too.
  while (end >= 2 && text[end - 1] == '\xA0' && text[end - 2] == '\xC2') {
    end -= 2;
    while (end > 0 && is_space_byte(text[end - 1])) --end;
  }
  if (end == 0 || text[end - 1] != '.') return false;
  std::size_t start = end;
  while (start > 0 && !is_token_end(text[start - 1]) &&
         !(start >= 2 && text[start - 1] == '\xA0' && text[start - 2] == '\xC2'))
    --start;
  std::string_view token = text.substr(start, end - start);
  // Skip opening brackets and quotes: ( [ " ' “ ‘
  for (;;) {
    if (!token.empty() && (token[0] == '(' || token[0] == '[' || token[0] == '"' || token[0] == '\'')) {
      token.remove_prefix(1);
    } else if (token.starts_with("\u201C") || token.starts_with("\u2018")) {
      token.remove_prefix(3);
    } else {
      break;
    }
  }
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), token) != kAbbreviations.end();
}

}  // namespace

std::vector<std::uint32_t> sentence_breaks(std::string_view text) {
  std::vector<std::uint32_t> out;
  out.push_back(0);
  if (text.empty()) return out;
  icu::BreakIterator& bi = *thread_iterators().sentence;
  TextScope scope(bi, text);
  for (int32_t b = bi.next(); b != icu::BreakIterator::DONE; b = bi.next()) {
    auto pos = static_cast<std::uint32_t>(b);
    if (pos < text.size() && follows_abbreviation(text, pos)) continue;
    if (pos > out.back()) out.push_back(pos);
  }
  if (out.back() != text.size()) out.push_back(static_cast<std::uint32_t>(text.size()));
  return out;
}

std::vector<Span> word_spans(std::string_view text) {
  std::vector<Span> out;
  if (text.empty()) return out;
  icu::BreakIterator& bi = *thread_iterators().word;
  TextScope scope(bi, text);
  out.reserve(text.size() / 6);
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    if (bi.getRuleStatus() != UBRK_WORD_NONE)
      out.push_back(Span{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
  }
  return out;
}

}  // namespace ec::text::detail
