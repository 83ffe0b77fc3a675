// The repository's own rubrics and prompts, loaded once for the tests that mark answers.
#pragma once

#include <stdexcept>

#include "rubric/rubric.h"
#include "support/test_support.h"

namespace ec::testing {

inline const rubric::Library& bundled_library() {
  static const rubric::Library lib = [] {
    auto r = rubric::load_library({repo_dir() + "/rubrics", repo_dir() + "/prompts"});
    if (!r) throw std::runtime_error(r.error().located());
    return std::move(r.value());
  }();
  return lib;
}

}  // namespace ec::testing
