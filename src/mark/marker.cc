// Marking one answer: evidence from the rubric's rules, the measures a mark scheme reads, then the
// level (best fit, highest level whose condition holds), the mark within it and any caps.
// Entry points: Marker::make(), Marker::assess().
#include "mark/marker.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "match/subject.h"

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
  }
  return "empty";
}

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

constexpr int kTooShortWords = 40;
constexpr std::uint32_t kSaysSomething = 5;  // words a sentence needs before a key term in it counts

const rubric::Signal* find_signal(const rubric::Library& library, std::string_view id) {
  for (const auto& [rid, r] : library.rubrics) {
    for (const auto& s : r.signals) {
      if (s.id == id) return &s;
    }
  }
  return nullptr;
}

// Everything one answer needs while it is being marked.
struct Work {
  const text::Document& doc;
  match::Subject subject;
  std::vector<std::uint32_t> sentence_of_word;
  std::vector<bool> duplicate;  // sentence repeats an earlier one word for word

  explicit Work(const text::Document& d) : doc(d), subject(match::Subject::from_document(d, true, true)) {
    const auto sentences = d.sentences();
    duplicate.assign(sentences.size(), false);
    std::unordered_set<std::string> seen;
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      std::string key;
      for (auto w = sentences[s].first_word; w < sentences[s].end_word; ++w) key += d.words()[w].folded + " ";
      if (sentences[s].end_word - sentences[s].first_word >= 3 && !seen.insert(key).second) duplicate[s] = true;
    }
  }

  std::uint32_t sentence_at(std::uint32_t byte) const {
    const auto sentences = doc.sentences();
    auto it = std::upper_bound(sentences.begin(), sentences.end(), byte,
                               [](std::uint32_t b, const text::Sentence& s) { return b < s.span.start; });
    if (it == sentences.begin()) return 0;
    return static_cast<std::uint32_t>(std::prev(it) - sentences.begin());
  }

  // Sentences in which any of the rules matches (duplicates of earlier sentences excluded).
  std::vector<std::uint32_t> sentences_matching(const std::vector<rubric::Rule>& rules) const {
    std::vector<std::uint32_t> out;
    for (const auto& m : matches(rules)) out.push_back(sentence_at(m.span.start));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // All matches of the rules, in text order (outside repeated sentences). Each rule list is matched
  // once per answer, however many measures read it.
  const std::vector<match::Match>& matches(const std::vector<rubric::Rule>& rules) const {
    auto [it, fresh] = memo.try_emplace(&rules);
    if (!fresh) return it->second;
    auto& out = it->second;
    for (const auto& rule : rules) {
      for (auto& m : rule.pattern.find_all(subject, rule.scope)) {
        if (!duplicate[sentence_at(m.span.start)]) out.push_back(std::move(m));
      }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.span.start < b.span.start; });
    return out;
  }
  mutable std::unordered_map<const void*, std::vector<match::Match>> memo;

  // Where the rules match, as word indexes: one Hit a match, in text order.
  struct Hit {
    std::uint32_t sentence, first, last;
  };
  std::uint32_t word_at(std::uint32_t byte) const {
    const auto words = doc.words();
    auto it = std::lower_bound(words.begin(), words.end(), byte,
                               [](const text::Word& word, std::uint32_t b) { return word.span.start < b; });
    return static_cast<std::uint32_t>(it - words.begin());
  }
  std::vector<Hit> hits(const std::vector<rubric::Rule>& rules) const {
    std::vector<Hit> out;
    for (const auto& m : matches(rules)) {
      if (m.words.empty()) continue;
      std::uint32_t first = word_at(m.words.front().start), last = word_at(m.words.back().start);
      out.push_back(Hit{doc.words()[first].sentence, first, last});
    }
    return out;
  }

  bool same_paragraph(std::uint32_t a, std::uint32_t b) const {
    const auto sentences = doc.sentences();
    return a < sentences.size() && b < sentences.size() && sentences[a].paragraph == sentences[b].paragraph;
  }
};

bool contains(const std::vector<std::uint32_t>& sorted, std::uint32_t x) {
  return std::binary_search(sorted.begin(), sorted.end(), x);
}

// In sentence s, or the next one in the same paragraph.
bool here_or_next(const Work& w, const std::vector<std::uint32_t>& sorted, std::uint32_t s) {
  return contains(sorted, s) || (w.same_paragraph(s, s + 1) && contains(sorted, s + 1));
}

