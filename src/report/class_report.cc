// A class's homework read from the store into a summary, and its views: class sheet, slips,
// markbook, JSON. Entry point: class_summary().
#include "report/class_report.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "report/html.h"

namespace ec::report {
namespace {

using json = nlohmann::json;
using oj = nlohmann::ordered_json;
namespace h = html;

std::string level_name(const std::optional<int>& level) { return level ? "Level " + std::to_string(*level) : "no level"; }

std::string one_line(std::string s) {
  for (auto& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

// The markbook comment: what went well, then the most important "even better if" (one line).
std::string comment_of(const json& r) {
  std::string out;
  const auto& fb = r.value("feedback", json::object());
  const auto& www = fb.value("www", json::array());
  const auto& ebi = fb.value("ebi", json::array());
  if (!www.empty()) out = "WWW: " + www[0].value("text", "");
  if (!ebi.empty()) out += std::string(out.empty() ? "" : " ") + "EBI: " + ebi[0].value("text", "");
  return one_line(out);
}

std::string codes_of(const json& r) {
  std::string out;
  const auto& fb = r.value("feedback", json::object());
  for (const char* part : {"www", "ebi"})
    for (const auto& p : fb.value(part, json::array())) out += (out.empty() ? "" : " ") + p.value("code", "");
  return out;
}

// RFC 4180 field; a leading = + - @ is neutralised so that a spreadsheet never runs it as a formula.
std::string csv_field(const std::string& s, bool guard_formula) {
  std::string out = "\"";
  if (guard_formula && !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) out += '\'';
  for (char c : s) {
    if (c == '"') out += '"';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out + "\"";
}

}  // namespace

std::string slip_file_name(const std::string& student) {
  std::string safe;
  bool changed = false;
  for (unsigned char c : student) {
    if (std::isalnum(c) || c == '-' || c == '_' || (c == '.' && !safe.empty())) {
      safe += static_cast<char>(c);
    } else {
      safe += '_';
      changed = true;
    }
  }
  if (safe.empty() || safe == "." || safe == "..") changed = true;
  if (changed) safe += "-" + store::content_hash(student).substr(0, 8);
  return safe;
}

Result<ClassSummary> class_summary(store::Store& store, const Coach& coach, const std::string& class_name,
                                   const std::string& prompt_id) {
  ClassSummary s;
  s.class_name = class_name;
  s.prompt = prompt_id;
  const auto* prompt = coach.prompt(prompt_id);
  if (prompt) {
    s.question = prompt->question;
    s.marks_available = prompt->marks;
  }
  auto entries = store.class_entries(class_name, prompt_id);
  if (!entries) return entries.error();
  auto problems = store.class_problems(class_name, prompt_id);
  if (!problems) return problems.error();
  s.problems = *problems;
  for (const auto& e : *entries) {
    auto a = store.attempt(e.attempt);
    if (!a) return a.error();
    if (!*a) continue;
    ClassSummary::Student st{**a, json::parse((*a)->report_json, nullptr, false)};
    if (!st.report.is_object()) continue;
    if (s.question.empty()) s.question = st.report.value("question", "");
    if (s.marks_available == 0) s.marks_available = st.report.value("marks_available", 0);
    s.students.push_back(std::move(st));
  }
  if (!s.students.empty()) s.levels = s.students.front().report["level"].is_number() || s.students.front().attempt.final_level().has_value();

  // Spread.
  double total = 0;
  for (const auto& st : s.students) {
    int m = st.attempt.final_mark();
    total += m;
    ++s.mark_counts[m];
    if (auto l = st.attempt.final_level()) ++s.level_counts[*l];
  }
  if (!s.students.empty()) s.mean_mark = total / static_cast<double>(s.students.size());

  // Coverage of factors, terms and dates.
  std::vector<ClassSummary::Coverage> factors, terms, dates;
  std::map<std::string, std::size_t> fi, ti, di;
  for (const auto& st : s.students) {
    for (const auto& f : st.report.value("factors", json::array())) {
      std::string id = f.value("id", "");
      if (!fi.count(id)) {
        fi[id] = factors.size();
        factors.push_back({"factor", id, f.value("label", id), 0, 0});
      }
      auto& c = factors[fi[id]];
      std::string status = f.value("status", "missing");
      if (status != "missing") ++c.covered;
      if (status == "explained") ++c.explained;
    }
    for (const auto& t : st.report.value("terms", json::array())) {
      std::string id = t.value("id", "");
      if (!ti.count(id)) {
        ti[id] = terms.size();
        terms.push_back({"term", id, t.value("term", id), 0, 0});
      }
      if (t.value("used", false)) ++terms[ti[id]].covered;
    }
    std::set<std::string> seen_events, right_events;
    for (const auto& d : st.report.value("dates", json::array())) {
      seen_events.insert(d.value("event", ""));
      if (d.value("status", "") == "correct") right_events.insert(d.value("event", ""));
    }
    for (const auto& use : prompt ? prompt->uses : std::vector<std::string>{}) {
      auto it = coach.library().rubrics.find(use);
      if (it == coach.library().rubrics.end()) continue;
      for (const auto& e : it->second.events) {
        if (!di.count(e.id)) {
          di[e.id] = dates.size();
          std::string years = std::to_string(e.year_from) + (e.year_to != e.year_from ? "–" + std::to_string(e.year_to) : "");
          dates.push_back({"date", e.id, e.what + " (" + years + ")", 0, 0});
        }
        auto& c = dates[di[e.id]];
        if (seen_events.count(e.id)) ++c.covered;
        if (right_events.count(e.id)) ++c.explained;
      }
    }
  }
  for (auto* group : {&factors, &dates, &terms}) s.coverage.insert(s.coverage.end(), group->begin(), group->end());
  std::stable_sort(s.coverage.begin(), s.coverage.end(), [](const auto& a, const auto& b) {
    return a.covered != b.covered ? a.covered < b.covered : a.explained < b.explained;
  });

  // Errors and misconceptions; misspelt key words; next steps.
  std::map<std::string, std::size_t> ii;
  std::map<std::string, ClassSummary::Misspelt> miss;
  std::map<std::string, std::size_t> gi;
  for (const auto& st : s.students) {
    std::set<std::string> counted;
    for (const auto& f : st.report.value("flags", json::array())) {
      std::string kind = f.value("kind", "");
      if (kind != "factual-error" && kind != "misconception") continue;
      std::string message = f.value("message", "");
      if (!counted.insert(message).second) continue;
      if (!ii.count(message)) {
        ii[message] = s.issues.size();
        std::string example = f.contains("span") ? f["span"].value("text", "") : "";
        s.issues.push_back({kind, message, 0, one_line(example)});
      }
      ++s.issues[ii[message]].count;
    }
    std::set<std::string> words;
    for (const auto& sp : st.report.value("spelling", json::array())) {
      if (!sp.contains("correct")) continue;
      std::string correct = sp["correct"].get<std::string>();
      auto& m = miss[correct];
      m.correct = correct;
      std::string form = sp.value("text", "");
      if (std::find(m.forms.begin(), m.forms.end(), form) == m.forms.end()) m.forms.push_back(form);
      if (words.insert(correct).second) ++m.students;
    }
    const auto& next = st.report.value("feedback", json::object()).value("next_step", json::object());
    std::string code = next.value("code", "");
    if (!gi.count(code)) {
      gi[code] = s.next_steps.size();
      s.next_steps.push_back({code, next.value("text", ""), next.value("how", ""), {}});
    }
    s.next_steps[gi[code]].students.push_back(st.attempt.student);
  }
  std::stable_sort(s.issues.begin(), s.issues.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  for (auto& [k, m] : miss) s.misspelt.push_back(m);
  std::stable_sort(s.misspelt.begin(), s.misspelt.end(), [](const auto& a, const auto& b) { return a.students > b.students; });
  std::stable_sort(s.next_steps.begin(), s.next_steps.end(), [](const auto& a, const auto& b) { return a.students.size() > b.students.size(); });

  // Exemplars: a paragraph that makes a point, explains it and links back, from the best answers.
  std::vector<const ClassSummary::Student*> ranked;
  for (const auto& st : s.students) ranked.push_back(&st);
  std::stable_sort(ranked.begin(), ranked.end(), [](auto a, auto b) { return a->attempt.final_mark() > b->attempt.final_mark(); });
  for (const auto* st : ranked) {
    if (s.exemplars.size() == 2) break;
    for (const auto& p : st->report.value("structure", json::array())) {
      if (p["point"].is_null() || !p.value("explain", false) || !p.value("evidence", false)) continue;
      std::size_t b = p.value("start", 0), e = p.value("end", 0);
      if (b >= e || e > st->attempt.answer.size()) continue;
      std::string label = p["point"].get<std::string>();
      for (const auto& f : st->report.value("factors", json::array()))
        if (f.value("id", "") == label) label = f.value("label", label);
      s.exemplars.push_back({st->attempt.answer.substr(b, e - b), label, st->attempt.final_mark()});
      break;
    }
  }
  return s;
}

std::string class_sheet_body(const ClassSummary& s, const std::string& slip_link_prefix) {
  std::ostringstream o;
  o << "<h1>" << h::escape(s.class_name) << ": " << h::escape(s.question) << "</h1>";
  o << "<p class=\"meta\">" << s.students.size() << (s.students.size() == 1 ? " answer" : " answers") << " marked \u00b7 mean mark ";
  char mean[32];
  std::snprintf(mean, sizeof mean, "%.1f", s.mean_mark);
  o << mean << "/" << s.marks_available << " \u00b7 marks are suggestions: the teacher confirms or overrides them</p>";

  o << "<section id=\"spread\"><h2>Spread of " << (s.levels ? "levels and marks" : "marks") << "</h2>";
  if (s.levels) {
    std::vector<std::pair<std::string, int>> bars;
    for (int l = 0; l <= 4; ++l) bars.emplace_back("L" + std::to_string(l), s.level_counts.count(l) ? s.level_counts.at(l) : 0);
    o << h::bar_chart_svg(bars, "Students at each level");
  }
  std::vector<std::pair<std::string, int>> marks;
  for (int m = 0; m <= s.marks_available; ++m) marks.emplace_back(std::to_string(m), s.mark_counts.count(m) ? s.mark_counts.at(m) : 0);
  o << h::bar_chart_svg(marks, "Students at each mark") << "</section>";

  o << "<section id=\"coverage\"><h2>What the class covered (least covered first)</h2><div class=\"table-wrap\"><table>"
       "<tr><th>Kind</th><th>Factor, date or term</th><th>Students</th><th>Explained / correct</th></tr>";
  for (const auto& c : s.coverage)
    o << "<tr class=\"coverage\" data-kind=\"" << c.kind << "\"><td>" << c.kind << "</td><td>" << h::escape(c.label) << "</td><td>" << c.covered
      << "/" << s.students.size() << "</td><td>" << (c.kind == "term" ? std::string("\u2014") : std::to_string(c.explained)) << "</td></tr>";
  o << "</table></div></section>";

  o << "<section id=\"errors\"><h2>Factual errors and misconceptions</h2>";
  if (s.issues.empty()) o << "<p>None found.</p>";
  else {
    o << "<table><tr><th>Students</th><th>What to reteach</th><th>An example (anonymised)</th></tr>";
    for (const auto& i : s.issues)
      o << "<tr><td>" << i.count << "</td><td><strong>" << h::escape(i.kind) << ":</strong> " << h::escape(i.message) << "</td><td><q>"
        << h::escape(i.example) << "</q></td></tr>";
    o << "</table>";
  }
  o << "</section>";

  o << "<section id=\"spelling\"><h2>Key words the class misspelt (for a spelling test)</h2>";
  if (s.misspelt.empty()) o << "<p>None.</p>";
  else {
    o << "<ul>";
    for (const auto& m : s.misspelt) {
      std::string forms;
      for (const auto& f : m.forms) forms += (forms.empty() ? "" : ", ") + f;
      o << "<li><strong>" << h::escape(m.correct) << "</strong> (" << m.students << (m.students == 1 ? " student" : " students") << "; written "
        << h::escape(forms) << ")</li>";
    }
    o << "</ul>";
  }
  o << "</section>";

  if (!s.exemplars.empty()) {
    o << "<section id=\"exemplars\"><h2>Exemplar paragraphs from the class</h2>";
    for (const auto& e : s.exemplars)
      o << "<blockquote class=\"box\"><p class=\"meta\">Explains: " << h::escape(e.point) << "</p><div class=\"answer\">" << h::escape(e.text)
        << "</div></blockquote>";
    o << "</section>";
  }

  o << "<section id=\"groups\"><h2>Students grouped by next step</h2>";
  for (const auto& g : s.next_steps) {
    o << "<div class=\"box\"><p><span class=\"pill\">" << h::escape(g.code) << "</span> " << h::escape(g.text) << "</p>";
    if (!g.how.empty()) o << "<p class=\"meta\">How: " << h::escape(g.how) << "</p>";
    o << "<p>";
    for (std::size_t i = 0; i < g.students.size(); ++i) o << (i ? ", " : "") << h::escape(g.students[i]);
    o << "</p></div>";
  }
  o << "</section>";

  o << "<section id=\"students\"><h2>Marks</h2><div class=\"table-wrap\"><table><tr><th>Student</th><th>Mark</th><th>Level</th><th>Engine's suggestion</th><th>Codes</th></tr>";
  for (const auto& st : s.students) {
    const auto& a = st.attempt;
    o << "<tr class=\"student\"><td>";
    if (!slip_link_prefix.empty()) {
      bool web = slip_link_prefix.rfind("/", 0) == 0;  // the web app's route, else a file beside the sheet
      o << "<a class=\"slip-link\" href=\"" << h::escape(slip_link_prefix + (web ? h::url_part(a.student) : slip_file_name(a.student) + ".html"))
        << "\">";
    }
    o << h::escape(a.student) << (slip_link_prefix.empty() ? "" : "</a>") << "</td><td>" << a.final_mark() << "/" << s.marks_available
      << (a.override_mark ? " (teacher)" : "") << "</td><td>" << h::escape(level_name(a.final_level())) << "</td><td>" << a.mark << " ("
      << h::escape(level_name(a.level)) << ")</td><td>" << h::escape(codes_of(st.report)) << "</td></tr>";
  }
  o << "</table></div></section>";

  if (!s.problems.empty()) {
    o << "<section id=\"problems\"><h2>Answers that could not be marked</h2><ul>";
    for (const auto& p : s.problems) o << "<li><strong>" << h::escape(p.source) << "</strong>: " << h::escape(p.reason) << "</li>";
    o << "</ul></section>";
  }
  return o.str();
}

std::string class_sheet_html(const ClassSummary& s, bool standalone) {
  return h::page({s.class_name + " \u2014 class sheet", class_sheet_body(s, standalone ? "slips/" : "/classes/" + h::url_part(s.class_name) + "/students/"), "",
                  standalone});
}

namespace {

std::string slip_body(const ClassSummary::Student& st, const Coach& coach) {
  h::ReportView v;
  v.report = &st.report;
  v.answer = st.attempt.answer;
  v.cards = &coach.cards();
  v.student = st.attempt.student;
  v.created_at = st.attempt.created_at;
  v.override_mark = st.attempt.override_mark;
  v.printable = true;
  return "<div class=\"slip\">" + h::report_body(v) + "</div>";
}

}  // namespace

std::string slip_html(const ClassSummary::Student& st, const Coach& coach, bool standalone) {
  return h::page({st.attempt.student + " \u2014 " + st.report.value("prompt", ""), slip_body(st, coach), "", standalone});
}

std::string slips_html(const ClassSummary& s, const Coach& coach) {
  std::string body;
  for (const auto& st : s.students) body += slip_body(st, coach);
  return h::page({s.class_name + " \u2014 slips", body, "", true});
}

std::string slip_markdown(const ClassSummary::Student& st, const Coach& coach) {
  const auto& r = st.report;
  const auto& a = st.attempt;
  std::ostringstream o;
  o << "# " << a.student << ": " << r.value("question", "") << "\n\n";
  o << "**Mark:** " << a.final_mark() << "/" << r.value("marks_available", 0) << ", " << level_name(a.final_level());
  if (a.override_mark) o << " (teacher's mark; the engine suggested " << a.mark << ")";
  o << "\n\n" << r.value("level_descriptor", "") << "\n\n## What went well\n\n";
  const auto& fb = r.value("feedback", json::object());
  for (const auto& p : fb.value("www", json::array())) o << "- " << p.value("text", "") << "\n";
  o << "\n## Even better if\n\n";
  for (const auto& p : fb.value("ebi", json::array())) {
    o << "- " << p.value("text", "") << "\n";
    if (!p.value("how", "").empty()) o << "  - How: " << p.value("how", "") << "\n";
  }
  if (fb.contains("next_step")) o << "\n## Next step\n\n" << fb["next_step"].value("text", "") << " " << fb["next_step"].value("how", "") << "\n";
  if (r.contains("next_level") && r["next_level"].is_object())
    o << "\n## Your path to the next level\n\n" << r["next_level"].value("task", "") << "\n";
  auto cards = r.value("revise_cards", std::vector<int>{});
  if (!cards.empty()) {
    o << "\n## Cards to revise\n\n";
    for (int n : cards)
      for (const auto& c : coach.cards())
        if (c.number == n) o << "- Card " << n << ": " << c.title << "\n";
  }
  o << "\n## Your answer (credited sentences in bold)\n\n";
  // Bold the sentences that earned credit.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const auto& f : r.value("factors", json::array()))
    for (const auto& e : f.value("evidence", json::array())) spans.emplace_back(e.value("start", 0), e.value("end", 0));
  std::sort(spans.begin(), spans.end());
  std::size_t at = 0;
  for (auto [b, e] : spans) {
    if (b < at || e > a.answer.size() || b >= e) continue;
    o << a.answer.substr(at, b - at) << "**" << a.answer.substr(b, e - b) << "**";
    at = e;
  }
  o << a.answer.substr(at) << "\n";
  return o.str();
}

std::string markbook_csv(const ClassSummary& s, bool bom) {
  std::string out = bom ? "\xEF\xBB\xBF" : "";
  out += "student,mark,marks_available,level,engine_mark,engine_level,overridden,codes,comment,teacher_note\r\n";
  for (const auto& st : s.students) {
    const auto& a = st.attempt;
    auto lv = [](const std::optional<int>& l) { return l ? std::to_string(*l) : std::string(); };
    out += csv_field(a.student, true) + "," + std::to_string(a.final_mark()) + "," + std::to_string(s.marks_available) + "," +
           lv(a.final_level()) + "," + std::to_string(a.mark) + "," + lv(a.level) + "," + (a.override_mark ? "yes" : "no") + "," +
           csv_field(codes_of(st.report), false) + "," + csv_field(comment_of(st.report), false) + "," +
           csv_field(a.override_mark ? a.override_mark->note : "", true) + "\r\n";
  }
  return out;
}

oj class_json(const ClassSummary& s) {
  oj j;
  j["schema_version"] = 1;
  j["class"] = s.class_name;
  j["prompt"] = s.prompt;
  j["question"] = s.question;
  j["marks_available"] = s.marks_available;
  j["students"] = oj::array();
  for (const auto& st : s.students) {
    const auto& a = st.attempt;
    oj x{{"student", a.student}, {"attempt", a.id}, {"mark", a.final_mark()}};
    x["level"] = a.final_level() ? oj(*a.final_level()) : oj(nullptr);
    x["engine_mark"] = a.mark;
    x["engine_level"] = a.level ? oj(*a.level) : oj(nullptr);
    if (a.override_mark) x["override"] = {{"mark", a.override_mark->mark}, {"note", a.override_mark->note}, {"created_at", a.override_mark->created_at}};
    x["codes"] = codes_of(st.report);
    x["comment"] = comment_of(st.report);
    j["students"].push_back(std::move(x));
  }
  j["levels"] = oj::object();
  for (const auto& [l, n] : s.level_counts) j["levels"][std::to_string(l)] = n;
  j["mean_mark"] = std::round(s.mean_mark * 10) / 10;
  j["coverage"] = oj::array();
  for (const auto& c : s.coverage)
    j["coverage"].push_back({{"kind", c.kind}, {"id", c.id}, {"label", c.label}, {"students", c.covered}, {"explained", c.explained}});
  j["errors"] = oj::array();
  for (const auto& i : s.issues) j["errors"].push_back({{"kind", i.kind}, {"message", i.message}, {"students", i.count}, {"example", i.example}});
  j["misspelt"] = oj::array();
  for (const auto& m : s.misspelt) j["misspelt"].push_back({{"correct", m.correct}, {"forms", m.forms}, {"students", m.students}});
  j["next_steps"] = oj::array();
  for (const auto& g : s.next_steps) j["next_steps"].push_back({{"code", g.code}, {"text", g.text}, {"students", g.students}});
  j["problems"] = oj::array();
  for (const auto& p : s.problems) j["problems"].push_back({{"source", p.source}, {"reason", p.reason}});
  return j;
}

}  // namespace ec::report
