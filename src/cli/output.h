// Shared output helpers for commands: author-facing errors with the offending line and a caret.
#pragma once

#include <ostream>
#include <string_view>

#include "base/result.h"

namespace ec::cli {

// "expression error: col 14: expected ')' …" then the expression's line and a caret under the column.
void print_expression_error(std::ostream& out, std::string_view expression, const Error& error);

// "file:line:col: message" then the excerpt (the offending line and a caret line under the column).
void print_located_error(std::ostream& out, const Error& error);

}  // namespace ec::cli
