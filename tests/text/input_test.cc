// Tests of decode_answer() and read_answer(): encodings, refusals (binary, control characters, bytes
// that no supported encoding reads, size), files and standard input. Entry point: the TESTs below.
#include "text/input.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace ec::text {
namespace {

using namespace std::string_literals;

// A directory of its own under the system temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("ec-text-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string write(const std::string& name, const std::string& bytes) const {
    auto p = path_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  std::string path(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// --- UTF-8 ---------------------------------------------------------------------------------------

TEST(DecodeAnswer, Utf8WithoutBomIsReadAsIs) {
  const std::string text = "Stalin\u2019s rise, 1924\u201328: \u201cSocialism in One Country\u201d.\r\n\tNext\fpage";
  auto r = decode_answer(text, "answer.txt");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->utf8, text);
  EXPECT_EQ(r->encoding, "UTF-8");
  EXPECT_EQ(r->source, "answer.txt");
  EXPECT_EQ(r->detected, "");
}

TEST(DecodeAnswer, Utf8BomIsRemoved) {
  auto r = decode_answer("\xEF\xBB\xBFLenin died in 1924.", "a.txt");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->utf8, "Lenin died in 1924.");
  EXPECT_EQ(r->encoding, "UTF-8 (BOM)");
}

TEST(DecodeAnswer, EmptyInputIsNotAnError) {
  auto r = decode_answer("", "empty.txt");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "");
  EXPECT_EQ(r->encoding, "UTF-8");
  auto bom_only = decode_answer("\xEF\xBB\xBF", "bom.txt");
  ASSERT_TRUE(bom_only.ok());
  EXPECT_EQ(bom_only->utf8, "");
}

TEST(DecodeAnswer, Utf8BomWithInvalidBytesIsAnErrorAtTheBadByte) {
  auto r = decode_answer("\xEF\xBB\xBF" "caf\xE9", "a.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::input);
  EXPECT_EQ(r.error().byte_offset, 6u);
  EXPECT_NE(r.error().message.find("a.txt: byte 6:"), std::string::npos) << r.error().message;
}

// --- UTF-16 --------------------------------------------------------------------------------------

std::string utf16(const std::u16string& s, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t c : s) {
    char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
    if (little_endian) {
      out += lo;
      out += hi;
    } else {
      out += hi;
      out += lo;
    }
  }
  return out;
}

TEST(DecodeAnswer, Utf16LittleEndianWithBom) {
  auto r = decode_answer(utf16(u"Stalin\u2019s \U0001F600 plan\r\n", true), "a.txt");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->utf8, "Stalin\u2019s \U0001F600 plan\r\n");
  EXPECT_EQ(r->encoding, "UTF-16LE");
}

TEST(DecodeAnswer, Utf16BigEndianWithBom) {
  auto r = decode_answer(utf16(u"K\u00FClak \u2013 1929", false), "a.txt");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->utf8, "K\u00FClak \u2013 1929");
  EXPECT_EQ(r->encoding, "UTF-16BE");
}

TEST(DecodeAnswer, Utf16ErrorsNameTheByteOffset) {
  auto odd = decode_answer(utf16(u"ab", true) + "x", "a.txt");
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().byte_offset, 6u);
  auto lone = decode_answer(utf16(u"ab", true) + "\x00\xD8" "c\x00"s, "a.txt");
  ASSERT_FALSE(lone.ok());
  EXPECT_EQ(lone.error().byte_offset, 6u);
  EXPECT_NE(lone.error().message.find("surrogate"), std::string::npos) << lone.error().message;
  auto bell = decode_answer(utf16(u"ab\u0007", false), "a.txt");
  ASSERT_FALSE(bell.ok());
  EXPECT_EQ(bell.error().byte_offset, 6u);
  EXPECT_NE(bell.error().message.find("U+0007"), std::string::npos) << bell.error().message;
}

// --- Windows-1252 --------------------------------------------------------------------------------

