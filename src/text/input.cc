// Reading and decoding a student's answer: size limit, UTF-8 (with or without BOM), UTF-16 with BOM,
// Windows-1252 (guided by ICU charset detection), and rejection of binary data and control characters.
// Entry points: decode_answer(), read_answer().
#include "text/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

namespace ec::text {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::size_t kDetectorSample = 64 * 1024;  // ICU's detector needs no more than this

Error input_error(std::string message, std::optional<std::uint64_t> offset = std::nullopt) {
  Error e = make_error(ErrorKind::input, std::move(message));
  e.byte_offset = offset;
  return e;
}

Error at(std::string_view source, std::size_t offset, const std::string& what) {
  return input_error(std::string(source) + ": byte " + std::to_string(offset) + ": " + what, offset);
}

Error too_large(std::string_view source, std::optional<std::uint64_t> size, std::size_t limit) {
  std::string what = size ? std::to_string(*size) + " bytes, over the limit of " + std::to_string(limit) + " bytes"
                          : "more than " + std::to_string(limit) + " bytes, the limit";
  return input_error(std::string(source) + ": " + what + " for an answer; shorten the answer and try again");
}

// Offset of the first byte of the first ill-formed UTF-8 sequence (Unicode Table 3-7), or kNone.
std::size_t first_invalid_utf8(std::string_view s) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c == 0xE0) {
      len = 3, lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      len = 3;
    } else if (c == 0xED) {
      len = 3, hi = 0x9F;
    } else if (c == 0xF0) {
      len = 4, lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      len = 4;
    } else if (c == 0xF4) {
      len = 4, hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    i += len;
  }
  return kNone;
}

// The five bytes Windows-1252 leaves undefined.
bool undefined_in_cp1252(unsigned char b) { return b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D; }

std::size_t first_undefined_cp1252(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (undefined_in_cp1252(static_cast<unsigned char>(s[i]))) return i;
  return kNone;
}

bool allowed_control(std::uint32_t c) { return c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string describe_control(std::uint32_t c) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "control character U+%04X is not allowed in an answer", static_cast<unsigned>(c));
  return std::string(buf) + "; save the answer as plain text and try again";
}

// ICU's charset detector on (a sample of) the bytes: "name (confidence N)", and the bare name.
struct Guess {
  std::string name;
  int confidence = 0;
  std::string described() const {
    return name.empty() ? std::string() : name + " (confidence " + std::to_string(confidence) + ")";
  }
};

Guess detect_charset(std::string_view bytes) {
  Guess g;
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  if (U_FAILURE(status)) return g;
  const auto n = static_cast<int32_t>(std::min(bytes.size(), kDetectorSample));
  ucsdet_setText(det, bytes.data(), n, &status);
  const UCharsetMatch* match = ucsdet_detect(det, &status);
  if (U_SUCCESS(status) && match) {
    const char* name = ucsdet_getName(match, &status);
    int confidence = ucsdet_getConfidence(match, &status);
    if (U_SUCCESS(status) && name) {
      g.name = name;
      g.confidence = confidence;
    }
  }
  ucsdet_close(det);
  return g;
}

void append_utf8(std::string& out, std::uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// UTF-16 after its BOM (at offset 2 of the file): surrogate pairs checked, control characters refused.
Result<DecodedText> decode_utf16(std::string_view bytes, std::string_view source, bool little_endian) {
  DecodedText out;
  out.encoding = little_endian ? "UTF-16LE" : "UTF-16BE";
  out.source = std::string(source);
  out.utf8.reserve(bytes.size());
  auto unit_at = [&](std::size_t i) -> std::uint32_t {
    auto b0 = static_cast<unsigned char>(bytes[i]), b1 = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (b0 | (b1 << 8)) : ((b0 << 8) | b1);
  };
  const std::size_t n = bytes.size();
  for (std::size_t i = 2; i < n;) {
    if (i + 1 >= n) return at(source, i, "the UTF-16 text ends in the middle of a character; save the answer as UTF-8 and try again");
    std::uint32_t c = unit_at(i);
    std::size_t len = 2;
    if (c >= 0xD800 && c <= 0xDBFF) {
      std::uint32_t c2 = (i + 3 < n) ? unit_at(i + 2) : 0;
      if (c2 < 0xDC00 || c2 > 0xDFFF)
        return at(source, i, "not valid UTF-16 text (a lone surrogate); save the answer as UTF-8 and try again");
      c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
      len = 4;
    } else if (c >= 0xDC00 && c <= 0xDFFF) {
      return at(source, i, "not valid UTF-16 text (a lone surrogate); save the answer as UTF-8 and try again");
    } else if (c < 0x20 && !allowed_control(c)) {
      return at(source, i, describe_control(c));
    }
    append_utf8(out.utf8, c);
    i += len;
  }
  return out;
}

Result<DecodedText> decode_cp1252(std::string_view bytes, std::string_view source, const Guess& guess) {
  DecodedText out;
  out.encoding = "windows-1252";
  out.source = std::string(source);
  out.detected = guess.described();
  // Every Windows-1252 byte becomes at most 3 bytes of UTF-8 (and ucnv_convert adds a NUL).
  std::string utf8(bytes.size() * 3 + 1, '\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = ucnv_convert("UTF-8", "windows-1252", utf8.data(), static_cast<int32_t>(utf8.size()), bytes.data(),
                           static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status))
    return input_error(std::string(source) + ": cannot convert from Windows-1252: " + u_errorName(status));
  utf8.resize(static_cast<std::size_t>(n));
  out.utf8 = std::move(utf8);
  return out;
}

}  // namespace

