// Evidence in one answer: sentences that only chain key terms (term salad), which factors it
// names and which it explains, the key terms it uses, the misconceptions it states and the key
// words it misspells. Entry points: find_term_salad(), find_factors(), find_terms(),
// find_misconceptions(), note_spelling() (declared in work.h).
#include <algorithm>
#include <set>
#include <string_view>

#include "mark/marker.h"
#include "mark/work.h"

namespace ec::mark {

// Term salad: a sentence that is mostly the rubric's key words (factor names, terms, events) and
// connectives, chaining at least three separate key phrases with causal language, asserts no
// accurate link between them ("the Triumvirate meant that the NEP became the Right Opposition, so
// Socialism in One Country caused the Comrade Card Index"). So does a causal sentence whose cause
// is dated after its effect ("the 1927 expulsion caused the Triumvirate of 1923"): with "because",
// "due to" (signal `because`) the cause comes after the connective, otherwise before it. Such a
// sentence explains and judges nothing (`salad`). Whether the whole answer is incoherent reads a
// wider net (`salad_any`): key phrases of any topic ("Magnitogorsk caused the grain procurement
// crisis, so the Stakhanovites ended the NEP"), counted against the words of four letters or more,
// and chained across subjects that no revision card connects (density alone is not incoherence).
void find_term_salad(Work& w) {
  static const std::vector<rubric::Rule> none;
  const auto words = w.doc.words();
  std::vector<char> key(words.size(), 0), key_any(words.size(), 0), connective(words.size(), 0);
  auto mark_words = [&](const std::vector<rubric::Rule>& rules, std::vector<char>& into) {
    for (const auto& m : w.matches(rules)) {
      for (const auto& span : m.words) {  // a span may hold several words ([socialism in one country])
        for (auto wi : w.words_in(span)) into[wi] = 1;
      }
    }
  };
  for (const auto* f : w.rules.factors) mark_words(f->names, key);
  for (const auto* t : w.rules.terms) mark_words(t->names, key);
  for (const auto* e : w.rules.events) mark_words(e->names, key);
  for (const auto* rules : w.rules.key_phrases) mark_words(*rules, key_any);
  mark_words(w.rules.causal ? w.rules.causal->names : none, connective);
  const auto causal_hits = w.hits(w.rules.causal ? w.rules.causal->names : none);
  const auto years = years_in(w.doc);
  const auto sentences = w.doc.sentences();
  std::vector<std::uint32_t> cards;  // the cards each word's key phrases cite, found when first needed
  for (std::uint32_t s = 0; s < w.n_sentences; ++s) {
    if (w.duplicate[s] || !contains(w.causal, s)) continue;
    const auto& sentence = sentences[s];
    const std::uint32_t n = sentence.end_word - sentence.first_word;
    std::uint32_t covered = 0, phrases = 0;
    // The wider net: short words ("the", "was", "of") say nothing either way.
    std::uint32_t covered_any = 0, phrases_any = 0, longer = 0;
    for (auto wi = sentence.first_word; wi < sentence.end_word; ++wi) {
      covered += key[wi] || connective[wi];
      phrases += key[wi] && (wi == sentence.first_word || !key[wi - 1]);
      const bool counts = words[wi].folded.size() > 3 || key_any[wi] || connective[wi];
      longer += counts;
      covered_any += counts && (key_any[wi] || connective[wi]);
      phrases_any += key_any[wi] && (wi == sentence.first_word || !key_any[wi - 1]);
    }
    bool chained = n >= 6 && phrases >= 3 && covered * 10 >= n * 6;
    bool chained_any = n >= 6 && phrases_any >= 3 && covered_any * 10 >= longer * 6;
    // A cause dated after its effect: the years nearest either side of the connective.
    bool backwards = false;
    for (const auto& c : causal_hits) {
      if (c.sentence != s) continue;
      int before = 0, after = 0;
      for (const auto& y : years) {
        if (words[y.word].sentence != s) continue;
        if (y.word < c.first) before = y.value;
        if (y.word > c.last && after == 0) after = y.value;
      }
      if (before == 0 || after == 0) continue;
      const bool cause_follows = contains(w.because, s);
      backwards = backwards || (cause_follows ? after > before : before > after);
    }
    // Density alone is no evidence of incoherence: an accurate sentence may be dense with key words
    // ("As General Secretary from 1922 Stalin appointed supporters, so he controlled the Party
    // Congress and defeated the Left Opposition in 1927"). The wider net needs links the revision
    // cards never make: of the key phrases the sentence chains, in order, neighbours that no card
    // cites together ("the desire for peace" -> "the kulaks started the Five-Year Plans" ->
    // "Permanent Revolution"); the whole answer needs several (read_coherence). The cards each
    // phrase cites are found only for such a dense sentence.
    int unrelated = 0;
    if (chained_any && !chained && !backwards) {
      if (cards.empty()) {
        cards.assign(words.size(), 0);
        for (std::size_t k = 0; k < w.rules.key_phrases.size(); ++k) {
          for (const auto& m : w.matches(*w.rules.key_phrases[k])) {
            for (const auto& span : m.words) {
              for (auto wi : w.words_in(span)) cards[wi] |= w.rules.key_phrase_cards[k];
            }
          }
        }
      }
      // The sentence's key phrases (runs of key words) with the cards they cite, in order.
      std::vector<std::uint32_t> groups;
      for (auto wi = sentence.first_word; wi < sentence.end_word; ++wi) {
        if (!key_any[wi] || (wi > sentence.first_word && key_any[wi - 1])) continue;
        std::uint32_t mask = 0;
        for (auto k = wi; k < sentence.end_word && key_any[k]; ++k) mask |= cards[k];
        if (mask) groups.push_back(mask);
      }
      for (std::size_t i = 1; i < groups.size(); ++i) unrelated += !(groups[i - 1] & groups[i]);
    }
    if (chained || backwards) w.salad.push_back(s);
    if (chained || (chained_any && unrelated > 0) || backwards) w.salad_any.push_back(s);
    w.unrelated_links += unrelated;
    w.strong_salad += chained || backwards;
    w.anachronisms += backwards;
  }
}

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
  // In a "how far" question (its factors carry the side they argue) a factor then weighed against
  // the other side in a later sentence of its paragraph ("The towns were fed through the quota ...
  // This matters more than the fall in output", "... whereas the famine was over by 1934") is argued
  // as part of how far the statement holds: that weighing links it to the question as causal
  // language does. An aside in the factor's own sentence ("there were not many consumer goods
  // though") is no such argument; and causal links are preferred where there are both.
  const bool how_far = std::any_of(factors.begin(), factors.end(), [](const auto* f) { return !f->side.empty(); });
  // A paragraph that tells a story, in an answer that tells one in two or more of its paragraphs: it
  // opens by dating its event, not by naming its point, and at least half of its sentences (three or
  // more) are dated or say what happened next. Its opening sentence gives a year before it names any
  // factor ("The second plan was from 1933 to 1937.", "In 1927 there was a grain procurement
  // crisis."), or opens with a dated time clause ("When Lenin died in January 1924 ...", "After Lenin
  // died in 1924 ..."). Its "so", "because" and "this meant" join one event of the story to the next
  // ("the government paid low prices for grain so the peasants hoarded it"; "it was never published
  // so Stalin stayed in the job"): they tell what happened, not how a factor led to the question's
  // outcome, so they link no factor (the descriptors: "much of the answer describes what happened
  // rather than why"). A paragraph that opens on its point, dated after it ("Stalin became General
  // Secretary in 1922.", "The grain procurement crisis began in 1927.") or not at all ("Firstly
  // Stalin was afraid ..."), is not one, however many years it gives.
  std::vector<char> narrative_paragraph(w.doc.paragraphs().size(), 0);
  {
    static const std::set<std::string_view> time_words{"in",     "when", "after", "by",    "before",
                                                      "during", "from", "between", "until", "on"};
    constexpr std::uint32_t kTimeClause = 6;  // words in which a time clause gives its year
    std::vector<char> told(w.n_sentences, 0), dated_opening(w.n_sentences, 0);
    for (const auto& y : years_in(w.doc)) {
      const auto s = w.doc.words()[y.word].sentence;
      told[s] = 1;
      const auto first = w.doc.sentences()[s].first_word;
      const bool point_first = std::any_of(named_in[s].begin(), named_in[s].end(),
                                           [&](const auto& named) { return named.first < y.word; });
      const bool time_clause = time_words.count(w.doc.words()[first].folded) > 0 && y.word < first + kTimeClause;
      dated_opening[s] = dated_opening[s] || !point_first || time_clause;
    }
    for (auto s : w.sequence) told[s] = 1;
    for (std::size_t p = 0; p < w.doc.paragraphs().size(); ++p) {
      const auto& para = w.doc.paragraphs()[p];
      const auto n = para.end_sentence - para.first_sentence;
      if (n < 3 || !dated_opening[para.first_sentence]) continue;
      std::uint32_t t = 0;
      for (auto s = para.first_sentence; s < para.end_sentence; ++s) t += told[s];
      narrative_paragraph[p] = t * 2 >= n;
    }
    // A narrative answer tells its story paragraph after paragraph. One dated paragraph among argued
    // ones sets the scene for the argument, and its links may be the argument's own ("When Lenin died
    // in January 1924 Trotsky looked like the obvious successor ... Stalin could not beat him alone,
    // so in 1923 he had formed the Triumvirate"): it is read as any other paragraph.
    if (std::count(narrative_paragraph.begin(), narrative_paragraph.end(), 1) < 2) {
      std::fill(narrative_paragraph.begin(), narrative_paragraph.end(), 0);
    }
  }
  // Links inside a narrative paragraph count only when asked for (`narrated`, below).
  bool story_links = false;
  auto in_story = [&](std::uint32_t s) { return !story_links && narrative_paragraph[w.doc.sentences()[s].paragraph]; };
  const auto weighing_hits =
      how_far && w.rules.comparison ? w.hits(w.rules.comparison->names) : std::vector<Work::Hit>{};
  auto linked_by = [&](std::size_t i, const Work::Hit& h, const std::vector<Work::Hit>& hits, bool same_sentence) {
    for (const auto& c : hits) {
      if (contains(w.salad, c.sentence) || in_story(c.sentence)) continue;
      // "Socialism in One Country was more popular because of these reasons": a summing up of the
      // reasons given, naming none of them, links no factor in particular.
      if (c.sentence != h.sentence && contains(w.summary, c.sentence) && named_in[c.sentence].empty()) continue;
      if (same_sentence && c.sentence == h.sentence && c.first + kBefore >= h.first && c.first <= h.last + kAfter) return true;
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
  auto linked = [&](std::size_t i, const Work::Hit& h) { return linked_by(i, h, causal_hits, true); };
  auto weighed = [&](std::size_t i, const Work::Hit& h) { return linked_by(i, h, weighing_hits, false); };
  // The first factor a paragraph names (its point), or none.
  auto first_named = [&](const text::Paragraph& para) -> std::size_t {
    for (auto s = para.first_sentence; s < para.end_sentence; ++s) {
      if (!named_in[s].empty()) return named_in[s].front().second;
    }
    return factors.size();
  };
  for (const auto& para : w.doc.paragraphs()) w.paragraph_point.push_back(static_cast<std::uint32_t>(first_named(para)));
  // A sentence that refers back with a pronoun.
  auto refers_back = [&](std::uint32_t s) {
    static const std::set<std::string_view> pronouns{"he", "she", "they", "it", "his", "her", "their", "him", "them", "this", "these"};
    const auto& sentence = w.doc.sentences()[s];
    for (auto wi = sentence.first_word; wi < sentence.end_word; ++wi) {
      if (pronouns.count(w.doc.words()[wi].folded)) return true;
    }
    return false;
  };
  // Detail for factor i in sentence s in words beyond the question's own ("popular" in a question
  // on why a policy was popular is no detail).
  auto detail_beyond_question = [&](std::size_t i, std::uint32_t s) {
    const auto& qw = w.rules.question_words;
    const auto& qs = w.rules.question_stems;
    for (const auto& m : w.matches(factors[i]->explain)) {
      if (w.sentence_at(m.span.start) != s) continue;
      for (const auto& span : m.words) {
        for (auto wi : w.words_in(span)) {
          const auto& word = w.doc.words()[wi];
          if (!std::binary_search(qw.begin(), qw.end(), word.folded) && !std::binary_search(qs.begin(), qs.end(), word.stem)) {
            return true;
          }
        }
      }
    }
    return false;
  };
  // One factor's result: named, explained (where), with detail.
  auto assess = [&](std::size_t i) {
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
      bool c = linked(i, h) && !contains(w.wrong_sentences, h.sentence) && !contains(w.salad, h.sentence);
      r.detail = r.detail || d;
      r.causal = r.causal || c;
      if (d && c && !r.explained_in) r.explained_in = h.sentence;
    }
    // Linked to the outcome in one place and supported with detail in another (the point made, then
    // developed): that is explained too, credited where the link is made.
    if (!r.explained_in && r.detail && r.causal) {
      for (const auto& h : naming[i]) {
        if (linked(i, h) && !contains(w.wrong_sentences, h.sentence) && !contains(w.salad, h.sentence)) {
          r.explained_in = h.sentence;
          break;
        }
      }
    }
    // A paragraph's point (the first factor it names) goes on in its later sentences that name no
    // factor and refer back to it ("he", "they", "this"): their detail (in words beyond the
    // question's) is its detail, so a point
    // linked to the outcome and developed so is explained ("When Lenin died Trotsky was ill ... This
    // meant ... Then in 1925 he resigned as Commissar for War, which took away his support").
    if (!r.explained_in) {
      for (const auto& h : naming[i]) {
        const auto& para = w.doc.paragraphs()[w.doc.sentences()[h.sentence].paragraph];
        if (first_named(para) != i || !linked(i, h) || contains(w.wrong_sentences, h.sentence) ||
            contains(w.salad, h.sentence)) {
          continue;
        }
        for (auto d : w.detail_sentences[i]) {
          if (d <= h.sentence + 1 || d >= para.end_sentence || !named_in[d].empty() || !refers_back(d) ||
              !detail_beyond_question(i, d)) {
            continue;
          }
          r.detail = true;
          r.explained_in = h.sentence;
          break;
        }
        if (r.explained_in) break;
      }
    }
    // Weighed against the other side later in its paragraph, with its detail ("how far" only).
    for (const auto& h : naming[i]) {
      if (r.explained_in) break;
      if (!here_or_next(w, w.detail_sentences[i], h.sentence)) continue;
      if (weighed(i, h) && !contains(w.wrong_sentences, h.sentence) && !contains(w.salad, h.sentence)) {
        r.causal = true;
        r.explained_in = h.sentence;
      }
    }
    // A body paragraph that opens with a verdict on the statement in its own terms ("For the peasants it
    // was a catastrophe.", "But for the Five-Year Plans it worked.") and then supports its point (the
    // first factor it names) with detail argues that point as part of how far the statement holds:
    // the topic sentence links the point to the question as causal language does in an explain-why
    // answer ("how far" only; the descriptors' "weighs the statement against other factors").
    for (const auto& h : naming[i]) {
      if (r.explained_in || !how_far) break;
      // A body paragraph only: the answer's first paragraph opening with the statement restated or
      // answered ("The Five-Year Plans were a great success for Stalin.") is its introduction.
      const auto p = w.doc.sentences()[h.sentence].paragraph;
      if (p == 0) continue;
      const auto& para = w.doc.paragraphs()[p];
      const auto opener = para.first_sentence;
      if (!contains(w.verdict, opener) || contains(w.salad, opener) || contains(w.wrong_sentences, opener)) continue;
      if (first_named(para) != i || !here_or_next(w, w.detail_sentences[i], h.sentence)) continue;
      if (contains(w.wrong_sentences, h.sentence) || contains(w.salad, h.sentence)) continue;
      r.causal = true;
      r.explained_in = h.sentence;
    }
    std::sort(r.sentences.begin(), r.sentences.end());
    r.sentences.erase(std::unique(r.sentences.begin(), r.sentences.end()), r.sentences.end());
    r.status = r.explained_in ? FactorStatus::explained
               : r.sentences.empty() ? FactorStatus::missing
                                     : FactorStatus::mentioned;
    return r;
  };
  for (std::size_t i = 0; i < factors.size(); ++i) {
    auto r = assess(i);
    // Linked only by a story's own links: narrated, not explained (an implicit link at most).
    if (!r.explained_in && r.status == FactorStatus::mentioned) {
      story_links = true;
      w.narrated += assess(i).explained_in.has_value();
      story_links = false;
    }
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
    ++w.misconceptions;
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
