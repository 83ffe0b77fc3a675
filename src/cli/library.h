// Loading the rubric library for a command: every author error printed (file:line:col, the line and
// a caret), the library given only when there were none. Entry point: load_library_or_report().
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "rubric/rubric.h"

namespace ec::cli {

std::optional<rubric::Library> load_library_or_report(const std::vector<std::string>& paths, std::ostream& err);

// The bundled rubric folders followed by `extra` (a teacher's own, from --rubrics).
std::vector<std::string> library_paths(const std::vector<std::string>& extra);

}  // namespace ec::cli
