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
  w.keyword_list = a.sentences >= 3 && (short_sentences * 10 >= a.sentences * 6 ||
                                        note_lines * 10 >= a.sentences * 6 || longest < 6)
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
  // Another question: the answer names the factors of another question's rubric far more than
  // its own prompt's, or, crediting nothing of its own, uses the terms of another topic.
  if (w.explained <= 1 && a.words >= 20) {
    const int own = w.explained + w.mentioned;
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
    whole.push_back(Flag{FlagKind::copied_prompt, "The answer repeats the question; it earns no marks.", std::nullopt, {}});
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
  if (w.padding) {
    whole.push_back(Flag{FlagKind::padding, "Some sentences are repeated; repeats earn nothing more.", std::nullopt, {}});
  }
  std::stable_sort(a.flags.begin(), a.flags.end(), [](const Flag& x, const Flag& y) {
    return x.span->start < y.span->start;
  });
  a.flags.insert(a.flags.begin(), whole.begin(), whole.end());
}

}  // namespace ec::mark
