// Stored records as JSON, one shape everywhere (the web API, `history --format json`, `export`):
// an attempt with its report, a draft, all of a student's data. Entry points: attempt_json(), export_json().
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace ec::report {

// The attempt; with_report adds "report" (the stored report, parsed) and "answer".
nlohmann::ordered_json attempt_json(const store::Attempt& a, bool with_report);
nlohmann::ordered_json draft_json(const std::string& student, const std::string& prompt, const store::Draft& d);
// Everything stored about a student (schema_version 1).
nlohmann::ordered_json export_json(const std::string& student, const std::vector<store::Attempt>& attempts,
                                   const std::vector<std::pair<std::string, store::Draft>>& drafts);

}  // namespace ec::report
