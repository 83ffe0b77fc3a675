// What a Marker gathers once for its prompt and reads for every answer: the prompt, its scheme,
// the factors, terms, events and misconceptions of the rubrics it uses, the other questions an
// answer might be answering instead, the writing signals and the question's own words.
// Built by Marker::make() (marker.cc); read by the marking steps (work.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mark/spelling.h"
#include "rubric/rubric.h"

namespace ec::mark {

struct PromptRules {
  const rubric::Library* library = nullptr;
  const rubric::Prompt* prompt = nullptr;
  const rubric::MarkScheme* scheme = nullptr;
  std::vector<const rubric::Factor*> factors;
  std::vector<const rubric::Term*> terms;
  std::vector<const rubric::Event*> events;
  std::vector<const rubric::Misconception*> misconceptions;
  std::vector<const rubric::Term*> other_terms;  // terms of rubrics the prompt does not use
  std::vector<std::string> other_topics;         // their rubric ids, parallel to other_terms
  std::vector<const rubric::Event*> other_events;  // events of rubrics the prompt does not use
  // Factors of rubrics the prompt does not use, with a question that uses them: an answer that
  // names these far more than its own prompt's factors answers another question.
  struct OtherQuestion {
    std::string question;
    std::vector<const rubric::Factor*> factors;
  };
  std::vector<OtherQuestion> other_questions;
  // Every key phrase the library knows (factor names, terms, events of every rubric, this prompt's
  // or not): term salad chains them, whichever topic they come from.
  std::vector<const std::vector<rubric::Rule>*> key_phrases;
  // Parallel to key_phrases: the revision cards each one's rule cites (bit n-1 for card n), so that
  // a chain of key phrases can be checked for links no card makes.
  std::vector<std::uint32_t> key_phrase_cards;
  const rubric::Signal* causal = nullptr;
  const rubric::Signal* judgement = nullptr;
  const rubric::Signal* comparison = nullptr;
  const rubric::Signal* sequence = nullptr;
  const rubric::Signal* because = nullptr;  // the cause follows: because, due to, as a result of
  const rubric::Signal* contrast = nullptr;  // one side set against the other: but, however, whereas
  const rubric::Signal* summary = nullptr;   // "because of these reasons": a summing up, no link of its own
  const rubric::Signal* verdict = nullptr;   // "For the peasants it was a catastrophe": a verdict on a statement
  std::vector<std::string> question_words;       // folded words of the question, sorted
  std::vector<std::string> question_stems;       // stems of the question's key words, sorted
  std::shared_ptr<const Vocabulary> vocabulary;  // the rubrics' correct spellings
  int exam_year = 0;
};

}  // namespace ec::mark
