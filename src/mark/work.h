// The shared work of marking one answer, and the marking steps that fill it in, one file per
// concern: evidence.cc (factors, terms, misconceptions), dates.cc (years against events),
// judgement.cc (weighing and judgements), answer_kind.cc (lists, narratives, copies, other
// questions, and the flags about the whole answer), measures.cc (what the scheme reads and the
// paragraph structure), placement.cc (level, mark, caps) and next_level.cc. Marker::assess()
// (marker.cc) runs the steps in order over one Work. Internal to the mark room.
#pragma once

#include <cstdint>
#include <optional>
#include <ranges>
#include <string>
#include <unordered_map>
#include <vector>

#include "mark/assessment.h"
#include "mark/prompt_rules.h"
#include "match/subject.h"
#include "text/document.h"

namespace ec::mark {

constexpr int kTooShortWords = 40;
constexpr std::uint32_t kSaysSomething = 5;  // words a sentence needs before a key term in it counts

// Everything one answer needs while it is being marked: the answer, the prompt's rules, the
// Assessment being built, and what one step finds that a later step reads.
struct Work {
  Work(const text::Document& doc, const PromptRules& rules);

  const text::Document& doc;
  const PromptRules& rules;
  match::Subject subject;
  std::uint32_t n_sentences = 0;
  std::vector<bool> duplicate;  // sentence repeats an earlier one word for word
  Assessment a;

  // Sentences (sorted) where the writing signals are found.
  std::vector<std::uint32_t> causal, judgement, comparison, sequence;
  std::vector<std::uint32_t> wrong_sentences;  // sentences that make a rubric misconception's claim
  std::vector<std::uint32_t> because;          // sentences with language that gives the cause after the effect
  std::vector<std::uint32_t> contrast;         // sentences that set one side against another (but, however)
  std::vector<std::uint32_t> summary;          // sentences that sum up "these reasons" as the cause
  std::vector<std::uint32_t> verdict;          // sentences that give a verdict in a how-far statement's terms
  // Term salad: sentences that are mostly key terms joined by connectives, or that date a cause
  // after its effect. They explain and judge nothing.
  std::vector<std::uint32_t> salad;
  std::vector<std::uint32_t> salad_any;  // and those chaining key phrases of any topic (incoherence)
  int anachronisms = 0;  // salad sentences whose cause is dated after its effect
  int strong_salad = 0;     // salad sentences of the question's own key phrases, or dated backwards
  int unrelated_links = 0;  // links between key phrases no revision card makes, in salad_any sentences

  // Found by the evidence step, per factor (parallel to rules.factors) and per sentence.
  std::vector<std::vector<std::uint32_t>> factors_in_sentence;  // factor indexes named in each sentence
  std::vector<std::vector<std::uint32_t>> detail_sentences;     // sentences with each factor's detail
  std::vector<std::uint32_t> paragraph_point;  // per paragraph: the first factor it names, in text order (or factors.size())

  // Counts that the measures step turns into the scheme's measures.
  int terms_used = 0, dates_correct = 0, errors = 0;
  int misconceptions = 0;  // of the errors, wrong claims (rubric misconceptions) rather than wrong years
  int specific = 0;
  int on_subject = 0;  // the answer uses at least half of the question's key words (its subject)  // key terms of any topic beyond the question's own words, and years given
  int explained = 0, mentioned = 0, supported = 0, beyond = 0, explained_beyond = 0, stim_explained = 0,
      stim_credited = 0;
  int features = 0, features_described = 0;  // the answer's points read as features (count_features)
  int narrated = 0;  // factors linked only by the links of a narrative paragraph (find_factors), not explained
  int has_judgement = 0, has_comparison = 0;
  int weighed_paragraphs = 0;  // paragraphs with a sentence that weighs one factor against another
  int keyword_list = 0, narrative = 0, padding = 0, copied = 0, off_topic = 0;
  int incoherent = 0, relevant = 0, sustained = 0, precise = 0;
  bool paraphrase = false;  // copied in other words
  std::string other_topic;  // the other question an off-topic answer answers
  int unique_words = 0, unique_sentences = 0;
  bool creditable = false;

  // ---- helpers over the answer ----
  std::uint32_t sentence_at(std::uint32_t byte) const;
  std::uint32_t word_at(std::uint32_t byte) const;
  // The indexes of the words a byte span of the answer covers (a match's span may hold several).
  std::ranges::iota_view<std::uint32_t, std::uint32_t> words_in(Span span) const;
  bool same_paragraph(std::uint32_t a, std::uint32_t b) const;
  // Sentences in which any of the rules matches (duplicates of earlier sentences excluded).
  std::vector<std::uint32_t> sentences_matching(const std::vector<rubric::Rule>& rules) const;
  // All matches of the rules, in text order (outside repeated sentences). Each rule list is matched
  // once per answer, however many steps read it.
  const std::vector<match::Match>& matches(const std::vector<rubric::Rule>& rules) const;
  // Where the rules match, as word indexes: one Hit a match, in text order.
  struct Hit {
    std::uint32_t sentence, first, last;
  };
  std::vector<Hit> hits(const std::vector<rubric::Rule>& rules) const;
  // The sentences of a signal (none when the library has no such signal).
  std::vector<std::uint32_t> signal_sentences(const rubric::Signal* signal) const;

 private:
  mutable std::unordered_map<const void*, std::vector<match::Match>> memo_;
};

bool contains(const std::vector<std::uint32_t>& sorted, std::uint32_t x);
// In sentence s, or the next one in the same paragraph.
bool here_or_next(const Work& w, const std::vector<std::uint32_t>& sorted, std::uint32_t s);

// Years written in the answer: 1900–1999 as numbers.
struct Year {
  int value;
  std::uint32_t word;
  Span span;
};
std::vector<Year> years_in(const text::Document& doc);

// ---- the marking steps, in the order Marker::assess() runs them ----
void find_term_salad(Work& w);       // evidence.cc: sentences that only chain key terms
void find_factors(Work& w);          // evidence.cc: named, explained, detail
void find_terms(Work& w);            // evidence.cc
void check_dates(Work& w);           // dates.cc: correct dates and factual errors
void find_misconceptions(Work& w);   // evidence.cc
void note_spelling(Work& w);         // evidence.cc: key words misspelt
void count_factors(Work& w);         // measures.cc
void count_features(Work& w);        // measures.cc: each point of the answer as one feature
void weigh_judgements(Work& w);      // judgement.cc: comparison and supported judgement
void read_answer_kind(Work& w);      // answer_kind.cc: list, narrative, padding, copied, off-topic, relevant
void read_coherence(Work& w);        // answer_kind.cc: term salad throughout
void fill_measures(Work& w);         // measures.cc
void read_structure(Work& w);        // measures.cc: each paragraph as point, evidence, explain, link
void flag_whole_answer(Work& w);     // answer_kind.cc
void place_answer(Work& w);          // placement.cc: level, mark, reasons, caps, next level

// next_level.cc
std::optional<NextLevel> find_next_level(const Assessment& a, const rubric::MarkScheme& scheme);

}  // namespace ec::mark
