// AVX2 block merge: 8 values of a against all 8 rotations of 8 values of b, matches
// compacted with one cross-lane permute (table of 256 index vectors).
#include <immintrin.h>

#include <algorithm>

#include "intersect/kernels.h"

namespace search::intersect::detail {


__attribute__((target("avx2,popcnt"))) std::size_t merge_avx2(const uint32_t* a,
                                                               std::size_t na,
                                                               const uint32_t* b,
                                                               std::size_t nb, uint32_t* out) {
  std::size_t i = 0, j = 0, k = 0;
  const std::size_t cap = na < nb ? na : nb;
  const std::size_t sa = na & ~std::size_t{7}, sb = nb & ~std::size_t{7};
  if (sa > 0 && sb > 0) {
    const __m256i r1 = _mm256_setr_epi32(1, 2, 3, 4, 5, 6, 7, 0);
    const __m256i r2 = _mm256_setr_epi32(2, 3, 4, 5, 6, 7, 0, 1);
    const __m256i r3 = _mm256_setr_epi32(3, 4, 5, 6, 7, 0, 1, 2);
    // Branch-free advance: which block moves on is a coin flip on random data, and a
    // mispredicted branch per step cost more than all the compares.
    while (i < sa && j < sb) {
      __m256i va = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i));
      __m256i vb = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + j));
      // Rotations by 4 swap the 128-bit halves; rotations by 5..7 are those of 1..3 swapped.
      __m256i b1 = _mm256_permutevar8x32_epi32(vb, r1);
      __m256i b2 = _mm256_permutevar8x32_epi32(vb, r2);
      __m256i b3 = _mm256_permutevar8x32_epi32(vb, r3);
      __m256i b4 = _mm256_permute2x128_si256(vb, vb, 1);
      __m256i b5 = _mm256_permute2x128_si256(b1, b1, 1);
      __m256i b6 = _mm256_permute2x128_si256(b2, b2, 1);
      __m256i b7 = _mm256_permute2x128_si256(b3, b3, 1);
      __m256i m = _mm256_or_si256(
          _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi32(va, vb), _mm256_cmpeq_epi32(va, b1)),
                          _mm256_or_si256(_mm256_cmpeq_epi32(va, b2), _mm256_cmpeq_epi32(va, b3))),
          _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi32(va, b4), _mm256_cmpeq_epi32(va, b5)),
                          _mm256_or_si256(_mm256_cmpeq_epi32(va, b6), _mm256_cmpeq_epi32(va, b7))));
      int mask = _mm256_movemask_ps(_mm256_castsi256_ps(m));
      // Stored even when nothing matched: a branch on the mask would mispredict.
      __m256i packed = _mm256_permutevar8x32_epi32(
          va, _mm256_load_si256(reinterpret_cast<const __m256i*>(kCompactLanes.idx[mask])));
      int n = __builtin_popcount(static_cast<unsigned>(mask));
      if (k + 8 <= cap) {
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + k), packed);
      } else {
        alignas(32) uint32_t tmp[8];
        _mm256_store_si256(reinterpret_cast<__m256i*>(tmp), packed);
        for (int t = 0; t < n; ++t) out[k + t] = tmp[t];
      }
      k += n;
      uint32_t amax = a[i + 7], bmax = b[j + 7];
      i += 8 * static_cast<std::size_t>(amax <= bmax);
      j += 8 * static_cast<std::size_t>(bmax <= amax);
    }
  }
  return k + merge_scalar(a + i, na - i, b + j, nb - j, out + k);
}

}  // namespace search::intersect::detail

namespace search::intersect::detail {

// Skewed sizes: for each value of the small a, skip b in blocks of 32 (one predictable
// compare per block), then test the block with four 8-wide compares. Very skewed inputs
// (more than 256 b per a) gallop exponentially first, so that few blocks are touched.
__attribute__((target("avx2"))) std::size_t gallop_avx2(const uint32_t* a, std::size_t na,
                                                        const uint32_t* b, std::size_t nb,
                                                        uint32_t* out) {
  if (na == 0 || nb == 0) return 0;
  const bool far = nb / na > 256;
  std::size_t j = 0, k = 0;
  for (std::size_t i = 0; i < na; ++i) {
    const uint32_t x = a[i];
    if (far && j + 32 <= nb && b[j + 31] < x) {
      // Exponential search over block ends, then binary search for the first block whose
      // last value is >= x.
      std::size_t lo = j + 32, step = 64;
      while (j + step <= nb && b[j + step - 1] < x) {
        lo = j + step;
        step <<= 1;
      }
      std::size_t hi = std::min(j + step, nb);  // b[hi - 1] >= x, or hi == nb
      while (hi - lo > 32) {
        std::size_t mid = lo + std::max<std::size_t>(32, (hi - lo) / 2 & ~std::size_t{31});
        if (b[mid - 1] < x) lo = mid; else hi = mid;
      }
      j = lo;
    }
    while (j + 32 <= nb && b[j + 31] < x) j += 32;
    if (j + 32 <= nb) {
      const __m256i v = _mm256_set1_epi32(static_cast<int>(x));
      const __m256i* p = reinterpret_cast<const __m256i*>(b + j);
      __m256i m = _mm256_or_si256(
          _mm256_or_si256(_mm256_cmpeq_epi32(v, _mm256_loadu_si256(p)),
                          _mm256_cmpeq_epi32(v, _mm256_loadu_si256(p + 1))),
          _mm256_or_si256(_mm256_cmpeq_epi32(v, _mm256_loadu_si256(p + 2)),
                          _mm256_cmpeq_epi32(v, _mm256_loadu_si256(p + 3))));
      out[k] = x;
      k += !_mm256_testz_si256(m, m);
      continue;
    }
    while (j < nb && b[j] < x) ++j;  // the last, partial block
    if (j == nb) break;
    out[k] = x;
    k += b[j] == x;
  }
  return k;
}

}  // namespace search::intersect::detail
