// Pattern words remembered per thread across answers (AtomIndex): every pattern word met so far,
// and for each answer word met so far which of them it fills. Answers share most of their words,
// so an answer's words are looked up once each (one hash look-up a word) instead of every pattern
// word searching the answer, and misspelt or wildcard pattern words test a word only the first
// time it is seen. Entry points: AtomIndex::for_this_thread(), indexed(), is_costly().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "match/compile.h"

namespace ec::match {

// Does finding this atom's words mean testing the answer's words one by one?
inline bool is_costly(const Atom& atom) { return !atom.number && !atom.exact() && atom.prefix.empty(); }
// Atoms the index holds: all but numbers (a number fills any word of the same value).
inline bool indexed(const Atom& atom) { return !atom.number; }

// Not shared between threads: each thread that matches has its own (for_this_thread()).
class AtomIndex {
 public:
  static AtomIndex& for_this_thread();
  AtomIndex();

  // Tells this index from every other one made in the process, even one at the same address later.
  std::uint64_t serial() const { return serial_; }

  // The atoms added so far, in order; an atom's place is its index.
  std::uint32_t size() const { return static_cast<std::uint32_t>(atoms_.size()); }
  // The index of the atom with this process-wide id, if it has been added.
  std::optional<std::uint32_t> index_of(std::uint32_t atom_id) const {
    if (atom_id < index_by_id_.size() && index_by_id_[atom_id] != 0) return index_by_id_[atom_id] - 1;
    return std::nullopt;
  }
  void add(const Atom& atom);  // an indexed() atom

  // Room for this many more words, forgetting the words remembered when there is not. Call before
  // filled_by() for as many words: the lists it returns stay valid until the next make_room().
  void make_room(std::size_t words);
  // The indexes (ascending) of every added atom that an answer word fills: exactly those for which
  // the matcher's own look-up would find it. `text` and `stem` are the word's; the other arguments
  // are functions of its text.
  const std::vector<std::uint32_t>& filled_by(std::string_view text, std::u32string_view chars, std::string_view stem,
                                              const std::optional<double>& number, std::uint64_t mask);

  // Words remembered at most (about a megabyte a thread, so a long stream's memory stays flat);
  // beyond it the memory of words starts again (atoms are kept). An answer has a few hundred.
  static constexpr std::size_t kMaxWords = 1 << 13;

 private:
  struct Word {
    std::uint32_t checked = 0;          // atoms [0, checked) have been tested
    std::vector<std::uint32_t> filled;  // those of them it fills
  };
  static constexpr std::uint32_t kLongest = 64;  // atoms of longer words share the last bucket
  std::uint64_t serial_;
  std::vector<Atom> atoms_;
  std::vector<std::uint32_t> index_by_id_;  // atom id -> index + 1 (0: not added)
  // Exact atoms by their literal and by their stem; the others by the word lengths they allow.
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_literal_, by_stem_;
  std::vector<std::vector<std::uint32_t>> by_length_;  // word length -> atoms that allow it, ascending
  std::vector<std::uint32_t> stemmed_;                 // non-exact atoms that also fill words with their stem
  std::unordered_map<std::string, Word> words_;        // by text + '\0' + stem
  std::string key_;
};

}  // namespace ec::match
