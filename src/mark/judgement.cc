// Weighing and judging in one answer: a comparison of two factors, a supported judgement (which
// reason mattered most, with a reason and support), and whether that judgement is sustained
// (argued in more than one place) rather than asserted once. Entry point: weigh_judgements()
// (declared in work.h).
#include <algorithm>
#include <set>

#include "mark/work.h"

namespace ec::mark {

void weigh_judgements(Work& w) {
  // The factors a sentence is about: those it names, or, when it names none ("so the post was more
  // important"), those of the sentence before it in its paragraph, which it refers back to.
  auto about = [&](std::uint32_t s) {
    std::set<std::uint32_t> fs(w.factors_in_sentence[s].begin(), w.factors_in_sentence[s].end());
    if (fs.empty() && s > 0 && w.same_paragraph(s - 1, s)) {
      fs.insert(w.factors_in_sentence[s - 1].begin(), w.factors_in_sentence[s - 1].end());
    }
    return fs;
  };
  // Weighing: comparison language with two different factors in that sentence (or the one it
  // refers back to) or the next.
  auto weighs = [&](std::uint32_t s) {
    if (!contains(w.comparison, s) || contains(w.salad, s)) return false;
    auto fs = about(s);
    if (w.same_paragraph(s, s + 1)) {
      fs.insert(w.factors_in_sentence[s + 1].begin(), w.factors_in_sentence[s + 1].end());
    }
    return fs.size() >= 2;
  };
  // Weighing that grades one factor against another ("more important than", "only mattered because",
  // "depended on", "on balance") rather than only turning to the other side with a contrast word
  // ("However the plans had big failures", "although the first plan missed its targets"): a
  // paragraph weighs, for the top of Level 4 (weighed_paragraphs), only by the first kind.
  static const std::vector<rubric::Rule> none;
  const auto comparison_hits = w.hits(w.rules.comparison ? w.rules.comparison->names : none);
  const auto contrast_hits = w.hits(w.rules.contrast ? w.rules.contrast->names : none);
  auto grades = [&](std::uint32_t s) {
    for (const auto& h : comparison_hits) {
      if (h.sentence != s) continue;
      const bool only_contrast = std::any_of(contrast_hits.begin(), contrast_hits.end(), [&](const Work::Hit& c) {
        return c.sentence == s && c.first <= h.first && c.last >= h.last;
      });
      if (!only_contrast) return true;
    }
    return false;
  };
  std::set<std::uint32_t> weighing;  // sentences that weigh or judge with a reason
  std::set<std::uint32_t> weighed_in;  // the paragraphs of the sentences that grade one factor against another
  for (std::uint32_t s = 0; s < w.n_sentences; ++s) {
    if (weighs(s)) {
      w.has_comparison = 1;
      weighing.insert(s);
      if (grades(s)) weighed_in.insert(w.doc.sentences()[s].paragraph);
    }
  }
  w.weighed_paragraphs = static_cast<int>(weighed_in.size());
  // In a "how far" question (its factors carry the side they argue) the statement itself is what
  // is judged: a judgement sentence that names no factor ("Overall I agree with the statement to a
  // large extent", "I largely agree that collectivisation was a disaster") is about the statement.
  const bool how_far = std::any_of(w.rules.factors.begin(), w.rules.factors.end(),
                                   [](const auto* f) { return !f->side.empty(); });
  // A supported judgement: judgement language about a factor (or the statement), with a reason
  // (causal language) in its paragraph and support for it (the factor's detail there or just after,
  // or a weighing against another factor in its paragraph; for the statement, a factor named or
  // weighed). In any question, a
  // judgement about a cause the rubrics do not name ("the nature of the party was the most important
  // because it decided how the others were received") is read like one on the statement: supported
  // when it goes on to weigh the named factors.
  for (auto s : w.judgement) {
    if (contains(w.salad, s)) continue;
    auto judged = about(s);
    // The statement, or a cause the rubrics do not name. In a "how far" question a judgement in the
    // statement's own terms (signal `verdict`) is about the statement even when it names the factors
    // it rests on ("Overall I think they were a success for Stalin because he got heavy industry").
    const bool statement = judged.empty() || (how_far && contains(w.verdict, s));
    // The reason may be given anywhere in the judgement's paragraph: a verdict, then its reasons
    // ("The desire for peace was the most important reason. ... because ..."), or the reasons first.
    const auto& para = w.doc.paragraphs()[w.doc.sentences()[s].paragraph];
    const bool reasoned = std::any_of(w.causal.begin(), w.causal.end(), [&](std::uint32_t c) {
      return c >= para.first_sentence && c < para.end_sentence && !contains(w.salad, c);
    });
    if (!reasoned) continue;
    weighing.insert(s);
    // Supported by weighing there or just after, or anywhere in the judgement's paragraph (a
    // conclusion that argues its verdict by setting the factors against each other).
    bool supported_here = weighs(s) || (w.same_paragraph(s, s + 1) && weighs(s + 1));
    for (auto t = para.first_sentence; t < para.end_sentence && !supported_here; ++t) supported_here = weighs(t);
    // A one-line verdict with a short reason ("I think the Five-Year Plans were the most important
    // reason because Stalin cared most about industry.") is asserted, not reasoned: the factor's
    // detail supports a judgement only when its paragraph argues it in more than one sentence, or
    // the verdict itself relates the factor to others ("fear of invasion gave the plans their
    // urgency and the failing NEP the opportunity, but the main reason was ..."), or develops its
    // reason at length (25 words or more).
    const auto& verdict = w.doc.sentences()[s];
    const bool argued = para.end_sentence - para.first_sentence >= 2 || w.factors_in_sentence[s].size() >= 2 ||
                        verdict.end_word - verdict.first_word >= 25;
    for (auto f : judged) supported_here = supported_here || (argued && here_or_next(w, w.detail_sentences[f], s));
    // A verdict argued in its paragraph is supported by the judged factor's detail anywhere after it
    // there ("The General Secretary's post was the most important reason. Trotsky's mistakes explain
    // why he lost in 1924-25. ... All of them were beaten by votes in a party Stalin had filled.").
    for (auto f : judged) {
      for (auto d : w.detail_sentences[f]) {
        supported_here = supported_here || (argued && d > s && d < para.end_sentence && !contains(w.salad, d));
      }
    }
    // On the statement (or a cause the rubrics do not name): supported by the factors its paragraph
    // names, before or after the verdict ("The kulaks who were removed were the best farmers, so
    // ... It paid for industrialisation ... I only agree to a limited extent.").
    for (auto t = para.first_sentence; statement && t < para.end_sentence && !supported_here; ++t) {
      supported_here = t != s && !w.factors_in_sentence[t].empty();
    }
    // A verdict on the statement that gives its reason and concedes the other side in the same
    // sentence ("I think the plans were a great success for Stalin because his aim was to make the
    // USSR strong, and he achieved this, even though the people suffered a lot") is a judgement,
    // partly justified (Level 3's "a judgement is given, though it may be only partly justified"). It
    // weighs nothing through the answer, so it is no comparison on its own.
    const bool conceded_verdict = statement && how_far && contains(w.comparison, s) && contains(w.causal, s);
    if (supported_here || conceded_verdict) w.has_judgement = 1;
    // A supported judgement on the statement that sets it against the other side in the same breath
    // ("on balance I agree ..., even if the human cost was enormous") weighs the two sides.
    // So does one whose paragraph sets the two sides against each other before or after it (signal
    // `contrast`: "So collectivisation was a disaster in human terms. ... But for the USSR as a
    // state it did what it was meant to do. ... I only agree to a limited extent.").
    bool concedes = contains(w.comparison, s) || (w.same_paragraph(s, s + 1) && contains(w.comparison, s + 1));
    for (auto t = para.first_sentence; t < para.end_sentence && !concedes; ++t) {
      concedes = contains(w.contrast, t) && !contains(w.salad, t);
    }
    if (supported_here && statement && how_far && concedes) w.has_comparison = 1;
  }
  // Sustained: the judgement is argued in at least two places, across paragraphs when there are
  // several; one sentence of assertion is not sustained.
  std::set<std::uint32_t> paragraphs;
  for (auto s : weighing) paragraphs.insert(w.doc.sentences()[s].paragraph);
  const bool several = w.doc.paragraphs().size() >= 2;
  w.sustained = w.has_judgement && weighing.size() >= 2 && (!several || paragraphs.size() >= 2) ? 1 : 0;
}

}  // namespace ec::mark
