// AVX2 decoding of docid gap blocks. Eight consecutive b-bit values always start on a byte
// boundary and fit in 16 bytes (b <= 16), so one byte shuffle per 8 values gathers each
// value's bytes into its lane, a variable shift aligns it, and an in-register prefix sum
// turns gaps into docids.
#include <immintrin.h>

#include "postings/bitpack.h"

namespace search::postings {

namespace {
struct GapTables {
  alignas(32) uint8_t shuffle[17][32];
  alignas(32) uint32_t shift[17][8];
  constexpr GapTables() : shuffle(), shift() {
    for (uint32_t b = 0; b <= 16; ++b) {
      for (uint32_t j = 0; j < 8; ++j) {
        uint32_t bit = j * b, byte = bit / 8;
        shift[b][j] = bit % 8;
        for (uint32_t t = 0; t < 4; ++t) {
          uint32_t src = byte + t;
          shuffle[b][4 * j + t] = static_cast<uint8_t>(t < 3 && src < 16 ? src : 0x80);
        }
      }
    }
  }
};
constexpr GapTables kTables;

bool detect_avx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
}
bool g_use_avx2 = detect_avx2();
}  // namespace

void set_simd_decoding(bool enable) { g_use_avx2 = enable && detect_avx2(); }
bool simd_decoding() { return g_use_avx2; }

__attribute__((target("avx2"))) void unpack_gaps_avx2(const uint8_t* in, uint32_t bits,
                                                      uint32_t n, uint32_t base, uint32_t* out) {
  const __m256i shuffle = _mm256_load_si256(reinterpret_cast<const __m256i*>(kTables.shuffle[bits]));
  const __m256i shift = _mm256_load_si256(reinterpret_cast<const __m256i*>(kTables.shift[bits]));
  const __m256i mask = _mm256_set1_epi32(static_cast<int>((1u << bits) - 1));
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i lane3 = _mm256_set1_epi32(3), lane7 = _mm256_set1_epi32(7);
  __m256i carry = _mm256_set1_epi32(static_cast<int>(base));
  for (uint32_t g = 0; g * 8 < n; ++g) {
    __m256i v = _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + g * bits)));
    v = _mm256_and_si256(_mm256_srlv_epi32(_mm256_shuffle_epi8(v, shuffle), shift), mask);
    v = _mm256_add_epi32(v, one);
    v = _mm256_add_epi32(v, _mm256_slli_si256(v, 4));
    v = _mm256_add_epi32(v, _mm256_slli_si256(v, 8));
    __m256i low_total = _mm256_blend_epi32(_mm256_setzero_si256(),
                                           _mm256_permutevar8x32_epi32(v, lane3), 0xF0);
    v = _mm256_add_epi32(_mm256_add_epi32(v, low_total), carry);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 8 * g), v);
    carry = _mm256_permutevar8x32_epi32(v, lane7);
  }
}

}  // namespace search::postings