std::string join_labels(const std::vector<const FactorResult*>& fs) {
  std::string out;
  for (std::size_t i = 0; i < fs.size(); ++i) {
    if (i) out += i + 1 == fs.size() ? " and " : ", ";
    out += fs[i]->factor->label;
  }
  return out;
}

// Years written in the answer: 1900–1999 as numbers, and "1927–28" style ranges' first year.
struct Year {
  int value;
  std::uint32_t word;
  Span span;
};
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
  const int errors = value("errors"), supported = value("supported"), explained = value("explained"),
            terms = value("terms"), dates = value("dates"), judgement = value("judgement");
  if (!scheme.levels.empty()) {
    if (!creditable) {
      p.level = 0;
      p.mark = 0;
      return p;
    }
    const rubric::Level* level = level_of(scheme, m);
    p.level = level->number;
    p.descriptor = level->descriptor;
    // Best fit within the level: the middle; the top for accurate, precise detail (and, in the top
    // level, a judgement); the bottom for errors or thin detail.
    const int lo = level->min_mark, hi = level->max_mark;
    p.mark = lo + (hi - lo) / 2;
    bool precise = supported >= std::max(1, explained) && terms + dates >= 3;
    bool top_level = level->number == scheme.levels.front().number;
    if (errors > 0) {
      p.mark = lo;
      p.reasons.push_back("Bottom of the level: " + std::to_string(errors) + " factual " +
                          (errors == 1 ? "error" : "errors") + ".");
    } else if (precise && (!top_level || judgement)) {
      p.mark = hi;
      p.reasons.push_back("Top of the level: accurate, precise supporting detail (" + std::to_string(terms) +
                          " key terms, " + std::to_string(dates) + " correct dates).");
    } else if (supported == 0) {
      p.mark = lo;
      p.reasons.push_back("Bottom of the level: little supporting detail.");
    } else {
      p.reasons.push_back("Middle of the level: some supporting detail.");
    }
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
  if (p.level && *p.level > 0) {  // a cap may take the mark below its level
    for (const auto& l : scheme.levels) {
      if (p.mark >= l.min_mark && p.mark <= l.max_mark) {
        p.level = l.number;
        p.descriptor = l.descriptor;
        break;
      }
    }
  }
  return p;
}

