// The answer as the matcher sees it: words (tokens) with their normalised form, stem, value,
// sentence and byte span, grouped into distinct word types so each pattern word is tested once per
// type. Built from a raw response (pmatch's own word splitting) or from a text::Document (ICU words).
// Entry points: Subject::from_response(), Subject::from_document().
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/span.h"
#include "match/pattern.h"

namespace ec::text {
class Document;
}

namespace ec::match {

class AtomIndex;

class Subject {
 public:
  struct Type {
    std::u32string_view chars;  // normalised code points (in the Subject's pool)
    std::string text;           // the same, UTF-8
    std::string stem;      // empty unless stems were asked for
    std::optional<double> number;
    std::uint64_t mask = 0;  // char_mask(chars), for cheap filtering
  };
  struct Token {
    std::uint32_t type = 0;
    std::uint32_t sentence = 0;
    Span span;  // bytes of the original text
  };
  using Range = std::pair<std::uint32_t, std::uint32_t>;  // tokens [first, end)

  // pmatch's rules: the response is normalised, `convert_to_space` characters become spaces, words
  // are split at word dividers and sentence dividers (a divider between two digits is part of a
  // number), and an empty response is one empty word.
  static Subject from_response(std::string_view response, const Options& options, bool need_stems);

  Subject() { pool_.reserve(64); }  // never in the small-string buffer: views survive a move
  Subject(const Subject&) = delete;
  Subject& operator=(const Subject&) = delete;
  Subject(Subject&&) = default;
  Subject& operator=(Subject&&) = default;

  // The Document's ICU words, case-folded or not, with its sentences and paragraphs.
  static Subject from_document(const text::Document& doc, bool fold_case, bool need_stems);

  const std::vector<Type>& types() const { return types_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  // Token indexes of one type, in order.
  std::span<const std::uint32_t> positions(std::uint32_t type) const {
    return {positions_.data() + position_start_[type], position_start_[type + 1] - position_start_[type]};
  }
  std::optional<std::uint32_t> find(std::string_view text) const;
  // Types with this stem (needs stems); an empty span when none.
  std::span<const std::uint32_t> types_with_stem(std::string_view stem) const;
  const std::vector<std::uint32_t>& numeric_types() const { return numeric_; }
  const std::vector<Range>& scopes(Scope scope) const;
  // Types whose length in code points is `length` (empty beyond the longest).
  const std::vector<std::uint32_t>& types_of_length(std::size_t length) const;
  // Types whose text starts with this byte, for prefix look-ups.
  std::span<const std::uint32_t> types_starting_with(unsigned char byte) const {
    return {by_first_.data() + first_start_[byte], first_start_[byte + 1u] - first_start_[byte]};
  }

  // Which types a pattern word fills, remembered per answer: rubrics repeat words across rules.
  // Not thread-safe: a Subject belongs to the thread marking its answer.
  // `atom_id` is the pattern word's process-wide id (Atom::id).
  // All remembered lists share one pool: a span stays valid until the next remember().
  bool cached(std::uint32_t atom_id) const { return atom_id < cache_at_.size() && cache_at_[atom_id] != 0; }
  std::span<const std::uint32_t> cached_types(std::uint32_t atom_id) const {
    const auto& [start, size] = cache_spans_[cache_at_[atom_id] - 1];
    return {cache_pool_.data() + start, size};
  }
  std::span<const std::uint32_t> remember(std::uint32_t atom_id, std::span<const std::uint32_t> types) const;
  // Which pattern words (this thread's AtomIndex) each type fills, inverted: the types that the
  // atom at `index` fills, ascending. Worked out on first use for the atoms the index holds then
  // (known_count()); the others are looked up in the answer. 0 when asked with another thread's
  // index: a Subject is built and matched by one thread.
  std::uint32_t known_count(AtomIndex& index) const;
  std::span<const std::uint32_t> known_types(std::uint32_t index) const {
    return {known_.data() + known_start_[index], known_start_[index + 1] - known_start_[index]};
  }
  // The longest type, in code points.
  std::size_t longest() const { return by_length_.empty() ? 0 : by_length_.size() - 1; }
  bool folded() const { return folded_; }
  bool stems() const { return stems_; }

 private:
  void reserve(std::size_t tokens);
  void add(std::string_view text, std::string_view stem, std::uint32_t sentence, Span span);
  void finish();

  std::vector<Type> types_;
  std::vector<Token> tokens_;
  std::vector<std::uint32_t> positions_, position_start_;  // token indexes grouped by type
  // Open-addressing table of type ids + 1 by text (0: empty), sized by reserve().
  std::vector<std::uint32_t> table_;
  std::size_t table_mask_ = 0;
  // Types grouped by stem: an open-addressing table of the first type id + 1 of each stem, and
  // for each type the next type with the same stem (+ 1; 0 ends the chain). Built in finish().
  std::vector<std::uint32_t> stem_table_, stem_next_;
  mutable std::vector<std::uint32_t> stem_scratch_;
  std::u32string pool_;  // the code points of every type, one after another
  std::vector<std::uint32_t> chars_at_;  // where each type's code points start in pool_
  std::vector<std::uint32_t> numeric_;
  std::vector<Range> response_, sentences_, paragraphs_;
  std::vector<std::vector<std::uint32_t>> by_length_;
  std::vector<std::uint32_t> by_first_, first_start_;  // types grouped by their first byte
  mutable std::vector<std::uint32_t> cache_at_;  // by atom id: 1 + its place in cache_spans_ (0: not yet)
  mutable std::vector<std::pair<std::uint32_t, std::uint32_t>> cache_spans_;  // (start, size) in cache_pool_
  mutable std::vector<std::uint32_t> cache_pool_;
  mutable std::uint64_t known_owner_ = 0;  // AtomIndex::serial() of the index it was worked out with
  mutable std::vector<std::uint32_t> known_, known_start_;  // types by AtomIndex index
  bool folded_ = false;
  bool stems_ = false;
};

}  // namespace ec::match
