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

Agreement agreement(const std::vector<Rating>& reference, const std::vector<Rating>& second, int max_mark,
                    int max_level) {
  Agreement g;
  g.answers = static_cast<int>(std::min(reference.size(), second.size()));
  g.max_level = max_level;
  g.confusion.assign(max_level + 1, std::vector<int>(max_level + 1, 0));
  if (g.answers == 0) return g;
  int exact = 0, adjacent = 0;
  double abs_sum = 0, sum = 0;
  std::vector<int> ref_marks, second_marks, ref_levels, second_levels;
  for (int i = 0; i < g.answers; ++i) {
    const Rating& r = reference[i];
    const Rating& s = second[i];
    exact += r.level == s.level;
    adjacent += std::abs(r.level - s.level) <= 1;
    g.over += s.level > r.level;
    g.under += s.level < r.level;
    abs_sum += std::abs(s.mark - r.mark);
    sum += s.mark - r.mark;
    ref_marks.push_back(r.mark);
    second_marks.push_back(s.mark);
    ref_levels.push_back(r.level);
    second_levels.push_back(s.level);
    g.confusion[std::clamp(r.level, 0, max_level)][std::clamp(s.level, 0, max_level)] += 1;
  }
  const double n = g.answers;
  g.exact_level = exact / n;
  g.within_one = adjacent / n;
  g.mean_abs_diff = abs_sum / n;
  g.mean_diff = sum / n;
  g.qwk = quadratic_weighted_kappa(ref_marks, second_marks, max_mark + 1);
  g.qwk_levels = quadratic_weighted_kappa(ref_levels, second_levels, max_level + 1);
  return g;
}

Calibration calibrate(const std::vector<CalibrationCase>& cases, int max_mark, int max_level) {
  Calibration c;
  std::vector<Rating> settled, engine, a, b;
  bool double_marked = !cases.empty();
  for (const auto& k : cases) {
    settled.push_back({k.teacher_mark, k.teacher_level});
    engine.push_back({k.engine_mark, k.engine_level});
    if (k.marker_a && k.marker_b) {
      a.push_back(*k.marker_a);
      b.push_back(*k.marker_b);
    } else {
      double_marked = false;
    }
    for (const auto& f : k.credited) ++c.credited[f];
  }
  static_cast<Agreement&>(c) = agreement(settled, engine, max_mark, max_level);
  if (double_marked) {
    c.engine_vs_a = agreement(a, engine, max_mark, max_level);
    c.engine_vs_b = agreement(b, engine, max_mark, max_level);
    c.a_vs_b = agreement(a, b, max_mark, max_level);
  }
  return c;
}

}  // namespace ec::mark