namespace {

// The smallest change that lifts the answer: each candidate is re-marked with the same scheme, and
// the first (in order of effort) that reaches a higher level, or failing that a higher mark, wins.
std::optional<NextLevel> find_next_level(const Assessment& a, const rubric::MarkScheme& scheme) {
  struct Candidate {
    std::string change, task;
    std::vector<int> cards;
    std::vector<std::pair<std::string, double>> deltas;
    bool clears_errors = false;
  };
  std::vector<Candidate> candidates;
  if (a.measure("errors") > 0) {
    for (const auto& f : a.flags) {
      if (f.kind != FlagKind::factual_error && f.kind != FlagKind::misconception) continue;
      candidates.push_back({"correct-error", "Correct the mistake: " + f.message, f.cards, {}, true});
      break;
    }
  }
  const FactorResult* mentioned = nullptr;
  for (const auto& f : a.factors) {
    if (f.status != FactorStatus::mentioned) continue;
    if (!mentioned || (mentioned->stimulus && !f.stimulus)) mentioned = &f;
  }
  if (mentioned) {
    const auto* f = mentioned->factor;
    candidates.push_back({"explain-factor",
                          "You named \"" + f->label + "\": after that sentence, add one that shows how it " +
                              "led to the outcome, starting \"This meant that …\"" +
                              (f->hint.empty() ? "." : ". " + f->hint),
                          f->cards,
                          {{"explained", 1},
                           {"mentioned", -1},
                           {"supported", mentioned->detail ? 0 : 1},
                           {"explained_beyond_stimulus", mentioned->stimulus ? 0 : 1},
                           {"stimulus_explained", mentioned->stimulus ? 1 : 0}}});
  }
  for (const auto& fr : a.factors) {
    if (fr.status != FactorStatus::missing || fr.stimulus) continue;
    const auto* f = fr.factor;
    candidates.push_back({"add-factor",
                          "Add a paragraph on a cause of your own: " + f->label +
                              ". Say what happened, then how it led to the outcome" +
                              (f->hint.empty() ? "." : ". " + f->hint),
                          f->cards,
                          {{"explained", 1},
                           {"credited", 1},
                           {"supported", 1},
                           {"beyond_stimulus", 1},
                           {"explained_beyond_stimulus", 1}}});
    break;
  }
  if (a.measure("judgement") == 0) {
    candidates.push_back({"add-judgement",
                          "Finish with a judgement: \"The most important reason was … because …\", backed by a fact "
                          "from your answer.",
                          {},
                          {{"judgement", 1}}});
  }
  if (a.measure("comparison") == 0) {
    candidates.push_back({"compare-factors",
                          "Weigh two factors against each other: \"… was more important than … because …\".",
                          {},
                          {{"comparison", 1}}});
  }
  if (a.measure("keyword_list") > 0) {
    candidates.insert(candidates.begin(),
                      {"write-sentences",
                       "Turn your list into sentences: for each point, say what happened and add \"This meant "
                       "that …\".",
                       {},
                       {{"keyword_list", -1}, {"explained", 1}, {"mentioned", -1}, {"supported", 1}}});
  }
  auto remark = [&](const std::vector<const Candidate*>& changes) {
    auto m = a.measures;
    for (const auto* c : changes) {
      for (const auto& [k, d] : c->deltas) m[k] += d;
      if (c->clears_errors) m["errors"] = 0;
    }
    // What more explanation or a judgement changes about the kind of answer.
    if (m["judgement"] > 0 || m["explained"] > 2) m["narrative"] = 0;
    return place(scheme, m, true);
  };
  const int level_now = a.level.value_or(0);
  std::optional<NextLevel> best_mark;
  auto consider = [&](const std::vector<const Candidate*>& changes) -> std::optional<NextLevel> {
    Placement p = remark(changes);
    NextLevel n{p.level, p.mark, "", "", {}};
    for (const auto* c : changes) {
      n.change += (n.change.empty() ? "" : "+") + c->change;
      n.task += (n.task.empty() ? "" : " Then: ") + c->task;
      n.cards.insert(n.cards.end(), c->cards.begin(), c->cards.end());
    }
    if (p.level && *p.level > level_now) return n;
    if (!best_mark && p.mark > a.mark) best_mark = n;
    return std::nullopt;
  };
  // One change, then two: the first that reaches a higher level, else the first that adds a mark.
  for (const auto& c : candidates) {
    if (auto n = consider({&c})) return n;
  }
  if (best_mark) return best_mark;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    for (std::size_t j = i + 1; j < candidates.size(); ++j) {
      if (auto n = consider({&candidates[i], &candidates[j]})) return n;
    }
  }
  return best_mark;
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
  m.library_ = &library;
  m.prompt_ = &it->second;
  auto scheme = library.schemes.find(m.prompt_->scheme);
  if (scheme == library.schemes.end()) {
    return make_error(ErrorKind::rubric, "prompt " + m.prompt_->id + " names an unknown scheme " + m.prompt_->scheme);
  }
  m.scheme_ = &scheme->second;
  std::set<std::string> used(m.prompt_->uses.begin(), m.prompt_->uses.end());
  for (const auto& rid : m.prompt_->uses) {
    auto r = library.rubrics.find(rid);
    if (r == library.rubrics.end()) continue;
    for (const auto& f : r->second.factors) m.factors_.push_back(&f);
    for (const auto& t : r->second.terms) m.terms_.push_back(&t);
    for (const auto& e : r->second.events) m.events_.push_back(&e);
    for (const auto& x : r->second.misconceptions) m.misconceptions_.push_back(&x);
  }
  for (const auto& [rid, r] : library.rubrics) {
    if (used.count(rid)) continue;
    for (const auto& t : r.terms) {
      m.other_terms_.push_back(&t);
      m.other_topics_.push_back(rid);
    }
  }
  for (const auto& [rid, r] : library.rubrics) {
    if (used.count(rid) || r.factors.empty()) continue;
    OtherQuestion q;
    for (const auto& [pid, p] : library.prompts) {
      if (std::find(p.uses.begin(), p.uses.end(), rid) != p.uses.end()) {
        q.question = p.question;
        break;
      }
    }
    if (q.question.empty()) continue;
    for (const auto& f : r.factors) q.factors.push_back(&f);
    m.other_questions_.push_back(std::move(q));
  }
  m.causal_ = find_signal(library, "causal");
  m.judgement_ = find_signal(library, "judgement");
  m.comparison_ = find_signal(library, "comparison");
  m.sequence_ = find_signal(library, "sequence");
  m.vocabulary_ = std::make_shared<const Vocabulary>(Vocabulary::from(library));
  m.exam_year_ = exam_year > 0 ? exam_year : m.scheme_->exam_year.value_or(2025);
  auto question = text::Document::build(m.prompt_->question);
  // Words of any question that say what to do rather than what about.
  static const std::set<std::string> task_words = {
      "explain", "why",  "how",    "far",   "agree", "which", "more", "most", "important", "reason",
      "reasons", "your", "answer", "with",  "reference", "both", "describe", "features", "feature",
      "two",     "what", "were",   "was",   "this", "that",  "the",  "and",  "for",       "from", "into"};
  for (const auto& w : question.words()) {
    m.question_words_.push_back(w.folded);
    if (w.folded.size() >= 3 && !w.numeric && !task_words.count(w.folded)) m.question_stems_.push_back(w.stem);
  }
  std::sort(m.question_words_.begin(), m.question_words_.end());
  std::sort(m.question_stems_.begin(), m.question_stems_.end());
  m.question_stems_.erase(std::unique(m.question_stems_.begin(), m.question_stems_.end()), m.question_stems_.end());
  return m;
}

