// The per-user cache folder and what the caches kept there share: where the folder is, a 64-bit
// hash for their keys, and writing a file so that readers see the old one or the new one,
// never half of it, and reading a cache file in place. Entry points: cache_folder(), hash64(),
// write_file_atomically(), MappedFile.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
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

// A file mapped read-only into memory: its bytes are read in place, straight from the page cache,
// instead of being copied into a growing buffer (a process that marks one answer spends much of its
// time on first touches of fresh memory). Move-only; unmapped when destroyed. An empty file maps to
// no bytes. Replacing the file by rename (write_file_atomically) leaves a mapping's bytes unchanged.
class MappedFile {
 public:
  // nullopt when the file cannot be opened, is not a regular file or cannot be mapped.
  static std::optional<MappedFile> open(const std::string& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  MappedFile(void* data, std::size_t size) : data_(data), size_(size) {}
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace ec
