// What kind of answer this is, read from its shape rather than its history: a list of notes, a
// narrative, padding, the question copied back, an answer to another question; and the flags
// about the whole answer that say so. Entry points: read_answer_kind(), flag_whole_answer()
// (declared in work.h).
#include <algorithm>
#include <map>
#include <set>

#include "mark/work.h"

namespace ec::mark {

void read_answer_kind(Work& w) {
  const auto& doc = w.doc;
  auto& a = w.a;
  const auto sentences = doc.sentences();
  // A list: most "sentences" are short lines of notes without a full stop, or very short.
  int short_sentences = 0, note_lines = 0, longest = 0;
  for (const auto& s : sentences) {
    int n = static_cast<int>(s.end_word - s.first_word);
    short_sentences += n <= 4;
    std::string_view text = doc.text(s.span);
    while (!text.empty() && (text.back() == '"' || text.back() == '\'' || text.back() == ')')) text.remove_suffix(1);
    bool stopped = !text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == '?');
    note_lines += n <= 8 && !stopped;
    longest = std::max(longest, n);
  }
  // Or the items of a list run on one line: a "sentence" of four or more items between commas or
  // semicolons, nearly all of them a few words (terms and dates without verbs), holding most of
  // the answer's words.
  int list_words = 0;
  for (const auto& s : sentences) {
    int items = 0, short_items = 0, in_item = 0;
    auto close_item = [&] {
      if (in_item == 0) return;
      ++items;
      short_items += in_item <= 4;
      in_item = 0;
    };
    std::uint32_t at = s.span.start;
    for (auto wi = s.first_word; wi < s.end_word; ++wi) {
      const auto& word = doc.words()[wi];
      std::string_view between = doc.text(Span{at, word.span.start});
      if (between.find_first_of(",;\n") != std::string_view::npos) close_item();
      ++in_item;
      at = word.span.end;
    }
    close_item();
    if (items >= 4 && short_items * 10 >= items * 8) list_words += static_cast<int>(s.end_word - s.first_word);
  }
  w.keyword_list = (a.sentences >= 3 && (short_sentences * 10 >= a.sentences * 6 ||
                                         note_lines * 10 >= a.sentences * 6 || longest < 6)) ||
                           (a.words > 0 && list_words * 10 >= a.words * 6)
                       ? 1
                       : 0;
  int duplicates = static_cast<int>(std::count(w.duplicate.begin(), w.duplicate.end(), true));
  w.padding = duplicates >= 2 || (a.sentences > 0 && duplicates * 4 >= a.sentences) ? 1 : 0;
  std::set<std::uint32_t> dated;
  for (const auto& y : years_in(doc)) dated.insert(doc.words()[y.word].sentence);
  int told = 0;
  for (std::uint32_t s = 0; s < w.n_sentences; ++s) told += dated.count(s) || contains(w.sequence, s);
  // A narrative: most sentences tell events in order (a date or "then", "after that"), little is
  // explained and nothing is judged.
  w.narrative = a.sentences >= 4 && !w.keyword_list && !w.has_judgement &&
                        ((told * 10 >= a.sentences * 4 && w.explained <= 1) ||
                         (told * 10 >= a.sentences * 5 && w.explained <= 2))
                    ? 1
                    : 0;
  // The question copied back: nearly every word of the answer is a word of the question.
  const auto& question_words = w.rules.question_words;
  if (a.words > 0 && a.words <= static_cast<int>(question_words.size()) + 4) {
    int in_question = 0;
    for (const auto& word : doc.words()) {
      in_question += std::binary_search(question_words.begin(), question_words.end(), word.folded);
    }
    w.copied = in_question * 10 >= a.words * 7 ? 1 : 0;
  }
  // The question in other words ("Why did Stalin win the power struggle after Lenin died?"): short,
  // crediting nothing, giving no reason, and using at least half of the question's key words.
  const auto& stems = w.rules.question_stems;
  std::set<std::string> stems_used;
  for (const auto& word : doc.words()) {
    if (std::binary_search(stems.begin(), stems.end(), word.stem)) stems_used.insert(word.stem);
  }
  // On the question's subject: at least half of its key words are used (an answer to another
  // question on the same subject, such as a description of collectivisation, is still about it).
  w.on_subject = !stems.empty() && stems_used.size() * 2 >= stems.size() ? 1 : 0;
  const bool credits = w.explained + w.mentioned + w.terms_used + w.dates_correct > 0;
  // Does a span hold a word that is not one of the question's own?
  auto beyond_question = [&](const Span& span) {
    for (auto wi : w.words_in(span)) {
      if (!std::binary_search(question_words.begin(), question_words.end(), doc.words()[wi].folded)) return true;
    }
    return false;
  };
  // Key terms beyond those the question itself names ("the NEP" in a question about the NEP).
  int own_terms = 0;
  for (const auto& t : a.terms) own_terms += std::any_of(t.evidence.begin(), t.evidence.end(), beyond_question);
  // Factors named in words beyond the question's own (a "which was more important" question names
  // both of its factors: naming them back is restating it).
  int own_factors = 0;
  for (const auto& f : a.factors) {
    if (f.status == FactorStatus::missing) continue;
    const auto named = w.hits(f.factor->names);
    own_factors += std::any_of(named.begin(), named.end(), [&](const Work::Hit& h) {
      for (auto wi = h.first; wi <= h.last && wi < doc.words().size(); ++wi) {
        if (!std::binary_search(question_words.begin(), question_words.end(), doc.words()[wi].folded)) return true;
      }
      return false;
    });
  }
  const bool credits_beyond_question = w.explained + own_factors + own_terms + w.dates_correct > 0;
  // Specific knowledge: key terms of any topic's rubric (the Nepmen, the kulaks, Gosplan) that say
  // more than the question's own words, and years given (right or wrong, they are a claim of fact).
  auto count_terms = [&](const std::vector<const rubric::Term*>& terms) {
    for (const auto* t : terms) {
      const auto found = w.matches(t->names);
      w.specific += std::any_of(found.begin(), found.end(), [&](const auto& m) { return beyond_question(m.span); });
    }
  };
  count_terms(w.rules.terms);
  count_terms(w.rules.other_terms);
  for (const auto& y : years_in(doc)) w.specific += beyond_question(y.span);
  auto is_question = [&](std::uint32_t s) {
    std::string_view text = doc.text(sentences[s].span);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    return !text.empty() && text.back() == '?';
  };
  const bool gives_reason = std::any_of(w.causal.begin(), w.causal.end(), [&](auto s) { return !is_question(s); });
  if (!w.copied && a.words > 0 && a.words <= static_cast<int>(question_words.size()) + 12 && !credits &&
      !gives_reason && !stems.empty() && stems_used.size() * 2 >= stems.size()) {
    w.copied = 1;
    w.paraphrase = true;
  }
  // Or restated at length ("Stalin won the power struggle because he won the power struggle"): it
  // credits nothing and two in five or more of its words of three letters or more are the question's key
  // words.
  if (!w.copied && a.words > 0 && !credits_beyond_question && !stems.empty()) {
    int content = 0, from_question = 0;
    for (const auto& word : doc.words()) {
      if (word.numeric || word.folded.size() < 3 ||
          (std::binary_search(question_words.begin(), question_words.end(), word.folded) &&
           !std::binary_search(stems.begin(), stems.end(), word.stem))) {
        continue;  // a number, a short word, or a word of the question that says what to do
      }
      ++content;
      from_question += std::binary_search(stems.begin(), stems.end(), word.stem);
    }
    if (content > 0 && from_question * 10 >= content * 4) {
      w.copied = 1;
      w.paraphrase = true;
    }
  }
  // Relevant: the answer gives a reason about this question's subject (a sentence with causal
  // language and at least two of the question's key words), however general.
  for (auto s : w.causal) {
    if (w.duplicate[s] || contains(w.salad, s) || is_question(s)) continue;
    std::set<std::string> in;
    const auto& sentence = sentences[s];
    for (auto wi = sentence.first_word; wi < sentence.end_word; ++wi) {
      const auto& stem = doc.words()[wi].stem;
      if (std::binary_search(stems.begin(), stems.end(), stem)) in.insert(stem);
    }
    if (in.size() >= std::min<std::size_t>(2, stems.size())) w.relevant = 1;
  }
  if (credits) w.relevant = 1;
  // Another question: the answer names the factors of another question's rubric far more than
  // its own prompt's, or, crediting nothing of its own, uses the terms of another topic. An answer
  // that explains one of this question's factors, or names two, addresses this question, whatever
  // else it also fits: naming a sibling question's factors too (why the Five-Year Plans were
  // introduced, how far they succeeded) never makes it off-topic.
  const int own = w.explained + w.mentioned;
  if (w.explained == 0 && own <= 1 && a.words >= 20) {
    int best = 0;
    for (const auto& q : w.rules.other_questions) {
      int n = 0;
      for (const auto* f : q.factors) n += !w.sentences_matching(f->names).empty();
      if (n > best) {
        best = n;
        w.other_topic = "\"" + q.question + "\"";
      }
    }
    w.off_topic = best >= 3 && best >= 2 * own + 1 ? 1 : 0;
    if (!w.off_topic) w.other_topic.clear();
  }
  if (!w.off_topic && w.explained + w.mentioned == 0 && w.terms_used == 0 && a.words >= 20) {
    std::map<std::string, int> hits;
    for (std::size_t i = 0; i < w.rules.other_terms.size(); ++i) {
      if (!w.sentences_matching(w.rules.other_terms[i]->names).empty()) ++hits[w.rules.other_topics[i]];
    }
    for (const auto& [topic, n] : hits) {
      if (n >= 2 && (w.other_topic.empty() || n > hits[w.other_topic])) w.other_topic = topic;
    }
    w.off_topic = w.other_topic.empty() ? 0 : 1;
  }
}

