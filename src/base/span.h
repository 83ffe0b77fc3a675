// A byte span into the student's original (decoded UTF-8) text: every highlight in a report is one.
#pragma once

#include <cstdint>

namespace ec {

struct Span {
  std::uint32_t start = 0;  // first byte
  std::uint32_t end = 0;    // one past the last byte
  bool operator==(const Span&) const = default;
  std::uint32_t size() const { return end - start; }
};

}  // namespace ec
