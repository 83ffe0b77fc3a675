// Robustness: random bytes are either decoded or refused with a place, never a crash; whatever is
// decoded builds a Document whose spans all lie inside the text. (Run under ASan/UBSan in CI.)
#include <gtest/gtest.h>

#include <random>

#include "text/document.h"
#include "text/input.h"

namespace ec::text {
namespace {

TEST(InputRobustness, RandomBytesAreDecodedOrRefusedNeverCrash) {
  std::mt19937 rng(1924);
  std::uniform_int_distribution<int> byte(0, 255), length(0, 200), kind(0, 3);
  int decoded = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string bytes;
    int n = length(rng);
    for (int k = 0; k < n; ++k) {
      int b = byte(rng);
      // Mostly text, with stray high and control bytes, so both paths are exercised.
      if (kind(rng) != 0) b = "Stalin won. \xe2\x80\x99\n"[k % 16];
      bytes.push_back(static_cast<char>(b));
    }
    auto r = decode_answer(bytes, "random.txt");
    if (!r) {
      EXPECT_EQ(r.error().kind, ErrorKind::input);
      EXPECT_NE(r.error().message.find("random.txt"), std::string::npos) << r.error().message;
      continue;
    }
    ++decoded;
    auto doc = Document::build(r->utf8);
    for (const auto& w : doc.words()) {
      ASSERT_LE(w.span.end, r->utf8.size());
      ASSERT_LT(w.span.start, w.span.end);
    }
    for (const auto& s : doc.sentences()) ASSERT_LE(s.span.end, r->utf8.size());
  }
  EXPECT_GT(decoded, 100);
}

}  // namespace
}  // namespace ec::text
