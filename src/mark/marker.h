// Marking one answer to one prompt: find factors, terms, dates, misconceptions and signals in the
// Document, measure what the mark scheme reads, place the answer in a level and give it a mark.
// A Marker is built once per prompt (compile once) and marks any number of answers (const).
// Entry points: Marker::make(), Marker::assess().
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "mark/assessment.h"
#include "mark/prompt_rules.h"
#include "mark/spelling.h"
#include "rubric/rubric.h"
#include "text/document.h"

namespace ec::mark {

class Marker {
 public:
  // Errors (ErrorKind::usage) when the prompt id is unknown: the message lists the known ones.
  // `exam_year` chooses rules that changed over time (0: the scheme's own `exam-year`, else 2025).
  static Result<Marker> make(const rubric::Library& library, std::string_view prompt_id, int exam_year = 0);

  Assessment assess(const text::Document& doc) const;

  const rubric::Prompt& prompt() const { return *rules_.prompt; }
  const rubric::MarkScheme& scheme() const { return *rules_.scheme; }

 private:
  Marker() = default;
  PromptRules rules_;
};

// Where a set of measures places an answer in a scheme: level, mark, reasons, caps.
struct Placement {
  std::optional<int> level;
  int mark = 0;
  std::string descriptor;
  std::vector<std::string> reasons;
  std::vector<AppliedCap> caps;
};
Placement place(const rubric::MarkScheme& scheme, const std::map<std::string, double>& measures, bool creditable);
const rubric::Level* level_of(const rubric::MarkScheme& scheme, const std::map<std::string, double>& measures);

// "card 5" / "cards 4, 9" (empty for no cards), as feedback and flags cite the revision cards.
std::string cards_text(const std::vector<int>& cards);

// Does `condition` hold for these measures?
bool holds(const rubric::Condition& condition, const std::map<std::string, double>& measures);

}  // namespace ec::mark
