// Shared output helpers for commands: author-facing errors with the offending line and a caret.
#include "cli/output.h"

#include <string>

namespace ec::cli {
namespace {

void caret_under(std::ostream& out, std::string_view line, int column) {
  out << "  " << line << "\n  ";
  int col = 1;
  for (std::size_t i = 0; i < line.size() && col < column; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    out << (c == '\t' ? '\t' : ' ');
    ++col;
  }
  out << "^\n";
}

}  // namespace

void print_expression_error(std::ostream& out, std::string_view expression, const Error& error) {
  out << "essaycoach: expression error: ";
  if (error.line > 1) out << "line " << error.line << ", ";
  if (error.column > 0) out << "col " << error.column << ": ";
  out << error.message << "\n";
  // The line of the expression the error is on.
  std::string_view rest = expression;
  for (int l = 1; l < error.line && !rest.empty(); ++l) {
    auto nl = rest.find('\n');
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  std::string_view line = rest.substr(0, rest.find('\n'));
  if (error.column > 0) caret_under(out, line, error.column);
}

void print_located_error(std::ostream& out, const Error& error) {
  out << error.located() << "\n";
  if (!error.excerpt.empty()) out << error.excerpt << "\n";
}

}  // namespace ec::cli
