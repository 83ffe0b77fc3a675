// What the caches share (base/cache.h): a file mapped in place gives its bytes and refuses what is
// not a readable regular file; a mapping keeps its bytes when the file is replaced by an atomic
// write; the keys' hash tells apart inputs that differ in a byte, a seed or a length.
#include "base/cache.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "support/test_support.h"

namespace ec {
namespace {

using ec::testing::ScratchFolder;

TEST(MappedFile, GivesTheFilesBytesInPlace) {
  ScratchFolder dir;
  const std::string bytes = std::string("ECLIB\0\0\1", 8) + std::string(100000, 'x') + "end";
  const auto path = dir.add("library.bin", bytes);
  auto file = MappedFile::open(path);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->bytes(), bytes);
  // Moved, it still points at the same bytes; the moved-from file holds none.
  MappedFile moved = std::move(*file);
  EXPECT_EQ(moved.bytes(), bytes);
  EXPECT_TRUE(file->bytes().empty());
}

TEST(MappedFile, AnEmptyFileHasNoBytes) {
  ScratchFolder dir;
  auto file = MappedFile::open(dir.add("empty.bin", ""));
  ASSERT_TRUE(file);
  EXPECT_TRUE(file->bytes().empty());
}

TEST(MappedFile, WhatIsNotAReadableFileIsRefused) {
  ScratchFolder dir;
  EXPECT_FALSE(MappedFile::open(dir.path() + "/missing.bin"));
  EXPECT_FALSE(MappedFile::open(dir.path()));  // a folder
  EXPECT_FALSE(MappedFile::open(""));
}

TEST(MappedFile, KeepsItsBytesWhenTheFileIsReplacedAtomically) {
  // Another process rebuilding the cache renames a new file over the old one: a reader that mapped
  // the old file goes on reading the old bytes, never a mixture.
  ScratchFolder dir;
  const auto path = dir.add("words.bin", std::string(5000, 'a'));
  auto file = MappedFile::open(path);
  ASSERT_TRUE(file);
  ASSERT_TRUE(write_file_atomically(path, std::string(7000, 'b')));
  EXPECT_EQ(file->bytes(), std::string(5000, 'a'));
  auto fresh = MappedFile::open(path);
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->bytes(), std::string(7000, 'b'));
}

TEST(Hash64, EqualInputsOnlyGiveEqualHashes) {
  EXPECT_EQ(hash64("rubrics/common/writing.rubric"), hash64("rubrics/common/writing.rubric"));
  EXPECT_NE(hash64("rubrics/common/writing.rubric"), hash64("rubrics/common/writing.rubriC"));
  EXPECT_NE(hash64("ab"), hash64("ab", hash64("")));  // a seed changes the hash
  EXPECT_NE(hash64(std::string(8, '\0')), hash64(std::string(9, '\0')));  // so does the length
}

}  // namespace
}  // namespace ec
