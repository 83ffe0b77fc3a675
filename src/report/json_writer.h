// A streaming JSON writer: appends compact JSON straight to a string, no document tree, in exactly
// the bytes nlohmann::json::dump(-1, ' ', false, replace) gives for the same values (strings escaped
// the same way, invalid UTF-8 replaced by U+FFFD the same way, numbers formatted the same way).
// Entry point: JsonWriter (begin_object/key/value/end_object …).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ec::report {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // The key of the next member of the current object.
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(const char* s) { value(std::string_view(s)); }
  void value(bool b);
  void value(int i) { integer(i); }
  void value(long i) { integer(i); }
  void value(long long i) { integer(i); }
  void value(unsigned i) { unsigned_integer(i); }
  void value(unsigned long i) { unsigned_integer(i); }
  void value(unsigned long long i) { unsigned_integer(i); }
  void value(double d);
  void null();
  template <typename T>
  void value(const std::optional<T>& v) {
    if (v) value(*v);
    else null();
  }
  template <typename T>
  void value(const std::vector<T>& list) {
    begin_array();
    for (const auto& v : list) value(v);
    end_array();
  }
  // Already serialised JSON, written as it is (e.g. an id echoed from the input).
  void raw(std::string_view json);

  // key(k) then value(v).
  template <typename T>
  void member(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

 private:
  void separate();
  void open(char c);
  void close(char c);
  void integer(long long i);
  void unsigned_integer(unsigned long long i);

  std::string& out_;
  bool first_ = true;     // nothing written yet in the current object or array
  bool after_key_ = false;
};

// A string as nlohmann::json dumps it (quotes, escapes, U+FFFD for invalid UTF-8), appended to `out`.
void append_json_string(std::string& out, std::string_view s);
// A double as nlohmann::json dumps it (shortest round trip; "null" for NaN and infinities).
void append_json_double(std::string& out, double d);

}  // namespace ec::report
