// Errors as values: an `Error` says what went wrong and where (file:line:col or a byte offset);
// `Result<T>` carries either a value or an `Error` across module borders. Internal bugs throw instead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace ec {

// What kind of failure, so the command line can choose its exit code and wording.
enum class ErrorKind {
  usage,        // the user's command line or expression is wrong (exit 2)
  rubric,       // a rubric, prompt or pattern has an author error (exit 2)
  input,        // the answer cannot be read or decoded (exit 3)
  limit,        // a hard limit was exceeded (size, nesting, expansion)
  storage,      // the database is locked, corrupt or unwritable
};

struct Error {
  ErrorKind kind = ErrorKind::usage;
  std::string message;          // what failed, in the user's words
  std::string file;             // file the error is in, if any
  int line = 0;                 // 1-based; 0 when unknown
  int column = 0;               // 1-based, counted in characters; 0 when unknown
  std::optional<std::uint64_t> byte_offset;  // for input errors
  std::string excerpt;          // the offending source line and, below it, a caret under the column

  // "file:line:col: message" (the parts that are known), as compilers print it.
  std::string located() const {
    std::string out;
    if (!file.empty()) out += file + ":";
    if (line > 0) out += std::to_string(line) + ":";
    if (column > 0) out += std::to_string(column) + ":";
    if (!out.empty()) out += " ";
    return out + message;
  }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

inline Error make_error(ErrorKind kind, std::string message) {
  Error e;
  e.kind = kind;
  e.message = std::move(message);
  return e;
}

}  // namespace ec
