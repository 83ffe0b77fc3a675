// Agreement statistics between the engine and a teacher. Entry point: calibrate().
#include "mark/calibration.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace ec::mark {

double quadratic_weighted_kappa(const std::vector<int>& a, const std::vector<int>& b, int categories) {
  const std::size_t n = a.size();
  if (n == 0 || categories < 2) return 0;
  std::vector<std::vector<double>> observed(categories, std::vector<double>(categories, 0));
  std::vector<double> hist_a(categories, 0), hist_b(categories, 0);
  for (std::size_t i = 0; i < n; ++i) {
    int x = std::clamp(a[i], 0, categories - 1), y = std::clamp(b[i], 0, categories - 1);
    observed[x][y] += 1;
    hist_a[x] += 1;
    hist_b[y] += 1;
  }
  double num = 0, den = 0;
  for (int i = 0; i < categories; ++i) {
    for (int j = 0; j < categories; ++j) {
      double w = static_cast<double>((i - j) * (i - j)) / ((categories - 1.0) * (categories - 1.0));
      double expected = hist_a[i] * hist_b[j] / static_cast<double>(n);
      num += w * observed[i][j];
      den += w * expected;
    }
  }
  return den == 0 ? 1.0 : 1.0 - num / den;
}

Calibration calibrate(const std::vector<CalibrationCase>& cases, int max_mark, int max_level) {
  Calibration c;
  c.answers = static_cast<int>(cases.size());
  c.max_level = max_level;
  c.confusion.assign(max_level + 1, std::vector<int>(max_level + 1, 0));
  if (cases.empty()) return c;
  int exact = 0, adjacent = 0;
  double abs_sum = 0, sum = 0;
  std::vector<int> teacher, engine;
  for (const auto& k : cases) {
    exact += k.teacher_level == k.engine_level;
    adjacent += std::abs(k.teacher_level - k.engine_level) <= 1;
    abs_sum += std::abs(k.engine_mark - k.teacher_mark);
    sum += k.engine_mark - k.teacher_mark;
    teacher.push_back(k.teacher_mark);
    engine.push_back(k.engine_mark);
    c.confusion[std::clamp(k.teacher_level, 0, max_level)][std::clamp(k.engine_level, 0, max_level)] += 1;
    for (const auto& f : k.credited) ++c.credited[f];
  }
  const double n = static_cast<double>(cases.size());
  c.exact_level = exact / n;
  c.within_one = adjacent / n;
  c.mean_abs_diff = abs_sum / n;
  c.mean_diff = sum / n;
  c.qwk = quadratic_weighted_kappa(teacher, engine, max_mark + 1);
  return c;
}

}  // namespace ec::mark
