// SSE4.2 block merge (after Lemire, Boytsov, Kurz, "SIMD compression and the intersection
// of sorted integers", 2016): compare 4 values of a with all 4 rotations of 4 values of b,
// compact the matches with one byte shuffle, and advance the block with the smaller maximum.
#include <immintrin.h>

#include <array>

#include "intersect/kernels.h"

namespace search::intersect::detail {

namespace {
// kShuffle[m]: pshufb control moving the 32-bit lanes set in m to the front.
struct ShuffleTable {
  alignas(16) uint8_t bytes[16][16];
  constexpr ShuffleTable() : bytes() {
    for (int m = 0; m < 16; ++m) {
      int out = 0;
      for (int lane = 0; lane < 4; ++lane) {
        if (m & (1 << lane)) {
          for (int b = 0; b < 4; ++b) bytes[m][out * 4 + b] = static_cast<uint8_t>(lane * 4 + b);
          ++out;
        }
      }
      for (int b = out * 4; b < 16; ++b) bytes[m][b] = 0x80;
    }
  }
};
constexpr ShuffleTable kShuffle;
}  // namespace

__attribute__((target("sse4.2"))) std::size_t merge_sse42(const uint32_t* a, std::size_t na,
                                                           const uint32_t* b, std::size_t nb,
                                                           uint32_t* out) {
  std::size_t i = 0, j = 0, k = 0;
  const std::size_t cap = na < nb ? na : nb;
  const std::size_t sa = na & ~std::size_t{3}, sb = nb & ~std::size_t{3};
  if (sa > 0 && sb > 0) {
    // Branch-free advance: which block moves on is a coin flip on random data.
    while (i < sa && j < sb) {
      __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i));
      __m128i vb = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + j));
      __m128i m = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi32(va, vb), _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, 0x39))),
          _mm_or_si128(_mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, 0x4E)),
                       _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, 0x93))));
      int mask = _mm_movemask_ps(_mm_castsi128_ps(m));
      // Stored even when nothing matched: a branch on the mask would mispredict.
      __m128i packed = _mm_shuffle_epi8(
          va, _mm_load_si128(reinterpret_cast<const __m128i*>(kShuffle.bytes[mask])));
      int n = __builtin_popcount(static_cast<unsigned>(mask));
      if (k + 4 <= cap) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k), packed);
      } else {  // near the end of out: no room for a full store
        alignas(16) uint32_t tmp[4];
        _mm_store_si128(reinterpret_cast<__m128i*>(tmp), packed);
        for (int t = 0; t < n; ++t) out[k + t] = tmp[t];
      }
      k += n;
      uint32_t amax = a[i + 3], bmax = b[j + 3];
      i += 4 * static_cast<std::size_t>(amax <= bmax);
      j += 4 * static_cast<std::size_t>(bmax <= amax);
    }
  }
  // The tails (and a block of a whose matches with earlier b blocks were already counted:
  // those cannot match again, the b values ahead are larger).
  return k + merge_scalar(a + i, na - i, b + j, nb - j, out + k);
}

}  // namespace search::intersect::detail
