// The answer as the matcher sees it: words (tokens) with their normalised form, stem, value,
// sentence and byte span, grouped into distinct word types so each pattern word is tested once per
// type. Built from a raw response (pmatch's own word splitting) or from a text::Document (ICU words).
// Entry points: Subject::from_response(), Subject::from_document().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/span.h"
#include "match/pattern.h"

namespace ec::text {
class Document;
}

namespace ec::match {

class Subject {
 public:
  struct Type {
    std::u32string chars;  // normalised code points
    std::string text;      // the same, UTF-8
    std::string stem;      // empty unless stems were asked for
    std::optional<double> number;
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

  // The Document's ICU words, case-folded or not, with its sentences and paragraphs.
  static Subject from_document(const text::Document& doc, bool fold_case, bool need_stems);

  const std::vector<Type>& types() const { return types_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<std::uint32_t>& positions(std::uint32_t type) const { return positions_[type]; }
  std::optional<std::uint32_t> find(const std::string& text) const;
  const std::vector<std::uint32_t>* types_with_stem(const std::string& stem) const;
  const std::vector<std::uint32_t>& numeric_types() const { return numeric_; }
  const std::vector<Range>& scopes(Scope scope) const;
  bool folded() const { return folded_; }
  bool stems() const { return stems_; }

 private:
  void add(std::string text, std::string stem, std::uint32_t sentence, Span span);
  void finish();

  std::vector<Type> types_;
  std::vector<Token> tokens_;
  std::vector<std::vector<std::uint32_t>> positions_;
  std::unordered_map<std::string, std::uint32_t> by_text_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_stem_;
  std::vector<std::uint32_t> numeric_;
  std::vector<Range> response_, sentences_, paragraphs_;
  bool folded_ = false;
  bool stems_ = false;
};

}  // namespace ec::match
