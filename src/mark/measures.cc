// What the mark scheme reads about one answer: the factor counts, the answer's points read as
// features (for "describe two features"), then every measure by name (rubrics/README.md lists
// them), and each paragraph read as point, evidence, explain, link.
// Entry points: count_factors(), count_features(), fill_measures(), read_structure() (declared in work.h).
#include <algorithm>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "mark/work.h"

namespace ec::mark {

void count_factors(Work& w) {
  // Knowledge beyond the stimulus points is a point of the answer's own: a factor named where it is
  // a paragraph's point or in a paragraph whose point is not a stimulus point. A factor met only
  // as the detail of a stimulus point's paragraph ("Magnitogorsk ... was built to produce iron and
  // steel, the heavy industries Stalin wanted") develops that point: examiners read such an answer
  // as using the stimulus points only; nor does the conclusion (the last of three or more
  // paragraphs, giving the judgement) make it one by summing up that detail ("because what Stalin
  // cared most about was heavy industry, and Magnitogorsk shows this was achieved"). A factor the
  // conclusion is first to raise is a point of its own. An answer of one paragraph is read as before.
  const auto& paras = w.doc.paragraphs();
  std::uint32_t conclusion = static_cast<std::uint32_t>(paras.size());
  if (paras.size() >= 3) {
    const auto& last = paras.back();
    for (auto s = last.first_sentence; s < last.end_sentence; ++s) {
      if (contains(w.judgement, s)) conclusion = static_cast<std::uint32_t>(paras.size() - 1);
    }
  }
  auto own_point = [&](const FactorResult& f) {
    if (paras.size() < 2) return true;
    for (auto s : f.sentences) {
      if (w.doc.sentences()[s].paragraph == conclusion) {
        if (w.doc.sentences()[f.sentences.front()].paragraph == conclusion) return true;
        continue;
      }
      const auto pt = w.paragraph_point[w.doc.sentences()[s].paragraph];
      if (pt >= w.rules.factors.size() || w.rules.factors[pt] == f.factor) return true;
      if (!w.a.factors[pt].stimulus) return true;
    }
    return false;
  };
  for (const auto& f : w.a.factors) {
    bool credited = f.status != FactorStatus::missing;
    w.explained += f.status == FactorStatus::explained;
    w.mentioned += f.status == FactorStatus::mentioned;
    w.supported += credited && f.detail;
    const bool beyond = !f.stimulus && own_point(f);
    if (credited && beyond) ++w.beyond;
    if (f.status == FactorStatus::explained && beyond) ++w.explained_beyond;
    if (f.stimulus) {
      w.stim_explained += f.status == FactorStatus::explained;
      w.stim_credited += credited;
    }
  }
}

// "Describe two features": a mark for each feature identified, another for supporting detail on it.
// The answer's own points are its features: its paragraphs, or within one the sentences that open
// a new feature ("Another feature ...", "Secondly ..."); when the answer has no such structure (one
// paragraph, no opening), each sentence. A point identifies one factor it names, outside sentences
// that make a wrong claim, and no two points the same one (the same feature twice counts once); a
// point naming several is read as the one no other point identifies, the rest being said about it
// (its description), not more features. The feature is described when the point has the factor's
// detail, and the point makes no factual error or misconception (muddled or wrong detail earns
// nothing).
void count_features(Work& w) {
  static const std::set<std::string_view> openers{"another", "second", "secondly", "third", "thirdly",
                                                  "firstly", "finally", "lastly", "also"};
  const auto& doc = w.doc;
  const auto words = doc.words();
  auto opens_feature = [&](std::uint32_t s) {
    const auto& sentence = doc.sentences()[s];
    if (sentence.end_word == sentence.first_word) return false;
    if (openers.count(words[sentence.first_word].folded)) return true;
    for (auto wi = sentence.first_word; wi < sentence.end_word; ++wi) {
      if (words[wi].folded == "feature" || words[wi].folded == "features") return true;
    }
    return false;
  };
  // The points, as [first, end) sentence ranges.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> points;
  for (const auto& para : doc.paragraphs()) {
    auto start = para.first_sentence;
    for (auto s = para.first_sentence + 1; s < para.end_sentence; ++s) {
      if (opens_feature(s)) {
        points.emplace_back(start, s);
        start = s;
      }
    }
    if (para.end_sentence > start) points.emplace_back(start, para.end_sentence);
  }
  if (points.size() == 1) {
    const auto [first, end] = points.front();
    points.clear();
    for (auto s = first; s < end; ++s) points.emplace_back(s, s + 1);
  }
  // The factor's detail (an `explain` pattern) anywhere in the point. The rubric keeps the words
  // that identify a feature out of its detail (features rubrics: the feature said again is not
  // described).
  auto described = [&](std::size_t fi, std::uint32_t first, std::uint32_t end) {
    const auto& d = w.detail_sentences[fi];
    auto it = std::lower_bound(d.begin(), d.end(), first);
    return it != d.end() && *it < end;
  };
  auto wrong_in = [&](std::uint32_t first, std::uint32_t end) {
    for (auto s = first; s < end; ++s) {
      if (contains(w.wrong_sentences, s)) return true;
    }
    return std::any_of(w.a.dates.begin(), w.a.dates.end(),
                       [&](const DateResult& d) { return !d.correct && d.sentence >= first && d.sentence < end; });
  };
  // Every naming of a factor, in text order: (first word, factor).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> namings;
  for (std::size_t fi = 0; fi < w.rules.factors.size(); ++fi) {
    for (const auto& h : w.hits(w.rules.factors[fi]->names)) namings.emplace_back(h.first, static_cast<std::uint32_t>(fi));
  }
  std::sort(namings.begin(), namings.end());
  // Each point's candidates (the factors it names, in text order) and whether it describes each.
  struct Candidate {
    std::uint32_t factor;
    bool described;
  };
  std::vector<std::vector<Candidate>> candidates;
  for (const auto& [first, end] : points) {
    std::vector<Candidate> c;
    const bool wrong = wrong_in(first, end);
    for (const auto& [word, fi] : namings) {
      const auto s = words[word].sentence;
      if (s < first || s >= end || contains(w.wrong_sentences, s)) continue;
      if (std::any_of(c.begin(), c.end(), [&](const Candidate& x) { return x.factor == fi; })) continue;
      c.push_back({fi, !wrong && described(fi, first, end)});
    }
    candidates.push_back(std::move(c));
  }
  // One feature a point, none twice: the reading that finds the most features, then the most
  // described (a point naming two factors is read as the one another point does not identify).
  // Points are few; the search is bounded all the same.
  int best_features = 0, best_described = 0;
  std::vector<std::uint32_t> used;
  long budget = 20000;
  auto search = [&](auto&& self, std::size_t i, int features, int described_n) -> void {
    if (--budget < 0) return;
    if (features > best_features || (features == best_features && described_n > best_described)) {
      best_features = features;
      best_described = described_n;
    }
    if (i == candidates.size()) return;
    for (const auto& c : candidates[i]) {
      if (std::find(used.begin(), used.end(), c.factor) != used.end()) continue;
      used.push_back(c.factor);
      self(self, i + 1, features + 1, described_n + c.described);
      used.pop_back();
    }
    self(self, i + 1, features, described_n);
  };
  search(search, 0, 0, 0);
  w.features = best_features;
  w.features_described = best_described;
}

void fill_measures(Work& w) {
  auto& a = w.a;
  auto& m = a.measures;
  m["explained"] = w.explained;
  m["mentioned"] = w.mentioned;
  m["narrated"] = w.narrated;
  m["credited"] = w.explained + w.mentioned;
  m["supported"] = w.supported;
  m["features"] = w.features;
  m["described"] = w.features_described;
  m["beyond_stimulus"] = w.beyond;
  m["explained_beyond_stimulus"] = w.explained_beyond;
  m["stimulus_explained"] = w.stim_explained;
  m["stimulus_credited"] = w.stim_credited;
  m["stimulus_points"] = static_cast<double>(w.rules.prompt->stimulus.size());
  m["judgement"] = w.has_judgement;
  m["comparison"] = w.has_comparison;
  m["weighed_paragraphs"] = w.weighed_paragraphs;
  m["errors"] = w.errors;
  m["misconceptions"] = w.misconceptions;
  m["terms"] = w.terms_used;
  m["dates"] = w.dates_correct;
  m["specific"] = w.specific;
  m["subject"] = w.on_subject;
  // Repeated sentences count once: padding earns nothing.
  const auto sentences = w.doc.sentences();
  for (std::uint32_t i = 0; i < w.n_sentences; ++i) {
    if (w.duplicate[i]) continue;
    ++w.unique_sentences;
    w.unique_words += static_cast<int>(sentences[i].end_word - sentences[i].first_word);
  }
  m["words"] = w.unique_words;
  m["sentences"] = w.unique_sentences;
  m["paragraphs"] = a.paragraphs;
  m["narrative"] = w.narrative;
  m["keyword_list"] = w.keyword_list;
  m["off_topic"] = w.off_topic;
  m["copied"] = w.copied;
  m["padding"] = w.padding;
  m["exam_year"] = w.rules.exam_year;
  m["incoherent"] = w.incoherent;
  m["relevant"] = w.relevant;
  m["sustained"] = w.sustained;
  // Precise: supporting detail for every explained factor (at least one) and three or more key
  // terms and correct dates.
  w.precise = w.supported >= std::max(1, w.explained) && w.terms_used + w.dates_correct >= 3 ? 1 : 0;
  m["precise"] = w.precise;
  // Sides of a "how far" argument with at least one factor explained on them. A factor argues its
  // side where the answer makes it a point of its own: named in a paragraph whose point (the first
  // factor it names) is on that side, or explained in a paragraph that weighs (comparison language:
  // "This matters more than the fall in output", "whereas the famine was over by 1934"). The other
  // side's factor named in the service of one's own ("the USSR was still exporting grain abroad to
  // pay for machines for the Five-Year Plans, so people were starving"; "in the purges skilled
  // workers were arrested or shot, and this is why output hardly grew") is part of that side's case:
  // a one-sided answer stays one-sided (the scheme's cap). An answer of one paragraph is read as before.
  std::set<std::string> sides;
  for (const auto& f : a.factors) {
    if (f.status != FactorStatus::explained || f.factor->side.empty()) continue;
    bool own_point = w.doc.paragraphs().size() < 2;
    for (auto s : f.sentences) {
      const auto pt = w.paragraph_point[w.doc.sentences()[s].paragraph];
      own_point = own_point || (pt < w.rules.factors.size() && w.rules.factors[pt]->side == f.factor->side);
    }
    // Weighed against the other side in the paragraph that explains it.
    if (f.explained_in) {
      const auto& para = w.doc.paragraphs()[w.doc.sentences()[*f.explained_in].paragraph];
      for (auto s = para.first_sentence; s < para.end_sentence; ++s) {
        own_point = own_point || (contains(w.comparison, s) && !contains(w.salad, s));
      }
    }
    if (own_point) sides.insert(f.factor->side);
  }
  m["sides"] = static_cast<double>(sides.size());
  // Paragraphs in which a factor is explained: several factors linked within one paragraph, the
  // rest of the answer describing or listing, is one developed explanation ("the grain procurement
  // crisis ... This meant the workers in the cities were short of food"), not several.
  // A conclusion of one short sentence (under 25 words) in an answer of three or more paragraphs ("So
  // the NEP divided the party because some wanted to keep it and others to end it.") sums up: a link
  // made only there is not a paragraph of developed explanation ("the explanation is left implicit
  // until a simple conclusion"). The factor is still explained; the paragraph is not counted.
  std::set<std::uint32_t> explaining;
  const auto& paragraphs = w.doc.paragraphs();
  for (const auto& f : a.factors) {
    if (f.status == FactorStatus::explained && f.explained_in) {
      const auto p = w.doc.sentences()[*f.explained_in].paragraph;
      const auto& only = w.doc.sentences()[paragraphs[p].first_sentence];
      if (paragraphs.size() >= 3 && p + 1 == paragraphs.size() &&
          paragraphs[p].end_sentence - paragraphs[p].first_sentence == 1 && only.end_word - only.first_word < 25) {
        continue;
      }
      explaining.insert(p);
    }
  }
  m["explained_paragraphs"] = static_cast<double>(explaining.size());
  a.exam_year = w.rules.exam_year;
}

void read_structure(Work& w) {
  const auto& doc = w.doc;
  auto& a = w.a;
  for (const auto& para : doc.paragraphs()) {
    ParagraphStructure ps;
    ps.span = para.span;
    for (auto s = para.first_sentence; s < para.end_sentence; ++s) {
      for (auto fi : w.factors_in_sentence[s]) {
        if (!ps.point) ps.point = w.rules.factors[fi];
        const auto& fr = a.factors[fi];
        if (fr.explained_in && *fr.explained_in == s) ps.explain = true;
        const auto& d = w.detail_sentences[fi];
        auto it = std::lower_bound(d.begin(), d.end(), para.first_sentence);
        if (it != d.end() && *it < para.end_sentence) ps.evidence = true;
      }
    }
    for (const auto& d : a.dates) {
      if (d.correct && d.span.start >= para.span.start && d.span.end <= para.span.end) ps.evidence = true;
    }
    if (para.end_sentence > para.first_sentence) {
      const auto& last = doc.sentences()[para.end_sentence - 1];
      const auto& stems = w.rules.question_stems;
      for (auto wi = last.first_word; wi < last.end_word && !ps.link; ++wi) {
        ps.link = std::binary_search(stems.begin(), stems.end(), doc.words()[wi].stem);
      }
    }
    a.structure.push_back(ps);
  }
}

}  // namespace ec::mark
