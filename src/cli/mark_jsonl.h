// `essaycoach mark --jsonl`: the streaming filter a batch engine runs. Reads JSON Lines
// {"id", "prompt", "answer"} and writes one line per input line, in input order: {"id", ...report}
// or {"id", "error"} for a line that cannot be marked (the stream goes on). Memory stays bounded:
// at most a few answers a thread are in flight. Entry point: run_mark_jsonl().
#pragma once

#include <cstdio>
#include <istream>
#include <string>

#include "rubric/rubric.h"
#include "text/input.h"

namespace ec::cli {

struct JsonlOptions {
  std::string default_prompt;  // for lines without "prompt" (from --prompt; may be empty)
  int exam_year = 0;
  text::InputLimits limits;
  unsigned jobs = 1;
};

// Exit code: 0 when the whole input was read (whatever the lines held), 3 when reading it failed.
int run_mark_jsonl(const rubric::Library& library, const JsonlOptions& options, std::istream& in, std::FILE* out);

}  // namespace ec::cli
