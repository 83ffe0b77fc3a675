// Matching a compiled expression against a Subject, scope by scope. Words in order are matched by
// a memoised search over (item, last word used), linear in the scope's length; any-order (o)
// matching searches placements under a step budget. Entry point: evaluate_scopes().
#include "match/matcher.h"

#include <algorithm>

#include "match/atom_index.h"

namespace ec::match {
namespace {

using syntax::Node;
using syntax::Separator;

constexpr std::uint32_t kNone = 0xFFFFFFFF;
constexpr long kStepBudget = 200000;  // any-order search steps per node and scope

class Evaluator {
 public:
  // Nothing is looked up yet: whether a slot occurs at all is asked lazily by `possible()`, cheap
  // slots first, and most rules fail there.
  Evaluator(const CompiledExpression& ex, const Subject& subject) : ex_(ex), sub_(subject) {
    positions_.clear();
    slot_start_.assign(ex.slots.size() + 1, 0);
    presence_.assign(ex.slots.size(), kUnknown);
  }

  // Every slot's positions, one after another in one buffer.
  void build() {
    positions_.clear();
    for (std::size_t s = 0; s < ex_.slots.size(); ++s) {
      const auto first = static_cast<std::ptrdiff_t>(positions_.size());
      std::size_t sources = 0;
      for (auto a : ex_.slots[s].atoms) {
        for (auto t : types_of(ex_.atoms[a])) {
          auto pos = sub_.positions(t);
          positions_.insert(positions_.end(), pos.begin(), pos.end());
          ++sources;
        }
      }
      if (sources > 1) {  // one type's positions are already sorted and distinct
        std::sort(positions_.begin() + first, positions_.end());
        positions_.erase(std::unique(positions_.begin() + first, positions_.end()), positions_.end());
      }
      slot_start_[s + 1] = static_cast<std::uint32_t>(positions_.size());
    }
  }

  // Can the expression match only where one of its words occurs? (False under not(…).)
  static bool needs_a_word(const CompiledNode& node) {
    switch (node.kind) {
      case Node::Kind::match: return true;
      case Node::Kind::all:
        return std::any_of(node.children.begin(), node.children.end(), needs_a_word);
      case Node::Kind::any:
        return std::all_of(node.children.begin(), node.children.end(), needs_a_word);
      case Node::Kind::not_: return false;
    }
    return false;
  }
  bool root_needs_a_word() const { return needs_a_word(ex_.root); }

  // Could the node match anywhere in the answer at all? (Every item of a match has an alternative
  // whose every word occurs somewhere.) Most rules of a rubric fail here, before any scope is tried.
  // First a pass that looks up only cheap words (exact, numbers, prefixes, or already known) and
  // takes the rest as present: when even that fails, no misspelling or wildcard word is searched.
  bool root_possible() const {
    guessed_ = false;
    return possible(ex_.root, false) && (!guessed_ || possible(ex_.root, true));
  }

  bool possible(const CompiledNode& node, bool full) const {
    switch (node.kind) {
      case Node::Kind::match:
        for (const auto& item : node.items) {
          bool any = false;
          for (const auto& phrase : item.alternatives) {
            bool all = true;
            for (auto slot : phrase.words) all = all && present(slot, full);
            any = any || all;
          }
          if (!any) return false;
        }
        return true;
      case Node::Kind::all:
        return std::all_of(node.children.begin(), node.children.end(), [&](const auto& c) { return possible(c, full); });
      case Node::Kind::any:
        return std::any_of(node.children.begin(), node.children.end(), [&](const auto& c) { return possible(c, full); });
      case Node::Kind::not_: return true;
    }
    return true;
  }

