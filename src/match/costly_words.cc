// Per thread, the costly pattern words met so far and which of them each answer word fills, so a
// batch of answers tests each distinct word once. Entry point: CostlyWords (costly_words.h).
#include "match/costly_words.h"

#include <algorithm>

namespace ec::match {

CostlyWords& CostlyWords::for_this_thread() {
  thread_local CostlyWords words;
  return words;
}

void CostlyWords::add(const Atom& atom) {
  if (index_of(atom.id)) return;
  const auto index = size();
  atoms_.push_back(atom);
  if (index_by_id_.size() <= atom.id) index_by_id_.resize(atom.id + 1, 0);
  index_by_id_[atom.id] = index + 1;
  if (!atom.stem.empty()) stemmed_.push_back(index);
  if (by_length_.empty()) by_length_.resize(kLongest + 1);
  const std::uint32_t hi = std::min(atom.max_length, kLongest);
  for (std::uint32_t len = std::min(atom.min_length, kLongest); len <= hi; ++len) by_length_[len].push_back(index);
}

void CostlyWords::make_room(std::size_t words) {
  if (words_.size() + words > kMaxWords) words_.clear();
}

const std::vector<std::uint32_t>& CostlyWords::filled_by(const std::string& key, std::u32string_view chars,
                                                          std::string_view stem, const std::optional<double>& number,
                                                          std::uint64_t mask) {
  Word& word = words_[key];
  if (word.checked == size()) return word.filled;
  // An atom fills a word of another length only through its stem: test those by stem, the rest
  // only where the length allows.
  const auto len = static_cast<std::uint32_t>(std::min<std::size_t>(chars.size(), kLongest));
  const std::size_t before = word.filled.size();
  for (auto it = std::lower_bound(stemmed_.begin(), stemmed_.end(), word.checked); it != stemmed_.end(); ++it) {
    if (atoms_[*it].stem == stem) word.filled.push_back(*it);
  }
  if (len < by_length_.size()) {
    const auto& bucket = by_length_[len];
    for (auto it = std::lower_bound(bucket.begin(), bucket.end(), word.checked); it != bucket.end(); ++it) {
      if (atom_matches(atoms_[*it], chars, stem, number, mask)) word.filled.push_back(*it);
    }
  }
  if (word.filled.size() > before) {
    std::sort(word.filled.begin() + static_cast<std::ptrdiff_t>(before), word.filled.end());
    word.filled.erase(std::unique(word.filled.begin() + static_cast<std::ptrdiff_t>(before), word.filled.end()),
                      word.filled.end());
  }
  word.checked = size();
  return word.filled;
}

}  // namespace ec::match
