// Loading the rubric library for a command, reporting author errors.
#include "cli/library.h"

#include "cli/output.h"
#include "rubric/library_cache.h"

namespace ec::cli {

std::optional<rubric::Library> load_library_or_report(const std::vector<std::string>& paths, std::ostream& err) {
  auto report = rubric::check_library_cached(paths);
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

namespace ec::cli {

std::shared_ptr<const report::Coach> load_coach_or_report(const std::vector<std::string>& rubric_dirs, std::ostream& err,
                                                          int exam_year) {
  auto report = rubric::check_library_cached(library_paths(rubric_dirs));
  for (const auto& e : report.errors) print_located_error(err, e);
  if (!report.errors.empty() || !report.library) {
    err << "rubric check: " << report.errors.size() << (report.errors.size() == 1 ? " error" : " errors") << " in "
        << report.files.size() << " files\n";
    return nullptr;
  }
  std::vector<rubric::Card> cards;
  if (auto file = rubric::default_cards_file(); !file.empty()) {
    auto loaded = rubric::load_cards(file);
    if (!loaded) {
      print_located_error(err, loaded.error());
      return nullptr;
    }
    cards = std::move(*loaded);
  }
  auto coach = report::Coach::build(std::move(*report.library), report.files, std::move(cards), exam_year);
  if (!coach) {
    err << "essaycoach: " << coach.error().message << "\n";
    return nullptr;
  }
  return *coach;
}

std::unique_ptr<store::Store> open_store_or_report(const std::string& db, std::ostream& err) {
  auto s = store::Store::open(db.empty() ? store::default_db_path() : db);
  if (!s) {
    err << "essaycoach: " << s.error().message << "\n";
    return nullptr;
  }
  return std::move(*s);
}

}  // namespace ec::cli
