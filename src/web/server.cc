// The web app's routes: pages rendered on the server from the report model (report/html.h), the JSON
// API, static assets built into the executable, and strict headers (CSP without inline script).
// Entry points: install_routes(), serve().
#include "web/server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <nlohmann/json.hpp>
#include <atomic>
#include <chrono>
#include <sstream>
#include <thread>

#include "report/assets.h"
#include "report/class_report.h"
#include "report/html.h"
#include "report/progress.h"
#include "report/records.h"
#include "text/input.h"

namespace ec::web {
namespace {

using json = nlohmann::json;
using oj = nlohmann::ordered_json;
namespace html = report::html;

const char* const kHtml = "text/html; charset=utf-8";
const char* const kJson = "application/json";

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, kJson);
}

void json_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, oj{{"error", message}}.dump());
}

void html_error(httplib::Response& res, int status, const std::string& title, const std::string& message,
                const std::string& student = "") {
  res.status = status;
  res.set_content(html::page({title, "<h1>" + html::escape(title) + "</h1><p>" + html::escape(message) +
                                         "</p><p><a href=\"/\">Back to the start</a></p>",
                              student, false}),
                  kHtml);
}

// The answer text as the marker reads it: valid UTF-8 without NUL or control characters.
Result<std::string> decode(const std::string& text, const char* what) {
  auto d = text::decode_answer(text, what);
  if (!d) return d.error();
  return std::move(d->utf8);
}

std::string crlf_to_lf(std::string s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) out += s[i];
  return out;
}

class App {
 public:
  App(std::shared_ptr<const report::Coach> coach, store::Store& store) : coach_(std::move(coach)), store_(store) {}

