// Agreement between the engine's marks and examiners': exact and adjacent level agreement, mean
// absolute mark difference, quadratic weighted kappa, the confusion matrix of levels, whether the
// engine marks high or low, and how often each factor was credited. With a double-marked set, the
// same figures against each examiner and between the two examiners (the human ceiling).
// Entry points: calibrate(), agreement().
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ec::mark {

// One marker's mark and level for an answer (for points-based schemes the level is the mark).
struct Rating {
  int mark = 0;
  int level = 0;
};

struct CalibrationCase {
  std::string name;          // the answer's file (or a label)
  std::string prompt;
  int teacher_mark = 0;      // the settled mark
  int teacher_level = 0;     // given, or derived from the mark by the scheme's ranges
  int engine_mark = 0;
  int engine_level = 0;
  std::optional<Rating> marker_a, marker_b;  // a double-marked set's two examiners, when given
  std::vector<std::string> credited;  // factor ids the engine credited
};

// How far a second marker agrees with a reference marker ("rows" against "columns").
struct Agreement {
  int answers = 0;
  double exact_level = 0;     // share of answers with the same level
  double within_one = 0;      // share within one level
  double mean_abs_diff = 0;   // mean |second - reference| in marks
  double mean_diff = 0;       // mean (second - reference): > 0 marks high, < 0 low
  double qwk = 0;             // quadratic weighted kappa on marks 0..max_mark
  double qwk_levels = 0;      // quadratic weighted kappa on levels 0..max_level
  int over = 0, under = 0;    // answers the second marker put a level above / below the reference
  int max_level = 0;
  std::vector<std::vector<int>> confusion;  // [reference level][second level], 0..max_level
};

struct Calibration : Agreement {                 // the engine against the settled mark
  std::optional<Agreement> engine_vs_a, engine_vs_b;  // the engine against each examiner
  std::optional<Agreement> a_vs_b;                    // examiner B against examiner A
  std::map<std::string, int> credited;      // factor id -> answers crediting it
};

// `reference[i]` and `second[i]` rate the same answer.
Agreement agreement(const std::vector<Rating>& reference, const std::vector<Rating>& second, int max_mark,
                    int max_level);

// The against-A/B figures are given only when every case has both examiners' ratings.
Calibration calibrate(const std::vector<CalibrationCase>& cases, int max_mark, int max_level);

// Quadratic weighted kappa of two raters' integer ratings in 0..categories-1.
double quadratic_weighted_kappa(const std::vector<int>& a, const std::vector<int>& b, int categories);

}  // namespace ec::mark
