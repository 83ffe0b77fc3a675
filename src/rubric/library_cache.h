// The compiled library, cached on disk: compiling every rubric's patterns is most of the time a
// one-answer `mark` takes, so the compiled Library is written once (to cache_folder(), base/cache.h)
// and read back by later runs while neither the rubric files nor the executable have changed.
// A damaged, stale or unreadable cache is ignored and rebuilt; author errors are never cached (a
// library with errors is compiled, and reported, every time). Entry points: check_library_cached(),
// save_library(), load_library_archive().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rubric/rubric.h"

namespace ec::rubric {

// check_library(paths), through the cache: the same report, read from the cache when it is current.
LoadReport check_library_cached(const std::vector<std::string>& paths);

// The library as bytes, and back (nullopt when the bytes are damaged or not a whole library).
std::string save_library(const Library& library);
std::optional<Library> load_library_archive(std::string_view bytes);

// The files check_library() would read under `paths`, sorted; errors for paths that do not exist.
std::vector<std::string> list_rubric_files(const std::vector<std::string>& paths, std::vector<Error>& errors);

}  // namespace ec::rubric