  void install(httplib::Server& s) {
    s.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Security-Policy",
                     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                     "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
      res.set_header("Cache-Control", "no-store");
    });
    s.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      std::string what = res.status == 413   ? "the request is larger than 1 MiB"
                         : res.status == 404 ? "there is nothing at " + req.path
                         : res.status == 400 ? "the request is malformed"
                                             : "the request failed (HTTP " + std::to_string(res.status) + ")";
      if (req.path.rfind("/api/", 0) == 0) {
        res.set_content(oj{{"error", what}}.dump(), kJson);
      } else {
        res.set_content(html::page({"Error " + std::to_string(res.status), "<h1>Sorry</h1><p>" + html::escape(what) +
                                                                           ".</p><p><a href=\"/\">Back to the start</a></p>",
                                    "", false}),
                        kHtml);
      }
      return httplib::Server::HandlerResponse::Handled;
    }));
    s.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "internal error";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what += std::string(": ") + e.what();
      } catch (...) {
      }
      res.status = 500;
      if (req.path.rfind("/api/", 0) == 0) res.set_content(oj{{"error", what}}.dump(), kJson);
      else res.set_content(html::page({"Error", "<h1>Sorry</h1><p>" + html::escape(what) + "</p>", "", false}), kHtml);
    });

    // ---- assets and pages ----
    s.Get("/static/style.css", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(report::asset("style.css")), "text/css; charset=utf-8");
    });
    s.Get("/static/app.js", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(report::asset("app.js")), "text/javascript; charset=utf-8");
    });
    s.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    s.Get("/", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(html::page({"Welcome", html::welcome_body(*coach_), "", false}), kHtml);
    });
    s.Get("/start", [](const httplib::Request& req, httplib::Response& res) {
      std::string id = req.get_param_value("student");
      if (auto why = store::check_student_id(id); !why.empty()) return html_error(res, 400, "That name cannot be used", why);
      res.set_redirect("/s/" + html::url_part(id) + "/", 303);
    });
    s.Get("/cards", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(html::page({"Revision cards", html::cards_body(coach_->cards()), "", false}), kHtml);
    });
    s.Get(R"(/s/([^/]+)/?)", [this](const httplib::Request& req, httplib::Response& res) { questions_page(req, res); });
    s.Get(R"(/s/([^/]+)/practice/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) { practice_page(req, res); });
    s.Post(R"(/s/([^/]+)/practice/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) { submit_form(req, res); });
    s.Get(R"(/s/([^/]+)/attempts/(\d+))", [this](const httplib::Request& req, httplib::Response& res) { report_page(req, res); });
    s.Get(R"(/s/([^/]+)/progress)", [this](const httplib::Request& req, httplib::Response& res) { progress_page(req, res); });

    // ---- teachers: a class's sheet, slips, overrides and markbook (the same pages as the files) ----
    s.Get("/classes", [this](const httplib::Request&, httplib::Response& res) { classes_page(res); });
    s.Get(R"(/classes/([^/]+)/?)", [this](const httplib::Request& req, httplib::Response& res) { class_page(req, res); });
    s.Get(R"(/classes/([^/]+)/markbook\.csv)", [this](const httplib::Request& req, httplib::Response& res) { markbook(req, res); });
    s.Get(R"(/classes/([^/]+)/students/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) { slip_page(req, res); });
    s.Post(R"(/classes/([^/]+)/students/([^/]+)/override)", [this](const httplib::Request& req, httplib::Response& res) { override_form(req, res); });

    // ---- the JSON API ----
    s.Get("/api/prompts", [this](const httplib::Request&, httplib::Response& res) {
      oj list = oj::array();
      for (const auto& [id, p] : coach_->library().prompts) {
        oj stim = oj::array();
        for (const auto& st : p.stimulus) stim.push_back(st.text.empty() ? st.factor : st.text);
        list.push_back({{"id", id}, {"question", p.question}, {"marks_available", p.marks}, {"minutes", p.minutes},
                        {"topic", p.topic}, {"scheme", p.scheme}, {"stimulus", stim}});
      }
      send_json(res, 200, list.dump());
    });
    s.Post("/api/mark", [this](const httplib::Request& req, httplib::Response& res) { api_mark(req, res); });
    s.Post("/api/attempts", [this](const httplib::Request& req, httplib::Response& res) { api_add_attempt(req, res); });
    s.Get(R"(/api/students/([^/]+)/attempts)", [this](const httplib::Request& req, httplib::Response& res) { api_attempts(req, res); });
    s.Get(R"(/api/students/([^/]+)/progress)", [this](const httplib::Request& req, httplib::Response& res) { api_progress(req, res); });
    s.Get(R"(/api/students/([^/]+)/drafts/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) { api_get_draft(req, res); });
    auto put_draft = [this](const httplib::Request& req, httplib::Response& res) { api_put_draft(req, res); };
    s.Put(R"(/api/students/([^/]+)/drafts/([^/]+))", put_draft);
    s.Post(R"(/api/students/([^/]+)/drafts/([^/]+))", put_draft);  // navigator.sendBeacon sends POST
  }

 private:
  // ---- pages ----

  bool page_student(const httplib::Request& req, httplib::Response& res, std::string& id) {
    id = req.matches[1];
    if (auto why = store::check_student_id(id); !why.empty()) {
      html_error(res, 400, "That name cannot be used", why);
      return false;
    }
    return true;
  }

  const rubric::Prompt* page_prompt(const std::string& id, httplib::Response& res, const std::string& student) {
    const auto* p = coach_->prompt(id);
    if (p == nullptr) html_error(res, 404, "No such question", "There is no question '" + id + "'.", student);
    return p;
  }

  template <class T>
  bool stored(const Result<T>& r, httplib::Response& res, bool api) {
    if (r.ok()) return true;
    if (api) json_error(res, 503, r.error().message);
    else html_error(res, 503, "The store is not available", r.error().message);
    return false;
  }

  void questions_page(const httplib::Request& req, httplib::Response& res) {
    std::string student;
    if (!page_student(req, res, student)) return;
    auto attempts = store_.attempts(student);
    if (!stored(attempts, res, false)) return;
    std::map<std::string, html::LastMark> last;
    for (const auto& a : *attempts) {
      auto& l = last[a.prompt];
      l.mark = a.final_mark();
      const auto* p = coach_->prompt(a.prompt);
      l.marks_available = p ? p->marks : 0;
      ++l.attempts;
    }
    res.set_content(html::page({"Questions", html::questions_body(*coach_, student, last), student, false}), kHtml);
  }

  void practice_page(const httplib::Request& req, httplib::Response& res, const std::string& error = "",
                     const std::string& text_override = "") {
    std::string student;
    if (!page_student(req, res, student)) return;
    const auto* prompt = page_prompt(req.matches[2], res, student);
    if (prompt == nullptr) return;
    html::Practice p;
    p.prompt = prompt;
    p.student = student;
    p.error = error;
    p.redraft = req.has_param("redraft");
    auto draft = store_.draft(student, prompt->id);
    if (!stored(draft, res, false)) return;
    if (*draft) {
      p.draft_updated = (*draft)->updated_at;
      if ((*draft)->typed) p.draft_typed = *(*draft)->typed;
    }
    if (!text_override.empty()) {
      p.text = text_override;
    } else if (p.redraft) {
      auto attempts = store_.attempts(student, prompt->id);
      if (!stored(attempts, res, false)) return;
      if (!attempts->empty()) p.text = attempts->back().answer;
    } else if (*draft) {
      p.text = (*draft)->text;
    }
    res.status = error.empty() ? 200 : 400;
    res.set_content(html::page({prompt->question, html::practice_body(*coach_, p), student, false}), kHtml);
  }

  void submit_form(const httplib::Request& req, httplib::Response& res) {
    std::string student;
    if (!page_student(req, res, student)) return;
    const auto* prompt = page_prompt(req.matches[2], res, student);
    if (prompt == nullptr) return;
    std::string raw = crlf_to_lf(req.get_param_value("answer"));
    auto answer = decode(raw, "your answer");
    if (!answer) return practice_page(req, res, answer.error().message);
    if (answer->find_first_not_of(" \t\n") == std::string::npos) return practice_page(req, res, "Write your answer first.");
    store::SelfAssessment self;
    std::string lv = req.get_param_value("self_level");
    if (lv.size() == 1 && lv[0] >= '0' && lv[0] <= '4') self.level = lv[0] - '0';
    for (std::size_t i = 0; i < req.get_param_value_count("self_factor"); ++i)
      self.factors.push_back(req.get_param_value("self_factor", i));
    std::optional<int> seconds;
    try {
      std::string s = req.get_param_value("seconds");
      if (!s.empty()) seconds = std::stoi(s);
    } catch (const std::exception&) {
    }
    auto saved = save_attempt(student, prompt->id, *answer, seconds, self, "web");
    if (!saved) return html_error(res, saved.error().kind == ErrorKind::storage ? 503 : 400, "Not saved", saved.error().message, student);
    res.set_redirect("/s/" + html::url_part(student) + "/attempts/" + std::to_string(saved->id), 303);
  }

  void report_page(const httplib::Request& req, httplib::Response& res) {
    std::string student;
    if (!page_student(req, res, student)) return;
    auto attempt = store_.attempt(std::stoll(req.matches[2]));
    if (!stored(attempt, res, false)) return;
    if (!*attempt || (*attempt)->student != student)
      return html_error(res, 404, "No such attempt", "That attempt is not in " + student + "'s record.", student);
    const auto& a = **attempt;
    auto all = store_.attempts(student, a.prompt);
    if (!stored(all, res, false)) return;
    json r = json::parse(a.report_json, nullptr, false);
    json prev;
    int prev_number = 0;
    for (const auto& b : *all)
      if (b.id < a.id) {
        prev = json::parse(b.report_json, nullptr, false);
        prev_number = b.number;
      }
    html::ReportView v;
    v.report = &r;
    v.answer = a.answer;
    v.cards = &coach_->cards();
    v.student = student;
    v.number = a.number;
    v.created_at = a.created_at;
    v.self = a.self_assessment;
    v.previous = prev.is_object() ? &prev : nullptr;
    v.previous_number = prev_number;
    v.override_mark = a.override_mark;
    std::string body = html::report_body(v);
    if (a.rubric_hash != coach_->rubric_hash())
      body = "<p class=\"meta\" id=\"rubric-changed\">The rubrics have changed since this attempt was marked; its report is kept as it was.</p>" + body;
    res.set_content(html::page({"Report", body, student, false}), kHtml);
  }

  void progress_page(const httplib::Request& req, httplib::Response& res) {
    std::string student;
    if (!page_student(req, res, student)) return;
    auto attempts = store_.attempts(student);
    if (!stored(attempts, res, false)) return;
    auto p = report::progress_of(student, *attempts, *coach_);
    res.set_content(html::page({"Progress", html::progress_body(p, *coach_), student, false}), kHtml);
  }

  // ---- classes ----

  void classes_page(httplib::Response& res) {
    auto classes = store_.classes();
    if (!stored(classes, res, false)) return;
    std::string body = "<h1>Classes</h1><p>Mark a class with <code>essaycoach class mark --class NAME --prompt ID FOLDER</code>.</p><ul>";
    for (const auto& c : *classes) body += "<li><a href=\"/classes/" + html::url_part(c) + "\">" + html::escape(c) + "</a></li>";
    res.set_content(html::page({"Classes", body + "</ul>", "", false}), kHtml);
  }

  // The class and prompt a class URL names (?prompt=, else the class's newest); false after an error page.
  bool class_of(const httplib::Request& req, httplib::Response& res, std::string& name, std::string& prompt) {
    name = req.matches[1];
    prompt = req.get_param_value("prompt");
    if (!prompt.empty()) return true;
    auto prompts = store_.class_prompts(name);
    if (!stored(prompts, res, false)) return false;
    if (prompts->empty()) {
      html_error(res, 404, "No such class", "There is no class '" + name + "' in this database.");
      return false;
    }
    prompt = prompts->front();
    return true;
  }

  void class_page(const httplib::Request& req, httplib::Response& res) {
    std::string name, prompt;
    if (!class_of(req, res, name, prompt)) return;
    auto s = report::class_summary(store_, *coach_, name, prompt);
    if (!stored(s, res, false)) return;
    std::string base = "/classes/" + html::url_part(name);
    std::string body = "<p class=\"noprint\"><a class=\"button\" id=\"markbook\" href=\"" + base + "/markbook.csv?prompt=" +
                       html::url_part(prompt) + "\">Download the markbook (CSV)</a></p>" +
                       report::class_sheet_body(*s, base + "/students/");
    res.set_content(html::page({name + " \u2014 class sheet", body, "", false}), kHtml);
  }

  void markbook(const httplib::Request& req, httplib::Response& res) {
    std::string name, prompt;
    if (!class_of(req, res, name, prompt)) return;
    auto s = report::class_summary(store_, *coach_, name, prompt);
    if (!stored(s, res, false)) return;
    res.set_header("Content-Disposition", "attachment; filename=\"" + report::slip_file_name(name) + "-markbook.csv\"");
    res.set_content(report::markbook_csv(*s, req.has_param("bom")), "text/csv; charset=utf-8");
  }

  // One student's newest attempt in a class (the URL's class, ?prompt= and student), read from the
  // store by itself: a slip or an override needs no summary of the whole class.
  struct ClassStudent {
    std::string name, prompt;
    report::ClassSummary::Student entry;
    int marks_available = 0;
  };
  std::optional<ClassStudent> class_student(const httplib::Request& req, httplib::Response& res) {
    ClassStudent c;
    if (!class_of(req, res, c.name, c.prompt)) return std::nullopt;
    std::string student = req.matches[2];
    auto entries = store_.class_entries(c.name, c.prompt);
    if (!stored(entries, res, false)) return std::nullopt;
    std::int64_t id = 0;
    for (const auto& e : *entries)
      if (e.student == student) id = e.attempt;
    auto attempt = id ? store_.attempt(id) : Result<std::optional<store::Attempt>>(std::optional<store::Attempt>());
    if (!stored(attempt, res, false)) return std::nullopt;
    if (!*attempt) {
      html_error(res, 404, "No such student", "There is no student '" + student + "' in class " + c.name + ".");
      return std::nullopt;
    }
    json report = json::parse((*attempt)->report_json, nullptr, false);  // before the attempt is moved
    c.entry = {std::move(**attempt), std::move(report)};
    c.marks_available = c.entry.report.is_object() ? c.entry.report.value("marks_available", 0) : 0;
    return c;
  }

  void slip_page(const httplib::Request& req, httplib::Response& res, const std::string& message = "") {
    auto c = class_student(req, res);
    if (!c) return;
    const auto& a = c->entry.attempt;
    std::string base = "/classes/" + html::url_part(c->name);
    std::ostringstream form;
    form << "<p class=\"noprint\"><a href=\"" << base << "/\">\u2190 back to the class sheet</a></p>";
    if (!message.empty()) form << "<p class=\"error\" role=\"alert\">" << html::escape(message) << "</p>";
    form << "<form class=\"box noprint\" id=\"override-form\" method=\"post\" action=\"" << base << "/students/" << html::url_part(a.student)
         << "/override?prompt=" << html::url_part(c->prompt) << "\"><h2>Your mark</h2><p>The engine suggests <strong>" << a.mark << "/"
         << c->marks_available << "</strong>" << (a.level ? " (Level " + std::to_string(*a.level) + ")" : std::string())
         << ". Your mark replaces it in every export; both are kept.</p><label>Mark <input type=\"text\" inputmode=\"numeric\" name=\"mark\" size=\"3\" value=\""
         << a.final_mark() << "\"></label> <label>Note <input type=\"text\" name=\"note\" size=\"40\" value=\""
         << html::escape(a.override_mark ? a.override_mark->note : "") << "\"></label> <button type=\"submit\">Save my mark</button></form>";
    h_slip(res, c->entry, form.str());
  }

  void h_slip(httplib::Response& res, const report::ClassSummary::Student& st, const std::string& before) {
    html::ReportView v;
    v.report = &st.report;
    v.answer = st.attempt.answer;
    v.cards = &coach_->cards();
    v.student = st.attempt.student;
    v.created_at = st.attempt.created_at;
    v.override_mark = st.attempt.override_mark;
    res.set_content(html::page({st.attempt.student + " \u2014 slip", before + "<div class=\"slip\">" + html::report_body(v) + "</div>", "", false}),
                    kHtml);
  }

  void override_form(const httplib::Request& req, httplib::Response& res) {
    auto c = class_student(req, res);
    if (!c) return;
    int mark = -1;
    try {
      std::size_t used = 0;
      std::string m = req.get_param_value("mark");
      mark = std::stoi(m, &used);
      if (used != m.size()) mark = -1;
    } catch (const std::exception&) {
    }
    if (mark < 0 || mark > c->marks_available) {
      res.status = 400;
      return slip_page(req, res, "The mark must be a whole number from 0 to " + std::to_string(c->marks_available) + ".");
    }
    auto o = store_.set_override(c->entry.attempt.id, mark, coach_->level_for(c->prompt, mark), req.get_param_value("note"));
    if (!stored(o, res, false)) return;
    res.set_redirect("/classes/" + html::url_part(c->name) + "/students/" + html::url_part(c->entry.attempt.student) +
                         "?prompt=" + html::url_part(c->prompt),
                     303);
  }

  // ---- marking and saving ----

  Result<store::Attempt> save_attempt(const std::string& student, const std::string& prompt, const std::string& answer,
                                      std::optional<int> seconds, std::optional<store::SelfAssessment> self,
                                      const std::string& source) {
    auto marked = coach_->mark(prompt, answer, report::Source{"-", "UTF-8"});
    if (!marked) return marked.error();
    store::NewAttempt n;
    n.student = student;
    n.prompt = prompt;
    n.answer = answer;
    n.report_json = marked->report_json;
    n.mark = marked->mark;
    n.level = marked->level;
    n.seconds = seconds;
    n.self_assessment = std::move(self);
    n.rubric_hash = coach_->rubric_hash();
    n.source = source;
    return store_.add_attempt(n);
  }

  // ---- the JSON API ----

  std::optional<json> body_object(const httplib::Request& req, httplib::Response& res) {
    json j = json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      json_error(res, 400, "the body must be a JSON object (is it valid JSON in UTF-8?)");
      return std::nullopt;
    }
    return j;
  }

  bool string_field(const json& j, const char* name, std::string& out, httplib::Response& res) {
    if (!j.contains(name) || !j[name].is_string()) {
      json_error(res, 400, std::string("missing field \"") + name + "\" (a string)");
      return false;
    }
    out = j[name].get<std::string>();
    return true;
  }

  bool api_student(const std::string& id, httplib::Response& res) {
    if (auto why = store::check_student_id(id); !why.empty()) {
      json_error(res, 400, why);
      return false;
    }
    return true;
  }

  void api_mark(const httplib::Request& req, httplib::Response& res) {
    auto j = body_object(req, res);
    if (!j) return;
    std::string prompt, answer;
    if (!string_field(*j, "prompt", prompt, res) || !string_field(*j, "answer", answer, res)) return;
    if (coach_->prompt(prompt) == nullptr) return json_error(res, 404, "no prompt '" + prompt + "'; GET /api/prompts lists them");
    auto text = decode(answer, "answer");
    if (!text) return json_error(res, 400, text.error().message);
    auto marked = coach_->mark(prompt, *text, report::Source{"-", "UTF-8"});
    if (!marked) return json_error(res, 400, marked.error().message);
    send_json(res, 200, marked->report_json);
  }

  void api_add_attempt(const httplib::Request& req, httplib::Response& res) {
    auto j = body_object(req, res);
    if (!j) return;
    std::string student, prompt, answer;
    if (!string_field(*j, "student", student, res) || !string_field(*j, "prompt", prompt, res) ||
        !string_field(*j, "answer", answer, res))
      return;
    if (!api_student(student, res)) return;
    if (coach_->prompt(prompt) == nullptr) return json_error(res, 404, "no prompt '" + prompt + "'; GET /api/prompts lists them");
    auto text = decode(answer, "answer");
    if (!text) return json_error(res, 400, text.error().message);
    std::optional<int> seconds;
    if (j->contains("seconds") && !(*j)["seconds"].is_null()) {
      if (!(*j)["seconds"].is_number_integer() || (*j)["seconds"].get<long long>() < 0)
        return json_error(res, 400, "\"seconds\" must be a whole number of seconds");
      seconds = static_cast<int>(std::min<long long>((*j)["seconds"].get<long long>(), 1 << 30));
    }
    std::optional<store::SelfAssessment> self;
    if (j->contains("self_assessment") && !(*j)["self_assessment"].is_null()) {
      const auto& sa = (*j)["self_assessment"];
      if (!sa.is_object()) return json_error(res, 400, "\"self_assessment\" must be an object {\"level\", \"factors\"}");
      store::SelfAssessment s;
      if (sa.contains("level") && !sa["level"].is_null()) {
        if (!sa["level"].is_number_integer() || sa["level"].get<int>() < 0 || sa["level"].get<int>() > 4)
          return json_error(res, 400, "\"self_assessment.level\" must be a level from 0 to 4");
        s.level = sa["level"].get<int>();
      }
      if (sa.contains("factors")) {
        if (!sa["factors"].is_array()) return json_error(res, 400, "\"self_assessment.factors\" must be a list of factor ids");
        for (const auto& f : sa["factors"]) {
          if (!f.is_string()) return json_error(res, 400, "\"self_assessment.factors\" must be a list of factor ids");
          s.factors.push_back(f.get<std::string>());
        }
      }
      self = s;
    }
    auto saved = save_attempt(student, prompt, *text, seconds, self, "api");
    if (!saved) return json_error(res, saved.error().kind == ErrorKind::storage ? 503 : 400, saved.error().message);
    send_json(res, 201, report::attempt_json(*saved, true).dump(-1, ' ', false, oj::error_handler_t::replace));
  }

  bool known_student(const std::string& student, httplib::Response& res) {
    auto has = store_.has_student(student);
    if (!stored(has, res, true)) return false;
    if (!*has) {
      json_error(res, 404, "no student '" + student + "'");
      return false;
    }
    return true;
  }

  void api_attempts(const httplib::Request& req, httplib::Response& res) {
    std::string student = req.matches[1];
    if (!api_student(student, res) || !known_student(student, res)) return;
    auto attempts = store_.attempts(student, req.get_param_value("prompt"));
    if (!stored(attempts, res, true)) return;
    oj list = oj::array();
    for (const auto& a : *attempts) list.push_back(report::attempt_json(a, true));
    send_json(res, 200, list.dump(-1, ' ', false, oj::error_handler_t::replace));
  }

  void api_progress(const httplib::Request& req, httplib::Response& res) {
    std::string student = req.matches[1];
    if (!api_student(student, res) || !known_student(student, res)) return;
    auto attempts = store_.attempts(student);
    if (!stored(attempts, res, true)) return;
    send_json(res, 200, report::progress_json(report::progress_of(student, *attempts, *coach_)).dump());
  }

  void api_get_draft(const httplib::Request& req, httplib::Response& res) {
    std::string student = req.matches[1], prompt = req.matches[2];
    if (!api_student(student, res)) return;
    if (coach_->prompt(prompt) == nullptr) return json_error(res, 404, "no prompt '" + prompt + "'");
    if (!known_student(student, res)) return;
    auto d = store_.draft(student, prompt);
    if (!stored(d, res, true)) return;
    if (!*d) return json_error(res, 404, "no draft of '" + prompt + "' for '" + student + "'");
    send_json(res, 200, report::draft_json(student, prompt, **d).dump(-1, ' ', false, oj::error_handler_t::replace));
  }

  // PUT (or a beacon's POST) {"text", "browser", "typed_at"}: "browser" and "typed_at" (ms since 1970
  // by that browser's clock) are optional together; with them, a save typed before the stored draft
  // by the same browser is refused with 409 and the stored draft, so a late autosave loses nothing.
  void api_put_draft(const httplib::Request& req, httplib::Response& res) {
    std::string student = req.matches[1], prompt = req.matches[2];
    if (!api_student(student, res)) return;
    if (coach_->prompt(prompt) == nullptr) return json_error(res, 404, "no prompt '" + prompt + "'");
    auto j = body_object(req, res);
    if (!j) return;
    std::string text;
    if (!string_field(*j, "text", text, res)) return;
    std::optional<store::DraftClock> typed;
    if (j->contains("browser") || j->contains("typed_at")) {
      store::DraftClock c;
      if (!string_field(*j, "browser", c.browser, res)) return;
      if (!store::check_student_id(c.browser).empty())
        return json_error(res, 400, "\"browser\" must be 1–100 bytes of text without control characters, '/' or '\\'");
      if (!j->contains("typed_at") || !(*j)["typed_at"].is_number_integer())
        return json_error(res, 400, "missing field \"typed_at\" (milliseconds since 1970, an integer)");
      c.typed_at = (*j)["typed_at"].get<std::int64_t>();
      typed = c;
    }
    auto decoded = text.empty() ? Result<std::string>(std::string()) : decode(text, "draft");
    if (!decoded) return json_error(res, 400, decoded.error().message);
    auto d = store_.save_draft(student, prompt, *decoded, typed);
    if (!stored(d, res, true)) return;
    auto out = report::draft_json(student, prompt, d->draft);
    if (!d->kept) out["error"] = "this browser typed a newer draft, which is already saved; this one was not kept";
    send_json(res, d->kept ? 200 : 409, out.dump(-1, ' ', false, oj::error_handler_t::replace));
  }

  std::shared_ptr<const report::Coach> coach_;
  store::Store& store_;
};

}  // namespace

