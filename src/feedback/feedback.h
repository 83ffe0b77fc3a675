// Feedback a student can act on, built from an Assessment: what went well (WWW), even better if
// (EBI, most important first, each with a "how"), one next step, the cards to revise. Every point
// has a stable code; codes() is the printable key. Entry point: give_feedback().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/span.h"
#include "mark/assessment.h"
#include "text/document.h"

namespace ec::feedback {

struct Point {
  std::string code;          // stable: W1…, E1… (see codes())
  std::string text;          // what went well, or what would make it better
  std::string how;           // for EBI and the next step: a sentence starter, a link word, a card
  std::optional<Span> quote; // the student's own words it refers to
  std::vector<int> cards;
};

struct Feedback {
  std::vector<Point> www;  // 1–3 (none for an empty answer)
  std::vector<Point> ebi;  // 1–2, most important first
  Point next_step;
  std::vector<int> revise_cards;  // sorted
};

Feedback give_feedback(const mark::Assessment& assessment, const text::Document& doc);

struct Code {
  const char* code;
  const char* meaning;
};
const std::vector<Code>& codes();

}  // namespace ec::feedback
