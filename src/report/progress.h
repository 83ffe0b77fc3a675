// A student's progress over their stored attempts: marks over time, a grid of factors and skills
// (explanation, judgement, accuracy, spelling) across attempts, the weakest cards, the prompt to
// practise next and why, and how close their self-assessments were to the engine's.
// Read from the stored reports, never re-marked. Entry points: progress_of(), progress_json(), progress_text().
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "report/coach.h"
#include "store/store.h"

namespace ec::report {

struct Progress {
  std::string student;
  struct Point {
    std::int64_t attempt = 0;
    std::string prompt;
    int number = 0;               // attempt number at this prompt
    std::string created_at;
    int mark = 0;                 // the mark that counts (a teacher's override where there is one)
    int marks_available = 0;
    std::optional<int> level;
    std::optional<int> self_level;
  };
  std::vector<Point> points;      // oldest first

  // One row of the grid: a factor or a skill, one cell per attempt ("" where it does not apply).
  struct Row {
    std::string id, label;
    std::string kind;             // "factor" or "skill"
    std::vector<std::string> cells;  // factor: explained / mentioned / missing / ""; skill: yes / no / a count
  };
  std::vector<Row> grid;

  struct WeakCard {
    int number = 0;
    std::string title;
    int misses = 0;               // factors missing or only named, errors, across the attempts
  };
  std::vector<WeakCard> weakest_cards;  // at most 3, weakest first

  std::string next_prompt;        // the question to practise next ("" with no prompts)
  std::string next_reason;

  struct SelfAssessment {
    int compared = 0;             // attempts with a self-assessed level
    int exact = 0;                // ... that matched the engine's level
    double mean_difference = 0;   // self minus engine, in levels (positive: over-estimates)
  } self;
};

Progress progress_of(const std::string& student, const std::vector<store::Attempt>& attempts, const Coach& coach);
nlohmann::ordered_json progress_json(const Progress& p);
std::string progress_text(const Progress& p, const Coach& coach);

}  // namespace ec::report
