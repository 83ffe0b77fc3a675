// A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF) for markbooks and calibration
// sets. Entry point: parse_csv().
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace ec::cli {

using CsvRow = std::vector<std::string>;

// Rows of fields; an unterminated quote is an error naming the line it opened on.
Result<std::vector<CsvRow>> parse_csv(std::string_view text, const std::string& source);

}  // namespace ec::cli
