// Stored records as JSON. Entry point: attempt_json().
#include "report/records.h"

namespace ec::report {

using oj = nlohmann::ordered_json;

oj attempt_json(const store::Attempt& a, bool with_report) {
  oj j;
  j["id"] = a.id;
  j["student"] = a.student;
  j["prompt"] = a.prompt;
  j["number"] = a.number;
  j["created_at"] = a.created_at;
  j["mark"] = a.mark;
  j["level"] = a.level ? oj(*a.level) : oj(nullptr);
  j["seconds"] = a.seconds ? oj(*a.seconds) : oj(nullptr);
  if (a.self_assessment) {
    j["self_assessment"] = {{"level", a.self_assessment->level ? oj(*a.self_assessment->level) : oj(nullptr)},
                            {"factors", a.self_assessment->factors}};
  } else {
    j["self_assessment"] = nullptr;
  }
  if (a.override_mark) {
    j["override"] = {{"mark", a.override_mark->mark},
                     {"level", a.override_mark->level ? oj(*a.override_mark->level) : oj(nullptr)},
                     {"note", a.override_mark->note},
                     {"created_at", a.override_mark->created_at}};
  }
  j["rubric_hash"] = a.rubric_hash;
  j["answer_hash"] = a.answer_hash;
  j["source"] = a.source;
  if (with_report) {
    j["answer"] = a.answer;
    auto r = oj::parse(a.report_json, nullptr, false);
    j["report"] = r.is_discarded() ? oj(nullptr) : r;
  }
  return j;
}

oj draft_json(const std::string& student, const std::string& prompt, const store::Draft& d) {
  oj j{{"student", student}, {"prompt", prompt}, {"text", d.text}, {"updated_at", d.updated_at}};
  j["browser"] = d.typed ? oj(d.typed->browser) : oj(nullptr);
  j["typed_at"] = d.typed ? oj(d.typed->typed_at) : oj(nullptr);
  return j;
}

oj export_json(const std::string& student, const std::vector<store::Attempt>& attempts,
               const std::vector<std::pair<std::string, store::Draft>>& drafts) {
  oj j;
  j["schema_version"] = 1;
  j["student"] = student;
  j["attempts"] = oj::array();
  for (const auto& a : attempts) j["attempts"].push_back(attempt_json(a, true));
  j["drafts"] = oj::array();
  for (const auto& [prompt, d] : drafts) j["drafts"].push_back(draft_json(student, prompt, d));
  return j;
}

}  // namespace ec::report