  // Sorted positions of every word of the expression found in the answer.
  // Positions that every match must use one of: for a plain match( ), the rarest item's words
  // (every scope that matches holds one); otherwise every word of the expression.
  const std::vector<std::uint32_t>& anchor_positions() const {
    if (ex_.root.kind != Node::Kind::match) return all_positions();
    const CompiledItem* rarest = nullptr;
    std::size_t fewest = ~std::size_t{0};
    for (const auto& item : ex_.root.items) {
      std::size_t n = 0;
      for (const auto& phrase : item.alternatives) {
        std::size_t least = ~std::size_t{0};
        for (auto slot : phrase.words) least = std::min<std::size_t>(least, slot_start_[slot + 1] - slot_start_[slot]);
        n += least;
      }
      if (n < fewest) {
        fewest = n;
        rarest = &item;
      }
    }
    auto& all = scratch_.all;
    all.clear();
    for (const auto& phrase : rarest->alternatives) {
      std::uint32_t best = phrase.words.front();
      for (auto slot : phrase.words) {
        if (slot_start_[slot + 1] - slot_start_[slot] < slot_start_[best + 1] - slot_start_[best]) best = slot;
      }
      all.insert(all.end(), positions_.begin() + slot_start_[best], positions_.begin() + slot_start_[best + 1]);
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
  }

  const std::vector<std::uint32_t>& all_positions() const {
    auto& all = scratch_.all;
    all.assign(positions_.begin(), positions_.end());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
  }

  bool evaluate(Subject::Range scope, std::vector<std::uint32_t>& words) {
    a_ = scope.first;
    b_ = scope.second;
    return eval(ex_.root, words);
  }

 private:
  static constexpr unsigned char kUnknown = 0, kAbsent = 1, kPresent = 2;
  // An atom whose look-up scans the answer's words (misspellings, wildcards without a prefix).
  bool costly(const Atom& atom) const {
    if (!is_costly(atom) || sub_.cached(atom.id)) return false;
    auto index = index_.index_of(atom.id);
    return !index || *index >= sub_.known_count(index_);
  }
  // Does any word of the answer fill `slot`? Unless `full`, a slot whose answer needs a costly
  // look-up is taken as present without one.
  bool present(std::uint32_t slot, bool full) const {
    if (presence_[slot] != kUnknown) return presence_[slot] == kPresent;
    const auto& atoms = ex_.slots[slot].atoms;
    if (!full) {
      for (auto a : atoms) {
        if (costly(ex_.atoms[a])) return guessed_ = true;
      }
    }
    presence_[slot] = kAbsent;
    for (auto a : atoms) {
      if (!types_of(ex_.atoms[a]).empty()) {
        presence_[slot] = kPresent;
        break;
      }
    }
    return presence_[slot] == kPresent;
  }

  // The answer's word types that fill `atom`: by exact look-up, stem, prefix range or length
  // bucket, remembered in the Subject so the other rules of a rubric reuse the answer.
  // The span stays valid until the next call.
  std::span<const std::uint32_t> types_of(const Atom& atom) const {
    // Known to this thread from earlier answers: the answer's words were looked up once, together.
    if (auto index = index_.index_of(atom.id); index && *index < sub_.known_count(index_)) {
      return sub_.known_types(*index);
    }
    if (sub_.cached(atom.id)) return sub_.cached_types(atom.id);
    index_.add(atom);  // for the next answers
    auto& out = scratch_.types;
    out.clear();
    const auto& types = sub_.types();
    auto test = [&](std::uint32_t t) {
      const auto& type = types[t];
      if (atom_matches(atom, type.chars, type.stem, type.number, type.mask)) out.push_back(t);
    };
    if (is_costly(atom)) {
      const std::uint32_t hi = static_cast<std::uint32_t>(std::min<std::size_t>(atom.max_length, sub_.longest()));
      for (std::uint32_t len = atom.min_length; len <= hi; ++len) {
        for (auto t : sub_.types_of_length(len)) test(t);
      }
    } else if (atom.number) {
      for (auto t : sub_.numeric_types()) test(t);
      if (auto t = sub_.find(atom.literal); !atom.wildcards && t && !types[*t].number) out.push_back(*t);
    } else if (atom.exact()) {
      if (auto t = sub_.find(atom.literal)) out.push_back(*t);
      if (!atom.stem.empty()) {
        auto same = sub_.types_with_stem(atom.stem);
        out.insert(out.end(), same.begin(), same.end());
      }
    } else if (!atom.prefix.empty()) {
      for (auto t : sub_.types_starting_with(static_cast<unsigned char>(atom.prefix[0]))) {
        if (types[t].text.starts_with(atom.prefix)) test(t);
      }
    }
    if (!atom.stem.empty() && !atom.exact()) {
      auto same = sub_.types_with_stem(atom.stem);
      out.insert(out.end(), same.begin(), same.end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return sub_.remember(atom.id, out);
  }

  // Positions of `slot` in [from, to), as a sorted range.
  std::pair<const std::uint32_t*, const std::uint32_t*> candidates(std::uint32_t slot, std::uint32_t from,
                                                                    std::uint32_t to) const {
    const std::uint32_t* begin = positions_.data() + slot_start_[slot];
    const std::uint32_t* end = positions_.data() + slot_start_[slot + 1];
    const std::uint32_t* lo = std::lower_bound(begin, end, from);
    return {lo, std::lower_bound(lo, end, to)};
  }
  bool is_candidate(std::uint32_t slot, std::uint32_t pos) const {
    return std::binary_search(positions_.data() + slot_start_[slot], positions_.data() + slot_start_[slot + 1], pos);
  }
  bool same_sentence(std::uint32_t x, std::uint32_t y) const {
    return sub_.tokens()[x].sentence == sub_.tokens()[y].sentence;
  }

  bool eval(const CompiledNode& node, std::vector<std::uint32_t>& words) {
    switch (node.kind) {
      case Node::Kind::match:
        return node.flags.any_order ? match_any_order(node, words) : match_in_order(node, words);
      case Node::Kind::any:
        for (const auto& child : node.children) {
          const std::size_t mark = words.size();
          if (eval(child, words)) return true;
          words.resize(mark);
        }
        return false;
      case Node::Kind::all: {
        const std::size_t mark = words.size();
        for (const auto& child : node.children) {
          if (!eval(child, words)) {
            words.resize(mark);
            return false;
          }
        }
        return true;
      }
      case Node::Kind::not_: {
        const std::size_t mark = words.size();
        bool matched = eval(node.children.front(), words);
        words.resize(mark);
        return !matched;
      }
    }
    return false;
  }

  // Where item `i` may start, given the last word `e` of the item before (kNone for the first).
  // Calls f(start) for each candidate start of `slot`, in order, until f returns true.
  template <class F>
  bool for_each_start(const CompiledNode& node, std::size_t i, std::uint32_t e, std::uint32_t slot, F&& f) {
    const bool w = node.flags.extra_words;
    std::uint32_t from = a_, to = b_;
    bool proximity = i > 0 && node.separators[i - 1] == Separator::proximity;
    if (e != kNone) {
      from = e + 1;
      if (!w) to = std::min(to, e + 2);
      else if (proximity) to = std::min<std::uint32_t>(to, e + 2 + static_cast<std::uint32_t>(node.flags.window));
    } else if (!w && !node.flags.any_order) {
      to = std::min(to, a_ + 1);
    }
    if (from >= to) return false;
    auto [p, q] = candidates(slot, from, to);
    for (; p != q; ++p) {
      if (proximity && e != kNone && !same_sentence(e, *p)) continue;
      if (f(*p)) return true;
    }
    return false;
  }

  // ---- words in order -------------------------------------------------------------------------
  bool match_in_order(const CompiledNode& node, std::vector<std::uint32_t>& words) {
    const std::uint32_t n = b_ - a_;
    const std::size_t items = node.items.size();
    failed_.assign((items + 1) * (n + 1), 0);
    path_.clear();
    if (!in_order(node, 0, kNone)) return false;
    words.insert(words.end(), path_.begin(), path_.end());
    return true;
  }

  bool in_order(const CompiledNode& node, std::size_t i, std::uint32_t e) {
    const bool w = node.flags.extra_words;
    if (i == node.items.size()) return w || (e != kNone && e + 1 == b_) || (e == kNone && a_ == b_);
    std::size_t key = i * (b_ - a_ + 1) + (e == kNone ? 0 : e - a_ + 1);
    if (failed_[key]) return false;
    // With extra words allowed and a plain space next, an earlier end is never worse than a later
    // one: the first placement that fails ends the search for this alternative.
    const bool monotone = w && (i + 1 == node.items.size() || node.separators[i] == Separator::space);
    for (const auto& phrase : node.items[i].alternatives) {
      bool success = false;
      for_each_start(node, i, e, phrase.words[0], [&](std::uint32_t s) {
        const std::size_t mark = path_.size();
        path_.push_back(s);
        std::uint32_t last = s;
        for (std::size_t j = 1; j < phrase.words.size(); ++j) {
          std::uint32_t next = kNone;
          if (w) {
            auto [p, q] = candidates(phrase.words[j], last + 1, b_);
            if (p != q) next = *p;
          } else if (last + 1 < b_ && is_candidate(phrase.words[j], last + 1)) {
            next = last + 1;
          }
          if (next == kNone) {
            path_.resize(mark);
            return monotone;
          }
          if (j + 1 < phrase.words.size()) path_.push_back(next);
          last = next;
        }
        if (phrase.words.size() == 1) {
          if (in_order(node, i + 1, s)) return success = true;
          path_.resize(mark);
          return monotone;
        }
        // The earliest end first; with gaps allowed, every later position of the last word too.
        path_.push_back(last);
        if (in_order(node, i + 1, last)) return success = true;
        path_.pop_back();
        if (w && !monotone) {
          auto [p, q] = candidates(phrase.words.back(), last + 1, b_);
          for (; p != q; ++p) {
            path_.push_back(*p);
            if (in_order(node, i + 1, *p)) return success = true;
            path_.pop_back();
          }
        }
        path_.resize(mark);
        return monotone;
      });
      if (success) return true;
    }
    failed_[key] = 1;
    return false;
  }

  // ---- any order (o) --------------------------------------------------------------------------
  bool match_any_order(const CompiledNode& node, std::vector<std::uint32_t>& words) {
    chains_.clear();
    chains_.emplace_back(1, 0);
    for (std::size_t i = 1; i < node.items.size(); ++i) {
      if (node.separators[i - 1] == Separator::proximity) chains_.back().push_back(i);
      else chains_.emplace_back(1, i);
    }
    used_.assign(b_ - a_, 0);
    used_count_ = 0;
    steps_ = 0;
    path_.clear();
    if (!place_chain(node, 0)) return false;
    std::vector<std::uint32_t> sorted = path_;
    std::sort(sorted.begin(), sorted.end());
    words.insert(words.end(), sorted.begin(), sorted.end());
    return true;
  }

  bool take(std::uint32_t pos) {
    if (used_[pos - a_]) return false;
    used_[pos - a_] = 1;
    ++used_count_;
    path_.push_back(pos);
    return true;
  }
  void give_back(std::size_t mark) {
    while (path_.size() > mark) {
      used_[path_.back() - a_] = 0;
      --used_count_;
      path_.pop_back();
    }
  }

  bool place_chain(const CompiledNode& node, std::size_t c) {
    if (++steps_ > kStepBudget) return false;
    if (c == chains_.size()) return node.flags.extra_words || used_count_ == b_ - a_;
    return place_item(node, c, 0, kNone);
  }

  bool place_item(const CompiledNode& node, std::size_t c, std::size_t k, std::uint32_t e) {
    if (k == chains_[c].size()) return place_chain(node, c + 1);
    const std::size_t i = chains_[c][k];
    for (const auto& phrase : node.items[i].alternatives) {
      bool ok = for_each_start(node, k == 0 ? 0 : i, k == 0 ? kNone : e, phrase.words[0], [&](std::uint32_t s) {
        if (++steps_ > kStepBudget) return true;  // stop searching
        std::size_t mark = path_.size();
        if (!take(s)) return false;
        if (place_phrase(node, c, k, phrase, 1, s)) return true;
        give_back(mark);
        return false;
      });
      if (steps_ > kStepBudget) return false;
      if (ok) return true;
    }
    return false;
  }

  bool place_phrase(const CompiledNode& node, std::size_t c, std::size_t k, const CompiledPhrase& phrase,
                    std::size_t j, std::uint32_t last) {
    if (j == phrase.words.size()) return place_item(node, c, k + 1, last);
    if (++steps_ > kStepBudget) return false;
    if (node.flags.extra_words) {
      auto [p, q] = candidates(phrase.words[j], last + 1, b_);
      for (; p != q; ++p) {
        std::size_t mark = path_.size();
        if (!take(*p)) continue;
        if (place_phrase(node, c, k, phrase, j + 1, *p)) return true;
        give_back(mark);
        if (steps_ > kStepBudget) return false;
      }
      return false;
    }
    std::uint32_t next = last + 1;
    if (next >= b_ || !is_candidate(phrase.words[j], next)) return false;
    std::size_t mark = path_.size();
    if (!take(next)) return false;
    if (place_phrase(node, c, k, phrase, j + 1, next)) return true;
    give_back(mark);
    return false;
  }

  const CompiledExpression& ex_;
  const Subject& sub_;
  // Working memory, reused by every pattern this thread matches (no allocation per pattern).
  struct Scratch {
    std::vector<std::uint32_t> positions, slot_start, path, all, types;
    std::vector<unsigned char> failed, used, presence;
  };
  static Scratch& scratch() {
    thread_local Scratch s;
    return s;
  }
  Scratch& scratch_ = scratch();
  std::vector<std::uint32_t>& positions_ = scratch_.positions;   // token positions of every slot, slot after slot
  std::vector<std::uint32_t>& slot_start_ = scratch_.slot_start;  // slot s: positions_[slot_start_[s], slot_start_[s + 1])
  std::uint32_t a_ = 0, b_ = 0;
  std::vector<unsigned char>& failed_ = scratch_.failed;
  std::vector<std::uint32_t>& path_ = scratch_.path;
  std::vector<std::vector<std::size_t>> chains_;
  std::vector<unsigned char>& used_ = scratch_.used;
  std::vector<unsigned char>& presence_ = scratch_.presence;  // per slot: kUnknown, kAbsent, kPresent
  mutable bool guessed_ = false;  // possible() took a slot as present without looking it up
  AtomIndex& index_ = AtomIndex::for_this_thread();
  std::uint32_t used_count_ = 0;
  long steps_ = 0;
};

}  // namespace

std::vector<Match> evaluate_scopes(const CompiledExpression& ex, const Subject& subject, Scope scope) {
  Evaluator ev(ex, subject);
  std::vector<Match> out;
  if (!ev.root_possible()) return out;
  ev.build();
  const auto& scopes = subject.scopes(scope);
  // Most rules need one of their words: then only the scopes holding such a word are tried.
  const bool sparse = ev.root_needs_a_word();
  static const std::vector<std::uint32_t> no_positions;
  const std::vector<std::uint32_t>& positions = sparse ? ev.anchor_positions() : no_positions;
  auto next = positions.begin();
  std::vector<std::uint32_t> words;
  for (std::uint32_t s = 0; s < scopes.size(); ++s) {
    if (sparse) {
      next = std::lower_bound(next, positions.end(), scopes[s].first);
      if (next == positions.end()) break;
      if (*next >= scopes[s].second) {
        // Jump straight to the scope that holds the next position (sentences are tokens' own).
        if (scope == Scope::sentence) s = subject.tokens()[*next].sentence - 1;
        continue;
      }
    }
    words.clear();
    if (!ev.evaluate(scopes[s], words)) continue;
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    Match m;
    m.scope = s;
    for (auto w : words) m.words.push_back(subject.tokens()[w].span);
    if (!m.words.empty()) {
      m.span = Span{m.words.front().start, m.words.back().end};
    } else if (scopes[s].first < scopes[s].second) {
      m.span = Span{subject.tokens()[scopes[s].first].span.start, subject.tokens()[scopes[s].second - 1].span.end};
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace ec::match
