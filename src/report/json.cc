// The JSON report: every field a view of the Assessment and Feedback; spans are byte offsets into
// the original answer with the text they cover. Written straight to the output string by
// JsonWriter (no document tree), in the same bytes as schema_version 1 always had.
// Entry points: to_json(), append_json(), write_json_members().
#include "report/report.h"

namespace ec::report {
namespace {

void span_json(JsonWriter& w, const text::Document& doc, Span s) {
  w.begin_object();
  w.member("start", s.start);
  w.member("end", s.end);
  w.member("text", doc.text(s));
  w.end_object();
}

void point_json(JsonWriter& w, const text::Document& doc, const feedback::Point& p) {
  w.begin_object();
  w.member("code", p.code);
  w.member("text", p.text);
  if (!p.how.empty()) w.member("how", p.how);
  if (p.quote) {
    w.key("quote");
    span_json(w, doc, *p.quote);
  }
  if (!p.cards.empty()) w.member("cards", p.cards);
  w.end_object();
}

}  // namespace

void write_json_members(JsonWriter& w, const mark::Assessment& a, const feedback::Feedback& fb,
                        const text::Document& doc, const Source& source) {
  w.member("schema_version", kSchemaVersion);
  w.member("file", source.file);
  w.member("encoding", source.encoding);
  w.member("prompt", a.prompt->id);
  w.member("question", a.prompt->question);
  w.member("scheme", a.scheme->id);
  w.member("marks_available", a.scheme->marks);
  w.member("exam_year", a.exam_year);
  w.member("mark", a.mark);
  w.member("level", a.level);
  w.member("level_descriptor", a.level_descriptor);
  w.member("reasons", a.reasons);
  w.key("caps");
  w.begin_array();
  for (const auto& c : a.caps) {
    w.begin_object();
    w.member("max_mark", c.max_mark);
    w.member("reason", c.reason);
    w.end_object();
  }
  w.end_array();
  w.key("factors");
  w.begin_array();
  for (const auto& f : a.factors) {
    w.begin_object();
    w.member("id", f.factor->id);
    w.member("label", f.factor->label);
    w.member("status", mark::to_string(f.status));
    w.member("stimulus", f.stimulus);
    w.key("evidence");
    w.begin_array();
    for (auto s : f.sentences) span_json(w, doc, doc.sentences()[s].span);
    w.end_array();
    w.member("cards", f.factor->cards);
    if (f.explained_in) {
      w.key("explained_by");
      span_json(w, doc, doc.sentences()[*f.explained_in].span);
    }
    w.member("detail", f.detail);
    w.member("causal_link", f.causal);
    w.end_object();
  }
  w.end_array();
  w.key("dates");
  w.begin_array();
  for (const auto& d : a.dates) {
    w.begin_object();
    w.member("year", d.year);
    w.member("event", d.event->id);
    w.member("what", d.event->what);
    w.member("status", d.correct ? "correct" : "wrong");
    if (!d.correct) {
      w.member("correct_year", d.event->year_from);
      if (d.event->year_to != d.event->year_from) w.member("correct_year_to", d.event->year_to);
    }
    w.key("span");
    span_json(w, doc, d.span);
    w.member("cards", d.event->cards);
    w.end_object();
  }
  w.end_array();
  w.key("terms");
  w.begin_array();
  for (const auto& t : a.terms) {
    w.begin_object();
    w.member("id", t.term->id);
    w.member("term", t.term->term);
    w.member("used", !t.evidence.empty());
    w.key("evidence");
    w.begin_array();
    for (const auto& s : t.evidence) span_json(w, doc, s);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("flags");
  w.begin_array();
  for (const auto& f : a.flags) {
    w.begin_object();
    w.member("kind", mark::to_string(f.kind));
    w.member("message", f.message);
    if (f.span) {
      w.key("span");
      span_json(w, doc, *f.span);
    }
    if (!f.cards.empty()) w.member("cards", f.cards);
    w.end_object();
  }
  w.end_array();
  w.key("spelling");
  w.begin_array();
  for (const auto& n : a.spelling) {
    w.begin_object();
    w.member("start", n.span.start);
    w.member("end", n.span.end);
    w.member("text", doc.text(n.span));
    if (!n.correct.empty()) w.member("correct", n.correct);
    w.end_object();
  }
  w.end_array();
  w.key("feedback");
  w.begin_object();
  w.key("www");
  w.begin_array();
  for (const auto& p : fb.www) point_json(w, doc, p);
  w.end_array();
  w.key("ebi");
  w.begin_array();
  for (const auto& p : fb.ebi) point_json(w, doc, p);
  w.end_array();
  w.key("next_step");
  point_json(w, doc, fb.next_step);
  w.end_object();
  w.key("structure");
  w.begin_array();
  for (std::size_t i = 0; i < a.structure.size(); ++i) {
    const auto& ps = a.structure[i];
    w.begin_object();
    w.member("paragraph", i + 1);
    w.member("start", ps.span.start);
    w.member("end", ps.span.end);
    w.key("point");
    if (ps.point) w.value(ps.point->id);
    else w.null();
    w.member("evidence", ps.evidence);
    w.member("explain", ps.explain);
    w.member("link", ps.link);
    w.end_object();
  }
  w.end_array();
  w.key("next_level");
  if (a.next_level) {
    const auto& n = *a.next_level;
    w.begin_object();
    w.member("level", n.level);
    w.member("mark", n.mark);
    w.member("change", n.change);
    w.member("task", n.task);
    w.member("cards", n.cards);
    w.end_object();
  } else {
    w.null();
  }
  w.member("revise_cards", fb.revise_cards);
  w.key("measures");
  if (a.measures.empty()) {
    w.null();  // as the report has always had it for no measures
  } else {
    w.begin_object();
    for (const auto& [k, v] : a.measures) {
      w.key(k);
      if (v == static_cast<int>(v)) w.value(static_cast<int>(v));
      else w.value(v);
    }
    w.end_object();
  }
  w.key("stats");
  w.begin_object();
  w.member("words", a.words);
  w.member("sentences", a.sentences);
  w.member("paragraphs", a.paragraphs);
  w.end_object();
}

void append_json(std::string& out, const mark::Assessment& a, const feedback::Feedback& fb,
                 const text::Document& doc, const Source& source) {
  JsonWriter w(out);
  w.begin_object();
  write_json_members(w, a, fb, doc, source);
  w.end_object();
}

std::string to_json(const mark::Assessment& a, const feedback::Feedback& fb, const text::Document& doc,
                    const Source& source) {
  std::string out;
  out.reserve(16384);
  append_json(out, a, fb, doc, source);
  return out;
}

}  // namespace ec::report
