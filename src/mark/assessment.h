// What marking found in one answer, before any wording for the student: the Assessment. Factor by
// factor (explained / mentioned / missing, with the sentences that earned it), terms, dates,
// flags, the measures the mark scheme reads, and the level and mark with the reasons for them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/span.h"
#include "rubric/rubric.h"

namespace ec::mark {

enum class FactorStatus { explained, mentioned, missing };
const char* to_string(FactorStatus status);

struct FactorResult {
  const rubric::Factor* factor = nullptr;
  bool stimulus = false;
  FactorStatus status = FactorStatus::missing;
  std::vector<std::uint32_t> sentences;       // sentences that name it, in order (Document indexes)
  std::optional<std::uint32_t> explained_in;  // the naming sentence whose link explains it
  bool detail = false;                        // supporting detail beside a naming sentence
  bool causal = false;                        // causal language beside a naming sentence
};

struct TermResult {
  const rubric::Term* term = nullptr;
  std::vector<Span> evidence;  // the words that used it (at most three)
};

struct DateResult {
  int year = 0;            // as written
  const rubric::Event* event = nullptr;
  bool correct = false;
  Span span;               // the year in the answer
  std::uint32_t sentence = 0;
};

// The closed set of flag kinds (documented in README.md, "Report").
enum class FlagKind {
  empty,
  too_short,
  copied_prompt,
  off_topic,
  keyword_list,
  narrative,
  padding,
  factual_error,
  misconception,
  misspelling,
  incoherent,
};
const char* to_string(FlagKind kind);  // "too-short", "factual-error", …

struct Flag {
  FlagKind kind = FlagKind::empty;
  std::string message;
  std::optional<Span> span;
  std::vector<int> cards;  // cards to revise for it
};

// A word Hunspell (en_GB) and the rubrics do not know; `correct` is set for key words.
struct SpellingNote {
  Span span;
  std::string correct;
};

struct AppliedCap {
  int max_mark = 0;
  std::string reason;
};

// One paragraph read as PEEL: a point (a factor named), evidence (supporting detail: a factor's
// detail, a correct date or a key term), explanation (a factor explained there) and a link back to
// the question (its last sentence uses the question's own key words).
struct ParagraphStructure {
  Span span;
  const rubric::Factor* point = nullptr;
  bool evidence = false, explain = false, link = false;
};

// The smallest change that would lift the answer, found by re-marking it with that change.
struct NextLevel {
  std::optional<int> level;  // the level it would reach (none for points-based schemes)
  int mark = 0;              // the mark it would reach
  std::string change;        // correct-error, explain-factor, add-factor, add-judgement, compare-factors, …
  std::string task;          // what to do, for the student
  std::vector<int> cards;
};

struct Assessment {
  const rubric::Prompt* prompt = nullptr;
  const rubric::MarkScheme* scheme = nullptr;
  int mark = 0;
  std::optional<int> level;          // none for points-based schemes, 0 when nothing is creditable
  std::string level_descriptor;
  std::vector<std::string> reasons;  // why this level and this mark, in order
  std::vector<AppliedCap> caps;
  std::vector<FactorResult> factors;  // in rubric order
  std::vector<TermResult> terms;      // every term of the prompt's rubrics (evidence empty: unused)
  std::vector<DateResult> dates;      // in answer order
  std::vector<Flag> flags;            // in answer order, then by kind
  std::vector<SpellingNote> spelling; // every word not known to the dictionary or the rubrics
  std::map<std::string, double> measures;
  std::optional<NextLevel> next_level;  // none when nothing would lift it (or nothing is creditable)
  std::vector<ParagraphStructure> structure;  // one a paragraph
  int exam_year = 0;                          // the rules marked by (the scheme's exam-year, or given)
  int words = 0, sentences = 0, paragraphs = 0;

  double measure(const std::string& name) const {
    auto it = measures.find(name);
    return it == measures.end() ? 0.0 : it->second;
  }
};

}  // namespace ec::mark
