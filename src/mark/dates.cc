// Dates in one answer: each year is checked against an event the rubric knows, named close to it
// in its sentence (or, in a sentence that opens by referring back, "This happened in 1932", named
// in the sentence before); a right year counts as a correct date, a wrong one is a factual error
// naming the right year. Entry point: check_dates() (declared in work.h).
#include <algorithm>
#include <set>
#include <string>
#include <string_view>

#include "mark/marker.h"
#include "mark/work.h"

namespace ec::mark {

// A year belongs to an event when at most kYearReach words stand between them; a year that fits
// any such event is right, otherwise it is wrong for the nearest one. Years further away are
// left alone: a marker should not invent errors. So are years that may date something else: one
// that fits an event of another topic named beside it ("the Lenin Enrolment after 1924" in an
// answer on the NEP; not one in a later clause, "the NEP in 1924 after Lenin died"), one in another clause than the event (a comma or semicolon between them:
// "hoarding grain, and in 1929 he said he would liquidate the kulaks"), and one with another year
// between it and the event ("started again in 1931 and by 1936 nearly all farms were collective").
void check_dates(Work& w) {
  constexpr std::uint32_t kYearReach = 3;
  struct EventHit {
    const rubric::Event* event;
    std::vector<std::uint32_t> words;  // word indexes the event's pattern used
    std::uint32_t sentence;
    bool other;  // an event of a rubric the prompt does not use
  };
  const auto doc_words = w.doc.words();
  std::vector<EventHit> event_hits;
  auto add_hits = [&](const rubric::Event* e, bool other) {
    for (const auto& m : w.matches(e->names)) {
      EventHit h{e, {}, w.sentence_at(m.span.start), other};
      for (const auto& span : m.words) h.words.push_back(w.word_at(span.start));
      event_hits.push_back(std::move(h));
    }
  };
  for (const auto* e : w.rules.events) add_hits(e, false);
  for (const auto* e : w.rules.other_events) add_hits(e, true);
  const auto years = years_in(w.doc);
  for (const auto& y : years) {
    std::uint32_t s = doc_words[y.word].sentence;
    if (w.duplicate[s]) continue;
    const std::string digits = std::to_string(y.value);
    const EventHit* nearest = nullptr;
    const EventHit* fitting = nullptr;
    std::uint32_t best = ~0u, nearest_word = 0;
    for (const auto& h : event_hits) {
      if (h.sentence != s) continue;
      std::uint32_t gap = ~0u, closest = 0;
      for (auto word : h.words) {
        std::uint32_t d = word > y.word ? word - y.word - 1 : y.word > word ? y.word - word - 1 : 0;
        if (d < gap) {
          gap = d;
          closest = word;
        }
      }
      if (gap > kYearReach) continue;
      // A year that is part of what the event says ("back to its 1914 level") is not its date.
      if (h.event->what.find(digits) != std::string::npos) continue;
      // Another topic's event in a clause that follows the year ("in 1924 after Lenin died") does
      // not take the year from the clause it ends: the year dates that clause's own event.
      if (h.other && closest > y.word) {
        static const std::set<std::string_view> subordinate{"after", "before", "because", "since", "until"};
        bool later_clause = false;
        for (auto wi = y.word + 1; wi < closest && !later_clause; ++wi) {
          later_clause = subordinate.count(doc_words[wi].folded) > 0;
        }
        if (later_clause) continue;
      }
      if (y.value >= h.event->year_from && y.value <= h.event->year_to && (!fitting || (fitting->other && !h.other))) {
        fitting = &h;
      }
      if (!h.other && gap < best) {
        best = gap;
        nearest = &h;
        nearest_word = closest;
      }
    }
    if (fitting && fitting->other) continue;  // a right date, of another topic's event
    if (fitting) nearest = fitting;
    // A sentence that opens by referring back ("This happened in 1932 when ...", "It started in
    // 1935") with the year among its first words and no event of its own dates the event the
    // sentence before it (in its paragraph) named last.
    bool referred = false;
    if (!nearest && s > 0 && w.same_paragraph(s - 1, s)) {
      static const std::set<std::string_view> back{"this", "it", "that"};
      const auto& sentence = w.doc.sentences()[s];
      const bool opens_back = back.count(doc_words[sentence.first_word].folded) > 0;
      const bool early = y.word < sentence.first_word + 6;
      const bool own_event = std::any_of(event_hits.begin(), event_hits.end(), [&](const EventHit& h) { return h.sentence == s; });
      if (opens_back && early && !own_event) {
        for (const auto& h : event_hits) {
          if (h.sentence != s - 1) continue;
          if (y.value >= h.event->year_from && y.value <= h.event->year_to) {
            fitting = &h;
            break;
          }
          if (!h.other && (!nearest || h.words.back() > nearest_word)) {
            nearest = &h;
            nearest_word = h.words.back();
          }
        }
        if (fitting && fitting->other) continue;
        if (fitting) nearest = fitting;
        referred = nearest != nullptr;
      }
    }
    if (!nearest) continue;
    if (!fitting && !referred) {
      // Wrong only when the year is plainly the event's: in its clause, with no other year between.
      const auto lo = std::min(y.word, nearest_word), hi = std::max(y.word, nearest_word);
      const auto between = hi > lo ? w.doc.text(Span{doc_words[lo].span.end, doc_words[hi].span.start}) : std::string_view{};
      // Another clause: a semicolon, or a comma followed by a word that starts a clause ("hoarding
      // grain, and in 1929 he said ..."). A comma alone after a fronted date ("In 1925, Stalin
      // became General Secretary") or around it ("Lenin died, in 1922, ...") does not part the
      // year from its event.
      static const std::set<std::string_view> clause_words{"and", "but", "so", "which", "who", "while", "when",
                                                           "whereas", "although", "because", "after", "before",
                                                           "then", "until", "since", "as", "or"};
      bool other_clause = between.find(';') != std::string_view::npos;
      const auto comma = between.find(',');
      if (!other_clause && comma != std::string_view::npos) {
        const auto comma_at = doc_words[lo].span.end + static_cast<std::uint32_t>(comma);
        for (auto wi = lo + 1; wi < hi && !other_clause; ++wi) {
          other_clause = doc_words[wi].span.start > comma_at && clause_words.count(doc_words[wi].folded) > 0;
        }
      }
      const bool other_year = std::any_of(years.begin(), years.end(), [&](const Year& o) {
        return o.word > lo && o.word < hi && o.word != y.word;
      });
      if (other_clause || other_year) continue;
    }
    DateResult dr;
    dr.year = y.value;
    dr.event = nearest->event;
    dr.correct = y.value >= nearest->event->year_from && y.value <= nearest->event->year_to;
    dr.span = y.span;
    dr.sentence = s;
    if (dr.correct) {
      ++w.dates_correct;
    } else {
      // A wrong year in a sentence that states a misconception is part of that one wrong claim
      // ("Stalin introduced the NEP in 1924"): flagged, but counted once, with the misconception.
      if (!contains(w.wrong_sentences, s)) ++w.errors;
      const auto* e = nearest->event;
      std::string right = e->year_from == e->year_to ? std::to_string(e->year_from)
                                                     : std::to_string(e->year_from) + "-" + std::to_string(e->year_to);
      w.a.flags.push_back(Flag{FlagKind::factual_error,
                               "You gave " + std::to_string(y.value) + " for \"" + e->what + "\": it was " + right +
                                   " (" + cards_text(e->cards) + ").",
                               y.span, e->cards});
    }
    w.a.dates.push_back(dr);
  }
}

}  // namespace ec::mark
