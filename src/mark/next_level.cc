// The next level: the smallest change that would lift an answer, found by re-marking its measures
// with that change under the same scheme. Entry point: find_next_level() (declared in work.h).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "mark/marker.h"
#include "mark/work.h"

namespace ec::mark {

namespace {

// The least value of `measure` at which none of the scheme's caps holds for want of it: the
// largest threshold of a `measure < N` (or `<= N`) anywhere in a cap's condition; 0 when no cap
// asks for it. The threshold lives in the scheme file, not here.
double least_lifting(const rubric::MarkScheme& scheme, const std::string& measure) {
  double least = 0;
  auto walk = [&](const rubric::Condition& c, auto&& self) -> void {
    using Op = rubric::Condition::Op;
    using Cmp = rubric::Condition::Cmp;
    if (c.op == Op::compare && c.measure == measure) {
      if (c.cmp == Cmp::lt) least = std::max(least, c.value);
      if (c.cmp == Cmp::le) least = std::max(least, c.value + 1);
    }
    for (const auto& o : c.operands) self(o, self);
  };
  for (const auto& cap : scheme.caps) walk(cap.when, walk);
  return least;
}

}  // namespace

// The smallest change that lifts the answer: each candidate is re-marked with the same scheme, and
// the first (in order of effort) that reaches a higher level, or failing that a higher mark, wins.
std::optional<NextLevel> find_next_level(const Assessment& a, const rubric::MarkScheme& scheme) {
  struct Candidate {
    std::string change, task;
    std::vector<int> cards;
    std::vector<std::pair<std::string, double>> deltas;
    bool clears_errors = false;
  };
  std::vector<Candidate> candidates;
  if (a.measure("errors") > 0) {
    for (const auto& f : a.flags) {
      if (f.kind != FlagKind::factual_error && f.kind != FlagKind::misconception) continue;
      candidates.push_back({"correct-error", "Correct the mistake: " + f.message, f.cards, {}, true});
      break;
    }
  }
  const FactorResult* mentioned = nullptr;
  for (const auto& f : a.factors) {
    if (f.status != FactorStatus::mentioned) continue;
    if (!mentioned || (mentioned->stimulus && !f.stimulus)) mentioned = &f;
  }
  if (mentioned) {
    const auto* f = mentioned->factor;
    candidates.push_back({"explain-factor",
                          "You named \"" + f->label + "\": after that sentence, add one that shows how it " +
                              "led to the outcome, starting \"This meant that …\"" +
                              (f->hint.empty() ? "." : ". " + f->hint),
                          f->cards,
                          {{"explained", 1},
                           {"explained_paragraphs", 1},
                           {"mentioned", -1},
                           {"supported", mentioned->detail ? 0 : 1},
                           {"described", mentioned->detail ? 0 : 1},
                           {"explained_beyond_stimulus", mentioned->stimulus ? 0 : 1},
                           {"stimulus_explained", mentioned->stimulus ? 1 : 0}}});
  }
  for (const auto& fr : a.factors) {
    if (fr.status != FactorStatus::missing || fr.stimulus) continue;
    const auto* f = fr.factor;
    candidates.push_back({"add-factor",
                          "Add a paragraph on a cause of your own: " + f->label +
                              ". Say what happened, then how it led to the outcome" +
                              (f->hint.empty() ? "." : ". " + f->hint),
                          f->cards,
                          {{"explained", 1},
                           {"explained_paragraphs", 1},
                           {"credited", 1},
                           {"supported", 1},
                           {"features", 1},
                           {"described", 1},
                           {"beyond_stimulus", 1},
                           {"explained_beyond_stimulus", 1}}});
    break;
  }
  if (a.measure("judgement") == 0) {
    candidates.push_back({"add-judgement",
                          "Finish with a judgement: \"The most important reason was … because …\", backed by a fact "
                          "from your answer.",
                          {},
                          {{"judgement", 1}, {"sustained", 1}}});
  }
  if (a.measure("judgement") > 0 && a.measure("sustained") == 0) {
    candidates.push_back({"sustain-judgement",
                          "Argue your judgement through the answer, not only at the end: close each paragraph by saying "
                          "how that factor compares with the others, then conclude.",
                          {},
                          {{"sustained", 1}}});
  }
  if (a.measure("comparison") == 0) {
    candidates.push_back({"compare-factors",
                          "Weigh two factors against each other: \"… was more important than … because …\".",
                          {},
                          {{"comparison", 1}}});
  }
  // A generalised answer (little specific knowledge) stays low however well it links, where the
  // scheme caps it so: the facts from the cards are what it needs, as many as lift every such cap.
  if (const double specific = a.measure("specific"), enough = least_lifting(scheme, "specific"); specific < enough) {
    candidates.push_back({"add-knowledge",
                          "Support your points with specific knowledge from the cards: the names, key terms and dates "
                          "that show what happened.",
                          {},
                          {{"specific", enough - specific}}});
  }
  if (a.measure("keyword_list") > 0) {
    candidates.insert(candidates.begin(),
                      {"write-sentences",
                       "Turn your list into sentences: for each point, say what happened and add \"This meant "
                       "that …\".",
                       {},
                       {{"keyword_list", -1}, {"explained", 1}, {"explained_paragraphs", 1}, {"mentioned", -1}, {"supported", 1}}});
  }
  auto remark = [&](const std::vector<const Candidate*>& changes) {
    auto m = a.measures;
    for (const auto* c : changes) {
      for (const auto& [k, d] : c->deltas) m[k] += d;
      if (c->clears_errors) m["errors"] = 0;
    }
    // What more explanation or a judgement changes about the kind of answer.
    if (m["judgement"] > 0 || m["explained"] > 2) m["narrative"] = 0;
    return place(scheme, m, true);
  };
  const int level_now = a.level.value_or(0);
  std::optional<NextLevel> best_mark;
  auto consider = [&](const std::vector<const Candidate*>& changes) -> std::optional<NextLevel> {
    Placement p = remark(changes);
    NextLevel n{p.level, p.mark, "", "", {}};
    for (const auto* c : changes) {
      n.change += (n.change.empty() ? "" : "+") + c->change;
      n.task += (n.task.empty() ? "" : " Then: ") + c->task;
      n.cards.insert(n.cards.end(), c->cards.begin(), c->cards.end());
    }
    if (p.level && *p.level > level_now) return n;
    if (!best_mark && p.mark > a.mark) best_mark = n;
    return std::nullopt;
  };
  // One change, then two: the first that reaches a higher level, else the first that adds a mark.
  for (const auto& c : candidates) {
    if (auto n = consider({&c})) return n;
  }
  if (best_mark) return best_mark;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    for (std::size_t j = i + 1; j < candidates.size(); ++j) {
      if (auto n = consider({&candidates[i], &candidates[j]})) return n;
    }
  }
  return best_mark;
}

}  // namespace ec::mark