void install_routes(httplib::Server& server, std::shared_ptr<const report::Coach> coach, store::Store& store) {
  auto app = std::make_shared<App>(std::move(coach), store);
  app->install(server);
  // The routes hold `app` through their captures of `this`; keep it alive as long as the server.
  server.set_pre_routing_handler([app](const httplib::Request&, httplib::Response&) {
    return httplib::Server::HandlerResponse::Unhandled;
  });
}

int serve(const ServeOptions& options, std::shared_ptr<const report::Coach> coach, store::Store& store, std::ostream& out,
          std::ostream& err) {
  // Ctrl-C and SIGTERM are taken by one thread that stops the server; requests in flight finish first.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  httplib::Server server;
  int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  server.set_payload_max_length(kMaxBody);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_keep_alive_timeout(5);
  server.set_tcp_nodelay(true);  // without it, Nagle and delayed ACKs add ~40 ms to every keep-alive reply
  install_routes(server, std::move(coach), store);

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    if (port <= 0) {
      err << "essaycoach serve: cannot listen on " << options.host << ": no free port\n";
      return 3;
    }
  } else if (!server.bind_to_port(options.host, port)) {
    err << "essaycoach serve: cannot listen on " << options.host << ":" << port
        << " (is another program using that port? try --port 0 for any free port)\n";
    return 3;
  }
  std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  out << "Essay Coach is ready at http://" << host << ":" << port << "/  (database " << store.path() << "; Ctrl-C stops it)"
      << std::endl;

  // A signal that arrives before the server has started listening must still stop it: httplib's
  // stop() does nothing until listen_after_bind() is running, so wait for that (or for it to fail).
  std::atomic<bool> listen_returned{false};
  std::thread stopper([&server, &listen_returned, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    while (!server.is_running() && !listen_returned.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    server.stop();
  });
  bool ok = server.listen_after_bind();
  // listen returned (stopped by a signal, or failed): wake the stopper if it still waits.
  listen_returned.store(true);
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  err << "essaycoach serve: stopped\n";
  return ok ? 0 : 3;
}

}  // namespace ec::web
