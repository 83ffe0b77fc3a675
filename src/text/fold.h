// Internal to src/text: the word-level helpers shared by fold() and Document::build(): typographic
// clean-up of folded text, the number test and the cached per-thread Snowball stemmer.
// Entry points: clean_typography(), is_number(), cached_stem().
#pragma once

#include <string>
#include <string_view>

namespace ec::text::detail {

// Replace typographic quotes, primes and dashes by their plain ASCII forms, in place:
// ’ ‘ ‛ ‚ ʼ ′ -> '   “ ” ‟ „ -> "   ‐ ‑ ‒ – — ― − -> -
void clean_typography(std::string& s);

// Digits with optional single ',' or '.' separators between them: 1927, 1.5, 25,000.
bool is_number(std::string_view folded);

// English Snowball stem of `folded`, from this thread's stemmer and its bounded cache.
const std::string& cached_stem(const std::string& folded);

}  // namespace ec::text::detail
