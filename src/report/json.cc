// The JSON report: every field a view of the Assessment and Feedback; spans are byte offsets into
// the original answer with the text they cover. Entry point: to_json().
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace ec::report {
namespace {

using json = nlohmann::ordered_json;

json span_json(const text::Document& doc, Span s) {
  return json{{"start", s.start}, {"end", s.end}, {"text", std::string(doc.text(s))}};
}

json point_json(const text::Document& doc, const feedback::Point& p) {
  json j{{"code", p.code}, {"text", p.text}};
  if (!p.how.empty()) j["how"] = p.how;
  if (p.quote) j["quote"] = span_json(doc, *p.quote);
  if (!p.cards.empty()) j["cards"] = p.cards;
  return j;
}

}  // namespace

std::string to_json(const mark::Assessment& a, const feedback::Feedback& fb, const text::Document& doc,
                    const Source& source) {
  json j;
  j["schema_version"] = kSchemaVersion;
  j["file"] = source.file;
  j["encoding"] = source.encoding;
  j["prompt"] = a.prompt->id;
  j["question"] = a.prompt->question;
  j["scheme"] = a.scheme->id;
  j["marks_available"] = a.scheme->marks;
  j["exam_year"] = a.exam_year;
  j["mark"] = a.mark;
  j["level"] = a.level ? json(*a.level) : json(nullptr);
  j["level_descriptor"] = a.level_descriptor;
  j["reasons"] = a.reasons;
  j["caps"] = json::array();
  for (const auto& c : a.caps) j["caps"].push_back({{"max_mark", c.max_mark}, {"reason", c.reason}});
  j["factors"] = json::array();
  for (const auto& f : a.factors) {
    json jf{{"id", f.factor->id},
            {"label", f.factor->label},
            {"status", mark::to_string(f.status)},
            {"stimulus", f.stimulus},
            {"evidence", json::array()},
            {"cards", f.factor->cards}};
    for (auto s : f.sentences) jf["evidence"].push_back(span_json(doc, doc.sentences()[s].span));
    if (f.explained_in) jf["explained_by"] = span_json(doc, doc.sentences()[*f.explained_in].span);
    jf["detail"] = f.detail;
    jf["causal_link"] = f.causal;
    j["factors"].push_back(std::move(jf));
  }
  j["dates"] = json::array();
  for (const auto& d : a.dates) {
    json jd{{"year", d.year}, {"event", d.event->id}, {"what", d.event->what},
            {"status", d.correct ? "correct" : "wrong"}};
    if (!d.correct) {
      jd["correct_year"] = d.event->year_from;
      if (d.event->year_to != d.event->year_from) jd["correct_year_to"] = d.event->year_to;
    }
    jd["span"] = span_json(doc, d.span);
    jd["cards"] = d.event->cards;
    j["dates"].push_back(std::move(jd));
  }
  j["terms"] = json::array();
  for (const auto& t : a.terms) {
    json jt{{"id", t.term->id}, {"term", t.term->term}, {"used", !t.evidence.empty()}, {"evidence", json::array()}};
    for (const auto& s : t.evidence) jt["evidence"].push_back(span_json(doc, s));
    j["terms"].push_back(std::move(jt));
  }
  j["flags"] = json::array();
  for (const auto& f : a.flags) {
    json jf{{"kind", mark::to_string(f.kind)}, {"message", f.message}};
    if (f.span) jf["span"] = span_json(doc, *f.span);
    if (!f.cards.empty()) jf["cards"] = f.cards;
    j["flags"].push_back(std::move(jf));
  }
  j["spelling"] = json::array();
  for (const auto& n : a.spelling) {
    json js = span_json(doc, n.span);
    if (!n.correct.empty()) js["correct"] = n.correct;
    j["spelling"].push_back(std::move(js));
  }
  json jfb;
  jfb["www"] = json::array();
  for (const auto& p : fb.www) jfb["www"].push_back(point_json(doc, p));
  jfb["ebi"] = json::array();
  for (const auto& p : fb.ebi) jfb["ebi"].push_back(point_json(doc, p));
  jfb["next_step"] = point_json(doc, fb.next_step);
  j["feedback"] = std::move(jfb);
  j["structure"] = json::array();
  for (std::size_t i = 0; i < a.structure.size(); ++i) {
    const auto& ps = a.structure[i];
    j["structure"].push_back({{"paragraph", i + 1},
                              {"start", ps.span.start},
                              {"end", ps.span.end},
                              {"point", ps.point ? json(ps.point->id) : json(nullptr)},
                              {"evidence", ps.evidence},
                              {"explain", ps.explain},
                              {"link", ps.link}});
  }
  if (a.next_level) {
    const auto& n = *a.next_level;
    j["next_level"] = {{"level", n.level ? json(*n.level) : json(nullptr)},
                       {"mark", n.mark},
                       {"change", n.change},
                       {"task", n.task},
                       {"cards", n.cards}};
  } else {
    j["next_level"] = nullptr;
  }
  j["revise_cards"] = fb.revise_cards;
  json measures;
  for (const auto& [k, v] : a.measures) measures[k] = v == static_cast<int>(v) ? json(static_cast<int>(v)) : json(v);
  j["measures"] = std::move(measures);
  j["stats"] = {{"words", a.words}, {"sentences", a.sentences}, {"paragraphs", a.paragraphs}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace ec::report
