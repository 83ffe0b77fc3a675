// A small binary archive for the caches kept on disk: fixed-width little-endian integers, doubles,
// and length-prefixed strings and vectors. The Reader checks every bound and stops at the first bad
// byte (ok() turns false and every later read gives a default), and never reserves more elements
// than the bytes left could hold, so a damaged file can neither crash nor exhaust memory.
// Entry points: archive::Writer, archive::Reader.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ec::archive {

class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  void u32(std::uint32_t v) { raw(&v, sizeof v); }
  void i32(std::int32_t v) { raw(&v, sizeof v); }
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  void u32str(std::u32string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    raw(s.data(), s.size() * sizeof(char32_t));
  }
  // A vector: its length, then each element written by `each(writer, element)`.
  template <class T, class F>
  void vec(const std::vector<T>& v, F each) {
    u32(static_cast<std::uint32_t>(v.size()));
    for (const auto& x : v) each(*this, x);
  }
  const std::string& bytes() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return ok_ && pos_ == in_.size(); }
  void fail() { ok_ = false; }

  std::uint8_t u8() {
    std::uint8_t v = 0;
    raw(&v, 1);
    return v;
  }
  bool boolean() {
    std::uint8_t v = u8();
    if (v > 1) fail();
    return v == 1;
  }
  std::uint32_t u32() { return fixed<std::uint32_t>(); }
  std::int32_t i32() { return fixed<std::int32_t>(); }
  std::uint64_t u64() { return fixed<std::uint64_t>(); }
  double f64() { return fixed<double>(); }
  std::string str() {
    std::size_t n = count(1);
    std::string s;
    if (!ok_) return s;
    s.assign(in_.data() + pos_, n);
    pos_ += n;
    return s;
  }
  std::u32string u32str() {
    std::size_t n = count(sizeof(char32_t));
    std::u32string s;
    if (!ok_) return s;
    s.resize(n);
    raw(s.data(), n * sizeof(char32_t));
    return s;
  }
  // A vector written by Writer::vec: each element read by `each(reader, element)`.
  template <class T, class F>
  void vec(std::vector<T>& v, F each) {
    std::size_t n = count(1);
    v.clear();
    v.reserve(n);
    for (std::size_t i = 0; i < n && ok_; ++i) {
      v.emplace_back();
      each(*this, v.back());
    }
  }
  // A length, refused when the bytes left could not hold that many elements of `min_bytes` each.
  std::size_t count(std::size_t min_bytes) {
    std::uint32_t n = u32();
    if (!ok_ || n > (in_.size() - pos_) / (min_bytes == 0 ? 1 : min_bytes)) {
      fail();
      return 0;
    }
    return n;
  }

 private:
  template <class T>
  T fixed() {
    T v{};
    raw(&v, sizeof v);
    return v;
  }
  void raw(void* p, std::size_t n) {
    if (!ok_ || n > in_.size() - pos_) {
      ok_ = false;
      return;
    }
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
  }
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace ec::archive