Result<DecodedText> decode_answer(std::string_view bytes, std::string_view source, const InputLimits& limits) {
  if (bytes.size() > limits.max_bytes) return too_large(source, bytes.size(), limits.max_bytes);

  // UTF-16 with a byte-order mark.
  if (bytes.size() >= 2) {
    auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
    if (b0 == 0xFF && b1 == 0xFE) return decode_utf16(bytes, source, true);
    if (b0 == 0xFE && b1 == 0xFF) return decode_utf16(bytes, source, false);
  }
  const bool bom = bytes.starts_with("\xEF\xBB\xBF");
  const std::size_t body_start = bom ? 3 : 0;
  const std::string_view body = bytes.substr(body_start);

  // Binary data, then control characters: the same bytes in UTF-8 and Windows-1252.
  if (const void* nul = std::memchr(body.data(), 0, body.size())) {
    std::size_t offset = body_start + static_cast<std::size_t>(static_cast<const char*>(nul) - body.data());
    std::string what = "NUL byte: this looks like a binary file, not a text answer";
    Guess g = detect_charset(bytes);
    if (g.name.starts_with("UTF-16") || g.name.starts_with("UTF-32"))
      what = "NUL byte: this looks like " + g.name + " text without a byte-order mark";
    return at(source, offset, what + "; save the answer as plain text (UTF-8) and try again");
  }
  for (std::size_t i = 0; i < body.size(); ++i) {
    auto c = static_cast<unsigned char>(body[i]);
    if (c < 0x20 && !allowed_control(c)) return at(source, body_start + i, describe_control(c));
  }

  const std::size_t bad_utf8 = first_invalid_utf8(body);
  if (bad_utf8 == kNone) {
    DecodedText out;
    out.utf8 = std::string(body);
    out.encoding = bom ? "UTF-8 (BOM)" : "UTF-8";
    out.source = std::string(source);
    return out;
  }
  if (bom) {
    return at(source, body_start + bad_utf8,
              "not valid UTF-8 text, although the file starts with a UTF-8 byte-order mark; save the answer "
              "as UTF-8 and try again");
  }

  // Not UTF-8. Windows-1252 (which word processors write as "ISO-8859-1" too) is the only other
  // encoding we read: the detector is a guide, the bytes decide.
  const std::size_t undefined = first_undefined_cp1252(bytes);
  if (undefined != kNone) {
    // Report where neither reading holds any more: past the longer of the two valid prefixes.
    std::size_t offset = std::max(bad_utf8, undefined);
    return at(source, offset, "not valid UTF-8, UTF-16 or Windows-1252 text; save the answer as UTF-8 and try again");
  }
  return decode_cp1252(bytes, source, detect_charset(bytes));
}

Result<DecodedText> read_answer(const std::string& path, const InputLimits& limits) {
  const bool use_stdin = path == "-";
  const std::string source = use_stdin ? "<stdin>" : path;
  int fd = use_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return input_error("cannot read " + source + ": " + std::strerror(errno));
  struct Closer {
    int fd;
    bool owned;
    ~Closer() {
      if (owned) ::close(fd);
    }
  } closer{fd, !use_stdin};

  std::optional<std::uint64_t> known_size;
  struct stat st {};
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) return input_error("cannot read " + source + ": " + std::strerror(EISDIR));
    if (S_ISREG(st.st_mode)) known_size = static_cast<std::uint64_t>(st.st_size);
  }
  if (known_size && *known_size > limits.max_bytes) return too_large(source, known_size, limits.max_bytes);

  // Read at most limit + 1 bytes: enough to know the answer is too long without holding all of it.
  const std::size_t cap = limits.max_bytes < static_cast<std::size_t>(-1) ? limits.max_bytes + 1 : limits.max_bytes;
  std::string bytes;
  bytes.resize(std::min<std::size_t>(cap, known_size ? static_cast<std::size_t>(*known_size) + 1 : 64 * 1024));
  std::size_t got = 0;
  for (;;) {
    if (got == bytes.size()) {
      if (bytes.size() >= cap) break;
      bytes.resize(std::min(cap, bytes.size() * 2));
    }
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return input_error("cannot read " + source + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  if (got > limits.max_bytes) return too_large(source, std::nullopt, limits.max_bytes);
  return decode_answer(bytes, source, limits);
}

}  // namespace ec::text
