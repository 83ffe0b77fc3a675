// `essaycoach mark --jsonl`: read a line, check it, hand it to the marking pool; the pool writes the
// reports in input order. Markers are built the first time a prompt is asked for and kept.
#include "cli/mark_jsonl.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>

#include "cli/marking_pool.h"
#include "feedback/feedback.h"
#include "mark/marker.h"
#include "report/report.h"

namespace ec::cli {
namespace {

using nlohmann::json;

// The id as it was given (a string or a number usually), serialised for the output line.
std::string id_json(const json& line) {
  if (!line.is_object()) return "null";
  auto it = line.find("id");
  if (it == line.end()) return "null";
  if (it->is_string()) {
    std::string out;
    report::append_json_string(out, it->get_ref<const std::string&>());
    return out;
  }
  return it->dump(-1, ' ', false, json::error_handler_t::replace);
}

MarkedOutput error_line(const std::string& id, const std::string& message) {
  MarkedOutput result;
  std::string& out = result.out;
  report::JsonWriter w(out);
  w.begin_object();
  w.key("id");
  w.raw(id);
  w.member("error", message);
  w.end_object();
  out += '\n';
  return result;
}

// A string field of the line, or why there is none.
const std::string* string_field(const json& line, const char* name, std::string& problem) {
  auto it = line.find(name);
  if (it == line.end()) {
    problem = std::string("missing field \"") + name + "\"";
    return nullptr;
  }
  if (!it->is_string()) {
    problem = std::string("field \"") + name + "\" is not a string";
    return nullptr;
  }
  return &it->get_ref<const std::string&>();
}

}  // namespace

int run_mark_jsonl(const rubric::Library& library, const JsonlOptions& options, std::istream& in, std::FILE* out) {
  auto write = [out](MarkedOutput& r) { std::fwrite(r.out.data(), 1, r.out.size(), out); };
  MarkingPool pool(options.jobs, 4 * std::size_t{options.jobs}, write);
  std::map<std::string, std::shared_ptr<const mark::Marker>, std::less<>> markers;  // by prompt id
  auto error = [&pool](std::string id, std::string message) {
    pool.submit([id = std::move(id), message = std::move(message)] { return error_line(id, message); });
  };

  std::string text;
  std::size_t line_number = 0;
  while (std::getline(in, text)) {
    ++line_number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are skipped
    // Errors do not name the line number: a batch engine marks a corpus in pieces, and the output
    // line for an input line is at the same place in the output.
    json line;
    try {
      line = json::parse(text);
    } catch (const json::parse_error& e) {
      error("null", std::string("not JSON (") + e.what() + ")");
      continue;
    }
    std::string id = id_json(line);
    if (!line.is_object()) {
      error(id, "not a JSON object");
      continue;
    }
    std::string problem;
    if (!line.contains("id")) {
      error(id, "missing field \"id\"");
      continue;
    }
    const std::string* prompt = nullptr;
    if (line.contains("prompt") || options.default_prompt.empty()) {
      prompt = string_field(line, "prompt", problem);
    } else {
      prompt = &options.default_prompt;
    }
    const std::string* answer = prompt ? string_field(line, "answer", problem) : nullptr;
    if (!prompt || !answer) {
      error(id, problem);
      continue;
    }
    auto found = markers.find(*prompt);
    if (found == markers.end()) {
      auto marker = mark::Marker::make(library, *prompt, options.exam_year);
      if (!marker) {
        error(id, "no such prompt: \"" + *prompt + "\"");  // not kept: any string may come
        continue;
      }
      found = markers.emplace(*prompt, std::make_shared<const mark::Marker>(std::move(*marker))).first;
    }
    pool.submit([id = std::move(id), answer = std::move(line["answer"].get_ref<std::string&>()),
                 marker = found->second, &options] {
      auto decoded = text::decode_answer(answer, "answer", options.limits);
      if (!decoded) return error_line(id, decoded.error().message);
      auto doc = text::Document::build(std::move(decoded->utf8));
      auto assessment = marker->assess(doc);
      auto fb = feedback::give_feedback(assessment, doc);
      MarkedOutput result;
      report::JsonWriter w(result.out);
      w.begin_object();
      w.key("id");
      w.raw(id);
      report::write_json_members(w, assessment, fb, doc, {"-", decoded->encoding});
      w.end_object();
      result.out += '\n';
      return result;
    });
  }
  pool.finish();
  std::fflush(out);
  if (in.bad()) {
    std::fprintf(stderr, "essaycoach mark: standard input could not be read after line %zu\n", line_number);
    return 3;
  }
  return 0;
}

}  // namespace ec::cli
