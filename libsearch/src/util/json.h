// A small JSON writer for the command-line programs and record output: appends to a
// std::string, puts the commas itself, and escapes strings correctly (control characters as
// \n, \t, ... or \u00XX; U+2028/U+2029 as \u2028/\u2029 so the output is also valid
// JavaScript; invalid UTF-8 as U+FFFD, so the output is always valid UTF-8 and valid JSON).
// Not thread-safe; one writer per output string.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace search::util {

// Appends `text` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view text);

class JsonWriter {
 public:
  // Appends to `out`, which must outlive the writer.
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // REQUIRES: inside an object, and the previous call was not key().
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag);
  JsonWriter& value(double number);  // non-finite numbers are written as null
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonWriter& value(T number) {
    before_value();
    out_ += std::to_string(number);
    return *this;
  }
  JsonWriter& null();

  // key(name).value(v) in one call.
  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    return key(name).value(v);
  }

  // True when every object and array begun has been ended.
  bool complete() const { return stack_.empty(); }

 private:
  void before_value();
  std::string& out_;
  std::vector<bool> stack_;  // one per open container: true while it has no element yet
  bool after_key_ = false;
};

}  // namespace search::util
