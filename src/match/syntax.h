// The syntax tree of one pmatch expression, as grammar.cc parses it (before normalising, synonyms
// and limits are applied by compile.cc). Entry point: parse_expression().
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace ec::match::syntax {

// One word of a pattern: its characters as written, with escapes resolved and wildcards marked.
struct Word {
  std::string text;         // as written, escapes kept (for messages and printing)
  std::u32string chars;     // code points; kAnyOne / kAnyRun mark '?' and '*'
  bool operator==(const Word&) const = default;
};
inline constexpr char32_t kAnyOne = 0xFFFFFFFE;  // '?'
inline constexpr char32_t kAnyRun = 0xFFFFFFFF;  // '*'

using WordAlternatives = std::vector<Word>;      // a|b
using Phrase = std::vector<WordAlternatives>;    // [a|b c]: words in order; a bare word is a 1-word phrase
struct Item {
  std::vector<Phrase> alternatives;  // a|[b c]|d
  int column = 0;                    // 1-based column of the item in the expression
  bool operator==(const Item&) const = default;
};

enum class Separator { space, proximity };  // ' ' or '_' before an item

struct Node {
  enum class Kind { match, any, all, not_ };
  Kind kind = Kind::match;
  std::string flags;                 // for match: the letters after "match_"
  std::vector<Item> items;           // for match
  std::vector<Separator> separators; // for match: separators[i] stands before items[i + 1]
  std::vector<Node> children;        // for any / all / not
  int line = 1, column = 1;          // where the node starts
  bool operator==(const Node&) const = default;
};

// Parse a whole expression. Errors (ErrorKind::rubric) carry line and column within `expression`.
Result<Node> parse_expression(std::string_view expression, int max_depth);

}  // namespace ec::match::syntax
