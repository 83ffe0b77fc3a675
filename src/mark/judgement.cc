// Weighing and judging in one answer: a comparison of two factors, and a supported judgement
// (which reason mattered most, with a reason and support). Entry point: weigh_judgements()
// (declared in work.h).
#include <set>

#include "mark/work.h"

namespace ec::mark {

void weigh_judgements(Work& w) {
  // Weighing: comparison language with two different factors in that sentence or the next.
  auto weighs = [&](std::uint32_t s) {
    if (!contains(w.comparison, s)) return false;
    std::set<std::uint32_t> fs(w.factors_in_sentence[s].begin(), w.factors_in_sentence[s].end());
    if (w.same_paragraph(s, s + 1)) {
      fs.insert(w.factors_in_sentence[s + 1].begin(), w.factors_in_sentence[s + 1].end());
    }
    return fs.size() >= 2;
  };
  for (std::uint32_t s = 0; s < w.n_sentences; ++s) w.has_comparison = w.has_comparison || weighs(s);
  // A supported judgement: judgement language naming a factor, with a reason (causal language) and
  // support for it (the factor's detail, or a weighing against another factor) there or just after.
  for (auto s : w.judgement) {
    std::set<std::uint32_t> judged(w.factors_in_sentence[s].begin(), w.factors_in_sentence[s].end());
    if (judged.empty() || !here_or_next(w, w.causal, s)) continue;
    bool supported_here = weighs(s) || (w.same_paragraph(s, s + 1) && weighs(s + 1));
    for (auto f : judged) supported_here = supported_here || here_or_next(w, w.detail_sentences[f], s);
    if (supported_here) w.has_judgement = 1;
  }
}

}  // namespace ec::mark
