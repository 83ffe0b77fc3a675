// Views of one marked answer: the JSON report (an interface other tools read: schema_version 1,
// fields only ever added), the text report for an 80-column terminal and a markbook CSV row. Both are views of the
// same Assessment and Feedback. Entry points: to_json() (or append_json()), to_text(), to_csv_row().
#pragma once

#include <string>

#include "feedback/feedback.h"
#include "mark/assessment.h"
#include "report/json_writer.h"
#include "text/document.h"

namespace ec::report {

inline constexpr int kSchemaVersion = 1;

struct Source {
  std::string file;      // as given on the command line ("-" for standard input)
  std::string encoding;  // what the answer was read as
};

// One line of JSON (no trailing newline).
std::string to_json(const mark::Assessment& a, const feedback::Feedback& fb, const text::Document& doc,
                    const Source& source);
// The same, appended to `out` (no trailing newline): written as it goes, no document tree.
void append_json(std::string& out, const mark::Assessment& a, const feedback::Feedback& fb,
                 const text::Document& doc, const Source& source);
// The report's members, written into an object `w` has open (for a report with fields before it,
// such as the "id" of a JSON Lines report).
void write_json_members(JsonWriter& w, const mark::Assessment& a, const feedback::Feedback& fb,
                        const text::Document& doc, const Source& source);

// The text report; `color` adds ANSI colours (only for a terminal, never with NO_COLOR).
std::string to_text(const mark::Assessment& a, const feedback::Feedback& fb, const text::Document& doc,
                    const Source& source, bool color);

// The markbook (CSV, RFC 4180 with CRLF): a header, then one row per answer.
std::string csv_header();
std::string to_csv_row(const mark::Assessment& a, const feedback::Feedback& fb, const Source& source);
// The same row, appended to `out`.
void append_csv_row(std::string& out, const mark::Assessment& a, const feedback::Feedback& fb, const Source& source);

}  // namespace ec::report
