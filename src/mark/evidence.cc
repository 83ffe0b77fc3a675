// Evidence in one answer: which factors it names and which it explains, the key terms it uses,
// the misconceptions it states and the key words it misspells. Entry points: find_factors(),
// find_terms(), find_misconceptions(), note_spelling() (declared in work.h).
#include <algorithm>
#include <set>

#include "mark/marker.h"
#include "mark/work.h"

namespace ec::mark {

// A factor is explained where the answer links it to the outcome: causal language close to the
// words that name it (a few words before, or later in the same sentence), or later in its
// paragraph before another factor is named (point, evidence, explain); and supporting detail (an
// `explain` pattern) in the same or the next sentence. Naming it otherwise is mentioning it.
void find_factors(Work& w) {
  static const std::vector<rubric::Rule> none;
  const auto& factors = w.rules.factors;
  std::set<std::string> stimulus;
  for (const auto& s : w.rules.prompt->stimulus) stimulus.insert(s.factor);

  // Sentences that make a wrong claim (a rubric misconception) explain nothing.
  for (const auto* mc : w.rules.misconceptions) {
    auto found = w.sentences_matching(mc->claims);
    w.wrong_sentences.insert(w.wrong_sentences.end(), found.begin(), found.end());
  }
  std::sort(w.wrong_sentences.begin(), w.wrong_sentences.end());

  constexpr std::uint32_t kBefore = 4, kAfter = 25;
  const auto causal_hits = w.hits(w.rules.causal ? w.rules.causal->names : none);
  std::vector<std::vector<Work::Hit>> naming(factors.size());
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> named_in(w.n_sentences);  // (first word, factor)
  for (std::size_t i = 0; i < factors.size(); ++i) {
    naming[i] = w.hits(factors[i]->names);
    for (const auto& h : naming[i]) named_in[h.sentence].emplace_back(h.first, static_cast<std::uint32_t>(i));
  }
  for (auto& v : named_in) std::sort(v.begin(), v.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> all_named;  // (first word, factor), in text order
  for (const auto& v : named_in) all_named.insert(all_named.end(), v.begin(), v.end());
  std::sort(all_named.begin(), all_named.end());
  // Is the naming at `h` followed, within its paragraph and before another factor is named, by
  // causal language (or is causal language right beside it)?
  auto linked = [&](std::size_t i, const Work::Hit& h) {
    for (const auto& c : causal_hits) {
      if (c.sentence == h.sentence && c.first + kBefore >= h.first && c.first <= h.last + kAfter) return true;
      if (c.sentence <= h.sentence || !w.same_paragraph(h.sentence, c.sentence)) continue;
      auto from = std::upper_bound(all_named.begin(), all_named.end(), std::make_pair(h.last, ~0u));
      bool other_between = false;
      for (auto it = from; it != all_named.end() && it->first < c.first; ++it) {
        if (it->second != i) {
          other_between = true;
          break;
        }
      }
      if (!other_between) return true;
    }
    return false;
  };
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const auto* f = factors[i];
    FactorResult r;
    r.factor = f;
    r.stimulus = stimulus.count(f->id) > 0;
    w.detail_sentences[i] = w.sentences_matching(f->explain);
    for (const auto& h : naming[i]) {
      if (r.sentences.empty() || r.sentences.back() != h.sentence) r.sentences.push_back(h.sentence);
      auto& in = w.factors_in_sentence[h.sentence];
      if (std::find(in.begin(), in.end(), i) == in.end()) in.push_back(static_cast<std::uint32_t>(i));
      bool d = here_or_next(w, w.detail_sentences[i], h.sentence);
      bool c = linked(i, h) && !contains(w.wrong_sentences, h.sentence);
      r.detail = r.detail || d;
      r.causal = r.causal || c;
      if (d && c && !r.explained_in) r.explained_in = h.sentence;
    }
    std::sort(r.sentences.begin(), r.sentences.end());
    r.sentences.erase(std::unique(r.sentences.begin(), r.sentences.end()), r.sentences.end());
    r.status = r.explained_in ? FactorStatus::explained
               : r.sentences.empty() ? FactorStatus::missing
                                     : FactorStatus::mentioned;
    w.a.factors.push_back(std::move(r));
  }
}

void find_terms(Work& w) {
  for (const auto* t : w.rules.terms) {
    TermResult r;
    r.term = t;
    for (const auto& m : w.matches(t->names)) {
      // A term counts only inside a sentence that says something, not in a line of notes.
      const auto& sentence = w.doc.sentences()[w.sentence_at(m.span.start)];
      if (sentence.end_word - sentence.first_word < kSaysSomething) continue;
      if (r.evidence.size() < 3) r.evidence.push_back(m.span);
    }
    if (!r.evidence.empty()) ++w.terms_used;
    w.a.terms.push_back(std::move(r));
  }
}

void find_misconceptions(Work& w) {
  for (const auto* mc : w.rules.misconceptions) {
    auto found = w.matches(mc->claims);
    if (found.empty()) continue;
    ++w.errors;
    const auto& s = w.doc.sentences()[w.sentence_at(found.front().span.start)];
    w.a.flags.push_back(Flag{FlagKind::misconception, mc->correction + " (" + cards_text(mc->cards) + ")", s.span,
                             mc->cards});
  }
}

// Key words misspelt are flagged (they were still credited).
void note_spelling(Work& w) {
  for (auto& note : check_spelling(w.doc, *w.rules.vocabulary)) {
    if (!note.correct.empty()) {
      w.a.flags.push_back(Flag{FlagKind::misspelling,
                               "\"" + note.written + "\" is spelt \"" + note.correct + "\".", note.span, {}});
    }
    w.a.spelling.push_back(SpellingNote{note.span, note.correct});
  }
}

}  // namespace ec::mark
