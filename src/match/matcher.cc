// Matching a compiled expression against a Subject, scope by scope. Words in order are matched by
// a memoised search over (item, last word used), linear in the scope's length; any-order (o)
// matching searches placements under a step budget. Entry point: evaluate_scopes().
#include "match/matcher.h"

#include <algorithm>

namespace ec::match {
namespace {

using syntax::Node;
using syntax::Separator;

constexpr std::uint32_t kNone = 0xFFFFFFFF;
constexpr long kStepBudget = 200000;  // any-order search steps per node and scope

class Evaluator {
 public:
  Evaluator(const CompiledExpression& ex, const Subject& subject) : ex_(ex), sub_(subject) {
    slot_positions_.resize(ex.slots.size());
    std::vector<std::vector<std::uint32_t>> atom_types(ex.atoms.size());
    for (std::size_t a = 0; a < ex.atoms.size(); ++a) atom_types[a] = types_of(ex.atoms[a]);
    for (std::size_t s = 0; s < ex.slots.size(); ++s) {
      auto& out = slot_positions_[s];
      for (auto a : ex.slots[s].atoms) {
        for (auto t : atom_types[a]) {
          const auto& pos = sub_.positions(t);
          out.insert(out.end(), pos.begin(), pos.end());
        }
      }
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    }
  }

  bool evaluate(Subject::Range scope, std::vector<std::uint32_t>& words) {
    a_ = scope.first;
    b_ = scope.second;
    return eval(ex_.root, words);
  }

 private:
  std::vector<std::uint32_t> types_of(const Atom& atom) const {
    std::vector<std::uint32_t> out;
    if (atom.exact() && atom.stem.empty() && !atom.number) {
      if (auto t = sub_.find(atom.literal)) out.push_back(*t);
      return out;
    }
    if (!atom.stem.empty() && !atom.wildcards && atom.max_edits == 0) {
      if (auto t = sub_.find(atom.literal)) out.push_back(*t);
      if (const auto* same = sub_.types_with_stem(atom.stem)) out.insert(out.end(), same->begin(), same->end());
      if (!atom.number) {
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
      }
    }
    const auto& types = sub_.types();
    for (std::uint32_t t = 0; t < types.size(); ++t) {
      if (atom_matches(atom, types[t].chars, types[t].stem, types[t].number)) out.push_back(t);
    }
    return out;
  }

  // Positions of `slot` in [from, to), as a sorted range.
  std::pair<const std::uint32_t*, const std::uint32_t*> candidates(std::uint32_t slot, std::uint32_t from,
                                                                    std::uint32_t to) const {
    const auto& v = slot_positions_[slot];
    auto lo = std::lower_bound(v.begin(), v.end(), from);
    auto hi = std::lower_bound(lo, v.end(), to);
    return {v.data() + (lo - v.begin()), v.data() + (hi - v.begin())};
  }
  bool is_candidate(std::uint32_t slot, std::uint32_t pos) const {
    const auto& v = slot_positions_[slot];
    return std::binary_search(v.begin(), v.end(), pos);
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
          std::vector<std::uint32_t> w;
          if (eval(child, w)) {
            words.insert(words.end(), w.begin(), w.end());
            return true;
          }
        }
        return false;
      case Node::Kind::all: {
        std::vector<std::uint32_t> all;
        for (const auto& child : node.children) {
          if (!eval(child, all)) return false;
        }
        words.insert(words.end(), all.begin(), all.end());
        return true;
      }
      case Node::Kind::not_: {
        std::vector<std::uint32_t> ignored;
        return !eval(node.children.front(), ignored);
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
        std::vector<std::uint32_t> ends{last};
        if (w && !monotone) {
          auto [p, q] = candidates(phrase.words.back(), last + 1, b_);
          ends.insert(ends.end(), p, q);
        }
        for (auto end : ends) {
          path_.push_back(end);
          if (in_order(node, i + 1, end)) return success = true;
          path_.pop_back();
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
  std::vector<std::vector<std::uint32_t>> slot_positions_;
  std::uint32_t a_ = 0, b_ = 0;
  std::vector<unsigned char> failed_;
  std::vector<std::uint32_t> path_;
  std::vector<std::vector<std::size_t>> chains_;
  std::vector<unsigned char> used_;
  std::uint32_t used_count_ = 0;
  long steps_ = 0;
};

}  // namespace

std::vector<Match> evaluate_scopes(const CompiledExpression& ex, const Subject& subject, Scope scope) {
  Evaluator ev(ex, subject);
  std::vector<Match> out;
  const auto& scopes = subject.scopes(scope);
  for (std::uint32_t s = 0; s < scopes.size(); ++s) {
    std::vector<std::uint32_t> words;
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
