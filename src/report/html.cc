// The HTML views of the report model: pages of the web app and printable files, one template each.
// Every string that came from a student (answer, id, quotes) passes through escape().
// Entry points: page(), report_body(), progress_body(), questions_body(), practice_body(), cards_body().
#include "report/html.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "report/assets.h"

namespace ec::report::html {
namespace {

using json = nlohmann::json;

std::string num(int n) { return std::to_string(n); }

std::string level_text(const json& level) { return level.is_number() ? "Level " + num(level.get<int>()) : "no level"; }

const rubric::Card* find_card(const std::vector<rubric::Card>* cards, int n) {
  if (cards == nullptr) return nullptr;
  for (const auto& c : *cards)
    if (c.number == n) return &c;
  return nullptr;
}

std::string cards_links(const std::vector<int>& cards, bool links) {
  std::string out;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    out += i ? ", " : "";
    out += links ? "<a href=\"/cards#card-" + num(cards[i]) + "\">" + num(cards[i]) + "</a>" : num(cards[i]);
  }
  return out;
}

// ---- the answer with highlights ----

enum Kind { none = 0, mentioned = 1, explained = 2, error = 3 };
const char* kind_class(int k) { return k == explained ? "hl-explained" : k == mentioned ? "hl-mentioned" : "hl-error"; }
const char* kind_symbol(int k) { return k == explained ? "\u2714" : k == mentioned ? "\u2022" : "\u2718"; }

struct Mark {
  std::size_t start, end;
  int kind;
  std::string note;
};

std::string highlighted_answer(const json& r, std::string_view answer) {
  std::vector<Mark> marks;
  auto add = [&](const json& span, int kind, const std::string& note) {
    if (!span.is_object()) return;
    std::size_t s = span.value("start", 0), e = span.value("end", 0);
    if (s < e && e <= answer.size()) marks.push_back(Mark{s, e, kind, note});
  };
  for (const auto& f : r.value("factors", json::array())) {
    std::string label = f.value("label", "");
    std::string status = f.value("status", "missing");
    if (status == "missing") continue;
    if (f.contains("explained_by")) add(f["explained_by"], explained, "Explained: " + label);
    for (const auto& e : f.value("evidence", json::array())) add(e, mentioned, "Named: " + label);
  }
  for (const auto& fl : r.value("flags", json::array())) {
    std::string kind = fl.value("kind", "");
    if ((kind == "factual-error" || kind == "misconception" || kind == "incoherent") && fl.contains("span"))
      add(fl["span"], error, fl.value("message", ""));
  }
  // Cut the answer at every boundary; each piece takes its strongest mark.
  std::set<std::size_t> cuts{0, answer.size()};
  for (const auto& m : marks) {
    cuts.insert(m.start);
    cuts.insert(m.end);
  }
  std::string out;
  std::vector<std::size_t> at(cuts.begin(), cuts.end());
  int open_kind = none;
  std::string open_note;
  for (std::size_t i = 0; i + 1 < at.size(); ++i) {
    std::size_t s = at[i], e = at[i + 1];
    int kind = none;
    std::vector<std::string> notes;
    for (const auto& m : marks)
      if (m.start <= s && e <= m.end) {
        if (m.kind > kind) kind = m.kind;
        if (std::find(notes.begin(), notes.end(), m.note) == notes.end()) notes.push_back(m.note);
      }
    std::string note;
    for (const auto& n : notes) note += (note.empty() ? "" : " \u00b7 ") + n;
    if (kind != open_kind || note != open_note) {
      if (open_kind != none) out += "</mark>";
      if (kind != none) {
        out += std::string("<mark class=\"") + kind_class(kind) + "\" title=\"" + escape(note) + "\"><span class=\"sym\" aria-hidden=\"true\">" +
               kind_symbol(kind) + "</span><span class=\"visually-hidden\">[" +
               (kind == explained ? "explained" : kind == mentioned ? "named" : "error") + "] </span>";
      }
      open_kind = kind;
      open_note = note;
    }
    out += escape(answer.substr(s, e - s));
  }
  if (open_kind != none) out += "</mark>";
  return out;
}

std::string legend() {
  return "<p class=\"legend\" id=\"legend\"><span><mark class=\"hl-explained\"><span class=\"sym\">\u2714</span>explained</mark> "
         "a factor linked to the outcome</span><span><mark class=\"hl-mentioned\"><span class=\"sym\">\u2022</span>named</mark> "
         "a factor named, not explained</span><span><mark class=\"hl-error\"><span class=\"sym\">\u2718</span>error</mark> "
         "a wrong date or claim</span></p>";
}


std::string point_item(const json& p, bool links) {
  std::string out = "<li><span class=\"pill\">" + escape(p.value("code", "")) + "</span> " + escape(p.value("text", ""));
  if (p.contains("how") && !p["how"].get<std::string>().empty()) out += "<br><strong>How:</strong> " + escape(p["how"].get<std::string>());
  if (p.contains("cards")) out += " <span class=\"meta\">(card " + cards_links(p["cards"].get<std::vector<int>>(), links) + ")</span>";
  return out + "</li>";
}

std::map<std::string, std::string> statuses(const json& r) {
  std::map<std::string, std::string> out;
  for (const auto& f : r.value("factors", json::array())) out[f.value("id", "")] = f.value("status", "missing");
  return out;
}

std::set<std::string> error_messages(const json& r) {
  std::set<std::string> out;
  for (const auto& f : r.value("flags", json::array())) {
    std::string k = f.value("kind", "");
    if (k == "factual-error" || k == "misconception") out.insert(f.value("message", ""));
  }
  return out;
}

std::string comparison(const json& r, const json& prev, int prev_number) {
  std::ostringstream o;
  int mark = r.value("mark", 0), before = prev.value("mark", 0);
  int change = mark - before;
  o << "<section class=\"box compare\" id=\"compare\"><h2>Since attempt " << prev_number << "</h2><p>Mark: " << before
    << " \u2192 <strong>" << mark << "</strong> <span class=\"" << (change > 0 ? "up" : change < 0 ? "down" : "") << "\">("
    << (change > 0 ? "+" : "") << change << ")</span>; " << escape(level_text(prev["level"])) << " \u2192 <strong>"
    << escape(level_text(r["level"])) << "</strong>.</p>";
  auto now = statuses(r), then = statuses(prev);
  std::vector<std::string> newly, still_missing, still_named;
  for (const auto& f : r.value("factors", json::array())) {
    std::string id = f.value("id", ""), label = f.value("label", id);
    if (now[id] == "explained" && then[id] != "explained") newly.push_back(label);
    if (now[id] == "missing" && then[id] == "missing" && f.value("stimulus", false)) still_missing.push_back(label);
    if (now[id] == "mentioned" && then[id] == "mentioned") still_named.push_back(label);
  }
  auto list = [&o](const char* title, const std::vector<std::string>& items, const char* id) {
    if (items.empty()) return;
    o << "<h3>" << title << "</h3><ul id=\"" << id << "\">";
    for (const auto& i : items) o << "<li>" << escape(i) << "</li>";
    o << "</ul>";
  };
  list("Now explained", newly, "now-explained");
  list("Still only named (explain how each led to the outcome)", still_named, "still-named");
  list("Still missing (stimulus points)", still_missing, "still-missing");
  auto errs_now = error_messages(r), errs_then = error_messages(prev);
  std::vector<std::string> fixed, added;
  for (const auto& e : errs_then)
    if (!errs_now.count(e)) fixed.push_back(e);
  for (const auto& e : errs_now)
    if (!errs_then.count(e)) added.push_back(e);
  list("Errors fixed", fixed, "errors-fixed");
  list("New errors", added, "errors-new");
  if (newly.empty() && fixed.empty() && change <= 0) o << "<p>Nothing has improved yet: try the next-level task below.</p>";
  o << "</section>";
  return o.str();
}

std::string self_section(const json& r, const store::SelfAssessment& self) {
  std::ostringstream o;
  o << "<section class=\"box\" id=\"self-vs-engine\"><h2>Your view beside the engine's</h2><table><tr><th></th><th>You said</th><th>The engine</th></tr>";
  o << "<tr><td>Level</td><td>" << (self.level ? "Level " + num(*self.level) : "\u2014") << "</td><td>"
    << escape(level_text(r["level"])) << "</td></tr></table>";
  if (self.level && r["level"].is_number() && *self.level != r["level"].get<int>()) {
    o << "<p>Why the engine placed it " << (*self.level > r["level"].get<int>() ? "lower" : "higher") << ":</p><ul>";
    for (const auto& reason : r.value("reasons", json::array())) o << "<li>" << escape(reason.get<std::string>()) << "</li>";
    for (const auto& c : r.value("caps", json::array())) o << "<li>" << escape(c.value("reason", "")) << "</li>";
    o << "</ul>";
  } else if (self.level) {
    o << "<p>You judged your level correctly.</p>";
  }
  std::set<std::string> ticked(self.factors.begin(), self.factors.end());
  std::ostringstream diffs;
  for (const auto& f : r.value("factors", json::array())) {
    std::string id = f.value("id", ""), label = f.value("label", id), status = f.value("status", "missing");
    bool you = ticked.count(id) > 0;
    if (you && status != "explained")
      diffs << "<li>You thought you explained <strong>" << escape(label) << "</strong>; the engine found it "
            << (status == "mentioned" ? "named but not linked to the outcome." : "not in your answer.") << "</li>";
    if (!you && status == "explained")
      diffs << "<li>You did explain <strong>" << escape(label) << "</strong>"
            << (f.contains("explained_by") ? ": <q>" + escape(f["explained_by"].value("text", "")) + "</q>" : std::string(".")) << "</li>";
  }
  std::string d = diffs.str();
  if (!d.empty()) o << "<h3>Factors</h3><ul id=\"factor-differences\">" << d << "</ul>";
  o << "</section>";
  return o.str();
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string url_part(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string page(const Shell& s) {
  std::string out =
      "<!doctype html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" + escape(s.title) + " \u2014 Essay Coach</title>";
  if (s.standalone) {
    out += "<style>" + std::string(asset("style.css")) + "</style>";
  } else {
    out += "<link rel=\"stylesheet\" href=\"/static/style.css\"><script src=\"/static/app.js\" defer></script>";
  }
  out += "</head><body>";
  if (!s.standalone) {
    out += "<header class=\"top\"><a class=\"brand\" href=\"/\">Essay Coach</a><nav>";
    if (!s.student.empty()) {
      std::string base = "/s/" + url_part(s.student);
      out += "<a href=\"" + base + "/\">Questions</a><a href=\"" + base + "/progress\">Progress</a>";
    }
    out += "<a href=\"/cards\">Revision cards</a></nav>";
    if (!s.student.empty()) out += "<span class=\"meta\" id=\"who\">" + escape(s.student) + "</span>";
    out += "</header>";
  }
  out += "<main>" + s.body + "</main></body></html>\n";
  return out;
}

std::string welcome_body(const Coach& coach) {
  std::ostringstream o;
  o << "<h1>Practise exam essays</h1><p>Write an answer under exam conditions, say how well you think you did, "
       "then see the level and mark an examiner would give, with your own sentences that earned each point and "
       "what to do next. Everything stays on this computer.</p>"
       "<form class=\"box\" method=\"get\" action=\"/start\"><label for=\"student\">Your name or student id</label> "
       "<input type=\"text\" id=\"student\" name=\"student\" required maxlength=\"100\" autocomplete=\"username\"> "
       "<button type=\"submit\">Start</button></form>";
  o << "<p class=\"meta\">" << coach.library().prompts.size() << " questions, " << coach.cards().size()
    << " <a href=\"/cards\">revision cards</a>.</p>";
  return o.str();
}

std::string questions_body(const Coach& coach, const std::string& student, const std::map<std::string, LastMark>& last) {
  std::map<std::string, std::vector<const rubric::Prompt*>> by_topic;
  for (const auto& [id, p] : coach.library().prompts) by_topic[p.topic.empty() ? "Other questions" : p.topic].push_back(&p);
  std::ostringstream o;
  o << "<h1>Questions</h1><p>Choose a question to practise. Timings are the exam's (about a minute a mark).</p>";
  for (const auto& [topic, prompts] : by_topic) {
    o << "<h2>" << escape(topic) << "</h2><ul class=\"plain questions\">";
    for (const auto* p : prompts) {
      o << "<li><a class=\"question\" href=\"/s/" << url_part(student) << "/practice/" << url_part(p->id) << "\">"
        << escape(p->question) << "</a><br><span class=\"meta\">" << p->marks << " marks \u00b7 " << p->minutes << " minutes";
      auto it = last.find(p->id);
      if (it != last.end())
        o << " \u00b7 your last mark " << it->second.mark << "/" << it->second.marks_available << " ("
          << it->second.attempts << (it->second.attempts == 1 ? " attempt" : " attempts") << ")";
      o << "</span></li>";
    }
    o << "</ul>";
  }
  return o.str();
}

std::string cards_body(const std::vector<rubric::Card>& cards) {
  std::ostringstream o;
  o << "<h1>Revision cards</h1><p>The USSR, 1924\u201341: NEP, the power struggle, collectivisation and the Five-Year Plans.</p>"
       "<ol class=\"plain\" id=\"card-index\">";
  for (const auto& c : cards) o << "<li><a href=\"#card-" << c.number << "\">" << c.number << ". " << escape(c.title) << "</a></li>";
  o << "</ol>";
  for (const auto& c : cards)
    o << "<section class=\"box\" id=\"card-" << c.number << "\"><h2>" << c.number << ". " << escape(c.title)
      << "</h2><div class=\"answer\">" << escape(c.text) << "</div></section>";
  return o.str();
}

std::string practice_body(const Coach& coach, const Practice& p) {
  const auto& prompt = *p.prompt;
  std::ostringstream o;
  std::string action = "/s/" + url_part(p.student) + "/practice/" + url_part(prompt.id);
  o << "<h1 id=\"question\">" << escape(prompt.question) << " <span class=\"meta\">(" << prompt.marks << " marks)</span></h1>";
  if (!prompt.stimulus.empty()) {
    o << "<div class=\"box\" id=\"stimulus\"><p>You may use the following in your answer:</p><ul>";
    for (const auto& s : prompt.stimulus) o << "<li class=\"stimulus\">" << escape(s.text.empty() ? s.factor : s.text) << "</li>";
    o << "</ul><p>You must also use information of your own.</p></div>";
  }
  if (!p.error.empty()) o << "<p class=\"error\" role=\"alert\">" << escape(p.error) << "</p>";
  o << "<form id=\"practice\" method=\"post\" action=\"" << escape(action) << "\" data-student=\"" << escape(p.student)
    << "\" data-prompt=\"" << escape(prompt.id) << "\" data-minutes=\"" << prompt.minutes << "\" data-draft-updated=\""
    << escape(p.draft_updated) << "\"";
  if (p.draft_typed)
    o << " data-draft-browser=\"" << escape(p.draft_typed->browser) << "\" data-draft-typed-at=\"" << p.draft_typed->typed_at
      << "\"";
  o << (p.redraft ? " data-redraft=\"1\"" : "") << ">";
  o << "<div class=\"bar\"><span>Time left <span class=\"timer\" id=\"timer\" role=\"timer\">" << prompt.minutes
    << ":00</span></span><label>Extra time <select id=\"extra\" name=\"extra\"><option value=\"0\">none</option>"
       "<option value=\"25\">25%</option><option value=\"50\">50%</option></select></label>"
       "<span id=\"words\">0 words</span><span class=\"saved\" id=\"saved\" aria-live=\"polite\"></span></div>";
  if (p.redraft) o << "<p class=\"meta\" id=\"redraft-note\">Redraft: your last answer is below. Improve it using its next-level task, then submit to compare.</p>";
  o << "<label for=\"answer\" class=\"visually-hidden\">Your answer</label><textarea id=\"answer\" name=\"answer\" spellcheck=\"true\">"
    << escape(p.text) << "</textarea><input type=\"hidden\" id=\"seconds\" name=\"seconds\" value=\"0\">";
  o << "<p><button type=\"button\" id=\"done\">I have finished</button> <span class=\"error\" id=\"problem\" role=\"alert\"></span></p>";
  o << "<fieldset id=\"self\" class=\"hidden\"><legend>Before you see your mark: how did you do?</legend>"
       "<p>Which level do you think your answer reached?</p>";
  for (int l = 0; l <= 4; ++l)
    o << "<label class=\"choice\"><input type=\"radio\" name=\"self_level\" value=\"" << l << "\"" << (l == 2 ? " required" : "")
      << "> Level " << l << (l == 0 ? " (nothing creditable)" : "") << "</label>";
  o << "<p>Tick the factors you think you <em>explained</em> (linked to the outcome, not just named):</p>";
  std::set<std::string> seen;
  for (const auto& use : prompt.uses) {
    auto it = coach.library().rubrics.find(use);
    if (it == coach.library().rubrics.end()) continue;
    for (const auto& f : it->second.factors) {
      if (!seen.insert(f.id).second) continue;
      o << "<label class=\"choice\"><input type=\"checkbox\" name=\"self_factor\" value=\"" << escape(f.id) << "\"> "
        << escape(f.label) << "</label>";
    }
  }
  o << "<p><button type=\"submit\" id=\"submit\">Submit and see my mark</button></p></fieldset></form>";
  return o.str();
}

std::string report_body(const ReportView& v) {
  const json& r = *v.report;
  const bool links = !v.printable;
  std::ostringstream o;
  o << "<article class=\"report\">";
  o << "<h1 id=\"question\">" << escape(r.value("question", "")) << "</h1>";
  if (!v.student.empty())
    o << "<p class=\"meta\">" << escape(v.student) << (v.number ? " \u00b7 attempt " + num(v.number) : std::string())
      << (v.created_at.empty() ? std::string() : " \u00b7 " + escape(v.created_at)) << "</p>";
  int available = r.value("marks_available", 0);
  o << "<section class=\"box score\" id=\"score\"><span class=\"big\" id=\"mark\">" << r.value("mark", 0) << "/" << available
    << "</span><span class=\"big\" id=\"level\">" << escape(level_text(r["level"])) << "</span>";
  if (v.override_mark)
    o << "<span id=\"override\">Your teacher's mark: <strong>" << v.override_mark->mark << "/" << available << "</strong>"
      << (v.override_mark->level ? " (Level " + num(*v.override_mark->level) + ")" : std::string())
      << (v.override_mark->note.empty() ? std::string() : " \u2014 " + escape(v.override_mark->note)) << "</span>";
  o << "<p class=\"meta\">" << escape(r.value("level_descriptor", "")) << "</p></section>";

  if (v.previous) o << comparison(r, *v.previous, v.previous_number);
  if (v.self) o << self_section(r, *v.self);

  o << "<section id=\"why\"><h2>Why this mark</h2><ul>";
  for (const auto& reason : r.value("reasons", json::array())) o << "<li>" << escape(reason.get<std::string>()) << "</li>";
  for (const auto& c : r.value("caps", json::array())) o << "<li><strong>Capped at " << c.value("max_mark", 0) << ":</strong> " << escape(c.value("reason", "")) << "</li>";
  o << "</ul></section>";

  o << "<section id=\"your-answer\"><h2>Your answer</h2>" << legend() << "<div class=\"answer\" id=\"answer-text\">"
    << highlighted_answer(r, v.answer) << "</div></section>";

  o << "<section id=\"factors\"><h2>Factors</h2><div class=\"table-wrap\"><table><tr><th>Factor</th><th>What you did</th><th>Your words</th></tr>";
  for (const auto& f : r.value("factors", json::array())) {
    std::string status = f.value("status", "missing");
    std::string shown = status == "explained" ? "\u2714 explained" : status == "mentioned" ? "\u2022 named, not explained" : "\u2014 missing";
    o << "<tr class=\"factor\" data-status=\"" << escape(status) << "\"><td>" << escape(f.value("label", ""))
      << (f.value("stimulus", false) ? " <span class=\"meta\">(stimulus)</span>" : "") << "</td><td class=\"status-" << escape(status)
      << "\">" << shown << "</td><td>";
    if (f.contains("explained_by")) o << "<q>" << escape(f["explained_by"].value("text", "")) << "</q>";
    else if (!f["evidence"].empty()) o << "<q>" << escape(f["evidence"][0].value("text", "")) << "</q>";
    o << "</td></tr>";
  }
  o << "</table></div></section>";

  bool any_flag = false;
  std::ostringstream flags;
  for (const auto& fl : r.value("flags", json::array())) {
    std::string kind = fl.value("kind", "");
    if (kind == "misspelling") continue;
    any_flag = true;
    flags << "<p class=\"flag\" data-kind=\"" << escape(kind) << "\"><strong>" << escape(kind) << ":</strong> " << escape(fl.value("message", ""));
    if (fl.contains("span")) flags << " <q>" << escape(fl["span"].value("text", "")) << "</q>";
    flags << "</p>";
  }
  if (any_flag) o << "<section id=\"flags\"><h2>Things to check</h2>" << flags.str() << "</section>";
  std::ostringstream spell;
  for (const auto& s : r.value("spelling", json::array()))
    if (s.contains("correct")) spell << "<li><q>" << escape(s.value("text", "")) << "</q> \u2192 " << escape(s["correct"].get<std::string>()) << "</li>";
  if (!spell.str().empty()) o << "<section id=\"spelling\"><h2>Key words to spell</h2><ul>" << spell.str() << "</ul></section>";

  const auto& fb = r.value("feedback", json::object());
  o << "<section id=\"feedback\"><h2>What went well</h2><ul id=\"www\">";
  for (const auto& p : fb.value("www", json::array())) o << point_item(p, links);
  o << "</ul><h2>Even better if</h2><ul id=\"ebi\">";
  for (const auto& p : fb.value("ebi", json::array())) o << point_item(p, links);
  o << "</ul>";
  if (fb.contains("next_step")) o << "<h2>Next step</h2><ul id=\"next-step\">" << point_item(fb["next_step"], links) << "</ul>";
  o << "</section>";

  if (r.contains("next_level") && r["next_level"].is_object()) {
    const auto& n = r["next_level"];
    o << "<section class=\"box\" id=\"next-level\"><h2>Your path to the next level</h2><p>Do this and the answer would reach <strong>"
      << escape(level_text(n["level"])) << ", " << n.value("mark", 0) << "/" << available << "</strong>:</p><p>" << escape(n.value("task", ""))
      << "</p>";
    if (links && !v.student.empty())
      o << "<p><a class=\"button\" id=\"redraft\" href=\"/s/" << url_part(v.student) << "/practice/" << url_part(r.value("prompt", ""))
        << "?redraft=1\">Redraft this answer</a></p>";
    o << "</section>";
  } else if (links && !v.student.empty()) {
    o << "<p><a class=\"button\" id=\"redraft\" href=\"/s/" << url_part(v.student) << "/practice/" << url_part(r.value("prompt", ""))
      << "?redraft=1\">Redraft this answer</a></p>";
  }

  std::vector<int> revise = r.value("revise_cards", std::vector<int>{});
  if (!revise.empty()) {
    o << "<section id=\"revise\"><h2>Cards to revise</h2>";
    if (v.printable) {  // a slip fits a page: the cards by title (the texts are in the web app)
      o << "<p>";
      for (std::size_t i = 0; i < revise.size(); ++i) {
        const auto* c = find_card(v.cards, revise[i]);
        o << (i ? "; " : "") << "Card " << revise[i] << (c ? ": " + escape(c->title) : std::string());
      }
      o << "</p></section></article>";
      return o.str();
    }
    for (int n : revise) {
      const auto* c = find_card(v.cards, n);
      o << "<details class=\"card-text\"" << (v.printable ? " open" : "") << "><summary>Card " << n;
      if (c) o << ": " << escape(c->title) << "</summary><pre>" << escape(c->text) << "</pre>";
      else o << "</summary>";
      o << "</details>";
    }
    o << "</section>";
  }
  o << "</article>";
  return o.str();
}

std::string bar_chart_svg(const std::vector<std::pair<std::string, int>>& bars, const std::string& title) {
  int max = 1;
  for (const auto& b : bars) max = std::max(max, b.second);
  const int w = 40, gap = 12, h = 120, top = 16, left = 8;
  int width = left * 2 + static_cast<int>(bars.size()) * (w + gap);
  std::ostringstream o;
  o << "<svg class=\"chart bars\" role=\"img\" viewBox=\"0 0 " << width << " " << (h + top + 30) << "\" width=\"" << width
    << "\"><title>" << escape(title) << "</title>";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    int bh = bars[i].second * h / max;
    int x = left + static_cast<int>(i) * (w + gap);
    o << "<rect class=\"bar-rect\" x=\"" << x << "\" y=\"" << (top + h - bh) << "\" width=\"" << w << "\" height=\"" << bh
      << "\"><title>" << escape(bars[i].first) << ": " << bars[i].second << "</title></rect>";
    o << "<text x=\"" << x + w / 2 << "\" y=\"" << (top + h - bh - 3) << "\" text-anchor=\"middle\">" << bars[i].second << "</text>";
    o << "<text x=\"" << x + w / 2 << "\" y=\"" << (top + h + 16) << "\" text-anchor=\"middle\">" << escape(bars[i].first) << "</text>";
  }
  o << "<line class=\"axis\" x1=\"" << left << "\" y1=\"" << top + h << "\" x2=\"" << width - left << "\" y2=\"" << top + h << "\"/></svg>";
  return o.str();
}

std::string progress_body(const Progress& p, const Coach& coach) {
  std::ostringstream o;
  o << "<h1>Your progress</h1>";
  if (p.points.empty()) {
    o << "<p>No attempts yet.</p>";
  } else {
    // Marks over time, as a share of the marks available.
    const int w = 560, h = 200, left = 36, top = 10, bottom = 24;
    int n = static_cast<int>(p.points.size());
    auto x_of = [&](int i) { return n == 1 ? left + (w - left) / 2 : left + i * (w - left - 12) / (n - 1); };
    auto y_of = [&](double share) { return top + static_cast<int>(std::lround((1 - share) * (h - top - bottom))); };
    o << "<section id=\"marks-chart\"><h2>Marks over time</h2><svg class=\"chart\" id=\"chart\" role=\"img\" viewBox=\"0 0 " << w << " " << h
      << "\"><title>Marks over time, as a percentage of the marks available</title>";
    for (int pct : {0, 50, 100}) {
      int y = y_of(pct / 100.0);
      o << "<line class=\"axis\" x1=\"" << left << "\" y1=\"" << y << "\" x2=\"" << w << "\" y2=\"" << y << "\" stroke-dasharray=\"2 4\"/>"
        << "<text x=\"2\" y=\"" << y + 4 << "\">" << pct << "%</text>";
    }
    std::string points;
    for (int i = 0; i < n; ++i) {
      const auto& pt = p.points[i];
      double share = pt.marks_available > 0 ? static_cast<double>(pt.mark) / pt.marks_available : 0;
      points += std::to_string(x_of(i)) + "," + std::to_string(y_of(share)) + " ";
    }
    o << "<polyline class=\"line\" points=\"" << points << "\"/>";
    for (int i = 0; i < n; ++i) {
      const auto& pt = p.points[i];
      double share = pt.marks_available > 0 ? static_cast<double>(pt.mark) / pt.marks_available : 0;
      o << "<circle class=\"dot\" cx=\"" << x_of(i) << "\" cy=\"" << y_of(share) << "\" r=\"5\"><title>" << escape(pt.prompt) << " #"
        << pt.number << ": " << pt.mark << "/" << pt.marks_available << "</title></circle><text x=\"" << x_of(i) << "\" y=\"" << h - 6
        << "\" text-anchor=\"middle\">" << (i + 1) << "</text>";
    }
    o << "</svg><ol class=\"meta\">";
    for (const auto& pt : p.points) {
      const auto* pr = coach.prompt(pt.prompt);
      o << "<li><a href=\"/s/" << url_part(p.student) << "/attempts/" << pt.attempt << "\">" << escape(pr ? pr->question : pt.prompt)
        << "</a> \u2014 " << pt.mark << "/" << pt.marks_available << (pt.level ? ", Level " + num(*pt.level) : std::string()) << "</li>";
    }
    o << "</ol></section>";

    o << "<section id=\"grid\"><h2>Factors and skills, attempt by attempt</h2><p class=\"legend\">\u2714 explained \u00b7 \u2022 named \u00b7 \u2014 missing \u00b7 "
         "a number counts errors or misspelt key words</p><div class=\"table-wrap\"><table class=\"grid\"><tr><th></th>";
    for (int i = 0; i < n; ++i) o << "<th>" << (i + 1) << "</th>";
    o << "</tr>";
    for (const auto& row : p.grid) {
      o << "<tr class=\"" << escape(row.kind) << "\"><td>" << escape(row.label) << "</td>";
      for (const auto& c : row.cells) {
        std::string shown = c == "explained" ? "\u2714" : c == "mentioned" ? "\u2022" : c == "missing" ? "\u2014" : c == "yes" ? "\u2714" : c == "no" ? "\u2718" : c;
        o << "<td class=\"cell\" title=\"" << escape(c) << "\">" << escape(shown) << "</td>";
      }
      o << "</tr>";
    }
    o << "</table></div></section>";
  }
  if (!p.weakest_cards.empty()) {
    o << "<section id=\"weakest\"><h2>Cards to revise first</h2><ul>";
    for (const auto& w : p.weakest_cards)
      o << "<li><a href=\"/cards#card-" << w.number << "\">Card " << w.number << ": " << escape(w.title) << "</a></li>";
    o << "</ul></section>";
  }
  if (!p.next_prompt.empty()) {
    const auto* pr = coach.prompt(p.next_prompt);
    o << "<section class=\"box\" id=\"next-prompt\"><h2>Practise next</h2><p><a href=\"/s/" << url_part(p.student) << "/practice/"
      << url_part(p.next_prompt) << "\">" << escape(pr ? pr->question : p.next_prompt) << "</a></p><p>" << escape(p.next_reason) << "</p></section>";
  }
  if (p.self.compared > 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%+.1f", p.self.mean_difference);
    o << "<section id=\"self-accuracy\"><h2>How well you judge your own answers</h2><p>Your level matched the engine's in <strong>"
      << p.self.exact << " of " << p.self.compared << "</strong> attempts; on average you were " << buf << " levels "
      << (p.self.mean_difference > 0.05 ? "above it (you tend to over-estimate)." : p.self.mean_difference < -0.05 ? "below it (you are harder on yourself than the examiner)." : "from it.")
      << "</p></section>";
  }
  return o.str();
}

}  // namespace ec::report::html
