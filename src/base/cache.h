// The per-user cache folder and what the caches kept there share: where the folder is, a 64-bit
// hash for their keys, and writing a file so that readers see the old one or the new one,
// never half of it. Entry points: cache_folder(), hash64(), write_file_atomically().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ec {

// $XDG_CACHE_HOME/essaycoach when XDG_CACHE_HOME is an absolute path, else ~/.cache/essaycoach;
// "" when neither is known or ESSAYCOACH_NO_CACHE is set (nothing is cached then).
std::string cache_folder();

// A fast 64-bit hash for cache keys and checksums (not cryptographic), continuing from `seed` (so a
// key can be hashed in pieces).
std::uint64_t hash64(std::string_view bytes, std::uint64_t seed = 14695981039346656037ull);

// Write `bytes` to a temporary file beside `path` and rename it over `path` (creating the folder).
// False when it could not be written; nothing is left behind then.
bool write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace ec
