// Loading the rubric library for a command, reporting author errors.
#include "cli/library.h"

#include "cli/output.h"

namespace ec::cli {

std::optional<rubric::Library> load_library_or_report(const std::vector<std::string>& paths, std::ostream& err) {
  auto report = rubric::check_library(paths);
  for (const auto& e : report.errors) print_located_error(err, e);
  if (!report.errors.empty()) {
    err << "rubric check: " << report.errors.size() << (report.errors.size() == 1 ? " error" : " errors") << " in "
        << report.files.size() << " files\n";
    return std::nullopt;
  }
  return std::move(report.library);
}

std::vector<std::string> library_paths(const std::vector<std::string>& extra) {
  auto paths = rubric::default_rubric_dirs();
  paths.insert(paths.end(), extra.begin(), extra.end());
  return paths;
}

}  // namespace ec::cli
