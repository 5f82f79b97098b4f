// Little-endian fixed-width and LEB128 varint encoding for the index files. Decoders take
// a Cursor that knows where its bytes end and throw kCorrupt (naming the file) instead of
// reading past the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <search/error.h>

namespace search::index {

inline void put_u8(std::string& out, std::uint8_t v) { out.push_back(static_cast<char>(v)); }

inline void put_u16(std::string& out, std::uint16_t v) {
  char b[2] = {static_cast<char>(v), static_cast<char>(v >> 8)};
  out.append(b, 2);
}

inline void put_u32(std::string& out, std::uint32_t v) {
  char b[4];
  for (int i = 0; i < 4; ++i) b[i] = static_cast<char>(v >> (8 * i));
  out.append(b, 4);
}

inline void put_u64(std::string& out, std::uint64_t v) {
  char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(v >> (8 * i));
  out.append(b, 8);
}

inline void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

inline void put_bytes(std::string& out, std::string_view bytes) {
  put_varint(out, bytes.size());
  out.append(bytes);
}

inline std::uint16_t load_u16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
inline std::uint32_t load_u32(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);  // the index is little-endian, as are all supported hosts
  return v;
}
inline std::uint64_t load_u64(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Reads bytes [pos, end) of a buffer that belongs to the file `file` (for error messages).
class Cursor {
 public:
  Cursor(const std::uint8_t* begin, const std::uint8_t* end, const std::string* file)
      : pos_(begin), end_(end), file_(file) {}

  bool at_end() const { return pos_ >= end_; }
  const std::uint8_t* pos() const { return pos_; }
  const std::uint8_t* end() const { return end_; }
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - pos_); }

  std::uint8_t u8() {
    need(1, "byte");
    return *pos_++;
  }
  std::uint16_t u16() {
    need(2, "u16");
    auto v = load_u16(pos_);
    pos_ += 2;
    return v;
  }
  std::uint32_t u32() {
    need(4, "u32");
    auto v = load_u32(pos_);
    pos_ += 4;
    return v;
  }
  std::uint64_t u64() {
    need(8, "u64");
    auto v = load_u64(pos_);
    pos_ += 8;
    return v;
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= end_) fail("truncated varint");
      std::uint8_t b = *pos_++;
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    fail("overlong varint");
  }
  std::uint32_t varint32() {
    std::uint64_t v = varint();
    if (v > 0xffffffffu) fail("varint out of range");
    return static_cast<std::uint32_t>(v);
  }
  std::string_view bytes(std::size_t n) {
    need(n, "byte string");
    std::string_view s(reinterpret_cast<const char*>(pos_), n);
    pos_ += n;
    return s;
  }
  std::string_view length_prefixed() { return bytes(varint()); }
  void skip(std::size_t n) {
    need(n, "skipped bytes");
    pos_ += n;
  }

  [[noreturn]] void fail(const std::string& problem) const {
    throw Error(ErrorCode::kCorrupt, (file_ != nullptr ? *file_ : std::string("<memory>")) +
                                         ": " + problem);
  }

 private:
  void need(std::size_t n, const char* what) const {
    if (remaining() < n) fail(std::string("truncated ") + what);
  }

  const std::uint8_t* pos_;
  const std::uint8_t* end_;
  const std::string* file_;
};

}  // namespace search::index
