// Dates in one answer: each year is checked against an event the rubric knows, named close to it
// in its sentence; a right year counts as a correct date, a wrong one is a factual error naming the
// right year. Entry point: check_dates() (declared in work.h).
#include <string>

#include "mark/marker.h"
#include "mark/work.h"

namespace ec::mark {

// A year belongs to an event when at most kYearReach words stand between them; a year that fits
// any such event is right, otherwise it is wrong for the nearest one. Years further away are
// left alone: a marker should not invent errors.
void check_dates(Work& w) {
  constexpr std::uint32_t kYearReach = 3;
  struct EventHit {
    const rubric::Event* event;
    std::vector<std::uint32_t> words;  // word indexes the event's pattern used
    std::uint32_t sentence;
  };
  const auto doc_words = w.doc.words();
  std::vector<EventHit> event_hits;
  for (const auto* e : w.rules.events) {
    for (const auto& m : w.matches(e->names)) {
      EventHit h{e, {}, w.sentence_at(m.span.start)};
      for (const auto& span : m.words) h.words.push_back(w.word_at(span.start));
      event_hits.push_back(std::move(h));
    }
  }
  for (const auto& y : years_in(w.doc)) {
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
      ++w.dates_correct;
    } else {
      ++w.errors;
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