TEST(DecodeAnswer, Windows1252QuotesAndDashesAreConverted) {
  // What a word processor writes: curly quotes 0x91-0x94, en dash 0x96, e acute 0xE9.
  const std::string cp1252 = "Stalin\x92s \x93Socialism in One Country\x94 (1924\x96" "28) caf\xE9.";
  auto r = decode_answer(cp1252, "answer.txt");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->utf8, "Stalin\u2019s \u201cSocialism in One Country\u201d (1924\u201328) caf\u00E9.");
  EXPECT_EQ(r->encoding, "windows-1252");
  EXPECT_FALSE(r->detected.empty());
}

TEST(DecodeAnswer, ShortLatin1TextIsReadAsWindows1252) {
  // Too short for the detector to be sure of anything; every byte is defined in Windows-1252.
  auto r = decode_answer("na\xEFve", "a.txt");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->utf8, "na\u00EFve");
  EXPECT_EQ(r->encoding, "windows-1252");
}

TEST(DecodeAnswer, ByteUndefinedInWindows1252IsAnErrorWithItsOffset) {
  const std::string bytes = "Stalin\x92s plan \x81 failed";  // 0x92 at 6 is cp1252, 0x81 at 14 is not
  auto r = decode_answer(bytes, "answer.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::input);
  EXPECT_EQ(r.error().byte_offset, 14u);
  EXPECT_EQ(r.error().message.rfind("answer.txt: byte 14: not valid UTF-8, UTF-16 or Windows-1252 text", 0), 0u)
      << r.error().message;
  EXPECT_NE(r.error().message.find("save the answer as UTF-8 and try again"), std::string::npos);
}

TEST(DecodeAnswer, EachUndefinedWindows1252ByteIsRefused) {
  for (char b : {'\x81', '\x8D', '\x8F', '\x90', '\x9D'}) {
    auto r = decode_answer("ab"s + b + "c", "a.txt");
    ASSERT_FALSE(r.ok()) << static_cast<int>(static_cast<unsigned char>(b));
    EXPECT_EQ(r.error().byte_offset, 2u);
  }
}

TEST(DecodeAnswer, StrayByteInUtf8TextIsReportedWhereItIs) {
  // Valid UTF-8 (an en dash) up to a stray 0x90 at offset 10: reported there, not at the dash.
  auto r = decode_answer("1924\u201328 \x90 x", "a.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().byte_offset, 10u);
}

// --- Refusals ------------------------------------------------------------------------------------

TEST(DecodeAnswer, NulByteLooksLikeBinary) {
  auto r = decode_answer("PK\x03\x04\x14\x00\x06"s, "essay.docx");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::input);
  EXPECT_EQ(r.error().byte_offset, 5u);
  EXPECT_NE(r.error().message.find("essay.docx: byte 5:"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("binary"), std::string::npos) << r.error().message;
}

TEST(DecodeAnswer, Utf16WithoutBomIsRefusedAtItsFirstNul) {
  std::string bytes;
  for (char c : std::string("Stalin won the power struggle because he was General Secretary.")) {
    bytes += c;
    bytes += '\0';
  }
  auto r = decode_answer(bytes, "a.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().byte_offset, 1u);
  EXPECT_NE(r.error().message.find("a.txt: byte 1: NUL byte"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("UTF-16LE"), std::string::npos) << r.error().message;
}

TEST(DecodeAnswer, ControlCharacterIsRefusedWithOffset) {
  auto r = decode_answer("Trotsky\x1B[0m", "a.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::input);
  EXPECT_EQ(r.error().byte_offset, 7u);
  EXPECT_NE(r.error().message.find("U+001B"), std::string::npos) << r.error().message;
  // In Windows-1252 text too.
  auto cp = decode_answer("Trotsky\x92s\x07", "a.txt");
  ASSERT_FALSE(cp.ok());
  EXPECT_EQ(cp.error().byte_offset, 9u);
}

TEST(DecodeAnswer, TabLineBreaksAndFormFeedAreAllowed) {
  auto r = decode_answer("a\tb\nc\r\nd\re\ff", "a.txt");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->utf8, "a\tb\nc\r\nd\re\ff");
}

TEST(DecodeAnswer, OverTheLimitSaysSizeAndLimit) {
  InputLimits limits;
  limits.max_bytes = 10;
  auto ok = decode_answer("0123456789", "a.txt", limits);
  EXPECT_TRUE(ok.ok());
  auto r = decode_answer("0123456789A", "a.txt", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::input);
  EXPECT_NE(r.error().message.find("11 bytes"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("limit of 10 bytes"), std::string::npos) << r.error().message;
}

TEST(DecodeAnswer, SizeIsCheckedBeforeDecoding) {
  InputLimits limits;
  limits.max_bytes = 4;
  auto r = decode_answer("ab\x81\x00zz"s, "a.txt", limits);  // binary and invalid, but too big first
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("limit"), std::string::npos) << r.error().message;
  EXPECT_FALSE(r.error().byte_offset.has_value());
}

// --- Files and standard input --------------------------------------------------------------------

TEST(ReadAnswer, ReadsAFile) {
  TempDir dir;
  auto path = dir.write("answer.txt", "\xEF\xBB\xBFHe died in 1924.\n");
  auto r = read_answer(path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->utf8, "He died in 1924.\n");
  EXPECT_EQ(r->encoding, "UTF-8 (BOM)");
  EXPECT_EQ(r->source, path);
}

TEST(ReadAnswer, ErrorsNameTheFile) {
  TempDir dir;
  auto path = dir.write("bad.txt", "abc\x8F");
  auto r = read_answer(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind(path + ": byte 3: ", 0), 0u) << r.error().message;
}

TEST(ReadAnswer, MissingFileIsAnInputError) {
  TempDir dir;
  auto path = dir.path("nowhere.txt");
  auto r = read_answer(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::input);
  EXPECT_EQ(r.error().message, "cannot read " + path + ": No such file or directory");
}

TEST(ReadAnswer, DirectoryIsAnInputError) {
  TempDir dir;
  auto r = read_answer(dir.path(""));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::input);
  EXPECT_NE(r.error().message.find("Is a directory"), std::string::npos) << r.error().message;
}

TEST(ReadAnswer, EmptyFileGivesEmptyText) {
  TempDir dir;
  auto r = read_answer(dir.write("empty.txt", ""));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->utf8, "");
}

TEST(ReadAnswer, FileOverTheLimitSaysItsSize) {
  TempDir dir;
  InputLimits limits;
  limits.max_bytes = 100;
  EXPECT_TRUE(read_answer(dir.write("ok.txt", std::string(100, 'a')), limits).ok());
  auto r = read_answer(dir.write("big.txt", std::string(5000, 'a')), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::input);
  EXPECT_NE(r.error().message.find("5000 bytes"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("limit of 100 bytes"), std::string::npos) << r.error().message;
}

TEST(ReadAnswer, EndlessInputStopsAtTheLimit) {
  // /dev/zero never ends: reading it all would never return.
  InputLimits limits;
  limits.max_bytes = 4096;
  auto r = read_answer("/dev/zero", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::input);
  EXPECT_NE(r.error().message.find("more than 4096 bytes"), std::string::npos) << r.error().message;
}

// Runs read_answer("-") with standard input redirected from a file holding `bytes`.
Result<DecodedText> read_stdin(const TempDir& dir, const std::string& bytes) {
  auto path = dir.write("stdin.bin", bytes);
  int saved = ::dup(STDIN_FILENO);
  int fd = ::open(path.c_str(), O_RDONLY);
  ::dup2(fd, STDIN_FILENO);
  ::close(fd);
  auto r = read_answer("-");
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  return r;
}

TEST(ReadAnswer, DashReadsStandardInputAsBytes) {
  TempDir dir;
  auto r = read_stdin(dir, utf16(u"Kulaks\r\n", true));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->utf8, "Kulaks\r\n");
  EXPECT_EQ(r->encoding, "UTF-16LE");
  EXPECT_EQ(r->source, "<stdin>");
  auto bad = read_stdin(dir, "x\x9D");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.rfind("<stdin>: byte 1: ", 0), 0u) << bad.error().message;
}

}  // namespace
}  // namespace ec::text
