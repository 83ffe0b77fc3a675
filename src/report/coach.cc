// The coach: one compiled library and its markers, marking answers into reports. Entry point: Coach::mark().
#include "report/coach.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "feedback/feedback.h"
#include "text/document.h"

namespace ec::report {

std::string files_hash(const std::vector<std::string>& files) {
  std::uint64_t h = 1469598103934665603ULL;
  auto add = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0xff;
    h *= 1099511628211ULL;
  };
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    auto name = f.substr(f.find_last_of('/') + 1);
    add(name);
    add(ss.str());
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Result<std::shared_ptr<const Coach>> Coach::build(rubric::Library library, const std::vector<std::string>& files,
                                                  std::vector<rubric::Card> cards, int exam_year) {
  std::shared_ptr<Coach> c(new Coach());
  c->library_ = std::make_unique<const rubric::Library>(std::move(library));
  for (const auto& [id, p] : c->library_->prompts) {
    auto m = mark::Marker::make(*c->library_, id, exam_year);
    if (!m) return m.error();
    c->markers_.emplace(id, std::move(*m));
  }
  c->cards_ = std::move(cards);
  c->rubric_hash_ = files_hash(files);
  return std::shared_ptr<const Coach>(std::move(c));
}

const rubric::Prompt* Coach::prompt(std::string_view id) const {
  auto it = library_->prompts.find(std::string(id));
  return it == library_->prompts.end() ? nullptr : &it->second;
}

const mark::Marker* Coach::marker(std::string_view prompt) const {
  auto it = markers_.find(prompt);
  return it == markers_.end() ? nullptr : &it->second;
}

std::optional<int> Coach::level_for(std::string_view prompt_id, int mark) const {
  const auto* p = prompt(prompt_id);
  if (p == nullptr) return std::nullopt;
  auto it = library_->schemes.find(p->scheme);
  if (it == library_->schemes.end() || it->second.levels.empty()) return std::nullopt;
  int level = 0;
  for (const auto& l : it->second.levels)
    if (mark >= l.min_mark && mark <= l.max_mark) level = l.number;
  return level;
}

Result<Marked> Coach::mark(std::string_view prompt, std::string_view utf8_answer, const Source& source) const {
  const auto* m = marker(prompt);
  if (m == nullptr) {
    std::string known;
    for (const auto& [id, p] : library_->prompts) known += (known.empty() ? "" : ", ") + id;
    return make_error(ErrorKind::usage, "no prompt '" + std::string(prompt) + "'; the prompts are: " + known);
  }
  auto doc = text::Document::build(std::string(utf8_answer));
  auto assessment = m->assess(doc);
  auto fb = feedback::give_feedback(assessment, doc);
  Marked out;
  out.report_json = to_json(assessment, fb, doc, source);
  out.mark = assessment.mark;
  out.level = assessment.level;
  out.marks_available = m->scheme().marks;
  return out;
}

}  // namespace ec::report