// Incoherent: at least two sentences of term salad, a third or more of the sentences that use the
// rubric's key words, with real evidence of incoherence: salad of the question's own key phrases, a
// cause dated after its effect, or three or more links between subjects no revision card connects.
void read_coherence(Work& w) {
  int keyed = 0;
  for (std::uint32_t s = 0; s < w.n_sentences; ++s) {
    keyed += !w.factors_in_sentence[s].empty() || contains(w.salad_any, s);
  }
  const int salad = static_cast<int>(w.salad_any.size());
  // Sentences dense with key phrases of any topic are evidence only with links no card makes, and
  // the answer needs three or more of those: an accurate answer may chain a phrase or two across
  // the cards' subjects, salad does it throughout.
  const bool evidence = w.strong_salad > 0 || w.unrelated_links >= 3;
  w.incoherent = salad >= 2 && salad * 3 >= keyed && evidence ? 1 : 0;
}

void flag_whole_answer(Work& w) {
  auto& a = w.a;
  std::vector<Flag> whole;
  if (a.words == 0) {
    whole.push_back(Flag{FlagKind::empty, "The answer is empty: there is nothing to mark.", std::nullopt, {}});
  } else if (w.unique_words < kTooShortWords) {
    whole.push_back(Flag{FlagKind::too_short,
                         "The answer has " + std::to_string(w.unique_words) + " words; a " +
                             std::to_string(w.rules.prompt->marks) + "-mark answer needs several explained points.",
                         std::nullopt, {}});
  }
  if (w.copied) {
    whole.push_back(Flag{FlagKind::copied_prompt,
                         w.paraphrase ? "The answer restates the question in other words; it earns no marks."
                                      : "The answer repeats the question; it earns no marks.",
                         std::nullopt, {}});
  }
  if (w.off_topic) {
    whole.push_back(Flag{FlagKind::off_topic,
                         "The answer seems to answer another question (" + w.other_topic + ") rather than this one.",
                         std::nullopt, {}});
  }
  if (w.keyword_list) {
    whole.push_back(Flag{FlagKind::keyword_list,
                         "The answer lists names and dates without sentences that explain them.", std::nullopt, {}});
  }
  if (w.narrative) {
    whole.push_back(Flag{FlagKind::narrative,
                         "The answer tells what happened in order but does not explain why.", std::nullopt, {}});
  }
  if (w.incoherent) {
    std::string why = std::to_string(w.salad_any.size()) + " sentences string key terms together with \"because\", \"so\" "
                      "or \"meant\" without saying how one really led to another";
    if (w.anachronisms > 0) why += ", and a cause is dated after its effect";
    whole.push_back(Flag{FlagKind::incoherent,
                         "The answer does not make sense as history: " + why +
                             ". Naming key terms earns nothing unless each link is a true claim.",
                         std::nullopt, {}});
  }
  if (w.padding) {
    whole.push_back(Flag{FlagKind::padding, "Some sentences are repeated; repeats earn nothing more.", std::nullopt, {}});
  }
  std::stable_sort(a.flags.begin(), a.flags.end(), [](const Flag& x, const Flag& y) {
    return x.span->start < y.span->start;
  });
  a.flags.insert(a.flags.begin(), whole.begin(), whole.end());
}

}  // namespace ec::mark
