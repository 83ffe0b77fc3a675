// Placing one answer in its mark scheme: the level (best fit: the highest whose condition holds),
// the mark within it, the caps, and the reasons for each. Entry points: holds(), level_of(),
// place(), and place_answer() (declared in work.h), which also finds the next level.
#include <algorithm>
#include <cmath>

#include "mark/marker.h"
#include "mark/work.h"

namespace ec::mark {

namespace {

std::string join_labels(const std::vector<const FactorResult*>& fs) {
  std::string out;
  for (std::size_t i = 0; i < fs.size(); ++i) {
    if (i) out += i + 1 == fs.size() ? " and " : ", ";
    out += fs[i]->factor->label;
  }
  return out;
}

}  // namespace

bool holds(const rubric::Condition& c, const std::map<std::string, double>& measures) {
  using Op = rubric::Condition::Op;
  using Cmp = rubric::Condition::Cmp;
  auto value = [&](const std::string& m) {
    auto it = measures.find(m);
    return it == measures.end() ? 0.0 : it->second;
  };
  switch (c.op) {
    case Op::always: return true;
    case Op::measure: return value(c.measure) != 0;
    case Op::compare: {
      double v = value(c.measure);
      switch (c.cmp) {
        case Cmp::ge: return v >= c.value;
        case Cmp::gt: return v > c.value;
        case Cmp::le: return v <= c.value;
        case Cmp::lt: return v < c.value;
        case Cmp::eq: return v == c.value;
        case Cmp::ne: return v != c.value;
      }
      return false;
    }
    case Op::and_:
      return std::all_of(c.operands.begin(), c.operands.end(), [&](const auto& o) { return holds(o, measures); });
    case Op::or_:
      return std::any_of(c.operands.begin(), c.operands.end(), [&](const auto& o) { return holds(o, measures); });
    case Op::not_: return !c.operands.empty() && !holds(c.operands.front(), measures);
  }
  return false;
}

namespace {

// Does the condition read this measure anywhere?
bool reads(const rubric::Condition& c, const std::string& measure) {
  if (c.measure == measure) return true;
  return std::any_of(c.operands.begin(), c.operands.end(), [&](const auto& o) { return reads(o, measure); });
}

// The mark within one level, by best fit: start in the middle; the bottom when the level's `bottom`
// condition holds, the top only when its `top` condition (the whole descriptor) holds. A level
// without them: the top for accurate, precise detail (and, in the top level, a judgement), the
// bottom for errors or thin detail. Adds one reason saying which and why.
int within_level(const rubric::Level& level, bool top_level, const std::map<std::string, double>& m,
                 std::vector<std::string>& reasons) {
  auto value = [&](const char* k) {
    auto it = m.find(k);
    return it == m.end() ? 0 : static_cast<int>(std::lround(it->second));
  };
  const int errors = value("errors"), supported = value("supported"), explained = value("explained"),
            terms = value("terms"), dates = value("dates"), judgement = value("judgement");
  const int lo = level.min_mark, hi = level.max_mark;
  int mark = lo + (hi - lo) / 2;
  bool precise = supported >= std::max(1, explained) && terms + dates >= 3;
  const bool ruled = level.top || level.bottom;
  const bool bottom = ruled ? level.bottom && holds(*level.bottom, m) : errors > 0 || (!precise && supported == 0);
  const bool top = !bottom && (ruled ? level.top && holds(*level.top, m) : precise && (!top_level || judgement));
  const std::string detail = "(" + std::to_string(terms) + " key terms, " + std::to_string(dates) + " correct dates)";
  if (bottom) {
    mark = lo;
    if (errors > 0) {
      reasons.push_back("Bottom of the level: " + std::to_string(errors) + " factual " +
                        (errors == 1 ? "error" : "errors") + ".");
    } else if (supported == 0) {
      reasons.push_back("Bottom of the level: little supporting detail.");
    } else if (explained == 0 && !value("incoherent")) {
      reasons.push_back("Bottom of the level: relevant points are made, but none is linked to the outcome.");
    } else if (explained == 1 && value("credited") == 1 && !value("incoherent")) {
      reasons.push_back("Bottom of the level: one point is linked to the outcome, and no other is made.");
    } else {
      reasons.push_back("Bottom of the level: the descriptor is only partly met.");
    }
  } else if (top) {
    mark = hi;
    reasons.push_back("Top of the level: accurate, precise supporting detail " + detail +
                      (value("sustained") && level.top && reads(*level.top, "sustained")
                           ? " and a judgement sustained across the answer."
                           : "."));
  } else if (ruled && level.top) {
    // Say what the top of the level would need that this answer lacks.
    std::vector<std::string> missing;
    if (reads(*level.top, "precise") && !value("precise")) missing.push_back("precise detail for every factor");
    if (reads(*level.top, "weighed_paragraphs")) {
      auto without = m;
      without["weighed_paragraphs"] = 1000;
      if (holds(*level.top, without)) missing.push_back("weighing in more than one paragraph, not only the conclusion");
    }
    // The top reads where the links are made, and this answer does not reach it on that count alone.
    if (reads(*level.top, "explained_paragraphs")) {
      auto without = m;
      without["explained_paragraphs"] = 1000;
      if (holds(*level.top, without)) missing.push_back("more factors linked, each in a paragraph of its own");
    }
    if (reads(*level.top, "judgement") && !judgement && !reads(*level.top, "sustained")) {
      missing.push_back("a supported judgement");
    }
    if (reads(*level.top, "sustained") && !value("sustained")) {
      missing.push_back(judgement ? "a judgement sustained across the answer, not asserted in one place"
                                  : "a supported judgement");
    }
    std::string why = "Middle of the level: ";
    if (missing.empty()) {
      why += supported > 0 ? "some supporting detail." : "not every part of the descriptor is met.";
    } else {
      why += "the top needs ";
      for (std::size_t i = 0; i < missing.size(); ++i) why += (i ? " and " : "") + missing[i];
      why += ".";
    }
    reasons.push_back(why);
  } else {
    reasons.push_back("Middle of the level: some supporting detail.");
  }
  return mark;
}

}  // namespace

const rubric::Level* level_of(const rubric::MarkScheme& scheme, const std::map<std::string, double>& m) {
  if (scheme.levels.empty()) return nullptr;
  for (const auto& l : scheme.levels) {
    if (holds(l.when, m)) return &l;
  }
  return &scheme.levels.back();
}

Placement place(const rubric::MarkScheme& scheme, const std::map<std::string, double>& m, bool creditable) {
  Placement p;
  auto value = [&](const char* k) {
    auto it = m.find(k);
    return it == m.end() ? 0 : static_cast<int>(std::lround(it->second));
  };
  std::size_t within_reasons = 0;  // where the reasons for the mark within the level start
  if (!scheme.levels.empty()) {
    if (!creditable) {
      p.level = 0;
      p.mark = 0;
      return p;
    }
    const rubric::Level* level = level_of(scheme, m);
    p.level = level->number;
    p.descriptor = level->descriptor;
    within_reasons = p.reasons.size();
    p.mark = within_level(*level, level->number == scheme.levels.front().number, m, p.reasons);
  } else {
    int total = 0;
    for (const auto& award : scheme.awards) {
      int got = award.points * (creditable ? value(award.measure.c_str()) : 0);
      if (award.max_points > 0) got = std::min(got, award.max_points);
      total += got;
      p.reasons.push_back(std::to_string(got) + (got == 1 ? " mark: " : " marks: ") + award.reason + ".");
    }
    p.mark = std::min(total, scheme.marks);
  }
  for (const auto& cap : scheme.caps) {
    if (p.mark > cap.max_mark && holds(cap.when, m)) {
      p.mark = cap.max_mark;
      p.caps.push_back(AppliedCap{cap.max_mark, cap.reason});
      p.reasons.push_back("Capped at " + std::to_string(cap.max_mark) + ": " + cap.reason);
    }
  }
  if (p.level && *p.level > 0 && p.mark == 0) {  // capped to nothing: no level either
    p.level = 0;
    p.descriptor.clear();
  } else if (p.level && *p.level > 0) {  // a cap may take the mark below its level
    for (const auto& l : scheme.levels) {
      if (p.mark >= l.min_mark && p.mark <= l.max_mark) {
        // Capped down to the top of a lower level ("it stays in Level 1"): the answer is that
        // level's, so its mark within it is found by that level's descriptor, as for any answer
        // of the level (an accurate list is not the top of Level 1 just because it was capped).
        if (l.number < *p.level && p.mark == l.max_mark) {
          std::vector<std::string> again;
          int mark = within_level(l, l.number == scheme.levels.front().number, m, again);
          if (mark < p.mark) {
            p.mark = mark;
            p.reasons.erase(p.reasons.begin() + static_cast<std::ptrdiff_t>(within_reasons),
                            p.reasons.begin() + static_cast<std::ptrdiff_t>(within_reasons + 1));
            p.reasons.insert(p.reasons.end(), again.begin(), again.end());
          }
        }
        p.level = l.number;
        p.descriptor = l.descriptor;
        break;
      }
    }
  }
  return p;
}

void place_answer(Work& w) {
  auto& a = w.a;
  const auto& scheme = *w.rules.scheme;
  std::vector<const FactorResult*> explained_list, mentioned_list;
  for (const auto& f : a.factors) {
    if (f.status == FactorStatus::explained) explained_list.push_back(&f);
    if (f.status == FactorStatus::mentioned) mentioned_list.push_back(&f);
  }
  // Creditable: something of this question's is credited, or the answer is a relevant but
  // generalised reason (Level 1); never a copied question or a wholly irrelevant answer.
  w.creditable = a.words > 0 && !w.copied &&
                 (w.explained + w.mentioned + w.terms_used + w.dates_correct > 0 || (w.relevant && !w.off_topic));
  if (!scheme.levels.empty()) {
    if (!w.creditable) {
      a.reasons.push_back(a.words == 0 ? "Nothing is written, so no level can be given."
                          : w.copied    ? "The answer copies the question, which earns no marks."
                                        : "Nothing in the answer can be credited for this question.");
    } else {
      std::string why = "Level " + std::to_string(level_of(scheme, a.measures)->number) + ": ";
      if (!explained_list.empty()) {
        why += std::to_string(w.explained) + (w.explained == 1 ? " factor" : " factors") + " explained (" +
               join_labels(explained_list) + ")";
      } else {
        why += "no factor is explained";
      }
      if (!mentioned_list.empty()) {
        why += "; " + std::to_string(w.mentioned) + " named without explanation (" + join_labels(mentioned_list) + ")";
      }
      if (w.has_judgement) why += "; a supported judgement";
      a.reasons.push_back(why + ".");
    }
  }
  Placement placed = place(scheme, a.measures, w.creditable);
  a.level = placed.level;
  a.mark = placed.mark;
  a.level_descriptor = placed.descriptor;
  a.reasons.insert(a.reasons.end(), placed.reasons.begin(), placed.reasons.end());
  a.caps = placed.caps;
  if (w.creditable) a.next_level = find_next_level(a, scheme);
}

}  // namespace ec::mark
