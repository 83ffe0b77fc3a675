// Pattern words whose look-up scans an answer (a misspelling allowance, or wildcards with no
// literal prefix), remembered per thread across answers: answers share most of their words, so
// which of these pattern words each answer word fills is worked out once per distinct word, not
// once per answer. Entry points: CostlyWords::for_this_thread(), is_costly().
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

// Not shared between threads: each thread that matches has its own (for_this_thread()).
class CostlyWords {
 public:
  static CostlyWords& for_this_thread();

  // The costly atoms met so far, in the order they were added; an atom's place is its index.
  std::uint32_t size() const { return static_cast<std::uint32_t>(atoms_.size()); }
  // The index of the atom with this process-wide id, if it has been added.
  std::optional<std::uint32_t> index_of(std::uint32_t atom_id) const {
    if (atom_id < index_by_id_.size() && index_by_id_[atom_id] != 0) return index_by_id_[atom_id] - 1;
    return std::nullopt;
  }
  void add(const Atom& atom);

  // Room for this many more words, forgetting the words remembered when there is not. Call before
  // filled_by() for as many words: the lists it returns stay valid until the next make_room().
  void make_room(std::size_t words);
  // The indexes (ascending) of every added atom that an answer word fills: `key` is the word's text
  // and stem, which with the other arguments (all functions of the text) decide atom_matches().
  const std::vector<std::uint32_t>& filled_by(const std::string& key, std::u32string_view chars, std::string_view stem,
                                              const std::optional<double>& number, std::uint64_t mask);

  // Words remembered at most (a few MB); beyond it the memory of words starts again (atoms are kept).
  static constexpr std::size_t kMaxWords = 1 << 16;

 private:
  struct Word {
    std::uint32_t checked = 0;            // atoms [0, checked) have been tested
    std::vector<std::uint32_t> filled;    // those of them it fills
  };
  static constexpr std::uint32_t kLongest = 64;  // atoms of longer words share the last bucket
  std::vector<Atom> atoms_;
  std::vector<std::uint32_t> index_by_id_;           // atom id -> index + 1 (0: not added)
  std::vector<std::vector<std::uint32_t>> by_length_;  // word length -> atoms that allow it, ascending
  std::vector<std::uint32_t> stemmed_;                 // atoms that also fill any word with their stem
  std::unordered_map<std::string, Word> words_;
};

}  // namespace ec::match
