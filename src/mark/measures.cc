// What the mark scheme reads about one answer: the factor counts, then every measure by name
// (rubrics/README.md lists them), and each paragraph read as point, evidence, explain, link.
// Entry points: count_factors(), fill_measures(), read_structure() (declared in work.h).
#include <algorithm>
#include <set>

#include "mark/work.h"

namespace ec::mark {

void count_factors(Work& w) {
  for (const auto& f : w.a.factors) {
    bool credited = f.status != FactorStatus::missing;
    w.explained += f.status == FactorStatus::explained;
    w.mentioned += f.status == FactorStatus::mentioned;
    w.supported += credited && f.detail;
    if (credited && !f.stimulus) ++w.beyond;
    if (f.status == FactorStatus::explained && !f.stimulus) ++w.explained_beyond;
    if (f.stimulus) {
      w.stim_explained += f.status == FactorStatus::explained;
      w.stim_credited += credited;
    }
  }
}

void fill_measures(Work& w) {
  auto& a = w.a;
  auto& m = a.measures;
  m["explained"] = w.explained;
  m["mentioned"] = w.mentioned;
  m["credited"] = w.explained + w.mentioned;
  m["supported"] = w.supported;
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
  // Sides of a "how far" argument with at least one factor explained on them.
  std::set<std::string> sides;
  for (const auto& f : a.factors) {
    if (f.status == FactorStatus::explained && !f.factor->side.empty()) sides.insert(f.factor->side);
  }
  m["sides"] = static_cast<double>(sides.size());
  // Paragraphs in which a factor is explained: several factors linked within one paragraph, the
  // rest of the answer describing or listing, is one developed explanation ("the grain procurement
  // crisis ... This meant the workers in the cities were short of food"), not several.
  std::set<std::uint32_t> explaining;
  for (const auto& f : a.factors) {
    if (f.status == FactorStatus::explained && f.explained_in) {
      explaining.insert(w.doc.sentences()[*f.explained_in].paragraph);
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
