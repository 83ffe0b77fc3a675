// The markbook view: one CSV row per answer (file, prompt, mark, level, feedback codes, comment)
// that pastes into a spreadsheet or imports into a VLE. Entry points: csv_header(), to_csv_row(),
// append_csv_row().
#include "report/report.h"

namespace ec::report {
namespace {

// RFC 4180: quote every field, double the quotes inside (line breaks become spaces).
void field(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  out += '"';
}

}  // namespace

std::string csv_header() { return "file,prompt,mark,marks_available,level,codes,comment,revise_cards\r\n"; }

void append_csv_row(std::string& out, const mark::Assessment& a, const feedback::Feedback& fb, const Source& source) {
  std::string codes, comment, cards;
  for (const auto& p : fb.www) codes += (codes.empty() ? "" : " ") + p.code;
  for (const auto& p : fb.ebi) codes += (codes.empty() ? "" : " ") + p.code;
  if (!fb.www.empty()) comment = "WWW: " + fb.www.front().text;
  if (!fb.ebi.empty()) comment += std::string(comment.empty() ? "" : " ") + "EBI: " + fb.ebi.front().text;
  for (int c : fb.revise_cards) cards += (cards.empty() ? "" : " ") + std::to_string(c);
  field(out, source.file);
  out += ',';
  field(out, a.prompt->id);
  out += ',' + std::to_string(a.mark) + ',' + std::to_string(a.scheme->marks) + ',';
  if (a.level) out += std::to_string(*a.level);
  out += ',';
  field(out, codes);
  out += ',';
  field(out, comment);
  out += ',';
  field(out, cards);
  out += "\r\n";
}

std::string to_csv_row(const mark::Assessment& a, const feedback::Feedback& fb, const Source& source) {
  std::string out;
  append_csv_row(out, a, fb, source);
  return out;
}

}  // namespace ec::report
