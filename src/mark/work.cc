// The shared work of marking one answer: where sentences and words are, which sentences repeat,
// and the rules' matches (each rule list matched once per answer). Entry point: Work (work.h).
#include "mark/work.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_set>

namespace ec::mark {

Work::Work(const text::Document& d, const PromptRules& r)
    : doc(d), rules(r), subject(match::Subject::from_document(d, true, true)) {
  const auto sentences = d.sentences();
  n_sentences = static_cast<std::uint32_t>(sentences.size());
  duplicate.assign(sentences.size(), false);
  std::unordered_set<std::string> seen;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    std::string key;
    for (auto w = sentences[s].first_word; w < sentences[s].end_word; ++w) key += d.words()[w].folded + " ";
    if (sentences[s].end_word - sentences[s].first_word >= 3 && !seen.insert(key).second) duplicate[s] = true;
  }
  factors_in_sentence.resize(n_sentences);
  detail_sentences.resize(rules.factors.size());
}

std::uint32_t Work::sentence_at(std::uint32_t byte) const {
  const auto sentences = doc.sentences();
  auto it = std::upper_bound(sentences.begin(), sentences.end(), byte,
                             [](std::uint32_t b, const text::Sentence& s) { return b < s.span.start; });
  if (it == sentences.begin()) return 0;
  return static_cast<std::uint32_t>(std::prev(it) - sentences.begin());
}

std::uint32_t Work::word_at(std::uint32_t byte) const {
  const auto words = doc.words();
  auto it = std::lower_bound(words.begin(), words.end(), byte,
                             [](const text::Word& word, std::uint32_t b) { return word.span.start < b; });
  return static_cast<std::uint32_t>(it - words.begin());
}

std::ranges::iota_view<std::uint32_t, std::uint32_t> Work::words_in(Span span) const {
  const auto words = doc.words();
  const std::uint32_t first = word_at(span.start);
  std::uint32_t end = first;
  while (end < words.size() && words[end].span.start < span.end) ++end;
  return std::views::iota(first, end);
}

bool Work::same_paragraph(std::uint32_t x, std::uint32_t y) const {
  const auto sentences = doc.sentences();
  return x < sentences.size() && y < sentences.size() && sentences[x].paragraph == sentences[y].paragraph;
}

std::vector<std::uint32_t> Work::sentences_matching(const std::vector<rubric::Rule>& rs) const {
  std::vector<std::uint32_t> out;
  for (const auto& m : matches(rs)) out.push_back(sentence_at(m.span.start));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::vector<match::Match>& Work::matches(const std::vector<rubric::Rule>& rs) const {
  auto [it, fresh] = memo_.try_emplace(&rs);
  if (!fresh) return it->second;
  auto& out = it->second;
  for (const auto& rule : rs) {
    for (auto& m : rule.pattern.find_all(subject, rule.scope)) {
      if (!duplicate[sentence_at(m.span.start)]) out.push_back(std::move(m));
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.span.start < y.span.start; });
  return out;
}

std::vector<Work::Hit> Work::hits(const std::vector<rubric::Rule>& rs) const {
  std::vector<Hit> out;
  for (const auto& m : matches(rs)) {
    if (m.words.empty()) continue;
    std::uint32_t first = word_at(m.words.front().start), last = word_at(m.words.back().start);
    out.push_back(Hit{doc.words()[first].sentence, first, last});
  }
  return out;
}

std::vector<std::uint32_t> Work::signal_sentences(const rubric::Signal* signal) const {
  static const std::vector<rubric::Rule> none;
  return sentences_matching(signal ? signal->names : none);
}

bool contains(const std::vector<std::uint32_t>& sorted, std::uint32_t x) {
  return std::binary_search(sorted.begin(), sorted.end(), x);
}

bool here_or_next(const Work& w, const std::vector<std::uint32_t>& sorted, std::uint32_t s) {
  return contains(sorted, s) || (w.same_paragraph(s, s + 1) && contains(sorted, s + 1));
}

std::vector<Year> years_in(const text::Document& doc) {
  std::vector<Year> out;
  const auto words = doc.words();
  for (std::uint32_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    if (!w.numeric || w.folded.size() != 4) continue;
    int v = std::atoi(w.folded.c_str());
    if (v >= 1900 && v <= 1999) out.push_back(Year{v, i, w.span});
  }
  return out;
}

}  // namespace ec::mark
