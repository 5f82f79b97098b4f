// Bit packing of blocks of up to 128 small integers, least significant bit first: value i
// occupies bits [i * b, (i + 1) * b) of the byte string. A block of n values takes
// ceil(n * b / 8) bytes. The unpackers are unrolled per bit width; they read up to 8 bytes
// past the end of a full block, so callers hand them a buffer with that much slack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

namespace search::postings {

inline uint64_t load_u64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint32_t load_u32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint16_t load_u16(const uint8_t* p) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}

inline uint32_t bit_width(uint32_t v) { return v == 0 ? 0 : 32 - __builtin_clz(v); }

// Bytes taken by n values of b bits.
inline std::size_t packed_bytes(std::size_t n, uint32_t b) { return (n * b + 7) / 8; }

// Appends n values of b bits each (b <= 32; every value < 2^b) to out.
inline void pack(const uint32_t* values, std::size_t n, uint32_t b, std::string* out) {
  uint64_t acc = 0;
  uint32_t filled = 0;
  for (std::size_t i = 0; i < n; ++i) {
    acc |= uint64_t{values[i]} << filled;
    filled += b;
    while (filled >= 8) {
      out->push_back(static_cast<char>(acc & 0xFF));
      acc >>= 8;
      filled -= 8;
    }
  }
  if (filled > 0) out->push_back(static_cast<char>(acc & 0xFF));
}

namespace detail {
template <uint32_t B, std::size_t... I>
inline void unpack_impl(const uint8_t* in, uint32_t* out, std::index_sequence<I...>) {
  constexpr uint64_t kMask = B >= 32 ? 0xFFFFFFFFull : (uint64_t{1} << B) - 1;
  ((out[I] = static_cast<uint32_t>((load_u64(in + (I * B) / 8) >> ((I * B) % 8)) & kMask)),
   ...);
}

// Docid gaps: out[i] = base + sum_{j <= i} (value_j + 1).
template <uint32_t B, std::size_t... I>
inline void unpack_gaps_impl(const uint8_t* in, uint32_t base, uint32_t* out,
                             std::index_sequence<I...>) {
  constexpr uint64_t kMask = (uint64_t{1} << B) - 1;
  uint32_t acc = base;
  ((out[I] = acc +=
    static_cast<uint32_t>((load_u64(in + (I * B) / 8) >> ((I * B) % 8)) & kMask) + 1),
   ...);
}
}  // namespace detail

// Unpacks 128 values of B bits. REQUIRES: in[0 .. 16 * B + 8) readable.
template <uint32_t B>
void unpack128(const uint8_t* in, uint32_t* out) {
  if constexpr (B == 0) {
    for (int i = 0; i < 128; ++i) out[i] = 0;
  } else {
    detail::unpack_impl<B>(in, out, std::make_index_sequence<128>{});
  }
}

// Unpacks 128 gaps of B bits into docids after `base`. REQUIRES: in[0 .. 16 * B + 8) readable.
template <uint32_t B>
void unpack_gaps128(const uint8_t* in, uint32_t base, uint32_t* out) {
  if constexpr (B == 0) {
    for (uint32_t i = 0; i < 128; ++i) out[i] = base + i + 1;
  } else {
    detail::unpack_gaps_impl<B>(in, base, out, std::make_index_sequence<128>{});
  }
}

using UnpackFn = void (*)(const uint8_t*, uint32_t*);
using UnpackGapsFn = void (*)(const uint8_t*, uint32_t, uint32_t*);

// AVX2 gap decoding of the first n (<= 128) values of a block, writing ceil(n / 8) * 8
// outputs. REQUIRES: in[0 .. 16 * bits + 16) readable, bits <= 16, simd_decoding().
void unpack_gaps_avx2(const uint8_t* in, uint32_t bits, uint32_t n, uint32_t base, uint32_t* out);
// Whether docid blocks are decoded with AVX2 (default: when the CPU has it). Tests and
// benchmarks turn it off to exercise the portable decoder (intersect::force_isa does).
void set_simd_decoding(bool enable);
bool simd_decoding();

// Tables indexed by bit width: 0..32 for values, 0..16 for gaps.
extern const UnpackFn kUnpack[33];
extern const UnpackGapsFn kUnpackGaps[17];

}  // namespace search::postings
