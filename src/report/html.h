// The HTML views: every page of the web app and every printable file (a slip is the report page,
// printed; the class sheet reuses the same pieces). Each is rendered from the report model (the JSON
// report, the stored attempt, the progress) and every piece of student text is escaped here.
// Entry points: page(), report_body(), progress_body(), questions_body(), practice_body(), cards_body().
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/coach.h"
#include "report/progress.h"
#include "rubric/cards.h"
#include "store/store.h"

namespace ec::report::html {

// Text as HTML: & < > " ' escaped (safe in element content and in quoted attributes).
std::string escape(std::string_view text);
// A path segment or query value, percent-encoded (RFC 3986 unreserved characters kept).
std::string url_part(std::string_view text);

// A whole page. `standalone` puts the CSS inside the page (files that must open anywhere, offline);
// otherwise the page links /static/style.css and /static/app.js (the web app, strict CSP).
struct Shell {
  std::string title;
  std::string body;
  std::string student;      // adds the student's navigation when not empty
  bool standalone = false;
};
std::string page(const Shell& shell);

// The questions, grouped by topic, with marks and minutes; the student's latest mark on each.
struct LastMark {
  int mark = 0;
  int marks_available = 0;
  int attempts = 0;
};
std::string questions_body(const Coach& coach, const std::string& student, const std::map<std::string, LastMark>& last);

// Pick a name to practise under (the front page).
std::string welcome_body(const Coach& coach);

// The revision cards, each with an anchor (#card-N).
std::string cards_body(const std::vector<rubric::Card>& cards);

// Practice under exam conditions: the question, its stimulus, timer, word count, autosave, then
// self-assessment before the mark. `text` is the draft (or, for a redraft, the last attempt's text).
struct Practice {
  const rubric::Prompt* prompt = nullptr;
  std::string student;
  std::string text;
  std::string draft_updated;  // when the server's draft was saved ("" for none)
  std::optional<store::DraftClock> draft_typed;  // and when, by which browser, it was typed
  bool redraft = false;
  std::string error;          // shown above the form (e.g. "Write your answer first")
};
std::string practice_body(const Coach& coach, const Practice& practice);

// The report of one attempt: score, self-assessment beside the engine's, the answer with credited
// sentences highlighted, factors, feedback, next level, cards; and what changed since the last attempt.
struct ReportView {
  const nlohmann::json* report = nullptr;
  std::string_view answer;
  const std::vector<rubric::Card>* cards = nullptr;
  std::string student;                       // "" when there is no student (e.g. a bare mark)
  int number = 0;                            // attempt number at this prompt (0: not stored)
  std::string created_at;
  std::optional<store::SelfAssessment> self;
  const nlohmann::json* previous = nullptr;  // the last attempt's report at this prompt
  int previous_number = 0;
  std::optional<store::Override> override_mark;
  bool printable = false;                    // a slip: no links, card texts open
};
std::string report_body(const ReportView& view);

// The student's progress: chart, grid, weakest cards, next prompt, self-assessment.
std::string progress_body(const Progress& progress, const Coach& coach);

// An inline SVG bar chart of counts (e.g. how many students at each level); labels under the bars.
std::string bar_chart_svg(const std::vector<std::pair<std::string, int>>& bars, const std::string& title);

}  // namespace ec::report::html
