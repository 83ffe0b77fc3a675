// Per thread, the pattern words met so far and which of them each answer word fills, so a batch of
// answers looks each distinct word up once. Entry point: AtomIndex (atom_index.h).
#include "match/atom_index.h"

#include <algorithm>
#include <atomic>

namespace ec::match {

namespace {

// Appends the indexes of `sorted` from `from` on.
void append_from(const std::vector<std::uint32_t>& sorted, std::uint32_t from, std::vector<std::uint32_t>& out) {
  out.insert(out.end(), std::lower_bound(sorted.begin(), sorted.end(), from), sorted.end());
}

}  // namespace

AtomIndex::AtomIndex() {
  static std::atomic<std::uint64_t> made{0};
  serial_ = ++made;
}

AtomIndex& AtomIndex::for_this_thread() {
  thread_local AtomIndex index;
  return index;
}

void AtomIndex::add(const Atom& atom) {
  if (!indexed(atom) || index_of(atom.id)) return;
  const auto index = size();
  atoms_.push_back(atom);
  if (index_by_id_.size() <= atom.id) index_by_id_.resize(atom.id + 1, 0);
  index_by_id_[atom.id] = index + 1;
  if (atom.exact()) {
    by_literal_[atom.literal].push_back(index);
    if (!atom.stem.empty()) by_stem_[atom.stem].push_back(index);
    return;
  }
  if (!atom.stem.empty()) stemmed_.push_back(index);
  if (by_length_.empty()) by_length_.resize(kLongest + 1);
  const std::uint32_t hi = std::min(atom.max_length, kLongest);
  for (std::uint32_t len = std::min(atom.min_length, kLongest); len <= hi; ++len) by_length_[len].push_back(index);
}

void AtomIndex::make_room(std::size_t words) {
  if (words_.size() + words > kMaxWords) words_.clear();
}

const std::vector<std::uint32_t>& AtomIndex::filled_by(std::string_view text, std::u32string_view chars,
                                                        std::string_view stem, const std::optional<double>& number,
                                                        std::uint64_t mask) {
  key_.assign(text).push_back('\0');
  key_ += stem;
  Word& word = words_[key_];
  if (word.checked == size()) return word.filled;
  const std::size_t before = word.filled.size();
  // Exact atoms: the same text, or the same stem.
  if (auto it = by_literal_.find(std::string(text)); it != by_literal_.end()) append_from(it->second, word.checked, word.filled);
  if (!stem.empty()) {
    if (auto it = by_stem_.find(std::string(stem)); it != by_stem_.end()) append_from(it->second, word.checked, word.filled);
    for (auto it = std::lower_bound(stemmed_.begin(), stemmed_.end(), word.checked); it != stemmed_.end(); ++it) {
      if (atoms_[*it].stem == stem) word.filled.push_back(*it);
    }
  }
  // The others, where the word's length allows: tested one by one.
  const auto len = static_cast<std::uint32_t>(std::min<std::size_t>(chars.size(), kLongest));
  if (len < by_length_.size()) {
    const auto& bucket = by_length_[len];
    for (auto it = std::lower_bound(bucket.begin(), bucket.end(), word.checked); it != bucket.end(); ++it) {
      if (atom_matches(atoms_[*it], chars, stem, number, mask)) word.filled.push_back(*it);
    }
  }
  if (word.filled.size() > before) {
    const auto from = word.filled.begin() + static_cast<std::ptrdiff_t>(before);
    std::sort(from, word.filled.end());
    word.filled.erase(std::unique(from, word.filled.end()), word.filled.end());
  }
  word.checked = size();
  return word.filled;
}

}  // namespace ec::match
