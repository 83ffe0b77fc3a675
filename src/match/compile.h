// A compiled pmatch expression: the tree with its words turned into Atoms (normalised, flags
// resolved, synonyms expanded, filters precomputed), checked against the compiler's hard limits.
// Entry point: compile_expression(). Immutable once built; shared by every match.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "match/pattern.h"
#include "match/syntax.h"

namespace ec::match {

// Flags after match_: c o w s, m m2 mr mt mx mf, p0–p4.
struct Flags {
  bool extra_chars = false;   // c
  bool any_order = false;     // o
  bool extra_words = false;   // w
  bool stems = false;         // s (ours): a word also matches any word with the same Snowball stem
  int misspellings = 0;       // m: 1, m2: 2 (for words of 8+ characters; 1 below that)
  bool replace = false, transpose = false, extra = false, fewer = false;  // kinds allowed
  int window = 2;             // p0–p4: most words between two words joined by '_'
};

// One word of a pattern, ready to test against a word of the answer.
struct Atom {
  std::u32string chars;       // normalised code points, with syntax::kAnyOne / kAnyRun
  std::string literal;        // UTF-8, when the word has no wildcards (exact look-up)
  bool wildcards = false;
  std::optional<double> number;
  std::string stem;           // when the s flag is on and the word has no wildcards
  int max_edits = 0;
  bool replace = false, transpose = false, extra = false, fewer = false;
  std::uint32_t min_length = 0;
  std::uint32_t max_length = std::numeric_limits<std::uint32_t>::max();
  std::uint64_t mask = 0;     // bits of the literal characters it needs
  std::string prefix;         // UTF-8 literal characters before the first wildcard (no edits)
  std::string key;            // identifies the atom's behaviour
  std::uint32_t id = 0;       // process-wide id of `key`: answers cache what each atom matched
  bool exact() const { return !wildcards && max_edits == 0; }
};

struct CompiledPhrase {
  std::vector<std::uint32_t> words;  // indexes into CompiledExpression::slots, in order
};
struct CompiledItem {
  std::vector<CompiledPhrase> alternatives;
};
// One word position of a phrase: the atoms any of which may fill it.
struct Slot {
  std::vector<std::uint32_t> atoms;  // indexes into CompiledExpression::atoms
};

struct CompiledNode {
  syntax::Node::Kind kind = syntax::Node::Kind::match;
  Flags flags;
  std::vector<CompiledItem> items;
  std::vector<syntax::Separator> separators;  // separators[i] stands before items[i + 1]
  std::vector<CompiledNode> children;
};

struct CompiledExpression {
  std::string source;
  Options options;
  std::vector<Atom> atoms;
  std::vector<Slot> slots;
  CompiledNode root;
  bool uses_stems = false;
};

// A process-wide id for each distinct atom behaviour (Atom::key), so an answer can remember per atom
// what it matched across all the patterns of a rubric. Grows only with distinct pattern words.
std::uint32_t intern_atom_key(const std::string& key);

Result<CompiledExpression> compile_expression(std::string_view source, const Options& options,
                                              const Limits& limits);

// Does one answer word (normalised code points, with its stem and value) fill this atom?
bool atom_matches(const Atom& atom, std::u32string_view word, std::string_view stem,
                  const std::optional<double>& number, std::uint64_t word_mask);

// NFKC (and case folding when `fold_case`) with typographic quotes and dashes made plain.
std::string normalize_word(std::string_view utf8, bool fold_case);

// The value of a word written as a number: 12, -1.5, +3, 0.21e1, 5x10<sup>-1</sup>, 25,000.
std::optional<double> parse_number(std::string_view word);

// 64-bit "which characters" mask used to filter candidates cheaply.
std::uint64_t char_mask(std::u32string_view chars);

}  // namespace ec::match
