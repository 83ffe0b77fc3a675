// A student's answer, read once: the original UTF-8 text, its NFKC_Casefold form (one ICU pass,
// with an offset map back to the original), paragraphs, sentences and words (ICU BreakIterator),
// each word with its folded form, its English Snowball stem and its byte span in the original.
// Entry point: Document::build().
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/span.h"

namespace ec::text {

struct Word {
  Span span;              // byte offsets into Document::original()
  std::string folded;     // NFKC_Casefold, typographic quotes/dashes made plain (’ -> ', – -> -)
  std::string stem;       // English Snowball stem of `folded`
  std::uint32_t sentence = 0;   // index into Document::sentences()
  std::uint32_t paragraph = 0;  // index into Document::paragraphs()
  bool numeric = false;         // the word is a number (1927, 1.5, 25,000)
};

struct Sentence {
  Span span;                    // trimmed of surrounding white space
  std::uint32_t first_word = 0; // words [first_word, end_word) lie in this sentence
  std::uint32_t end_word = 0;
  std::uint32_t paragraph = 0;
};

struct Paragraph {
  Span span;                        // trimmed; paragraphs are separated by blank lines
  std::uint32_t first_sentence = 0; // sentences [first_sentence, end_sentence)
  std::uint32_t end_sentence = 0;
  std::uint32_t first_word = 0;     // words [first_word, end_word)
  std::uint32_t end_word = 0;
};

class Document {
 public:
  // Build from valid UTF-8 (as produced by decode_answer). Never fails: empty text gives no words.
  static Document build(std::string original);

  const std::string& original() const { return original_; }
  const std::string& folded() const { return folded_; }      // NFKC_Casefold of the whole text
  std::span<const Word> words() const { return words_; }
  std::span<const Sentence> sentences() const { return sentences_; }
  std::span<const Paragraph> paragraphs() const { return paragraphs_; }
  std::string_view text(Span s) const { return std::string_view(original_).substr(s.start, s.size()); }

  // Map a byte offset in folded() back to the original text (start of the source segment).
  std::uint32_t original_offset(std::uint32_t folded_offset) const;
  // Map a span of the original text to the span of folded() that it became (a span cutting through
  // a changed segment is widened to the whole segment).
  Span folded_span(Span original_span) const;

 private:
  std::string original_;
  std::string folded_;
  std::vector<Word> words_;
  std::vector<Sentence> sentences_;
  std::vector<Paragraph> paragraphs_;
  // offset map: parallel arrays of (folded offset, original offset) at segment starts, one segment
  // per icu::Edits fine-iterator step, then a sentinel (folded size, original size)
  std::vector<std::uint32_t> map_folded_;
  std::vector<std::uint32_t> map_original_;
  std::vector<std::uint8_t> map_changed_;  // 1: the segment was changed by normalising (no linear map)
};

// English Snowball stem of an already folded word (thread-safe; a stemmer per thread).
std::string stem_english(std::string_view folded_word);

// NFKC_Casefold of a short string, with the same typographic clean-up as Word::folded.
std::string fold(std::string_view utf8);

// NFKC, case-folded or not, with the same typographic clean-up (fold(s) == normalize(s, true)).
std::string normalize(std::string_view utf8, bool fold_case);

// The words of `text` (ICU's word rules, as Document finds them), each with its span and folded
// form, without sentences, paragraphs or stems: for word lists built from much text at once.
struct FoldedWord {
  Span span;
  std::string folded;
};
std::vector<FoldedWord> folded_words(std::string_view text);

}  // namespace ec::text
