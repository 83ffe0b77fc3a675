// Internal to src/text: sentence and word boundaries of UTF-8 text from ICU BreakIterators that are
// built once per process and cloned once per thread. Entry points: sentence_breaks(), word_spans().
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/span.h"

namespace ec::text::detail {

// Sentence boundaries (byte offsets, 0 and text.size() included) of `text`: ICU's English sentence
// rules with its standard suppressions (as "en@ss=standard"), our own abbreviations (e.g., i.e., etc.,
// Mr., Dr., c., St., cf., vs., approx.) added with FilteredBreakIteratorBuilder, and a final check
// of the same abbreviations that ICU's filter misses (dotted ones such as "e.g.", several spaces).
std::vector<std::uint32_t> sentence_breaks(std::string_view text);

// Words of `text` (ICU word rules; rule status other than UBRK_WORD_NONE), in text order.
std::vector<Span> word_spans(std::string_view text);

}  // namespace ec::text::detail
