// The pages' static files (src/report/assets/: style.css, app.js), built into the executable by
// src/report/assets/embed.cmake. Entry point: asset().
#pragma once

#include <string_view>

namespace ec::report {

// The bytes of a bundled asset ("style.css", "app.js"), or empty when there is none of that name.
std::string_view asset(std::string_view name);

}  // namespace ec::report
