// Turning an Assessment into feedback: strengths quoting the student's sentences, the one or two
// changes that would help most (each with a how), a redraft task and the cards to revise.
// Entry point: give_feedback().
#include "feedback/feedback.h"

#include "mark/marker.h"

#include <algorithm>
#include <set>

namespace ec::feedback {

const std::vector<Code>& codes() {
  static const std::vector<Code> key = {
      {"W1", "You explained a factor: you linked it to the outcome and backed it with detail."},
      {"W2", "You reached a supported judgement about which reason mattered most."},
      {"W3", "You used key terms and dates accurately."},
      {"W4", "You went beyond the stimulus points with knowledge of your own."},
      {"W5", "You named relevant factors."},
      {"E1", "Explain how a factor you named led to the outcome (use 'this meant that', 'as a result')."},
      {"E2", "Add a factor of your own beyond the stimulus points."},
      {"E3", "Finish with a judgement: which reason mattered most, and why."},
      {"E4", "Correct a factual error (a date or a claim)."},
      {"E5", "Write in sentences that explain, not a list of names and dates."},
      {"E6", "Explain why things happened rather than telling the story."},
      {"E7", "Back each point with precise detail: names, dates, events from the cards."},
      {"E8", "Answer the question that was set."},
      {"E9", "Write more: a full answer explains several factors."},
  };
  return key;
}

namespace {

using mark::cards_text;
using mark::FactorResult;
using mark::FactorStatus;
using mark::FlagKind;

bool has_flag(const mark::Assessment& a, FlagKind k) {
  return std::any_of(a.flags.begin(), a.flags.end(), [&](const auto& f) { return f.kind == k; });
}

// A short quotation of a sentence: its first words, cut at a word boundary.
std::string quotation(const text::Document& doc, std::uint32_t sentence) {
  const auto& s = doc.sentences()[sentence];
  std::string_view text = doc.text(s.span);
  if (text.size() <= 90) return std::string(text);
  std::size_t cut = text.rfind(' ', 87);
  return std::string(text.substr(0, cut == std::string_view::npos ? 87 : cut)) + "…";
}

}  // namespace

Feedback give_feedback(const mark::Assessment& a, const text::Document& doc) {
  Feedback fb;
  std::set<int> revise;
  const FactorResult* first_mentioned = nullptr;
  const FactorResult* first_missing_own = nullptr;  // a missing factor beyond the stimulus
  const FactorResult* first_missing = nullptr;
  for (const auto& f : a.factors) {
    if (f.status == FactorStatus::mentioned && !first_mentioned) first_mentioned = &f;
    if (f.status == FactorStatus::missing && !f.stimulus && !first_missing_own) first_missing_own = &f;
    if (f.status == FactorStatus::missing && !first_missing) first_missing = &f;
  }

  // ---- what went well ----
  for (const auto& f : a.factors) {
    if (fb.www.size() >= 2) break;
    if (f.status != FactorStatus::explained) continue;
    Point p;
    p.code = "W1";
    p.text = f.factor->praise.empty() ? "You explained a factor: \"" + f.factor->label + "\"." : f.factor->praise;
    p.how = "\"" + quotation(doc, *f.explained_in) + "\"";
    p.quote = doc.sentences()[*f.explained_in].span;
    fb.www.push_back(std::move(p));
  }
  if (a.measure("judgement") > 0) {
    fb.www.push_back(Point{"W2", "You reached a judgement about which reason mattered most, with a reason for it.", "",
                           std::nullopt, {}});
  } else if (a.measure("terms") + a.measure("dates") >= 3 && a.measure("errors") == 0 && fb.www.size() < 3) {
    fb.www.push_back(Point{"W3",
                           "You used " + std::to_string(static_cast<int>(a.measure("terms"))) + " key terms and " +
                               std::to_string(static_cast<int>(a.measure("dates"))) + " dates accurately.",
                           "", std::nullopt, {}});
  }
  if (fb.www.empty()) {
    for (const auto& f : a.factors) {
      if (f.status != FactorStatus::mentioned) continue;
      Point p;
      p.code = "W5";
      p.text = "You named a relevant factor: \"" + f.factor->label + "\".";
      p.quote = doc.sentences()[f.sentences.front()].span;
      p.how = "\"" + quotation(doc, f.sentences.front()) + "\"";
      fb.www.push_back(std::move(p));
      break;
    }
  }

  // ---- even better if: the most important first ----
  std::vector<Point> ebi;
  auto add_ebi = [&](Point p) { ebi.push_back(std::move(p)); };
  if (a.words == 0 || has_flag(a, FlagKind::copied_prompt) || has_flag(a, FlagKind::off_topic)) {
    add_ebi({"E8", "Answer the question that was set: " + a.prompt->question,
             "Start with a reason: \"One reason was … This meant that …\"", std::nullopt, {}});
  }
  if (has_flag(a, FlagKind::keyword_list)) {
    add_ebi({"E5", "Turn your list into sentences that explain each point.",
             "For each name or date, write: \"… This mattered because …\"", std::nullopt, {}});
  }
  for (const auto& flag : a.flags) {
    if (flag.kind != FlagKind::factual_error && flag.kind != FlagKind::misconception) continue;
    add_ebi({"E4", flag.message, "Check it on " + cards_text(flag.cards) + ".", flag.span, flag.cards});
    revise.insert(flag.cards.begin(), flag.cards.end());
    break;
  }
  if (first_mentioned) {
    const auto& f = *first_mentioned;
    std::string how = f.factor->hint.empty() ? "" : f.factor->hint + " ";
    how += "Try: \"… This meant that …\" or \"… As a result …\"";
    if (!f.factor->cards.empty()) how += " (revise " + cards_text(f.factor->cards) + ")";
    add_ebi({"E1", "You named a factor (\"" + f.factor->label + "\") but did not explain how it led to the outcome.", how,
             doc.sentences()[f.sentences.front()].span, f.factor->cards});
  }
  if (has_flag(a, FlagKind::narrative)) {
    add_ebi({"E6", "Explain why each event mattered instead of telling the story in order.",
             "After each event, add: \"This helped because …\"", std::nullopt, {}});
  }
  // Only where the scheme rewards knowledge beyond the stimulus (Edexcel's; in a "which was more
  // important" question the two bullets are the question itself).
  const bool rewards_beyond = a.scheme && (rubric::scheme_reads(*a.scheme, "beyond_stimulus") ||
                                           rubric::scheme_reads(*a.scheme, "explained_beyond_stimulus"));
  if (rewards_beyond && a.measure("stimulus_points") > 0 && a.measure("beyond_stimulus") == 0 && a.words > 0) {
    const FactorResult* f = first_missing_own;
    Point p{"E2", "Bring in a cause of your own beyond the stimulus points.", "", std::nullopt, {}};
    if (f) {
      p.how = "For example: " + f->factor->label + (f->factor->hint.empty() ? "." : ". " + f->factor->hint);
      if (!f->factor->cards.empty()) p.how += " (revise " + cards_text(f->factor->cards) + ")";
      p.cards = f->factor->cards;
    }
    add_ebi(std::move(p));
  }
  if (a.scheme && !a.scheme->levels.empty() && a.measure("judgement") == 0 && a.measure("explained") >= 2) {
    add_ebi({"E3", "Finish with a judgement: which reason mattered most, and why?",
             "Try: \"The most important reason was … because … Without it, …\"", std::nullopt, {}});
  }
  if (a.words > 0 && a.measure("credited") == 0 && !has_flag(a, FlagKind::off_topic) && first_missing) {
    const auto& f = *first_missing;
    add_ebi({"E7", "Use specific knowledge from the topic: " + f.factor->label + ".",
             f.factor->hint + (f.factor->cards.empty() ? "" : " (revise " + cards_text(f.factor->cards) + ")"),
             std::nullopt, f.factor->cards});
  }
  if (has_flag(a, FlagKind::too_short) && ebi.size() < 2) {
    add_ebi({"E9", "Write more: explain at least three factors in separate paragraphs.",
             "Plan three reasons first, then give each a paragraph: point, evidence, explain.", std::nullopt, {}});
  }
  if (ebi.empty() && a.measure("explained") >= 1) {
    add_ebi({"E7", "Add more precise detail to each explained point.",
             "Name people, dates and events from the cards to support each point.", std::nullopt, {}});
  }
  for (auto& p : ebi) {
    if (fb.ebi.size() >= 2) break;
    fb.ebi.push_back(p);
  }

  // ---- next step: a small redraft task from the most important EBI ----
  if (!fb.ebi.empty()) {
    const Point& top = fb.ebi.front();
    fb.next_step.code = top.code;
    if (top.code == "E1" && first_mentioned) {
      fb.next_step.text = "Redraft the sentence where you name \"" + first_mentioned->factor->label +
                          "\": add a sentence after it that shows how it helped, starting \"This meant that …\".";
    } else if (top.code == "E3") {
      fb.next_step.text = "Write a conclusion of two sentences: \"The most important reason was … because …\".";
    } else if (top.code == "E2") {
      fb.next_step.text = "Write one new paragraph on a cause that is not in the stimulus points.";
    } else if (top.code == "E4") {
      fb.next_step.text = "Correct the error, then check every other date in your answer against the cards.";
    } else {
      fb.next_step.text = top.text;
    }
    fb.next_step.how = top.how;
    fb.next_step.cards = top.cards;
  } else {
    fb.next_step = {"E3", "Try the question again under timed conditions and compare the mark.", "", std::nullopt, {}};
  }

  for (const auto& f : a.factors) {
    if (f.status == FactorStatus::mentioned) revise.insert(f.factor->cards.begin(), f.factor->cards.end());
  }
  for (const auto& p : fb.ebi) revise.insert(p.cards.begin(), p.cards.end());
  fb.revise_cards.assign(revise.begin(), revise.end());
  return fb;
}

}  // namespace ec::feedback