Assessment Marker::assess(const text::Document& doc) const {
  Assessment a;
  a.prompt = prompt_;
  a.scheme = scheme_;
  a.words = static_cast<int>(doc.words().size());
  a.sentences = static_cast<int>(doc.sentences().size());
  a.paragraphs = static_cast<int>(doc.paragraphs().size());
  std::set<std::string> stimulus;
  for (const auto& s : prompt_->stimulus) stimulus.insert(s.factor);

  Work w(doc);
  const std::uint32_t n_sentences = static_cast<std::uint32_t>(doc.sentences().size());
  static const std::vector<rubric::Rule> none;
  auto signal_sentences = [&](const rubric::Signal* s) { return w.sentences_matching(s ? s->names : none); };
  const auto causal = signal_sentences(causal_);
  const auto judgement = signal_sentences(judgement_);
  const auto comparison = signal_sentences(comparison_);
  const auto sequence = signal_sentences(sequence_);

  // Sentences that make a wrong claim (a rubric misconception) explain nothing.
  std::vector<std::uint32_t> wrong_sentences;
  for (const auto* mc : misconceptions_) {
    auto found = w.sentences_matching(mc->claims);
    wrong_sentences.insert(wrong_sentences.end(), found.begin(), found.end());
  }
  std::sort(wrong_sentences.begin(), wrong_sentences.end());

  // ---- factors ----
  // A factor is explained where the answer links it to the outcome: causal language close to the
  // words that name it (a few words before, or later in the same sentence), or later in its
  // paragraph before another factor is named (point, evidence, explain); and supporting detail (an
  // `explain` pattern) in the same or the next sentence. Naming it otherwise is mentioning it.
  constexpr std::uint32_t kBefore = 4, kAfter = 25;
  const auto causal_hits = w.hits(causal_ ? causal_->names : none);
  std::vector<std::vector<Work::Hit>> naming(factors_.size());
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> named_in(n_sentences);  // (first word, factor)
  for (std::size_t i = 0; i < factors_.size(); ++i) {
    naming[i] = w.hits(factors_[i]->names);
    for (const auto& h : naming[i]) named_in[h.sentence].emplace_back(h.first, static_cast<std::uint32_t>(i));
  }
  for (auto& v : named_in) std::sort(v.begin(), v.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> all_named;  // (first word, factor), in text order
  for (const auto& v : named_in) all_named.insert(all_named.end(), v.begin(), v.end());
  std::sort(all_named.begin(), all_named.end());
  // Is the naming at `h` followed, within its paragraph and before another factor is named, by
  // causal language (or is causal language right beside it)?
  auto linked = [&](std::size_t i, const Work::Hit& h) {
    for (const auto& c : causal_hits) {
      if (c.sentence == h.sentence && c.first + kBefore >= h.first && c.first <= h.last + kAfter) return true;
      if (c.sentence <= h.sentence || !w.same_paragraph(h.sentence, c.sentence)) continue;
      auto from = std::upper_bound(all_named.begin(), all_named.end(), std::make_pair(h.last, ~0u));
      bool other_between = false;
      for (auto it = from; it != all_named.end() && it->first < c.first; ++it) {
        if (it->second != i) {
          other_between = true;
          break;
        }
      }
      if (!other_between) return true;
    }
    return false;
  };
  std::vector<std::vector<std::uint32_t>> factors_in_sentence(n_sentences);
  std::vector<std::vector<std::uint32_t>> detail_sentences(factors_.size());
  for (std::size_t i = 0; i < factors_.size(); ++i) {
    const auto* f = factors_[i];
    FactorResult r;
    r.factor = f;
    r.stimulus = stimulus.count(f->id) > 0;
    detail_sentences[i] = w.sentences_matching(f->explain);
    for (const auto& h : naming[i]) {
      if (r.sentences.empty() || r.sentences.back() != h.sentence) r.sentences.push_back(h.sentence);
      auto& in = factors_in_sentence[h.sentence];
      if (std::find(in.begin(), in.end(), i) == in.end()) in.push_back(static_cast<std::uint32_t>(i));
      bool d = here_or_next(w, detail_sentences[i], h.sentence);
      bool c = linked(i, h) && !contains(wrong_sentences, h.sentence);
      r.detail = r.detail || d;
      r.causal = r.causal || c;
      if (d && c && !r.explained_in) r.explained_in = h.sentence;
    }
    std::sort(r.sentences.begin(), r.sentences.end());
    r.sentences.erase(std::unique(r.sentences.begin(), r.sentences.end()), r.sentences.end());
    r.status = r.explained_in ? FactorStatus::explained
               : r.sentences.empty() ? FactorStatus::missing
                                     : FactorStatus::mentioned;
    a.factors.push_back(std::move(r));
  }

  // ---- terms ----
  int terms_used = 0;
  for (const auto* t : terms_) {
    TermResult r;
    r.term = t;
    for (const auto& m : w.matches(t->names)) {
      // A term counts only inside a sentence that says something, not in a line of notes.
      const auto& sentence = doc.sentences()[w.sentence_at(m.span.start)];
      if (sentence.end_word - sentence.first_word < kSaysSomething) continue;
      if (r.evidence.size() < 3) r.evidence.push_back(m.span);
    }
    if (!r.evidence.empty()) ++terms_used;
    a.terms.push_back(std::move(r));
  }

  // ---- dates: each year is checked against an event named close to it in its sentence ----
  // A year belongs to an event when at most kYearReach words stand between them; a year that fits
  // any such event is right, otherwise it is wrong for the nearest one. Years further away are
  // left alone: a marker should not invent errors.
  constexpr std::uint32_t kYearReach = 3;
  struct EventHit {
    const rubric::Event* event;
    std::vector<std::uint32_t> words;  // word indexes the event's pattern used
    std::uint32_t sentence;
  };
  const auto doc_words = doc.words();
  auto word_at = [&](std::uint32_t byte) {
    auto it = std::lower_bound(doc_words.begin(), doc_words.end(), byte,
                               [](const text::Word& word, std::uint32_t b) { return word.span.start < b; });
    return static_cast<std::uint32_t>(it - doc_words.begin());
  };
  std::vector<EventHit> event_hits;
  for (const auto* e : events_) {
    for (const auto& m : w.matches(e->names)) {
      EventHit h{e, {}, w.sentence_at(m.span.start)};
      for (const auto& span : m.words) h.words.push_back(word_at(span.start));
      event_hits.push_back(std::move(h));
    }
  }
  int dates_correct = 0, errors = 0;
  for (const auto& y : years_in(doc)) {
    std::uint32_t s = doc_words[y.word].sentence;
    if (w.duplicate[s]) continue;
    const std::string digits = std::to_string(y.value);
    const EventHit* nearest = nullptr;
    const EventHit* fitting = nullptr;
    std::uint32_t best = ~0u;
    for (const auto& h : event_hits) {
      if (h.sentence != s) continue;
      std::uint32_t gap = ~0u;
      for (auto word : h.words) {
        std::uint32_t d = word > y.word ? word - y.word - 1 : y.word > word ? y.word - word - 1 : 0;
        gap = std::min(gap, d);
      }
      if (gap > kYearReach) continue;
      // A year that is part of what the event says ("back to its 1914 level") is not its date.
      if (h.event->what.find(digits) != std::string::npos) continue;
      if (y.value >= h.event->year_from && y.value <= h.event->year_to && !fitting) fitting = &h;
      if (gap < best) {
        best = gap;
        nearest = &h;
      }
    }
    if (fitting) nearest = fitting;
    if (!nearest) continue;
    DateResult dr;
    dr.year = y.value;
    dr.event = nearest->event;
    dr.correct = y.value >= nearest->event->year_from && y.value <= nearest->event->year_to;
    dr.span = y.span;
    dr.sentence = s;
    if (dr.correct) {
      ++dates_correct;
    } else {
      ++errors;
      const auto* e = nearest->event;
      std::string right = e->year_from == e->year_to ? std::to_string(e->year_from)
                                                     : std::to_string(e->year_from) + "-" + std::to_string(e->year_to);
      a.flags.push_back(Flag{FlagKind::factual_error,
                             "You gave " + std::to_string(y.value) + " for \"" + e->what + "\": it was " + right +
                                 " (" + cards_text(e->cards) + ").",
                             y.span, e->cards});
    }
    a.dates.push_back(dr);
  }

  // ---- misconceptions ----
  for (const auto* mc : misconceptions_) {
    auto found = w.matches(mc->claims);
    if (found.empty()) continue;
    ++errors;
    const auto& s = doc.sentences()[w.sentence_at(found.front().span.start)];
    a.flags.push_back(Flag{FlagKind::misconception, mc->correction + " (" + cards_text(mc->cards) + ")", s.span,
                           mc->cards});
  }

  // ---- spelling: key words misspelt are flagged (they were still credited) ----
  for (auto& note : check_spelling(doc, *vocabulary_)) {
    if (!note.correct.empty()) {
      a.flags.push_back(Flag{FlagKind::misspelling,
                             "\"" + note.written + "\" is spelt \"" + note.correct + "\".", note.span, {}});
    }
    a.spelling.push_back(SpellingNote{note.span, note.correct});
  }

  // ---- measures ----
  int explained = 0, mentioned = 0, supported = 0, beyond = 0, explained_beyond = 0, stim_explained = 0,
      stim_credited = 0;
  for (const auto& f : a.factors) {
    bool credited = f.status != FactorStatus::missing;
    explained += f.status == FactorStatus::explained;
    mentioned += f.status == FactorStatus::mentioned;
    supported += credited && f.detail;
    if (credited && !f.stimulus) ++beyond;
    if (f.status == FactorStatus::explained && !f.stimulus) ++explained_beyond;
    if (f.stimulus) {
      stim_explained += f.status == FactorStatus::explained;
      stim_credited += credited;
    }
  }
  int has_judgement = 0, has_comparison = 0;
  // Weighing: comparison language with two different factors in that sentence or the next.
  auto weighs = [&](std::uint32_t s) {
    if (!contains(comparison, s)) return false;
    std::set<std::uint32_t> fs(factors_in_sentence[s].begin(), factors_in_sentence[s].end());
    if (w.same_paragraph(s, s + 1)) fs.insert(factors_in_sentence[s + 1].begin(), factors_in_sentence[s + 1].end());
    return fs.size() >= 2;
  };
  for (std::uint32_t s = 0; s < n_sentences; ++s) has_comparison = has_comparison || weighs(s);
  // A supported judgement: judgement language naming a factor, with a reason (causal language) and
  // support for it (the factor's detail, or a weighing against another factor) there or just after.
  for (auto s : judgement) {
    std::set<std::uint32_t> judged(factors_in_sentence[s].begin(), factors_in_sentence[s].end());
    if (judged.empty() || !here_or_next(w, causal, s)) continue;
    bool supported_here = weighs(s) || (w.same_paragraph(s, s + 1) && weighs(s + 1));
    for (auto f : judged) supported_here = supported_here || here_or_next(w, detail_sentences[f], s);
    if (supported_here) has_judgement = 1;
  }

  // ---- what kind of answer this is ----
  const auto sentences = doc.sentences();
  // A list: most "sentences" are short lines of notes without a full stop, or very short.
  int short_sentences = 0, note_lines = 0, longest = 0;
  for (const auto& s : sentences) {
    int n = static_cast<int>(s.end_word - s.first_word);
    short_sentences += n <= 4;
    std::string_view text = doc.text(s.span);
    while (!text.empty() && (text.back() == '"' || text.back() == '\'' || text.back() == ')')) text.remove_suffix(1);
    bool stopped = !text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == '?');
    note_lines += n <= 8 && !stopped;
    longest = std::max(longest, n);
  }
  int keyword_list = a.sentences >= 3 && (short_sentences * 10 >= a.sentences * 6 ||
                                          note_lines * 10 >= a.sentences * 6 || longest < 6)
                         ? 1
                         : 0;
  int duplicates = static_cast<int>(std::count(w.duplicate.begin(), w.duplicate.end(), true));
  int padding = duplicates >= 2 || (a.sentences > 0 && duplicates * 4 >= a.sentences) ? 1 : 0;
  std::set<std::uint32_t> dated;
  for (const auto& y : years_in(doc)) dated.insert(doc.words()[y.word].sentence);
  int told = 0;
  for (std::uint32_t s = 0; s < n_sentences; ++s) told += dated.count(s) || contains(sequence, s);
  // A narrative: most sentences tell events in order (a date or "then", "after that"), little is
  // explained and nothing is judged.
  int narrative = a.sentences >= 4 && !keyword_list && !has_judgement &&
                          ((told * 10 >= a.sentences * 4 && explained <= 1) ||
                           (told * 10 >= a.sentences * 5 && explained <= 2))
                      ? 1
                      : 0;
  // The question copied back: nearly every word of the answer is a word of the question.
  int copied = 0;
  if (a.words > 0 && a.words <= static_cast<int>(question_words_.size()) + 4) {
    int in_question = 0;
    for (const auto& word : doc.words()) {
      in_question += std::binary_search(question_words_.begin(), question_words_.end(), word.folded);
    }
    copied = in_question * 10 >= a.words * 7 ? 1 : 0;
  }
  // Another question: the answer names the factors of another question's rubric far more than
  // its own prompt's, or, crediting nothing of its own, uses the terms of another topic.
  int off_topic = 0;
  std::string other_topic;
  if (explained <= 1 && a.words >= 20) {
    const int own = explained + mentioned;
    int best = 0;
    for (const auto& q : other_questions_) {
      int n = 0;
      for (const auto* f : q.factors) n += !w.sentences_matching(f->names).empty();
      if (n > best) {
        best = n;
        other_topic = "\"" + q.question + "\"";
      }
    }
    off_topic = best >= 3 && best >= 2 * own + 1 ? 1 : 0;
    if (!off_topic) other_topic.clear();
  }
  if (!off_topic && explained + mentioned == 0 && terms_used == 0 && a.words >= 20) {
    std::map<std::string, int> hits;
    for (std::size_t i = 0; i < other_terms_.size(); ++i) {
      if (!w.sentences_matching(other_terms_[i]->names).empty()) ++hits[other_topics_[i]];
    }
    for (const auto& [topic, n] : hits) {
      if (n >= 2 && (other_topic.empty() || n > hits[other_topic])) other_topic = topic;
    }
    off_topic = other_topic.empty() ? 0 : 1;
  }

  auto& m = a.measures;
  m["explained"] = explained;
  m["mentioned"] = mentioned;
  m["credited"] = explained + mentioned;
  m["supported"] = supported;
  m["beyond_stimulus"] = beyond;
  m["explained_beyond_stimulus"] = explained_beyond;
  m["stimulus_explained"] = stim_explained;
  m["stimulus_credited"] = stim_credited;
  m["stimulus_points"] = static_cast<double>(prompt_->stimulus.size());
  m["judgement"] = has_judgement;
  m["comparison"] = has_comparison;
  m["errors"] = errors;
  m["terms"] = terms_used;
  m["dates"] = dates_correct;
  // Repeated sentences count once: padding earns nothing.
  int unique_words = 0, unique_sentences = 0;
  for (std::uint32_t i = 0; i < n_sentences; ++i) {
    if (w.duplicate[i]) continue;
    ++unique_sentences;
    unique_words += static_cast<int>(sentences[i].end_word - sentences[i].first_word);
  }
  m["words"] = unique_words;
  m["sentences"] = unique_sentences;
  m["paragraphs"] = a.paragraphs;
  m["narrative"] = narrative;
  m["keyword_list"] = keyword_list;
  m["off_topic"] = off_topic;
  m["copied"] = copied;
  m["padding"] = padding;
  m["exam_year"] = exam_year_;
  // Sides of a "how far" argument with at least one factor explained on them.
  std::set<std::string> sides;
  for (const auto& f : a.factors) {
    if (f.status == FactorStatus::explained && !f.factor->side.empty()) sides.insert(f.factor->side);
  }
  m["sides"] = static_cast<double>(sides.size());
  a.exam_year = exam_year_;

  // ---- structure: each paragraph as point, evidence, explain, link ----
  for (const auto& para : doc.paragraphs()) {
    ParagraphStructure ps;
    ps.span = para.span;
    for (auto s = para.first_sentence; s < para.end_sentence; ++s) {
      for (auto fi : factors_in_sentence[s]) {
        if (!ps.point) ps.point = factors_[fi];
        const auto& fr = a.factors[fi];
        if (fr.explained_in && *fr.explained_in == s) ps.explain = true;
        const auto& d = detail_sentences[fi];
        auto it = std::lower_bound(d.begin(), d.end(), para.first_sentence);
        if (it != d.end() && *it < para.end_sentence) ps.evidence = true;
      }
    }
    for (const auto& d : a.dates) {
      if (d.correct && d.span.start >= para.span.start && d.span.end <= para.span.end) ps.evidence = true;
    }
    if (para.end_sentence > para.first_sentence) {
      const auto& last = doc.sentences()[para.end_sentence - 1];
      for (auto wi = last.first_word; wi < last.end_word && !ps.link; ++wi) {
        ps.link = std::binary_search(question_stems_.begin(), question_stems_.end(), doc.words()[wi].stem);
      }
    }
    a.structure.push_back(ps);
  }

  // ---- flags about the whole answer ----
  std::vector<Flag> whole;
  if (a.words == 0) {
    whole.push_back(Flag{FlagKind::empty, "The answer is empty: there is nothing to mark.", std::nullopt, {}});
  } else if (unique_words < kTooShortWords) {
    whole.push_back(Flag{FlagKind::too_short,
                         "The answer has " + std::to_string(unique_words) + " words; a " + std::to_string(prompt_->marks) +
                             "-mark answer needs several explained points.",
                         std::nullopt, {}});
  }
  if (copied) {
    whole.push_back(Flag{FlagKind::copied_prompt, "The answer repeats the question; it earns no marks.", std::nullopt, {}});
  }
  if (off_topic) {
    whole.push_back(Flag{FlagKind::off_topic,
                         "The answer seems to answer another question (" + other_topic +
                             ") rather than this one.",
                         std::nullopt, {}});
  }
  if (keyword_list) {
    whole.push_back(Flag{FlagKind::keyword_list,
                         "The answer lists names and dates without sentences that explain them.", std::nullopt, {}});
  }
  if (narrative) {
    whole.push_back(Flag{FlagKind::narrative,
                         "The answer tells what happened in order but does not explain why.", std::nullopt, {}});
  }
  if (padding) {
    whole.push_back(Flag{FlagKind::padding, "Some sentences are repeated; repeats earn nothing more.", std::nullopt, {}});
  }
  std::stable_sort(a.flags.begin(), a.flags.end(), [](const Flag& x, const Flag& y) {
    return x.span->start < y.span->start;
  });
  a.flags.insert(a.flags.begin(), whole.begin(), whole.end());

  // ---- level and mark ----
  std::vector<const FactorResult*> explained_list, mentioned_list;
  for (const auto& f : a.factors) {
    if (f.status == FactorStatus::explained) explained_list.push_back(&f);
    if (f.status == FactorStatus::mentioned) mentioned_list.push_back(&f);
  }
  const bool creditable = a.words > 0 && !copied && (explained + mentioned + terms_used + dates_correct > 0);
  if (!scheme_->levels.empty()) {
    if (!creditable) {
      a.reasons.push_back(a.words == 0 ? "Nothing is written, so no level can be given."
                          : copied      ? "The answer copies the question, which earns no marks."
                                        : "Nothing in the answer can be credited for this question.");
    } else {
      std::string why = "Level " + std::to_string(level_of(*scheme_, m)->number) + ": ";
      if (!explained_list.empty()) {
        why += std::to_string(explained) + (explained == 1 ? " factor" : " factors") + " explained (" +
               join_labels(explained_list) + ")";
      } else {
        why += "no factor is explained";
      }
      if (!mentioned_list.empty()) {
        why += "; " + std::to_string(mentioned) + " named without explanation (" + join_labels(mentioned_list) + ")";
      }
      if (has_judgement) why += "; a supported judgement";
      a.reasons.push_back(why + ".");
    }
  }
  Placement placed = place(*scheme_, m, creditable);
  a.level = placed.level;
  a.mark = placed.mark;
  a.level_descriptor = placed.descriptor;
  a.reasons.insert(a.reasons.end(), placed.reasons.begin(), placed.reasons.end());
  a.caps = placed.caps;
  if (creditable) a.next_level = find_next_level(a, *scheme_);
  return a;
}

}  // namespace ec::mark
