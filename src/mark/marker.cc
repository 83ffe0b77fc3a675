// Marking one answer: Marker::make() gathers the prompt's rules once; Marker::assess() runs the
// marking steps (work.h: evidence, dates, judgements, answer kind, measures, placement) in order
// over one Work. Entry points: Marker::make(), Marker::assess().
#include "mark/marker.h"

#include <algorithm>
#include <set>

#include "mark/work.h"

namespace ec::mark {

const char* to_string(FactorStatus status) {
  switch (status) {
    case FactorStatus::explained: return "explained";
    case FactorStatus::mentioned: return "mentioned";
    case FactorStatus::missing: return "missing";
  }
  return "missing";
}

const char* to_string(FlagKind kind) {
  switch (kind) {
    case FlagKind::empty: return "empty";
    case FlagKind::too_short: return "too-short";
    case FlagKind::copied_prompt: return "copied-prompt";
    case FlagKind::off_topic: return "off-topic";
    case FlagKind::keyword_list: return "keyword-list";
    case FlagKind::narrative: return "narrative";
    case FlagKind::padding: return "padding";
    case FlagKind::factual_error: return "factual-error";
    case FlagKind::misconception: return "misconception";
    case FlagKind::misspelling: return "misspelling";
    case FlagKind::incoherent: return "incoherent";
  }
  return "empty";
}

namespace {

const rubric::Signal* find_signal(const rubric::Library& library, std::string_view id) {
  for (const auto& [rid, r] : library.rubrics) {
    for (const auto& s : r.signals) {
      if (s.id == id) return &s;
    }
  }
  return nullptr;
}

}  // namespace

std::string cards_text(const std::vector<int>& cards) {
  if (cards.empty()) return "";
  std::string out = cards.size() == 1 ? "card " : "cards ";
  for (std::size_t i = 0; i < cards.size(); ++i) out += (i ? ", " : "") + std::to_string(cards[i]);
  return out;
}

Result<Marker> Marker::make(const rubric::Library& library, std::string_view prompt_id, int exam_year) {
  auto it = library.prompts.find(std::string(prompt_id));
  if (it == library.prompts.end()) {
    std::string known;
    for (const auto& [id, p] : library.prompts) known += (known.empty() ? "" : ", ") + id;
    return make_error(ErrorKind::usage, "no prompt '" + std::string(prompt_id) + "'; the prompts are: " + known +
                                            " (see 'essaycoach prompts')");
  }
  Marker m;
  m.rules_.library = &library;
  m.rules_.prompt = &it->second;
  auto scheme = library.schemes.find(m.rules_.prompt->scheme);
  if (scheme == library.schemes.end()) {
    return make_error(ErrorKind::rubric, "prompt " + m.rules_.prompt->id + " names an unknown scheme " + m.rules_.prompt->scheme);
  }
  m.rules_.scheme = &scheme->second;
  std::set<std::string> used(m.rules_.prompt->uses.begin(), m.rules_.prompt->uses.end());
  for (const auto& rid : m.rules_.prompt->uses) {
    auto r = library.rubrics.find(rid);
    if (r == library.rubrics.end()) continue;
    for (const auto& f : r->second.factors) m.rules_.factors.push_back(&f);
    for (const auto& t : r->second.terms) m.rules_.terms.push_back(&t);
    for (const auto& e : r->second.events) m.rules_.events.push_back(&e);
    for (const auto& x : r->second.misconceptions) m.rules_.misconceptions.push_back(&x);
  }
  for (const auto& [rid, r] : library.rubrics) {
    if (used.count(rid)) continue;
    for (const auto& t : r.terms) {
      m.rules_.other_terms.push_back(&t);
      m.rules_.other_topics.push_back(rid);
    }
    for (const auto& e : r.events) m.rules_.other_events.push_back(&e);
  }
  for (const auto& [rid, r] : library.rubrics) {
    if (used.count(rid) || r.factors.empty()) continue;
    PromptRules::OtherQuestion q;
    for (const auto& [pid, p] : library.prompts) {
      if (std::find(p.uses.begin(), p.uses.end(), rid) != p.uses.end()) {
        q.question = p.question;
        break;
      }
    }
    if (q.question.empty()) continue;
    for (const auto& f : r.factors) q.factors.push_back(&f);
    m.rules_.other_questions.push_back(std::move(q));
  }
  for (const auto& [rid, r] : library.rubrics) {
    for (const auto& f : r.factors) m.rules_.key_phrases.push_back(&f.names);
    for (const auto& t : r.terms) m.rules_.key_phrases.push_back(&t.names);
    for (const auto& e : r.events) m.rules_.key_phrases.push_back(&e.names);
    static_assert(rubric::card_count <= 32, "a card set is a 32-bit mask");
    auto cards = [](const std::vector<int>& cs) {
      std::uint32_t mask = 0;
      for (int c : cs) mask |= c >= 1 && c <= 32 ? 1u << (c - 1) : 0u;
      return mask;
    };
    for (const auto& f : r.factors) m.rules_.key_phrase_cards.push_back(cards(f.cards));
    for (const auto& t : r.terms) m.rules_.key_phrase_cards.push_back(cards(t.cards));
    for (const auto& e : r.events) m.rules_.key_phrase_cards.push_back(cards(e.cards));
  }
  m.rules_.causal = find_signal(library, "causal");
  m.rules_.judgement = find_signal(library, "judgement");
  m.rules_.comparison = find_signal(library, "comparison");
  m.rules_.sequence = find_signal(library, "sequence");
  m.rules_.because = find_signal(library, "because");
  m.rules_.contrast = find_signal(library, "contrast");
  m.rules_.summary = find_signal(library, "summary");
  m.rules_.verdict = find_signal(library, "verdict");
  m.rules_.vocabulary = std::make_shared<const Vocabulary>(Vocabulary::from(library));
  m.rules_.exam_year = exam_year > 0 ? exam_year : m.rules_.scheme->exam_year.value_or(2025);
  auto question = text::Document::build(m.rules_.prompt->question);
  // Words of any question that say what to do rather than what about.
  static const std::set<std::string> task_words = {
      "explain", "why",  "how",    "far",   "agree", "which", "more", "most", "important", "reason",
      "reasons", "your", "answer", "with",  "reference", "both", "describe", "features", "feature",
      "two",     "what", "were",   "was",   "this", "that",  "the",  "and",  "for",       "from", "into"};
  for (const auto& w : question.words()) {
    m.rules_.question_words.push_back(w.folded);
    if (w.folded.size() >= 3 && !w.numeric && !task_words.count(w.folded)) m.rules_.question_stems.push_back(w.stem);
  }
  std::sort(m.rules_.question_words.begin(), m.rules_.question_words.end());
  std::sort(m.rules_.question_stems.begin(), m.rules_.question_stems.end());
  auto& stems = m.rules_.question_stems;
  stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
  return m;
}

Assessment Marker::assess(const text::Document& doc) const {
  Work w(doc, rules_);
  auto& a = w.a;
  a.prompt = rules_.prompt;
  a.scheme = rules_.scheme;
  a.words = static_cast<int>(doc.words().size());
  a.sentences = static_cast<int>(doc.sentences().size());
  a.paragraphs = static_cast<int>(doc.paragraphs().size());
  w.causal = w.signal_sentences(rules_.causal);
  w.judgement = w.signal_sentences(rules_.judgement);
  w.comparison = w.signal_sentences(rules_.comparison);
  w.sequence = w.signal_sentences(rules_.sequence);
  w.because = w.signal_sentences(rules_.because);
  w.contrast = w.signal_sentences(rules_.contrast);
  w.summary = w.signal_sentences(rules_.summary);
  w.verdict = w.signal_sentences(rules_.verdict);

  find_term_salad(w);
  find_factors(w);
  find_terms(w);
  check_dates(w);
  find_misconceptions(w);
  note_spelling(w);
  count_factors(w);
  count_features(w);
  weigh_judgements(w);
  read_answer_kind(w);
  read_coherence(w);
  fill_measures(w);
  read_structure(w);
  flag_whole_answer(w);
  place_answer(w);
  return std::move(w.a);
}

}  // namespace ec::mark
