// The coach: the compiled rubric library, a Marker for every prompt (built once, shared by every
// thread) and the revision cards; marks one answer into the report every view reads (the JSON of
// `essaycoach mark --format json`). Used by `mark --save`, `serve` and `class`. Entry points:
// Coach::build(), Coach::mark().
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "mark/marker.h"
#include "report/report.h"
#include "rubric/cards.h"
#include "rubric/rubric.h"

namespace ec::report {

// One answer marked: the report (one line of JSON) and what a store keeps beside it.
struct Marked {
  std::string report_json;
  int mark = 0;
  std::optional<int> level;
  int marks_available = 0;
};

class Coach {
 public:
  // `files` are the rubric files the library was read from: their content hash identifies the rubrics
  // an attempt was marked with. Errors when a prompt's marker cannot be built.
  static Result<std::shared_ptr<const Coach>> build(rubric::Library library, const std::vector<std::string>& files,
                                                    std::vector<rubric::Card> cards, int exam_year = 0);

  const rubric::Library& library() const { return *library_; }
  const std::string& rubric_hash() const { return rubric_hash_; }
  const std::vector<rubric::Card>& cards() const { return cards_; }
  const rubric::Prompt* prompt(std::string_view id) const;
  const mark::Marker* marker(std::string_view prompt) const;

  // The level whose mark range holds `mark` in the prompt's scheme (0 below Level 1); none for a
  // points-based scheme or an unknown prompt. For a teacher's mark given without a level.
  std::optional<int> level_for(std::string_view prompt, int mark) const;

  // Marks UTF-8 text already decoded (text::decode_answer). Errors (usage) for an unknown prompt.
  Result<Marked> mark(std::string_view prompt, std::string_view utf8_answer, const Source& source) const;

 private:
  Coach() = default;
  std::unique_ptr<const rubric::Library> library_;
  std::map<std::string, mark::Marker, std::less<>> markers_;
  std::vector<rubric::Card> cards_;
  std::string rubric_hash_;
};

// A hex digest (FNV-1a 64) over the files' names and contents, in the order given.
std::string files_hash(const std::vector<std::string>& files);

}  // namespace ec::report
