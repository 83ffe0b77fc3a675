// The streaming JSON writer gives the very bytes nlohmann::json's dump gave for the same values:
// strings (escapes, control characters, any byte sequence, invalid UTF-8 replaced the same way),
// numbers and nesting. The golden reports check whole reports; this checks the corners.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <random>

#include "report/json_writer.h"

namespace ec::report {
namespace {

using ordered = nlohmann::ordered_json;

std::string dumped(const ordered& j) { return j.dump(-1, ' ', false, ordered::error_handler_t::replace); }

std::string written_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonWriter, StringsAreEscapedAsNlohmannDoes) {
  for (std::string s : {std::string(""), std::string("plain"), std::string("quote \" and \\ back"),
                        std::string("tab\tnew\nline\rcr\bbs\fff"), std::string("\x01\x1f\x7f", 3),
                        std::string("nul \0 inside", 12), std::string("Stalin’s “rivals” – 1924–28 é ß 😀")}) {
    EXPECT_EQ(written_string(s), dumped(ordered(s))) << s;
  }
}

TEST(JsonWriter, AnyBytesAreReplacedAsNlohmannDoes) {
  std::mt19937 rng(7);
  const std::string pieces[] = {"a", "\xC3\xA9", "\xE2\x80\x99", "\xF0\x9F\x98\x80", "\x80", "\xC3", "\xE2\x80",
                                "\xF0\x9F", "\xED\xA0\x80", "\xC0\xAF", "\xF5", "\xFF", "\xE0\x80\x80", "\xF4\x90\x80\x80",
                                "\"", "\n"};
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const int len = static_cast<int>(rng() % 8);
    for (int i = 0; i < len; ++i) s += pieces[rng() % std::size(pieces)];
    ASSERT_EQ(written_string(s), dumped(ordered(s))) << "bytes: " << s;
  }
}

TEST(JsonWriter, NumbersAreWrittenAsNlohmannDoes) {
  std::mt19937_64 rng(11);
  std::vector<double> values = {0.5, 0.1, 1.0 / 3, 2.0 / 3, 1e-5, 0.0001, 0.001, 123456.789, 1e15, 1e16, 1.5e16,
                                1e21, 1e-300, 5e-324, 1.7976931348623157e308, -0.0, 0.0, -2.5, 3.0, 100.0,
                                std::nan(""), 1.0 / 0.0};
  for (int i = 1; i <= 200; ++i) {
    for (int d = 1; d <= 12; ++d) values.push_back(static_cast<double>(i) / d);
  }
  for (int i = 0; i < 2000; ++i) {
    double v;
    auto bits = rng();
    std::memcpy(&v, &bits, sizeof v);
    values.push_back(v);
  }
  for (double v : values) {
    std::string out;
    append_json_double(out, v);
    ASSERT_EQ(out, dumped(ordered(v))) << v;
  }
  for (long long i : {0LL, -1LL, 42LL, -9223372036854775807LL - 1, 9223372036854775807LL}) {
    std::string out;
    JsonWriter(out).value(i);
    EXPECT_EQ(out, dumped(ordered(i)));
  }
}

TEST(JsonWriter, NestedObjectsAndArraysMatchTheTree) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.member("a", 1);
  w.key("b");
  w.begin_array();
  w.begin_object();
  w.end_object();
  w.begin_array();
  w.end_array();
  w.value(true);
  w.null();
  w.end_array();
  w.member("c", std::vector<int>{1, 2});
  w.member("d", std::optional<int>{});
  w.key("e");
  w.begin_object();
  w.member("f", "g");
  w.end_object();
  w.end_object();
  ordered j;
  j["a"] = 1;
  j["b"] = ordered::array({ordered::object(), ordered::array(), true, nullptr});
  j["c"] = {1, 2};
  j["d"] = nullptr;
  j["e"] = {{"f", "g"}};
  EXPECT_EQ(out, dumped(j));
}

}  // namespace
}  // namespace ec::report
