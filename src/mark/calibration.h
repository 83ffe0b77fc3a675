// Agreement between the engine's marks and a teacher's: exact and adjacent level agreement, mean
// absolute mark difference, quadratic weighted kappa, the confusion matrix of levels, whether the
// engine marks high or low, and how often each factor was credited. Entry point: calibrate().
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ec::mark {

struct CalibrationCase {
  std::string name;          // the answer's file (or a label)
  int teacher_mark = 0;
  int teacher_level = 0;     // given, or derived from the mark by the scheme's ranges
  int engine_mark = 0;
  int engine_level = 0;
  std::vector<std::string> credited;  // factor ids the engine credited
};

struct Calibration {
  int answers = 0;
  double exact_level = 0;     // share of answers with the same level
  double within_one = 0;      // share within one level
  double mean_abs_diff = 0;   // mean |engine - teacher| in marks
  double mean_diff = 0;       // mean (engine - teacher): > 0 marks high, < 0 low
  double qwk = 0;             // quadratic weighted kappa on marks 0..max_mark
  int max_level = 0;
  std::vector<std::vector<int>> confusion;  // [teacher level][engine level], 0..max_level
  std::map<std::string, int> credited;      // factor id -> answers crediting it
};

Calibration calibrate(const std::vector<CalibrationCase>& cases, int max_mark, int max_level);

// Quadratic weighted kappa of two raters' integer ratings in 0..categories-1.
double quadratic_weighted_kappa(const std::vector<int>& a, const std::vector<int>& b, int categories);

}  // namespace ec::mark
