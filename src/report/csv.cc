// The markbook view: one CSV row per answer (file, prompt, mark, level, feedback codes, comment)
// that pastes into a spreadsheet or imports into a VLE. Entry points: csv_header(), to_csv_row().
#include "report/report.h"

namespace ec::report {
namespace {

// RFC 4180: quote every field, double the quotes inside.
std::string field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out + "\"";
}

}  // namespace

std::string csv_header() { return "file,prompt,mark,marks_available,level,codes,comment,revise_cards\r\n"; }

std::string to_csv_row(const mark::Assessment& a, const feedback::Feedback& fb, const Source& source) {
  std::string codes, comment, cards;
  for (const auto& p : fb.www) codes += (codes.empty() ? "" : " ") + p.code;
  for (const auto& p : fb.ebi) codes += (codes.empty() ? "" : " ") + p.code;
  if (!fb.www.empty()) comment = "WWW: " + fb.www.front().text;
  if (!fb.ebi.empty()) comment += std::string(comment.empty() ? "" : " ") + "EBI: " + fb.ebi.front().text;
  for (int c : fb.revise_cards) cards += (cards.empty() ? "" : " ") + std::to_string(c);
  return field(source.file) + "," + field(a.prompt->id) + "," + std::to_string(a.mark) + "," +
         std::to_string(a.scheme->marks) + "," + (a.level ? std::to_string(*a.level) : std::string()) + "," +
         field(codes) + "," + field(comment) + "," + field(cards) + "\r\n";
}

}  // namespace ec::report
