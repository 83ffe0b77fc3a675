// Reading a student's answer from a file or standard input: decode to UTF-8 (UTF-8 with or without
// BOM, UTF-16 with BOM, Windows-1252 via ICU charset detection) and reject what is not text.
// Entry point: read_answer().
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"

namespace ec::text {

struct InputLimits {
  std::size_t max_bytes = 1 << 20;  // 1 MiB by default
};

struct DecodedText {
  std::string utf8;       // the answer as UTF-8, BOM removed; spans in reports are offsets into this
  std::string encoding;   // what we assumed: "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "windows-1252"
  std::string source;     // file name, or "<stdin>"
  // When the bytes were neither UTF-8 nor UTF-16: ICU's charset detector's best guess and its
  // confidence, e.g. "ISO-8859-1 (confidence 31)". A guide only (it is unreliable on short texts):
  // such input is decoded as windows-1252 whenever every byte is defined there.
  std::string detected;
};

// Decode raw bytes. `source` names them in error messages. Errors (ErrorKind::input) name the
// source and the byte offset: invalid bytes, NUL, other control characters (tab, CR, LF, FF allowed),
// more than limits.max_bytes. Error::message is complete ("answer.txt: byte 12: ...; save the answer
// as UTF-8 and try again"); Error::byte_offset is the 0-based offset in `bytes` where it applies and
// Error::file is left empty so that Error::located() does not repeat the source.
Result<DecodedText> decode_answer(std::string_view bytes, std::string_view source,
                                  const InputLimits& limits = {});

// Read a file ("-" means standard input) and decode it. A missing or unreadable file is an input error.
Result<DecodedText> read_answer(const std::string& path, const InputLimits& limits = {});

}  // namespace ec::text
