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

#include <memory>

#include "report/coach.h"
#include "store/store.h"

namespace ec::cli {

// The coach for commands that mark and keep attempts: the library (author errors printed on `err`),
// its markers and the revision cards. Null after printing why.
std::shared_ptr<const report::Coach> load_coach_or_report(const std::vector<std::string>& rubric_dirs, std::ostream& err,
                                                          int exam_year = 0);

// The store at `db` (else default_db_path()); null after printing why on `err`.
std::unique_ptr<store::Store> open_store_or_report(const std::string& db, std::ostream& err);

}  // namespace ec::cli
